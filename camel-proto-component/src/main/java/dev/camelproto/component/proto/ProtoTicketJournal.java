package dev.camelproto.component.proto;

/**
 * A richer store for ticket/create exactly once. When the {@code idempotentRepository} also implements this
 * interface, the component can tell a key whose ticket was created ({@link State#DONE}: the exchange is answered as a
 * duplicate, with the ticket id) from one whose outcome is unknown ({@link State#PENDING}: the exchange fails with a
 * {@link ProtoUncertainException}). A plain {@link org.apache.camel.spi.IdempotentRepository} can only say "seen",
 * so every known key is treated as pending there.
 * <p>
 * The component claims a key with the repository's {@code add} (which must be atomic across every process sharing the
 * store), calls {@link #done(String, String)} after a 2xx (instead of {@code confirm}) and the repository's
 * {@code remove} when Proto did not create the ticket. {@link MemoryTicketJournal} is the in-memory implementation.
 */
public interface ProtoTicketJournal {

    /** What the journal knows of one key. */
    enum State {
        /** Not claimed. */
        ABSENT,
        /** Claimed: a call is in flight, or one ended without a clear answer. */
        PENDING,
        /** The ticket was created. */
        DONE
    }

    /** The state of {@code key}. */
    State state(String key);

    /** Marks {@code key} done: its ticket was created; {@code ticketId} may be null when not known. */
    void done(String key, String ticketId);

    /** The id of the ticket created for {@code key}, or null when the key is not done or the id is not known. */
    String ticketId(String key);
}
