package dev.camelproto.component.proto.internal.call;

import dev.camelproto.component.proto.internal.request.ProtoRequest;
import dev.camelproto.component.proto.internal.retry.RetryPolicy;
import dev.camelproto.component.proto.internal.ratelimit.TeamspaceGate;
import dev.camelproto.component.proto.internal.metrics.ProtoMetrics;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;

/**
 * One endpoint's bound call context: where to send (base URL), as whom (the Authorization header), with which
 * per-attempt timeouts, total budget ({@code callTimeout}), size limit and retry policy. The client, threads and
 * teamspace gate are those of the component's current start ({@link ProtoRuntime}), looked up per call, so an endpoint
 * keeps working across a stop and start of its component. Sending a request is {@code api.send(request, onDone)}.
 */
public final class ProtoApi {

    final String baseUrl;
    /** Scheme, host and port of baseUrl, parsed once (not per call). */
    final HttpHost host;
    /** The path of baseUrl (e.g. /api/platform), which every request path follows. */
    final String basePath;
    final Header authorization;
    final long connectTimeoutMillis;
    final long responseTimeoutMillis;
    final long connectionRequestTimeoutMillis;
    final RequestConfig requestConfig;
    final long callTimeoutMillis;
    final long maxResponseSize;
    final RetryPolicy retryPolicy;
    final ProtoMetrics metrics;
    private final Supplier<ProtoRuntime> runtime;
    private final String gateKey;
    /** This endpoint's bound on the teamspace gate's wait queue (each call carries it to the gate). */
    final int maxQueuedCalls;
    private volatile Bound bound;

    private record Bound(ProtoRuntime runtime, TeamspaceGate gate) {
    }

    /** The per-attempt timeouts and call budget, in milliseconds. */
    public record Timeouts(long connect, long response, long connectionRequest, long call) {
    }

    public ProtoApi(Supplier<ProtoRuntime> runtime, String baseUrl, String teamspace, Header authorization,
                    Timeouts timeouts, long maxResponseSize, int maxQueuedCalls, RetryPolicy retryPolicy,
                    ProtoMetrics metrics) {
        this.runtime = runtime;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        URI uri = URI.create(this.baseUrl);
        this.host = HttpHost.create(uri);
        this.basePath = uri.getRawPath() == null ? "" : uri.getRawPath();
        this.gateKey = this.baseUrl + "|" + teamspace;
        this.authorization = authorization;
        this.connectTimeoutMillis = timeouts.connect();
        this.responseTimeoutMillis = timeouts.response();
        this.connectionRequestTimeoutMillis = timeouts.connectionRequest();
        this.callTimeoutMillis = timeouts.call();
        this.requestConfig = requestConfig(Long.MAX_VALUE);
        this.maxResponseSize = maxResponseSize;
        this.maxQueuedCalls = maxQueuedCalls;
        this.retryPolicy = retryPolicy;
        this.metrics = metrics;
    }

    /**
     * Sends the request with retries as the policy allows; {@code onDone} runs exactly once, within callTimeout (plus
     * the time to hand the result over), on the component's response threads (never on an HTTP I/O thread), with the
     * final result.
     */
    public void send(ProtoRequest request, Consumer<CallResult> onDone) {
        send(request, newDeadline(), onDone);
    }

    /**
     * Sends one call of an exchange that makes several (the steps of {@code customer/upsert}): every call shares the
     * exchange's deadline from {@link #newDeadline()}, so callTimeout bounds the whole exchange, not each step.
     */
    public void send(ProtoRequest request, long deadlineNanos, Consumer<CallResult> onDone) {
        new ProtoCall(this, request, baseUrl + request.path(), basePath + request.path(), deadlineNanos, onDone)
                .start();
    }

    /** The deadline ({@link System#nanoTime()}) of an exchange starting now: now + callTimeout. */
    public long newDeadline() {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(callTimeoutMillis);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The current start's runtime and this teamspace's gate in it; null when the component is not started. */
    ProtoRuntime runtime() {
        return runtime.get();
    }

    /**
     * Binds this teamspace's gate of the current start now (when the endpoint starts), so the endpoint holds it for as
     * long as it lives: the component keeps gates only weakly. Nothing happens while the component is stopped.
     */
    public void bindGate() {
        ProtoRuntime rt = runtime();
        if (rt != null) {
            try {
                gate(rt);
            } catch (ComponentStoppedException stopping) {
                // the component is stopping: the next call binds the next start's gate
            }
        }
    }

    TeamspaceGate gate(ProtoRuntime rt) {
        Bound b = bound;
        if (b == null || b.runtime() != rt) {
            b = new Bound(rt, rt.gate(gateKey));
            bound = b;
        }
        return b.gate();
    }

    /** One attempt's timeouts: the configured ones, none longer than the call's time left (at least 1 ms). */
    @SuppressWarnings("deprecation") // RequestConfig's connect timeout is still honoured per request by the async client
    RequestConfig requestConfig(long timeLeftMillis) {
        if (requestConfig != null && timeLeftMillis >= Math.max(responseTimeoutMillis,
                Math.max(connectTimeoutMillis, connectionRequestTimeoutMillis))) {
            return requestConfig;
        }
        return RequestConfig.custom()
                .setConnectTimeout(Timeout.ofMilliseconds(clamp(connectTimeoutMillis, timeLeftMillis)))
                .setResponseTimeout(Timeout.ofMilliseconds(clamp(responseTimeoutMillis, timeLeftMillis)))
                .setConnectionRequestTimeout(Timeout.ofMilliseconds(clamp(connectionRequestTimeoutMillis,
                        timeLeftMillis)))
                .build();
    }

    private static long clamp(long configured, long timeLeft) {
        return Math.max(1, Math.min(configured, timeLeft)); // 0 would mean "no timeout" to HttpClient
    }
}
