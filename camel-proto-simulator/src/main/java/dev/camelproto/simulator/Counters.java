package dev.camelproto.simulator;

import java.util.Map;

/**
 * Request counters since start or the last {@link ProtoSimulator#reset()} (see {@link ProtoSimulator#counters()}).
 *
 * @param total    all requests received
 * @param byStatus requests per HTTP status sent ({@code 0} = no response sent)
 * @param byRoute  requests per operation name ({@code ticket/create}, ...; {@code "(unmatched)"} for unknown routes)
 * @param byFault  requests per injected fault
 */
public record Counters(
        long total, Map<Integer, Long> byStatus, Map<String, Long> byRoute, Map<InjectedFault, Long> byFault) {

    /** Requests answered with this status (0 if none). */
    public long status(int status) {
        return byStatus.getOrDefault(status, 0L);
    }

    /** Requests matched to this operation name (0 if none). */
    public long route(String route) {
        return byRoute.getOrDefault(route, 0L);
    }

    /** Requests that got this injected fault (0 if none). */
    public long fault(InjectedFault fault) {
        return byFault.getOrDefault(fault, 0L);
    }
}
