package dev.camelproto.component.proto;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.camelproto.component.proto.internal.CallResult;
import dev.camelproto.component.proto.internal.ProtoApi;
import dev.camelproto.component.proto.internal.ProtoOperation;
import dev.camelproto.component.proto.internal.ProtoRequest;
import dev.camelproto.component.proto.internal.RequestFactory;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * The producer health check of one endpoint configuration (base URL + teamspace + secret): calls customField/list, at
 * most once per {@link #CACHE_MILLIS}, and reports DOWN on 401/403 ("takeover secret rejected"), on a connection failure
 * or a timeout, UP on any other answer. The secret appears in no detail and no message.
 */
public final class ProtoProducerHealthCheck extends AbstractHealthCheck {

    /** How long one probe's result is reused; health endpoints polled often never cause a storm of calls. */
    public static final long CACHE_MILLIS = 30_000;

    private final ProtoApi api;
    private final String subcompanyId;
    private final String secret;
    private final long waitMillis;
    private long probedAt;
    private Probe last;

    private record Probe(boolean up, String message, Integer status) {
    }

    ProtoProducerHealthCheck(String id, ProtoApi api, String subcompanyId, String secret, long waitMillis) {
        super("camel", id);
        this.api = api;
        this.subcompanyId = subcompanyId;
        this.secret = secret;
        this.waitMillis = waitMillis;
    }

    @Override
    public boolean isLiveness() {
        return false; // an unreachable SaaS API is no reason to restart this process
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Probe probe = probe();
        builder.detail("api.url", api.baseUrl());
        builder.detail("subcompany.id", subcompanyId);
        if (probe.status() != null) {
            builder.detail("http.status.code", probe.status());
        }
        builder.message(secret == null || secret.isEmpty() ? probe.message()
                : probe.message().replace(secret, "******")); // an error text that echoes the request stays masked
        if (probe.up()) {
            builder.up();
        } else {
            builder.down();
        }
    }

    private synchronized Probe probe() {
        long now = System.currentTimeMillis();
        if (last != null && now - probedAt < CACHE_MILLIS) {
            return last;
        }
        String path = RequestFactory.path(ProtoOperation.CUSTOM_FIELD_LIST, p -> subcompanyId);
        CompletableFuture<CallResult> done = new CompletableFuture<>();
        api.send(new ProtoRequest("health-check", "GET", path, null, null), done::complete);
        Probe probe;
        try {
            CallResult result = done.get(waitMillis, TimeUnit.MILLISECONDS);
            if (result.failure() != null) {
                probe = new Probe(false, "Proto API not reachable: " + result.failure().getClass().getSimpleName()
                                         + (result.failure().getMessage() != null
                                                 ? ": " + result.failure().getMessage() : ""),
                        null);
            } else {
                int status = result.response().getCode();
                probe = status == 401 || status == 403
                        ? new Probe(false, "takeover secret rejected (HTTP " + status + ")", status)
                        : new Probe(true, "Proto API answered HTTP " + status, status);
            }
        } catch (java.util.concurrent.TimeoutException e) {
            probe = new Probe(false, "Proto API did not answer within " + waitMillis + " ms", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            probe = new Probe(false, "health check interrupted", null);
        } catch (java.util.concurrent.ExecutionException e) {
            probe = new Probe(false, "health check failed: " + e.getCause(), null);
        }
        last = probe;
        probedAt = System.currentTimeMillis();
        return probe;
    }
}
