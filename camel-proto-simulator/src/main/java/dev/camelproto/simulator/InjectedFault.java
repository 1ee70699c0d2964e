package dev.camelproto.simulator;

/** The kind of fault the simulator injected into a request, as recorded in {@link RecordedRequest#fault()}. */
public enum InjectedFault {
    /** An injected error status ({@link Faults.Builder#statusRate(int, double)}); the request was NOT processed. */
    STATUS,
    /** A 429 from the per-secret rate limit ({@link Faults.Builder#rateLimitPerSecond(int)}); NOT processed. */
    RATE_LIMITED,
    /** The connection was closed (reset) without a response; the request was NOT processed. */
    CONNECTION_RESET,
    /** The write WAS applied, then the connection was closed without a response. */
    DROP_AFTER_WRITE,
    /**
     * The request was read and never answered ({@link Faults.Builder#noResponseRate(double)}); NOT processed. Counted
     * when the simulator starts to hang, i.e. while the client is still waiting.
     */
    NO_RESPONSE
}
