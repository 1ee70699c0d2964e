package dev.camelproto.component.proto;

/**
 * The exchange's {@code callTimeout} ran out: the total time one call may take (waiting in the teamspace back-off,
 * every attempt and every wait between retries). The message names the option and what the call was waiting for.
 * {@link #mayHaveBeenProcessed()} is false when no attempt can have reached the server (e.g. it timed out in the
 * back-off queue).
 */
public class ProtoCallTimeoutException extends ProtoTransportException {

    private static final long serialVersionUID = 1L;

    private final long callTimeoutMillis;

    public ProtoCallTimeoutException(
            String operation, int attempts, boolean mayHaveBeenProcessed, long callTimeoutMillis, String waitingFor) {
        super(
                operation,
                attempts,
                mayHaveBeenProcessed,
                "the option callTimeout (" + callTimeoutMillis + " ms) ran out while " + waitingFor,
                null);
        this.callTimeoutMillis = callTimeoutMillis;
    }

    /** The callTimeout that ran out, in milliseconds. */
    public long getCallTimeoutMillis() {
        return callTimeoutMillis;
    }
}
