package dev.camelproto.component.proto.internal.ratelimit;

/** A call waiting for (or passing) a {@link TeamspaceGate}: what the gate needs of it, nothing more. */
public interface GateEntry {

    /** Released: send now (must not block). */
    void release();

    /** Refused; a no-op if the call already finished. */
    void reject(Rejection why);

    /** The call's deadline on the gate's clock; {@link Long#MAX_VALUE} when none. */
    long deadlineNanos();

    /** Completed elsewhere: the gate drops it without spending a permit. */
    boolean isFinished();

    /** The submitting endpoint's own maxQueuedCalls: admitted to the queue only while fewer wait. */
    int maxQueued();
}
