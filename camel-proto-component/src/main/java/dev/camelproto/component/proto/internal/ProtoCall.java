package dev.camelproto.component.proto.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exchange's call, through all its attempts: sent through the teamspace gate, each answer or failure classified by
 * the {@link RetryPolicy}, a retry scheduled (never slept on) or the call finished exactly once.
 */
final class ProtoCall implements TeamspaceGate.Entry, FutureCallback<SimpleHttpResponse> {

    private static final Logger LOG = LoggerFactory.getLogger("dev.camelproto.component.proto.ProtoProducer");

    private final ProtoApi api;
    private final ProtoRequest request;
    private final String url;
    private final String pathAndQuery;
    private final Consumer<CallResult> onDone;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile int attempts;
    /** Attempts whose 429 the teamspace gate counted against itself (not charged to this exchange). */
    private volatile int uncharged;
    private volatile long sentAt;
    private volatile boolean mayHaveReachedServer;
    private volatile ScheduledFuture<?> retryTimer;
    private volatile Future<?> onTheWire;

    ProtoCall(ProtoApi api, ProtoRequest request, String url, String pathAndQuery, Consumer<CallResult> onDone) {
        this.api = api;
        this.request = request;
        this.url = url;
        this.pathAndQuery = pathAndQuery;
        this.onDone = onDone;
    }

    void start() {
        api.metrics.started(request.operation());
        if (!api.inFlight.add(this)) {
            abort(new ComponentStoppedException("The proto component is not started"));
            return;
        }
        api.gate.submit(this, false);
    }

    @Override
    public void send() {
        if (finished.get()) {
            return;
        }
        int attempt = ++attempts;
        sentAt = System.nanoTime();
        if (attempt > 1) {
            LOG.debug("Proto {}: attempt {} of at most {}", request.operation(), attempt,
                    api.retryPolicy.maxRetries() + 1);
        }
        try {
            onTheWire = api.client.execute(request, api.host, pathAndQuery, api.authorization, api.requestConfig,
                    api.maxResponseSize, this);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void completed(SimpleHttpResponse response) {
        int status = response.getCode();
        if (status >= 200 && status < 300) {
            api.gate.onSuccess(sentAt);
            finish(response, null, false);
            return;
        }
        if (status == 404 && request.isDelete() && mayHaveReachedServer) {
            LOG.debug("Proto {}: 404 after an earlier attempt that may have deleted it: done", request.operation());
            finish(response, null, true);
            return;
        }
        boolean idempotent = request.idempotent();
        Optional<Duration> retryAfter = RetryAfter.parse(header(response, "Retry-After"));
        RetryPolicy policy = api.retryPolicy;
        if (status == 429 && !policy.tooLong(retryAfter)) {
            // refused, not processed: every request to this teamspace waits, this one first in line
            if (!api.gate.onTooManyRequests(Duration.ofMillis(policy.delayMillis(attempts, retryAfter)), sentAt)) {
                uncharged++;
            }
            if (policy.hasAttemptsLeft(attempts - uncharged)) {
                api.metrics.retried(request.operation());
                LOG.debug("Proto {}: 429 on attempt {}, waiting {} for the teamspace back-off", request.operation(),
                        attempts, retryAfter.map(Object::toString).orElse("the computed delay"));
                api.gate.submit(this, true);
                return;
            }
        } else if (policy.retryableStatus(status, idempotent) && policy.hasAttemptsLeft(attempts)
                   && !policy.tooLong(retryAfter)) {
            // a gateway or proxy may answer 502/503/504 after the backend acted (a 429 is a refusal: not here)
            mayHaveReachedServer = true;
            retryLater("HTTP " + status, policy.delayMillis(attempts, retryAfter));
            return;
        }
        finish(response, null, false);
    }

    @Override
    public void failed(Exception failure) {
        if (failure instanceof LimitedResponseConsumer.TooLargeException) {
            finish(null, failure, false);
            return;
        }
        TransportFailure kind = TransportFailure.of(failure);
        if (kind == TransportFailure.MAY_HAVE_BEEN_SENT) {
            mayHaveReachedServer = true;
        }
        RetryPolicy policy = api.retryPolicy;
        if (policy.retryableFailure(kind, request.idempotent()) && policy.hasAttemptsLeft(attempts)
            && !finished.get()) {
            retryLater(failure.getClass().getSimpleName(), policy.delayMillis(attempts, Optional.empty()));
            return;
        }
        finish(null, failure, false);
    }

    @Override
    public void cancelled() {
        finish(null, new CancellationException("the HTTP request was cancelled"), false);
    }

    /** Fails the call when it is not on the wire (waiting for a retry); used when the component stops. */
    void abortIfWaiting(Exception reason) {
        ScheduledFuture<?> timer = retryTimer;
        if (timer != null && timer.cancel(false)) {
            abort(reason);
        }
    }

    @Override
    public void abort(Exception reason) {
        ScheduledFuture<?> timer = retryTimer;
        if (timer != null) {
            timer.cancel(false);
        }
        finish(null, reason, false);
        Future<?> wire = onTheWire;
        if (wire != null) {
            wire.cancel(true);
        }
    }

    @Override
    public void expire(String waitingFor) {
        abort(new dev.camelproto.component.proto.ProtoCallTimeoutException(request.operation(), attempts,
                mayHaveReachedServer, 0, waitingFor));
    }

    @Override
    public long deadlineNanos() {
        return Long.MAX_VALUE; // no call timeout yet (branch core adds it)
    }

    @Override
    public boolean isFinished() {
        return finished.get();
    }

    @Override
    public String operation() {
        return request.operation();
    }

    @Override
    public int attempts() {
        return attempts;
    }

    private void retryLater(String why, long delayMillis) {
        api.metrics.retried(request.operation());
        LOG.debug("Proto {}: {} on attempt {}, retrying in {} ms", request.operation(), why, attempts, delayMillis);
        try {
            retryTimer = api.scheduler.schedule(() -> {
                retryTimer = null;
                api.gate.submit(this, true);
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            finish(null, new ComponentStoppedException("the proto component is stopped"), false);
        }
    }

    private void finish(SimpleHttpResponse response, Exception failure, boolean retriedDeleteGone) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        api.inFlight.remove(this);
        CallResult result = new CallResult(request, url, response, failure, attempts, retriedDeleteGone);
        api.metrics.finished(request.operation(), response != null ? response.getCode() : 0, result.isSuccess());
        Runnable complete = () -> onDone.accept(result);
        java.util.concurrent.Executor executor = api.responseExecutor;
        if (executor instanceof java.util.concurrent.ExecutorService pool && pool.isShutdown()) {
            complete.run(); // the component is stopping: complete on this thread rather than lose the callback
            return;
        }
        try {
            executor.execute(complete);
        } catch (RejectedExecutionException stopping) {
            complete.run();
        }
    }

    private static String header(SimpleHttpResponse response, String name) {
        Header h = response.getFirstHeader(name);
        return h == null ? null : h.getValue();
    }
}
