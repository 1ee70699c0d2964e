package dev.camelproto.component.proto;

/**
 * ticket/create with {@code idempotentRepository}: the exchange's idempotent key is already claimed, and the store
 * cannot say that the ticket was created: a call with the same key is in flight, an earlier one ended without a clear
 * answer (a connection lost after sending, a 5xx), or the repository is a plain one that cannot tell a pending key from
 * a done one. Nothing was sent by this exchange ({@link #getAttempts()} is 0).
 * <p>
 * A {@link ProtoTransportException} (so an {@link java.io.IOException}) with {@link #mayHaveBeenProcessed()} true:
 * the outcome of the earlier call is unknown, so a handler that re-sends only when {@code mayHaveBeenProcessed()} is
 * false stays right; a redelivery fails the same way and sends nothing. To resolve it, check in Proto whether the
 * ticket exists, then send the exchange again with the header {@code CamelProtoMarkCreated} (the ticket id, or
 * {@code true}) when it does, or {@code CamelProtoResendUncertain=true} when it does not.
 */
public class ProtoUncertainException extends ProtoTransportException {

    private static final long serialVersionUID = 1L;

    private final String key;

    /** {@code key} is the stored key (with the teamspace scope); {@code why} says what the store knows. */
    public ProtoUncertainException(String key, String why) {
        super(
                "ticket/create was not sent: the idempotent key " + key + " is already claimed and " + why
                        + ". Check in Proto whether that ticket exists, then send this exchange again with the header"
                        + " CamelProtoMarkCreated set to the ticket id if it does, or with CamelProtoResendUncertain=true if it"
                        + " does not",
                "ticket/create",
                0,
                true);
        this.key = key;
    }

    /** The stored key, as the repository holds it: {@code proto:<subcompanyId>:<key>}, hashed when long. */
    public String getKey() {
        return key;
    }
}
