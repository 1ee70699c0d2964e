package dev.camelproto.component.proto;

/**
 * The proto component was stopped (or was not started) while this exchange's call waited or was in flight: the call
 * was failed instead of being kept. Each exchange gets an instance of its own. {@link #mayHaveBeenProcessed()} is true
 * only when an attempt was on the wire (its request may have reached the server); a call that waited in the
 * teamspace's back-off, for a retry or for a pooled connection was never sent by that attempt.
 */
public class ProtoComponentStoppedException extends ProtoTransportException {

    private static final long serialVersionUID = 1L;

    public ProtoComponentStoppedException(String operation, int attempts, boolean mayHaveBeenProcessed,
                                          String message) {
        super(operation, attempts, mayHaveBeenProcessed, message, null);
    }
}
