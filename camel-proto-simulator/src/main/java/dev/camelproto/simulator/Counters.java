package dev.camelproto.simulator;

import java.util.Map;

/**
 * Request counters since start or the last {@link ProtoSimulator#reset()} (see {@link ProtoSimulator#counters()}).
 * The number of currently open connections is {@link ProtoSimulator#openConnections()}.
 *
 * @param total            all requests received (read completely), whatever happened to them
 * @param byStatus         requests per HTTP status sent ({@code 0} = no response sent: reset, drop after write, no
 *                         response)
 * @param byRoute          requests per operation name ({@code ticket/create}, ...; {@code "(unmatched)"} for unknown
 *                         routes)
 * @param byFault          requests per injected fault
 * @param injectedByStatus injected statuses ({@link InjectedFault#STATUS}) per status code; rate-limit 429s are NOT
 *                         in here (see {@link #rateLimited()})
 */
public record Counters(
        long total,
        Map<Integer, Long> byStatus,
        Map<String, Long> byRoute,
        Map<InjectedFault, Long> byFault,
        Map<Integer, Long> injectedByStatus) {

    /** Requests answered with this status (0 if none), injected or not. */
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

    /** Injected (not rate-limit) answers with this status (0 if none). */
    public long injectedStatus(int status) {
        return injectedByStatus.getOrDefault(status, 0L);
    }

    /** Connections reset before processing ({@link InjectedFault#CONNECTION_RESET}). */
    public long resets() {
        return fault(InjectedFault.CONNECTION_RESET);
    }

    /** Writes applied and then left unanswered ({@link InjectedFault#DROP_AFTER_WRITE}). */
    public long dropsAfterWrite() {
        return fault(InjectedFault.DROP_AFTER_WRITE);
    }

    /** 429s of the per-secret rate limit ({@link InjectedFault#RATE_LIMITED}). */
    public long rateLimited() {
        return fault(InjectedFault.RATE_LIMITED);
    }

    /** Requests never answered ({@link InjectedFault#NO_RESPONSE}), counted when the hang starts. */
    public long noResponses() {
        return fault(InjectedFault.NO_RESPONSE);
    }
}
