package dev.camelproto.component.proto;

import java.io.IOException;

/**
 * No usable answer came from the Proto API: the connection was refused, reset or timed out, no pooled connection came
 * in time; its subclasses cover the call's timeout ({@link ProtoCallTimeoutException}), a bound reached
 * ({@link ProtoQueueFullException}) and a stop ({@link ProtoComponentStoppedException}). An {@link IOException}, so
 * routes' existing {@code onException(IOException.class)} handlers match it. {@link #mayHaveBeenProcessed()} tells
 * whether the request may have reached the server: if it did, re-sending a {@code POST} (ticket/create,
 * customField/create) can create a duplicate.
 */
public class ProtoTransportException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final int attempts;
    private final boolean mayHaveBeenProcessed;

    public ProtoTransportException(
            String operation, int attempts, boolean mayHaveBeenProcessed, String message, Throwable cause) {
        super(
                "Proto API operation " + operation + " failed after " + attempts
                        + (attempts == 1 ? " attempt: " : " attempts: ") + message,
                cause);
        this.operation = operation;
        this.attempts = attempts;
        this.mayHaveBeenProcessed = mayHaveBeenProcessed;
    }

    /**
     * For subclasses whose message is not about a failed call (nothing was sent by this exchange): {@code message} is
     * used as it is.
     */
    protected ProtoTransportException(String message, String operation, int attempts, boolean mayHaveBeenProcessed) {
        super(message);
        this.operation = operation;
        this.attempts = attempts;
        this.mayHaveBeenProcessed = mayHaveBeenProcessed;
    }

    /** The operation that failed, e.g. {@code ticket/create}. */
    public String getOperation() {
        return operation;
    }

    /** How many times the request was tried (1 when it was not retried). */
    public int getAttempts() {
        return attempts;
    }

    /**
     * The call's record over all its attempts: true exactly when some attempt was carried by a connection to the server
     * and not refused by it (a 429, or a 503 with Retry-After). An attempt still waiting for a pooled connection, or
     * whose connect failed, was never sent; once any attempt may have been processed this stays true whatever later
     * attempts did; for a timeout or a stop it covers the attempt on the wire at that moment. Re-send a POST only when
     * this is false.
     */
    public boolean mayHaveBeenProcessed() {
        return mayHaveBeenProcessed;
    }
}
