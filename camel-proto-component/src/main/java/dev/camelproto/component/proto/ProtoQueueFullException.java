package dev.camelproto.component.proto;

/**
 * The component already holds as many calls of this teamspace as an option allows: {@code maxQueuedCalls} waiting in
 * the 429 back-off queue, or {@code maxPendingCalls} in all (queued, waiting for a pooled connection, on the wire).
 * This one was failed at once, before anything was sent ({@link #mayHaveBeenProcessed()} is false), rather than kept in
 * memory for as long as the overload lasts. {@link #getOption()} names the option that was reached.
 */
public class ProtoQueueFullException extends ProtoTransportException {

    private static final long serialVersionUID = 1L;

    private final String option;
    private final int limit;

    /** The 429 back-off queue is full. */
    public ProtoQueueFullException(String operation, int attempts, int maxQueuedCalls) {
        this(
                operation,
                attempts,
                "maxQueuedCalls",
                maxQueuedCalls,
                "the teamspace's rate-limit back-off queue is full");
    }

    /** {@code what} says which bound was reached; {@code option} names it, {@code limit} is its value. */
    public ProtoQueueFullException(String operation, int attempts, String option, int limit, String what) {
        this(operation, attempts, false, option, limit, what);
    }

    /**
     * As above, for a call refused on its way to a retry: {@code mayHaveBeenProcessed} says whether an earlier attempt
     * may have been processed (the refused one was not sent).
     */
    public ProtoQueueFullException(
            String operation, int attempts, boolean mayHaveBeenProcessed, String option, int limit, String what) {
        super(
                operation,
                attempts,
                mayHaveBeenProcessed,
                what + " (the option " + option + " is " + limit + ");"
                        + (mayHaveBeenProcessed
                                ? " this attempt was not sent, but an earlier one may" + " have been processed"
                                : " nothing was sent"),
                null);
        this.option = option;
        this.limit = limit;
    }

    /** The option whose bound was reached: {@code maxQueuedCalls} or {@code maxPendingCalls}. */
    public String getOption() {
        return option;
    }

    /** The value of that option. */
    public int getLimit() {
        return limit;
    }

    /** The limit that was reached (kept for compatibility: the same as {@link #getLimit()}). */
    public int getMaxQueuedCalls() {
        return limit;
    }
}
