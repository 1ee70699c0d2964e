package dev.camelproto.component.proto;

/**
 * The teamspace's 429 back-off queue already holds {@code maxQueuedCalls} calls: this one was failed at once, before
 * anything was sent ({@link #mayHaveBeenProcessed()} is false), rather than kept in memory for as long as the rate
 * limit lasts.
 */
public class ProtoQueueFullException extends ProtoTransportException {

    private static final long serialVersionUID = 1L;

    private final int maxQueuedCalls;

    public ProtoQueueFullException(String operation, int attempts, int maxQueuedCalls) {
        super(operation, attempts, false, "the teamspace's rate-limit back-off queue is full (the option"
                                          + " maxQueuedCalls is " + maxQueuedCalls + "); nothing was sent", null);
        this.maxQueuedCalls = maxQueuedCalls;
    }

    /** The limit that was reached. */
    public int getMaxQueuedCalls() {
        return maxQueuedCalls;
    }
}
