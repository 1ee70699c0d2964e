package dev.camelproto.component.proto;

import dev.camelproto.component.proto.internal.call.CallResult;
import dev.camelproto.component.proto.internal.call.EndpointClient;
import dev.camelproto.component.proto.internal.request.ProtoOperation;
import dev.camelproto.component.proto.internal.request.ProtoRequest;
import dev.camelproto.component.proto.internal.request.RequestFactory;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * The producer health check of one endpoint configuration (base URL + teamspace + secret). It probes with
 * customField/list, at most once per {@link #CACHE_MILLIS} and one probe at a time, and never blocks its caller for
 * longer than {@link #WAIT_MILLIS}: when the probe has not answered by then, the check reports the last known state (or
 * UNKNOWN before the first answer) and the probe's answer is used by the next check. DOWN on 401/403 ("takeover secret
 * rejected"), on a connection failure or a timeout on the wire; UP on any other answer, and UP "rate limited" on a
 * 429 or when the probe could not be sent because the teamspace is in its 429 back-off (a rate limit is no outage). The
 * probe, like every call, is answered within the endpoint's callTimeout. The secret appears in no detail and no
 * message.
 */
public final class ProtoProducerHealthCheck extends AbstractHealthCheck {

    /** How long one probe's result is reused; health endpoints polled often never cause a storm of calls. */
    public static final long CACHE_MILLIS = 30_000;

    /** The longest a check waits for a probe that is on its way (health probes, e.g. Kubernetes', time out at 1 s). */
    public static final long WAIT_MILLIS = 500;

    private final EndpointClient api;
    private final String subcompanyId;
    private final String secret;
    /** The longest one attempt of the probe may take on the wire (connect + response timeout + 1 s). */
    private final long attemptMillis;

    private final AtomicReference<CompletableFuture<Probe>> running = new AtomicReference<>();
    private volatile Probe last;
    private volatile long probeStartedAt;

    /** One probe's outcome; {@code up == null} means not known yet. */
    private record Probe(Boolean up, String message, Integer status, boolean rateLimited, long atNanos) {}

    ProtoProducerHealthCheck(String id, EndpointClient api, String subcompanyId, String secret, long attemptMillis) {
        super("camel", id);
        this.api = api;
        this.subcompanyId = subcompanyId;
        this.secret = secret;
        this.attemptMillis = attemptMillis;
    }

    @Override
    public boolean isLiveness() {
        return false; // an unreachable SaaS API is no reason to restart this process
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Probe probe = current();
        builder.detail("api.url", api.baseUrl());
        builder.detail("subcompany.id", subcompanyId);
        if (probe.status() != null) {
            builder.detail("http.status.code", probe.status());
        }
        if (probe.rateLimited()) {
            builder.detail("rate.limited", true);
        }
        if (running.get() != null) {
            builder.detail("probe.running", true);
        }
        builder.message(
                secret == null || secret.isEmpty()
                        ? probe.message()
                        : probe.message()
                                .replace(secret, "******")); // an error text that echoes the request stays masked
        if (probe.up() == null) {
            builder.unknown();
        } else if (probe.up()) {
            builder.up();
        } else {
            builder.down();
        }
    }

    /** The fresh result, or a short wait for the probe that refreshes it, else the last known one. */
    private Probe current() {
        Probe known = last;
        if (known != null && System.nanoTime() - known.atNanos() < TimeUnit.MILLISECONDS.toNanos(CACHE_MILLIS)) {
            return known;
        }
        CompletableFuture<Probe> probe = refresh();
        try {
            return probe.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException stillRunning) {
            if (known != null) {
                return known;
            }
            long runningMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - probeStartedAt);
            return new Probe(
                    null,
                    "the first probe of the Proto API has not answered yet"
                            + (runningMillis > attemptMillis
                                    ? " after " + runningMillis + " ms: it may be waiting"
                                            + " in the teamspace's 429 back-off"
                                    : ""),
                    null,
                    false,
                    System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return known != null ? known : new Probe(null, "health check interrupted", null, false, System.nanoTime());
        } catch (java.util.concurrent.ExecutionException e) {
            return new Probe(false, "health check failed: " + e.getCause(), null, false, System.nanoTime());
        }
    }

    /** The running probe, or a new one (never two at a time). */
    private CompletableFuture<Probe> refresh() {
        CompletableFuture<Probe> mine = new CompletableFuture<>();
        CompletableFuture<Probe> other = running.compareAndExchange(null, mine);
        if (other != null) {
            return other;
        }
        probeStartedAt = System.nanoTime();
        mine.whenComplete((p, e) -> {
            if (p != null) {
                last = p;
            }
            running.compareAndSet(mine, null);
        });
        String path = RequestFactory.path(ProtoOperation.CUSTOM_FIELD_LIST, p -> subcompanyId);
        try {
            api.send(new ProtoRequest("health-check", "GET", path, null, null), result -> mine.complete(of(result)));
        } catch (RuntimeException e) {
            mine.complete(new Probe(false, "health check failed: " + e, null, false, System.nanoTime()));
        }
        return mine;
    }

    private Probe of(CallResult result) {
        long now = System.nanoTime();
        Exception failure = result.failure();
        if (failure == null) {
            int status = result.response().getCode();
            if (status == 401 || status == 403) {
                return new Probe(false, "takeover secret rejected (HTTP " + status + ")", status, false, now);
            }
            if (status == 429) {
                return new Probe(true, "Proto API reachable, rate limited (HTTP 429)", status, true, now);
            }
            return new Probe(true, "Proto API answered HTTP " + status, status, false, now);
        }
        if (failure instanceof ProtoQueueFullException
                || failure instanceof ProtoCallTimeoutException timeout && !timeout.mayHaveBeenProcessed()) {
            // never sent: the teamspace is paused by a 429 (or its back-off queue is full), not down
            return new Probe(
                    true,
                    "Proto API rate limited: the probe waited in the teamspace's back-off and was not" + " sent",
                    null,
                    true,
                    now);
        }
        return new Probe(
                false,
                "Proto API not reachable: " + failure.getClass().getSimpleName()
                        + (failure.getMessage() != null ? ": " + failure.getMessage() : ""),
                null,
                false,
                now);
    }
}
