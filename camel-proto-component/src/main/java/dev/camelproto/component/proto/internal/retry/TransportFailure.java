package dev.camelproto.component.proto.internal.retry;

/**
 * Whether a failed attempt's request may have reached the server: the one fact about a transport failure that the
 * retry rules need. The transport classifies its exceptions into it.
 */
public enum TransportFailure {

    /** Nothing left this JVM: no connection carried the request (connect refused or timed out, pool wait over). */
    NOT_SENT,
    /** A connection carried (part of) the request: reset, closed or timed out afterwards; it may have been processed. */
    MAY_HAVE_BEEN_SENT
}
