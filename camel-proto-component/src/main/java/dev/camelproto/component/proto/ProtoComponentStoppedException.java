package dev.camelproto.component.proto;

/**
 * The proto component stopped (or was not started) before this exchange's call was answered. Each exchange gets its
 * own instance. {@link #mayHaveBeenProcessed()} is true only when one of the call's attempts was on a connection to
 * the server (sent, or being sent) at the stop or before it; a call that was waiting (in the teamspace back-off, for a
 * retry timer or for a pooled connection) was never sent and says false.
 */
public class ProtoComponentStoppedException extends ProtoTransportException {

    private static final long serialVersionUID = 1L;

    public ProtoComponentStoppedException(
            String operation, int attempts, boolean mayHaveBeenProcessed, String message) {
        super(operation, attempts, mayHaveBeenProcessed, message, null);
    }
}
