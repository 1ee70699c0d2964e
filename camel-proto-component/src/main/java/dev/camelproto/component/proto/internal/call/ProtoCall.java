package dev.camelproto.component.proto.internal.call;

import dev.camelproto.component.proto.internal.retry.RetryAfter;
import dev.camelproto.component.proto.internal.retry.TransportFailure;
import dev.camelproto.component.proto.internal.retry.RetryDecision;
import dev.camelproto.component.proto.internal.transport.PoolTimeoutException;
import dev.camelproto.component.proto.internal.transport.LimitedResponseConsumer;
import dev.camelproto.component.proto.internal.transport.ProtoHttpClient;

import dev.camelproto.component.proto.internal.transport.TransportFailures;
import dev.camelproto.component.proto.internal.request.ProtoRequest;
import dev.camelproto.component.proto.internal.ratelimit.GateEntry;
import dev.camelproto.component.proto.internal.ratelimit.Rejection;
import dev.camelproto.component.proto.internal.ratelimit.TeamspaceGate;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.camelproto.component.proto.ProtoCallTimeoutException;
import dev.camelproto.component.proto.ProtoQueueFullException;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exchange's call, through all its attempts: the plumbing around {@link RetryPolicy#decide}. Sent through the
 * teamspace gate; each answer or failure is decided on; a retry is scheduled (never slept on); a deadline timer fails
 * the call when its {@code callTimeout} runs out; the call finishes exactly once and its callback runs on the response
 * threads. No exception leaves the HttpClient callbacks: an unexpected one finishes the call with it.
 */
final class ProtoCall implements GateEntry, FutureCallback<SimpleHttpResponse> {

    private static final Logger LOG = LoggerFactory.getLogger("dev.camelproto.component.proto.ProtoProducer");

    private final ProtoApi api;
    private final ProtoRequest request;
    private final String url;
    private final String pathAndQuery;
    private final java.util.function.Consumer<CallResult> onDone;
    private ProtoRuntime rt;
    private TeamspaceGate gate;
    private final long deadline;
    // guarded by this: whether the call finished, and how many attempts were handed to the client by then
    private boolean finished;
    private int attempts;
    private final long startedAt = System.nanoTime();
    /** 429s the gate did not charge to this exchange (they do not count against maxRetries). */
    private volatile int uncharged;
    private volatile long sentAt;
    private volatile boolean mayHaveReachedServer;
    /** What the call is waiting for now, for the callTimeout message. */
    private volatile String waitingFor = "starting";
    private volatile ScheduledFuture<?> retryTimer;
    private volatile ScheduledFuture<?> deadlineTimer;
    private volatile Future<?> onTheWire;
    /** An attempt was handed to the client and has not been answered yet. */
    private volatile boolean onWire;

    ProtoCall(ProtoApi api, ProtoRequest request, String url, String pathAndQuery, long deadlineNanos,
              java.util.function.Consumer<CallResult> onDone) {
        this.deadline = deadlineNanos;
        this.api = api;
        this.request = request;
        this.url = url;
        this.pathAndQuery = pathAndQuery;
        this.onDone = onDone;
    }

    void start() {
        api.metrics.started(request.operation());
        ProtoRuntime runtime = api.runtime();
        if (runtime == null) {
            abort(new ComponentStoppedException("The proto component is not started"));
            return;
        }
        try {
            gate = api.gate(runtime);
        } catch (ComponentStoppedException stopping) {
            abort(stopping);
            return;
        }
        rt = runtime;
        if (!runtime.inFlight.add(this)) {
            abort(new ComponentStoppedException("The proto component is not started"));
            return;
        }
        waitingFor = "waiting in the teamspace's rate-limit back-off queue";
        try {
            // the exchange's deadline (set by ProtoApi; shared by the steps of an upsert)
            deadlineTimer = runtime.scheduler.schedule(() -> expire(waitingFor),
                    Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) { // the scheduler rejects only once shut down
            abort(new ComponentStoppedException("the proto component is stopped"));
            return;
        }
        gate.submit(this, false);
    }

    @Override
    public void release() {
        long left = timeLeftMillis();
        int attempt;
        synchronized (this) {
            if (finished) {
                return;
            }
            if (left > 0) {
                // counted before the request is handed to the client: an abort from now on reports this attempt
                attempt = ++attempts;
                onWire = true;
                waitingFor = "waiting for the answer to attempt " + attempt;
            } else {
                attempt = 0;
            }
        }
        if (attempt == 0) {
            expire(waitingFor);
            return;
        }
        sentAt = System.nanoTime();
        if (attempt > 1) {
            LOG.debug("Proto {}: attempt {} of at most {}", request.operation(), attempt,
                    api.retryPolicy.maxRetries() + 1 + uncharged);
        }
        Attempt current = new Attempt();
        try {
            Future<?> wire = rt.client.execute(request.method(), api.host, pathAndQuery, request.body(), api.authorization,
                    api.requestConfig(left), api.maxResponseSize, current.state, current);
            current.wire = wire;
            onTheWire = wire;
            if (isFinished()) {
                wire.cancel(true); // aborted or expired while being handed over
                return;
            }
            // HttpClient checks connectionRequestTimeout only when its pool changes: when every connection is stalled
            // nothing changes, so this attempt gives itself up (unsent) once the pool wait plus a connect are over
            long leaseBound = api.connectionRequestTimeoutMillis + api.connectTimeoutMillis;
            if (leaseBound < left) {
                current.leaseTimer = rt.scheduler.schedule(current::giveUp, leaseBound, TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException stopped) { // the scheduler rejects only once shut down
            abort(new ComponentStoppedException("the proto component is stopped"));
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** One attempt's callbacks: ignored once the attempt was given up in the pool (then it was never sent). */
    private final class Attempt implements FutureCallback<SimpleHttpResponse> {
        private static final int DONE = 3;
        final java.util.concurrent.atomic.AtomicInteger state
                = new java.util.concurrent.atomic.AtomicInteger(ProtoHttpClient.WAITING);
        volatile Future<?> wire;
        volatile ScheduledFuture<?> leaseTimer;

        @Override
        public void completed(SimpleHttpResponse response) {
            if (settle()) {
                ProtoCall.this.completed(response);
            }
        }

        @Override
        public void failed(Exception failure) {
            if (settle()) {
                ProtoCall.this.failed(failure);
            }
        }

        @Override
        public void cancelled() {
            if (settle()) {
                ProtoCall.this.cancelled();
            }
        }

        private boolean settle() {
            cancel(leaseTimer);
            return state.getAndSet(DONE) != ProtoHttpClient.GIVEN_UP;
        }

        void giveUp() {
            if (state.compareAndSet(ProtoHttpClient.WAITING, ProtoHttpClient.GIVEN_UP)) {
                cancel(wire);
                ProtoCall.this.failed(new PoolTimeoutException(api.connectionRequestTimeoutMillis));
            }
        }
    }

    @Override
    public void completed(SimpleHttpResponse response) {
        try {
            onResponse(response);
        } catch (RuntimeException unexpected) {
            LOG.warn("Proto {}: unexpected error handling the answer: {}", request.operation(), unexpected.toString());
            finish(null, unexpected, false);
        }
    }

    @Override
    public void failed(Exception failure) {
        try {
            onFailure(failure);
        } catch (RuntimeException unexpected) {
            LOG.warn("Proto {}: unexpected error handling a failure: {}", request.operation(), unexpected.toString());
            finish(null, unexpected, false);
        }
    }

    @Override
    public void cancelled() {
        try {
            finish(null, new CancellationException("the HTTP request was cancelled"), false);
        } catch (RuntimeException unexpected) {
            LOG.warn("Proto {}: unexpected error: {}", request.operation(), unexpected.toString());
        }
    }

    private void onResponse(SimpleHttpResponse response) {
        onTheWire = null;
        onWire = false;
        if (isFinished()) {
            return; // expired or aborted meanwhile: already answered
        }
        int status = response.getCode();
        if (status >= 200 && status < 300) {
            gate.onSuccess(sentAt);
            finish(response, null, false);
            return;
        }
        Header retryAfterHeader = response.getFirstHeader("Retry-After");
        Optional<java.time.Duration> retryAfter = RetryAfter.parse(retryAfterHeader == null
                ? null : retryAfterHeader.getValue());
        apply(decide(status, null, retryAfter), response, null);
    }

    private void onFailure(Exception failure) {
        onTheWire = null;
        onWire = false;
        if (isFinished()) {
            return;
        }
        if (failure instanceof LimitedResponseConsumer.TooLargeException) {
            finish(null, failure, false);
            return;
        }
        apply(decide(0, TransportFailures.classify(failure), Optional.empty()), null, failure);
    }

    private RetryDecision decide(int status, TransportFailure failure, Optional<java.time.Duration> retryAfter) {
        return api.retryPolicy.decide(status, failure, retryAfter, request.idempotent(), request.isDelete(),
                attempts() - uncharged, mayHaveReachedServer, timeLeftMillis(), ThreadLocalRandom.current());
    }

    private void apply(RetryDecision decision, SimpleHttpResponse response, Exception failure) {
        if (decision.reachedServer()) {
            mayHaveReachedServer = true;
        }
        switch (decision.action()) {
            case FINISH -> finish(response, failure, false);
            case DELETE_GONE -> {
                LOG.debug("Proto {}: 404 after an earlier attempt that may have deleted it: done", request.operation());
                finish(response, null, true);
            }
            case GATE -> {
                // refused, not processed: every request to this teamspace waits, this one first in line
                boolean charged = gate.onTooManyRequests(decision.gatePause(), sentAt);
                if (!charged) {
                    uncharged++;
                }
                if (charged && decision.lastAttempt()) {
                    finish(response, failure, false);
                    return;
                }
                api.metrics.retried(request.operation());
                LOG.debug("Proto {}: 429 on attempt {}, waiting {} ms for the teamspace back-off", request.operation(),
                        attempts(), decision.gatePause().toMillis());
                waitingFor = "waiting in the teamspace's rate-limit back-off queue after an HTTP 429";
                gate.submit(this, true);
            }
            case TIMEOUT -> {
                if (decision.gatePause() != null) {
                    gate.onTooManyRequests(decision.gatePause(), sentAt); // the others still wait
                }
                expire("waiting to retry after " + decision.why() + ": the wait of " + decision.delayMillis()
                       + " ms would end after it");
            }
            case RETRY -> retryLater(decision.why(), decision.delayMillis());
        }
    }

    /** Fails the call when it is not on the wire (waiting for a retry); used when the component stops. */
    void abortIfWaiting(Exception reason) {
        ScheduledFuture<?> timer = retryTimer;
        if (timer != null && timer.cancel(false)) {
            abort(reason);
        }
    }

    @Override
    public void reject(Rejection why) {
        switch (why) {
            case CLOSED -> abort(new ComponentStoppedException("the proto component is stopped"));
            case QUEUE_FULL -> abort(new ProtoQueueFullException(request.operation(), attempts(), api.maxQueuedCalls));
            case DEADLINE -> expire("waiting in the teamspace's 429 back-off");
        }
    }

    @Override
    public int maxQueued() {
        return api.maxQueuedCalls;
    }

    public void abort(Exception reason) {
        if (finish(null, reason, false)) {
            cancelWire();
        }
    }

    public void expire(String what) {
        if (isFinished()) {
            return;
        }
        ProtoCallTimeoutException timeout = new ProtoCallTimeoutException(request.operation(), attempts(),
                mayHaveReachedServer || onWire, api.callTimeoutMillis, what);
        if (finish(null, timeout, false)) {
            cancelWire();
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

    public String operation() {
        return request.operation();
    }

    public synchronized int attempts() {
        return attempts;
    }

    private long timeLeftMillis() {
        return deadline == Long.MAX_VALUE ? Long.MAX_VALUE
                : TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    }

    private void cancelWire() {
        Future<?> wire = onTheWire;
        if (wire != null) {
            wire.cancel(true);
        }
    }

    private void retryLater(String why, long delayMillis) {
        api.metrics.retried(request.operation());
        LOG.debug("Proto {}: {} on attempt {}, retrying in {} ms", request.operation(), why, attempts(), delayMillis);
        waitingFor = "waiting " + delayMillis + " ms for the retry timer after " + why;
        try {
            retryTimer = rt.scheduler.schedule(() -> {
                retryTimer = null;
                waitingFor = "waiting in the teamspace's rate-limit back-off queue to retry";
                gate.submit(this, true);
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) { // the scheduler rejects only once shut down
            finish(null, new ComponentStoppedException("the proto component is stopped"), false);
        }
        if (isFinished()) {
            ScheduledFuture<?> timer = retryTimer;
            if (timer != null) {
                timer.cancel(false); // finished (stopped, expired) while the timer was being set
            }
        }
    }

    /** Finishes the call once; returns false when it had already finished. */
    private boolean finish(SimpleHttpResponse response, Exception failure, boolean retriedDeleteGone) {
        int made;
        synchronized (this) {
            if (finished) {
                return false;
            }
            finished = true;
            made = attempts;
        }
        cancel(deadlineTimer);
        cancel(retryTimer);
        ProtoRuntime runtime = rt;
        if (runtime != null) {
            runtime.inFlight.remove(this);
        }
        CallResult result = new CallResult(request, url, response, failure, made, retriedDeleteGone);
        api.metrics.finished(request.operation(), startedAt,
                response != null ? response.getCode() : 0, result.isSuccess());
        Runnable complete = () -> onDone.accept(result);
        if (runtime == null) {
            complete.run(); // never started: we are on the caller's thread, not an I/O thread
            return true;
        }
        try {
            // the response pool's queue is unbounded and, once shut down, it runs a late task on a new thread:
            // execute never rejects, so no callback is lost between a stop and this hand-off
            runtime.responseExecutor.execute(complete);
        } catch (RuntimeException unexpected) {
            LOG.warn("Proto {}: the response pool refused the completion ({}): completing on a new thread",
                    request.operation(), unexpected.toString());
            Thread late = new Thread(complete, "ProtoResponse-late");
            late.setDaemon(true);
            late.start();
        }
        return true;
    }

    private static void cancel(Future<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
