package dev.camelproto.component.proto.internal;

import java.net.URI;

import org.apache.hc.core5.http.HttpHost;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.http.Header;

/**
 * One endpoint's bound call context: where to send (base URL), as whom (the Authorization header), with which
 * per-attempt timeouts, size limit and retry policy, through which shared client, teamspace gate and threads. Built once
 * when the endpoint starts, so that sending a request is {@code api.send(request, onDone)}.
 */
public final class ProtoApi {

    final ProtoHttpClient client;
    final String baseUrl;
    /** Scheme, host and port of baseUrl, parsed once (not per call). */
    final HttpHost host;
    /** The path of baseUrl (e.g. /api/platform), which every request path follows. */
    final String basePath;
    final Header authorization;
    final RequestConfig requestConfig;
    final long maxResponseSize;
    final RetryPolicy retryPolicy;
    final TeamspaceGate gate;
    final ScheduledExecutorService scheduler;
    final Executor responseExecutor;
    final ProtoMetrics metrics;
    final InFlightCalls inFlight;

    public ProtoApi(ProtoHttpClient client, String baseUrl, Header authorization, RequestConfig requestConfig,
                    long maxResponseSize, RetryPolicy retryPolicy, TeamspaceGate gate,
                    ScheduledExecutorService scheduler, Executor responseExecutor, ProtoMetrics metrics,
                    InFlightCalls inFlight) {
        this.client = client;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        URI uri = URI.create(this.baseUrl);
        this.host = HttpHost.create(uri);
        this.basePath = uri.getRawPath() == null ? "" : uri.getRawPath();
        this.authorization = authorization;
        this.requestConfig = requestConfig;
        this.maxResponseSize = maxResponseSize;
        this.retryPolicy = retryPolicy;
        this.gate = gate;
        this.scheduler = scheduler;
        this.responseExecutor = responseExecutor;
        this.metrics = metrics;
        this.inFlight = inFlight;
    }

    /**
     * Sends the request with retries as the policy allows; {@code onDone} runs exactly once, on the component's
     * response threads (never on an HTTP I/O thread), with the final result.
     */
    public void send(ProtoRequest request, Consumer<CallResult> onDone) {
        new ProtoCall(this, request, baseUrl + request.path(), basePath + request.path(), onDone).start();
    }

    public String baseUrl() {
        return baseUrl;
    }
}
