package dev.camelproto.component.proto;

import java.io.IOException;

/**
 * No usable answer came from the Proto API: the connection was refused, reset or timed out, or the component was
 * stopped with the call in flight. An {@link IOException}, so routes' existing {@code onException(IOException.class)}
 * handlers match it. {@link #mayHaveBeenProcessed()} tells whether the request may have reached the server: if it
 * did, re-sending a {@code POST} (ticket/create, customField/create) can create a duplicate.
 */
public class ProtoTransportException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final int attempts;
    private final boolean mayHaveBeenProcessed;

    public ProtoTransportException(String operation, int attempts, boolean mayHaveBeenProcessed, String message,
                                   Throwable cause) {
        super("Proto API operation " + operation + " failed after " + attempts
              + (attempts == 1 ? " attempt: " : " attempts: ") + message, cause);
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

    /** False only when no attempt can have reached the server (e.g. every connect was refused). */
    public boolean mayHaveBeenProcessed() {
        return mayHaveBeenProcessed;
    }
}
