package dev.camelproto.component.proto;

import dev.camelproto.component.proto.internal.call.EndpointClient;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The producer health checks of one component, one per endpoint configuration (base URL, teamspace, secret) and shared
 * by every endpoint that has it: counted, so the last endpoint to stop removes it from the repository.
 */
final class ProtoHealthChecks {

    private record Shared(ProtoProducerHealthCheck check, int users) {}

    private final Map<String, Shared> checks = new ConcurrentHashMap<>();

    /** The check of this configuration, made with a client from {@code client} on first use. */
    ProtoProducerHealthCheck acquire(ProtoConfiguration config, Supplier<EndpointClient> client) {
        return checks.compute(key(config), (k, shared) -> {
                    if (shared != null) {
                        return new Shared(shared.check(), shared.users() + 1);
                    }
                    String id = "proto-" + config.getSubcompanyId()
                            + (ProtoConfiguration.DEFAULT_BASE_URL.equals(config.getBaseUrl())
                                    ? ""
                                    : "@" + URI.create(config.getBaseUrl()).getAuthority());
                    return new Shared(
                            new ProtoProducerHealthCheck(
                                    id,
                                    client.get(),
                                    config.getSubcompanyId(),
                                    config.getTakeoverSecret(),
                                    config.getConnectTimeout() + config.getResponseTimeout() + 1_000),
                            1);
                })
                .check();
    }

    /** Returns true when the last endpoint of that configuration released it (so it leaves the repository). */
    boolean release(ProtoConfiguration config) {
        boolean[] last = new boolean[1];
        checks.computeIfPresent(key(config), (k, shared) -> {
            last[0] = shared.users() <= 1;
            return last[0] ? null : new Shared(shared.check(), shared.users() - 1);
        });
        return last[0];
    }

    private static String key(ProtoConfiguration config) {
        return config.getBaseUrl() + "|" + config.getSubcompanyId() + "|"
                + Integer.toHexString(String.valueOf(config.getTakeoverSecret()).hashCode());
    }
}
