package dev.camelproto.component.proto.internal.metrics;

/**
 * Told by {@link ProtoMetrics} what it counts, as it counts it: the seam through which an optional metrics library (see
 * {@link MicrometerSupport}) follows the component without the component depending on it. Called on the threads that
 * finish calls: implementations must be fast and must not throw.
 */
public interface CallObserver {

    /** How a call ended after all its attempts; {@link #tag()} is the value of the {@code outcome} tag. */
    enum Outcome {
        SUCCESS("success"),
        CLIENT_ERROR("client_error"),
        SERVER_ERROR("server_error"),
        TRANSPORT_ERROR("transport_error");

        private final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }

        /** The outcome of a final status (0 when no usable response came) and whether it counted as success. */
        public static Outcome of(int status, boolean success) {
            if (success) {
                return SUCCESS;
            }
            if (status >= 500) {
                return SERVER_ERROR;
            }
            if (status >= 400) {
                return CLIENT_ERROR;
            }
            return TRANSPORT_ERROR;
        }
    }

    /** A call of {@code operation} ended, {@code durationNanos} after it started (all its attempts and waits). */
    void finished(String operation, Outcome outcome, long durationNanos);

    /** A call of {@code operation} is sent again (a retry, or a re-send after a 429). */
    void retried(String operation);

    /** A 429 started a pause of the shared back-off of a teamspace. */
    void paused();

    /** The component stops: release what the observer registered. */
    default void close() {}
}
