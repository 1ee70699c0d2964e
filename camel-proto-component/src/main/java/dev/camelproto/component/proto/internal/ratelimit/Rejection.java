package dev.camelproto.component.proto.internal.ratelimit;

/** Why a {@link TeamspaceGate} refused an entry. */
public enum Rejection {
    /** The gate is closed (the component stops), or its clock refused to schedule the next release. */
    CLOSED,
    /** As many entries already wait as the entry's own maxQueued allows. */
    QUEUE_FULL,
    /** The entry cannot be released before its deadline. */
    DEADLINE
}
