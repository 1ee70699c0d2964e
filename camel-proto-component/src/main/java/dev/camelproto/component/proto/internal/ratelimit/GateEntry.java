package dev.camelproto.component.proto.internal.ratelimit;

/**
 * A call waiting for (or passing) a {@link TeamspaceGate}. The gate answers each submission at most once: it releases
 * the entry or rejects it; an entry that is {@link #isFinished() finished} elsewhere is dropped without an answer.
 */
public interface GateEntry {

    /** Released: send now. Must not block (it may run on the gate's timer thread). */
    void release();

    /** Refused (see {@link Rejection}); a no-op if the entry is already finished. */
    void reject(Rejection why);

    /** The entry's deadline on the gate's clock; {@link Long#MAX_VALUE} when none. */
    long deadlineNanos();

    /** Completed elsewhere (e.g. its own timeout): the gate drops it without spending a permit. */
    boolean isFinished();

    /** The submitting endpoint's own bound on the wait queue: the entry is queued only while fewer wait. */
    int maxQueued();
}
