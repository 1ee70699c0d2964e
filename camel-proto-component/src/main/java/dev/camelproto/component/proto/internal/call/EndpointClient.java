package dev.camelproto.component.proto.internal.call;

import dev.camelproto.component.proto.internal.metrics.ProtoMetrics;
import dev.camelproto.component.proto.internal.request.ProtoRequest;
import dev.camelproto.component.proto.internal.retry.RetryPolicy;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;

/**
 * One endpoint's client: where its calls go (base URL), as whom (the Authorization header), with which per-attempt
 * timeouts, total budget ({@code callTimeout}), bounds, size limit and retry policy. The client, threads and teamspace
 * are those of the component's current start ({@link ProtoRuntime}), looked up per call, so an endpoint keeps working
 * across a stop and start of its component. Sending a request is {@code client.send(request, onDone)}.
 */
public final class EndpointClient {

    /** The per-attempt timeouts and call budget, in milliseconds. */
    public record Timeouts(long connect, long response, long connectionRequest, long call) {}

    /** How many calls of this endpoint a teamspace may hold: in its back-off queue, and in all. */
    public record Bounds(int maxQueuedCalls, int maxPendingCalls) {}

    final String baseUrl;
    /** Scheme, host and port of baseUrl, parsed once (not per call). */
    final HttpHost host;
    /** The path of baseUrl (e.g. /api/platform), which every request path follows. */
    final String basePath;

    final Header authorization;
    final Timeouts timeouts;
    final Bounds bounds;
    final long maxResponseSize;
    final RetryPolicy retryPolicy;
    final ProtoMetrics metrics;
    private final RequestConfig requestConfig;
    private final Supplier<ProtoRuntime> runtime;
    private final String teamspaceKey;
    private volatile Bound bound;

    private record Bound(ProtoRuntime runtime, Teamspace teamspace) {}

    public EndpointClient(
            Supplier<ProtoRuntime> runtime,
            String baseUrl,
            String teamspace,
            Header authorization,
            Timeouts timeouts,
            Bounds bounds,
            long maxResponseSize,
            RetryPolicy retryPolicy,
            ProtoMetrics metrics) {
        this.runtime = runtime;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        URI uri = URI.create(this.baseUrl);
        this.host = HttpHost.create(uri);
        this.basePath = uri.getRawPath() == null ? "" : uri.getRawPath();
        this.teamspaceKey = this.baseUrl + "|" + teamspace;
        this.authorization = authorization;
        this.timeouts = timeouts;
        this.bounds = bounds;
        this.maxResponseSize = maxResponseSize;
        this.retryPolicy = retryPolicy;
        this.metrics = metrics;
        this.requestConfig = requestConfig(Long.MAX_VALUE);
    }

    /**
     * Sends the request with retries as the policy allows; {@code onDone} runs exactly once, within callTimeout (plus
     * the sweep's tick and the hand-off), on a completion thread (never on an HTTP I/O or timer thread).
     */
    public void send(ProtoRequest request, Consumer<CallResult> onDone) {
        send(request, newDeadline(), onDone);
    }

    /**
     * Sends one call of an exchange that makes several (the steps of {@code customer/upsert}): every call shares the
     * exchange's deadline from {@link #newDeadline()}, so callTimeout bounds the whole exchange, not each step.
     */
    public void send(ProtoRequest request, long deadlineNanos, Consumer<CallResult> onDone) {
        new ProtoCall(this, request, deadlineNanos, onDone).start();
    }

    /** The deadline (on the runtime's clock) of an exchange starting now: now + callTimeout. */
    public long newDeadline() {
        ProtoRuntime rt = runtime.get();
        long now = rt != null ? rt.clock.nanoTime() : System.nanoTime();
        return now + TimeUnit.MILLISECONDS.toNanos(timeouts.call());
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The current start's runtime; null when the component is not started. */
    ProtoRuntime runtime() {
        return runtime.get();
    }

    /**
     * Binds this teamspace of the current start now (when the endpoint starts), so the endpoint holds it for as long as
     * it lives: the runtime keeps teamspaces only weakly. Nothing happens while the component is stopped.
     */
    public void bindTeamspace() {
        ProtoRuntime rt = runtime();
        if (rt != null) {
            teamspace(rt);
        }
    }

    /** This endpoint's teamspace in {@code rt}; null when rt is stopping. */
    Teamspace teamspace(ProtoRuntime rt) {
        Bound b = bound;
        if (b == null || b.runtime() != rt) {
            Teamspace t = rt.teamspace(teamspaceKey);
            if (t == null) {
                return null;
            }
            b = new Bound(rt, t);
            bound = b;
        }
        return b.teamspace();
    }

    /** One attempt's timeouts: the configured ones, none longer than the call's time left (at least 1 ms). */
    @SuppressWarnings(
            "deprecation") // RequestConfig's connect timeout is still honoured per request by the async client
    RequestConfig requestConfig(long timeLeftMillis) {
        if (requestConfig != null
                && timeLeftMillis
                        >= Math.max(timeouts.response(), Math.max(timeouts.connect(), timeouts.connectionRequest()))) {
            return requestConfig;
        }
        return RequestConfig.custom()
                .setConnectTimeout(Timeout.ofMilliseconds(clamp(timeouts.connect(), timeLeftMillis)))
                .setResponseTimeout(Timeout.ofMilliseconds(clamp(timeouts.response(), timeLeftMillis)))
                .setConnectionRequestTimeout(
                        Timeout.ofMilliseconds(clamp(timeouts.connectionRequest(), timeLeftMillis)))
                .build();
    }

    private static long clamp(long configured, long timeLeft) {
        return Math.max(1, Math.min(configured, timeLeft)); // 0 would mean "no timeout" to HttpClient
    }
}
