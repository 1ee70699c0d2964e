package dev.camelproto.component.proto.internal.call;

import dev.camelproto.component.proto.ProtoCallTimeoutException;
import dev.camelproto.component.proto.ProtoComponentStoppedException;
import dev.camelproto.component.proto.ProtoQueueFullException;
import dev.camelproto.component.proto.internal.metrics.CallObserver;
import dev.camelproto.component.proto.internal.ratelimit.GateEntry;
import dev.camelproto.component.proto.internal.ratelimit.Rejection;
import dev.camelproto.component.proto.internal.request.ProtoRequest;
import dev.camelproto.component.proto.internal.retry.AttemptOutcome;
import dev.camelproto.component.proto.internal.retry.CallState;
import dev.camelproto.component.proto.internal.retry.RetryAfter;
import dev.camelproto.component.proto.internal.retry.RetryDecision;
import dev.camelproto.component.proto.internal.retry.TransportFailure;
import dev.camelproto.component.proto.internal.time.Clock;
import dev.camelproto.component.proto.internal.transport.Attempt;
import dev.camelproto.component.proto.internal.transport.LimitedResponseConsumer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.core5.http.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exchange's call, through all its attempts: attempt, decide ({@link dev.camelproto.component.proto.internal.retry
 * .RetryPolicy#decide}), schedule. It passes the teamspace's gate before each attempt, retries on the runtime's clock
 * (never sleeping), and ends exactly once: answered, failed, expired by the runtime's sweep at its deadline, refused
 * by a bound, or stopped. Its result says truthfully whether the server may have processed the request: true exactly
 * when some attempt was carried by a connection and not refused. The callback runs on a completion thread.
 */
final class ProtoCall implements GateEntry, Attempt.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(ProtoCall.class);
    private static final String IN_BACK_OFF = "waiting in the teamspace's rate-limit back-off queue";

    private final EndpointClient endpoint;
    private final ProtoRequest request;
    private final long deadline;
    private final Consumer<CallResult> onDone;
    private final long startedAt = System.nanoTime();
    private volatile ProtoRuntime rt;
    private volatile Teamspace teamspace;
    private volatile boolean held;

    // guarded by this
    private boolean finished;
    private int attempts;
    /** 429s the gate counted against itself: they do not count against maxRetries. */
    private int uncharged;
    /** The attempt waiting for a connection or on the wire; null between attempts. */
    private Attempt current;

    private long currentSentAt;
    private Clock.Timer retryTimer = Clock.NONE;
    /** Some earlier attempt was carried by a connection and not refused: it may have been processed. */
    private boolean mayHaveReachedServer;
    /** What the call waits for now, for the callTimeout message. */
    private String waitingFor = "starting";

    ProtoCall(EndpointClient endpoint, ProtoRequest request, long deadlineNanos, Consumer<CallResult> onDone) {
        this.endpoint = endpoint;
        this.request = request;
        this.deadline = deadlineNanos;
        this.onDone = onDone;
    }

    void start() {
        endpoint.metrics.started(request.operation());
        ProtoRuntime runtime = endpoint.runtime();
        Teamspace space = runtime == null ? null : endpoint.teamspace(runtime);
        if (space == null) {
            end(null, (n, may) -> stopped(n, may, "the proto component is not started"), false);
            return;
        }
        rt = runtime;
        teamspace = space;
        int maxPending = endpoint.bounds.maxPendingCalls();
        if (!space.tryHold(maxPending)) {
            end(
                    null,
                    (n, may) -> new ProtoQueueFullException(
                            request.operation(),
                            n,
                            "maxPendingCalls",
                            maxPending,
                            "the component already holds that many calls of this teamspace (queued, waiting for a pooled"
                                    + " connection, on the wire or waiting for a retry)"),
                    false);
            return;
        }
        held = true;
        if (!runtime.inFlight.add(this)) {
            end(null, (n, may) -> stopped(n, may, "the proto component is stopped"), false);
            return;
        }
        synchronized (this) {
            waitingFor = space.gate.isOpen() ? "about to send attempt 1" : IN_BACK_OFF;
        }
        space.gate.submit(this, false);
    }

    // ---- the gate's side

    @Override
    public void release() {
        if (rt.clock.onTimerThread()) {
            // released by a gate tick or a retry timer: HttpClient may resolve the host name on the thread that
            // calls execute, and a slow DNS lookup there would hold every deadline, retry and release behind it
            rt.sender.execute(this::attempt);
        } else {
            attempt();
        }
    }

    private void attempt() {
        long now = rt.clock.nanoTime();
        Attempt attempt;
        long left;
        synchronized (this) {
            if (finished) {
                return;
            }
            left = millisLeft(now);
            if (left <= 0) {
                attempt = null;
            } else {
                attempts++;
                long leaseBound = endpoint.timeouts.connectionRequest() + endpoint.timeouts.connect();
                attempt = new Attempt(
                        this,
                        leaseBound < left ? now + TimeUnit.MILLISECONDS.toNanos(leaseBound) : Long.MAX_VALUE,
                        endpoint.timeouts.connectionRequest());
                current = attempt;
                currentSentAt = now;
                waitingFor = "waiting for the answer to attempt " + attempts;
            }
        }
        if (attempt == null) {
            expire();
            return;
        }
        if (attempt != null && LOG.isDebugEnabled() && attemptsMade() > 1) {
            LOG.debug("Proto {}: attempt {}", request.operation(), attemptsMade());
        }
        try {
            rt.transport.execute(
                    attempt,
                    request.method(),
                    endpoint.host,
                    endpoint.basePath + request.path(),
                    request.body(),
                    endpoint.authorization,
                    endpoint.requestConfig(left),
                    endpoint.maxResponseSize);
        } catch (RuntimeException refused) { // e.g. the client is closing: the attempt reads it as sent or not
            attempt.failed(refused);
        }
    }

    @Override
    public void reject(Rejection why) {
        switch (why) {
            case CLOSED -> stopNow();
            case QUEUE_FULL -> {
                int max = endpoint.bounds.maxQueuedCalls();
                end(
                        null,
                        (n, may) -> new ProtoQueueFullException(
                                request.operation(),
                                n,
                                may,
                                "maxQueuedCalls",
                                max,
                                "the teamspace's rate-limit back-off queue is full"),
                        false);
            }
            case DEADLINE -> expire();
        }
    }

    @Override
    public long deadlineNanos() {
        return deadline;
    }

    @Override
    public synchronized boolean isFinished() {
        return finished;
    }

    @Override
    public int maxQueued() {
        return endpoint.bounds.maxQueuedCalls();
    }

    // ---- the attempt's side (HttpClient I/O threads, or the timer thread for a lease given up)

    @Override
    public void answered(Attempt attempt, SimpleHttpResponse response) {
        try {
            onAnswer(attempt, response);
        } catch (RuntimeException | Error unexpected) {
            LOG.warn("Proto {}: unexpected error handling the answer: {}", request.operation(), unexpected.toString());
            end(null, (n, may) -> asException(unexpected), false);
        }
    }

    @Override
    public void failed(Attempt attempt, Exception failure, TransportFailure sent) {
        try {
            onFailure(attempt, failure, sent);
        } catch (RuntimeException | Error unexpected) {
            LOG.warn("Proto {}: unexpected error handling a failure: {}", request.operation(), unexpected.toString());
            end(null, (n, may) -> asException(unexpected), false);
        }
    }

    private void onAnswer(Attempt attempt, SimpleHttpResponse response) {
        int status = response.getCode();
        Header header = response.getFirstHeader("Retry-After");
        Optional<Duration> retryAfter = RetryAfter.parse(header == null ? null : header.getValue());
        boolean refused = status == 429 || status == 503 && retryAfter.isPresent();
        long sentAt;
        boolean reachedBefore;
        synchronized (this) {
            if (finished || current != attempt) {
                return; // ended meanwhile (expired, stopped): already answered
            }
            current = null;
            sentAt = currentSentAt;
            reachedBefore = mayHaveReachedServer;
            if (!refused) {
                mayHaveReachedServer = true; // recorded with current = null: an end() from now on must see it
            }
        }
        if (status >= 200 && status < 300) {
            teamspace.gate.onSuccess(sentAt);
            synchronized (this) {
                mayHaveReachedServer = true;
            }
            end(response, null, false);
            return;
        }
        apply(decide(status, null, retryAfter, reachedBefore), response, null, sentAt);
    }

    private void onFailure(Attempt attempt, Exception failure, TransportFailure sent) {
        long sentAt;
        synchronized (this) {
            if (finished || current != attempt) {
                return;
            }
            current = null;
            sentAt = currentSentAt;
            if (sent == TransportFailure.MAY_HAVE_BEEN_SENT) {
                mayHaveReachedServer = true;
            }
        }
        if (failure instanceof LimitedResponseConsumer.TooLargeException) {
            end(null, (n, may) -> failure, false);
            return;
        }
        boolean reached;
        synchronized (this) {
            reached = mayHaveReachedServer;
        }
        apply(decide(0, sent, Optional.empty(), reached), null, failure, sentAt);
    }

    /** {@code reached}: whether an attempt before this one may have been processed (a DELETE's 404 reads it). */
    /** An Error met while handling an answer ends the call with it, wrapped (the exchange carries an Exception). */
    private static Exception asException(Throwable unexpected) {
        return unexpected instanceof Exception e ? e : new IllegalStateException(unexpected.toString(), unexpected);
    }

    private RetryDecision decide(int status, TransportFailure failure, Optional<Duration> retryAfter, boolean reached) {
        int charged;
        synchronized (this) {
            charged = attempts - uncharged;
        }
        AttemptOutcome outcome =
                failure != null ? AttemptOutcome.failed(failure) : AttemptOutcome.answered(status, retryAfter);
        CallState call = new CallState(
                request.idempotent(), request.isDelete(), charged, reached, millisLeft(rt.clock.nanoTime()));
        return endpoint.retryPolicy.decide(outcome, call, ThreadLocalRandom.current());
    }

    private void apply(RetryDecision decision, SimpleHttpResponse response, Exception failure, long sentAt) {
        if (decision.mayHaveReachedServer() && response != null) {
            synchronized (this) {
                mayHaveReachedServer = true; // a gateway status: the server (or one behind it) may have processed it
            }
        }
        switch (decision.action()) {
            case FINISH -> end(response, failure == null ? null : (n, may) -> failure, false);
            case DELETE_GONE -> {
                LOG.debug("Proto {}: 404 after an earlier attempt that may have deleted it: done", request.operation());
                end(response, null, true);
            }
            case GATE -> {
                // refused, not processed: every request to this teamspace waits, this one first in line
                boolean charged = teamspace.gate.onTooManyRequests(decision.gatePause(), sentAt);
                if (charged && decision.lastAttempt()) {
                    end(response, null, false);
                    return;
                }
                synchronized (this) {
                    if (!charged) {
                        uncharged++;
                    }
                    waitingFor = IN_BACK_OFF + " after an HTTP 429";
                }
                endpoint.metrics.retried(request.operation());
                LOG.debug(
                        "Proto {}: 429, waiting {} ms for the teamspace back-off",
                        request.operation(),
                        decision.gatePause().toMillis());
                teamspace.gate.submit(this, true);
            }
            case TIMEOUT -> {
                if (decision.gatePause() != null) {
                    teamspace.gate.onTooManyRequests(decision.gatePause(), sentAt); // the others still wait
                }
                synchronized (this) {
                    waitingFor = "waiting to retry after " + decision.why() + ": the wait of " + decision.delayMillis()
                            + " ms would end after it";
                }
                expire();
            }
            case RETRY -> retryLater(decision.why(), decision.delayMillis());
        }
    }

    private void retryLater(String why, long delayMillis) {
        endpoint.metrics.retried(request.operation());
        LOG.debug("Proto {}: {}, retrying in {} ms", request.operation(), why, delayMillis);
        synchronized (this) {
            if (finished) {
                return;
            }
            waitingFor = "waiting " + delayMillis + " ms for the retry timer after " + why;
        }
        Clock.Timer timer;
        try {
            timer = rt.clock.schedule(
                    () -> {
                        synchronized (this) {
                            retryTimer = Clock.NONE;
                            waitingFor = IN_BACK_OFF + " to retry";
                        }
                        teamspace.gate.submit(this, true);
                    },
                    TimeUnit.MILLISECONDS.toNanos(delayMillis));
        } catch (RejectedExecutionException stopped) { // the clock rejects only once shut down
            stopNow();
            return;
        }
        boolean late;
        synchronized (this) {
            late = finished;
            if (!late) {
                retryTimer = timer;
            }
        }
        if (late) {
            timer.cancel(); // ended (stopped, expired) while the timer was being set
        }
    }

    // ---- the runtime's side (the sweep on the timer thread; the stop)

    /** At the runtime's sweep: expire at the deadline; give up an attempt that waits too long for a connection. */
    void sweep(long nowNanos) {
        Attempt attempt;
        synchronized (this) {
            if (finished) {
                return;
            }
            attempt = current;
        }
        if (nowNanos - deadline >= 0) {
            expire();
        } else if (attempt != null) {
            attempt.giveUpIfWaiting(nowNanos);
        }
    }

    /** The component stops: ends the call now unless a connection carries its attempt (that one is waited for). */
    void stopIfNotOnTheWire() {
        Attempt attempt;
        synchronized (this) {
            if (finished) {
                return;
            }
            attempt = current;
        }
        if (attempt == null || attempt.state() == Attempt.State.WAITING) {
            stopNow();
        }
    }

    /** The component's stop timeout is over: ends the call now. */
    void stopNow() {
        String what;
        synchronized (this) {
            what = waitingFor;
        }
        end(
                null,
                (n, may) -> stopped(n, may, "the proto component was stopped with this call in flight (" + what + ")"),
                false);
    }

    private void expire() {
        String what;
        synchronized (this) {
            what = waitingFor;
        }
        end(
                null,
                (n, may) -> new ProtoCallTimeoutException(request.operation(), n, may, endpoint.timeouts.call(), what),
                false);
    }

    private ProtoComponentStoppedException stopped(int made, boolean may, String what) {
        return new ProtoComponentStoppedException(
                request.operation(),
                made,
                may,
                what + (may ? "; the request may have been processed" : "; nothing was sent"));
    }

    // ---- the end

    /** Builds a failure once the call's truth is known: its attempts and whether the server may have processed it. */
    @FunctionalInterface
    private interface Failure {
        Exception of(int attempts, boolean mayHaveBeenProcessed);
    }

    /**
     * Ends the call once: an answer ({@code response}) or a failure. Its attempt is cancelled first (given up if still
     * waiting for a connection), so that "may have been processed" is then final and exact. Then the bookkeeping that
     * cannot fail, the hand-off of the callback, and only after it the observer. Returns false if it had already ended.
     */
    private boolean end(SimpleHttpResponse response, Failure failure, boolean retriedDeleteGone) {
        Attempt attempt;
        Clock.Timer timer;
        int made;
        boolean reached;
        synchronized (this) {
            if (finished) {
                return false;
            }
            finished = true;
            attempt = current;
            current = null;
            timer = retryTimer;
            retryTimer = Clock.NONE;
            made = attempts;
            reached = mayHaveReachedServer;
        }
        timer.cancel();
        if (attempt != null) {
            attempt.cancel(); // from now on it cannot be leased: maySendOrHaveSent() is final
        }
        boolean may = reached || attempt != null && attempt.maySendOrHaveSent();
        Exception error = failure == null ? null : failure.of(made, may);
        CallResult result = new CallResult(
                request, endpoint.baseUrl + request.path(), response, error, made, retriedDeleteGone, may);
        CallObserver.Outcome outcome = null;
        try {
            if (rt != null) {
                rt.inFlight.remove(this);
            }
            if (held) {
                teamspace.release();
            }
            outcome = endpoint.metrics.finished(
                    request.operation(), response != null ? response.getCode() : 0, result.isSuccess());
        } finally {
            handOff(result);
        }
        endpoint.metrics.observeFinished(request.operation(), outcome, startedAt);
        return true;
    }

    private void handOff(CallResult result) {
        if (rt == null) {
            onDone.accept(result); // never started: we are on the caller's thread, not an I/O thread
        } else {
            rt.completions.execute(() -> onDone.accept(result));
        }
    }

    private synchronized int attemptsMade() {
        return attempts;
    }

    private long millisLeft(long nowNanos) {
        return deadline == Long.MAX_VALUE ? Long.MAX_VALUE : TimeUnit.NANOSECONDS.toMillis(deadline - nowNanos);
    }
}
