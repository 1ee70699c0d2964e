package dev.camelproto.component.proto.internal.ratelimit;

/** Why the gate refused an entry. */
public enum Rejection {
    /** The gate is closed (the component stops), or its clock refused to schedule the next release (stopping). */
    CLOSED,
    /** The wait queue already holds the entry's own {@link GateEntry#maxQueued()} entries. */
    QUEUE_FULL,
    /** The entry's deadline falls before the gate's next release: it cannot be sent in time. */
    DEADLINE
}
