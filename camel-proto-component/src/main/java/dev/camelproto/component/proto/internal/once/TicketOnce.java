package dev.camelproto.component.proto.internal.once;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.camelproto.component.proto.ProtoTicketJournal;
import dev.camelproto.component.proto.ProtoTransportException;
import dev.camelproto.component.proto.ProtoUncertainException;
import dev.camelproto.component.proto.internal.call.CallResult;
import dev.camelproto.component.proto.internal.transport.LimitedResponseConsumer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.apache.camel.spi.IdempotentRepository;

/**
 * ticket/create exactly once over one {@link IdempotentRepository}: the key is claimed ({@code add}) before the
 * request; after the call it is confirmed (a 2xx), released ({@code remove}: Proto definitely did not create the
 * ticket) or kept (the outcome is unknown, so a later exchange with the key fails with a
 * {@link ProtoUncertainException} instead of re-sending). When the repository is also a {@link ProtoTicketJournal} a
 * known key that is done is answered as a duplicate; a plain repository cannot tell done from pending, so every known
 * key is uncertain there. A store error is thrown as it is: it is never read as "already claimed".
 */
public final class TicketOnce {

    /** Stored keys longer than this are hashed, so any store column (VARCHAR(255) and the like) holds them. */
    public static final int MAX_KEY_LENGTH = 200;

    /** The ticket/create body keys that name the customer, in the order the component reads them. */
    private static final String[] IDENTIFIERS = {
        "customer_id", "external_customer_id", "gateway_profile_id", "provided_unique_id"
    };

    private static final ObjectMapper CANONICAL =
            new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** What to do with a claimed key once the call ended. */
    public enum Settlement {
        /** A 2xx: the ticket was created. */
        CONFIRM,
        /** Proto definitely did not create the ticket: an answer below 500 (also a 429 after the retries), never sent. */
        RELEASE,
        /** The outcome is unknown: the request may have been processed and no 2xx came (a 5xx, a connection lost). */
        KEEP
    }

    /** What the claim decided: send the request, or answer without sending. */
    public sealed interface Claim permits Send, Duplicate {}

    /** The key is claimed by this exchange: send the request, then {@link #settle}. */
    public record Send() implements Claim {}

    /** The key is done: answer as a duplicate, with the earlier ticket's id when the store keeps it. */
    public record Duplicate(String ticketId) implements Claim {}

    private final IdempotentRepository repository;
    private final ProtoTicketJournal journal;

    public TicketOnce(IdempotentRepository repository) {
        this.repository = repository;
        this.journal = repository instanceof ProtoTicketJournal j ? j : null;
    }

    /** The key as stored: scoped by the teamspace id ({@code proto:<subcompanyId>:<key>}), hashed when long. */
    public static String storedKey(String subcompanyId, String key) {
        String full = "proto:" + subcompanyId + ":" + key;
        if (full.length() <= MAX_KEY_LENGTH) {
            return full;
        }
        String hashed = "proto:" + subcompanyId + ":sha256:" + sha256(key);
        return hashed.length() <= MAX_KEY_LENGTH ? hashed : "proto:sha256:" + sha256(full);
    }

    /**
     * The key when no idempotentKey expression is set: the customer identifier the body names and the SHA-256 of the
     * canonical body (its JSON with the keys of every object sorted), so two requests are "the same ticket" exactly
     * when their bodies hold the same keys with the same values, whatever the key order or the whitespace.
     */
    public static String defaultKey(byte[] body) {
        Map<?, ?> map;
        String canonical;
        try {
            map = CANONICAL.readValue(body, Map.class);
            canonical = CANONICAL.writeValueAsString(map);
        } catch (Exception e) {
            throw new IllegalStateException("The ticket/create body is not a JSON object: " + e.getMessage(), e);
        }
        String customer = "none";
        for (String identifier : IDENTIFIERS) {
            Object value = map.get(identifier);
            if (value != null) {
                customer = identifier + "=" + value;
                break;
            }
        }
        return "ticket:" + customer + ":" + sha256(canonical);
    }

    /** What a call's result means for its claimed key. */
    public static Settlement settlement(CallResult result) {
        Exception failure = result.failure();
        if (failure == null) {
            return byStatus(result.response().getCode());
        }
        if (failure instanceof LimitedResponseConsumer.TooLargeException tooLarge) {
            return byStatus(tooLarge.status());
        }
        if (failure instanceof ProtoTransportException transport) {
            return transport.mayHaveBeenProcessed() ? Settlement.KEEP : Settlement.RELEASE;
        }
        return result.mayHaveBeenProcessed() ? Settlement.KEEP : Settlement.RELEASE;
    }

    private static Settlement byStatus(int status) {
        if (status >= 200 && status < 300) {
            return Settlement.CONFIRM;
        }
        return status < 500 ? Settlement.RELEASE : Settlement.KEEP;
    }

    /**
     * Claims {@code key} for this exchange. {@code resend} first removes it (the user checked that the ticket of an
     * uncertain key does not exist); a key a journal knows as done is answered as a duplicate even then. Throws a {@link ProtoUncertainException} when the key is known and not known to
     * be done, and any error of the store as it is.
     */
    public Claim claim(String key, boolean resend) throws ProtoUncertainException {
        if (resend) {
            if (journal != null && journal.state(key) == ProtoTicketJournal.State.DONE) {
                return new Duplicate(journal.ticketId(key)); // only an uncertain key is resent, never a done one
            }
            repository.remove(key);
        }
        if (repository.add(key)) {
            return new Send();
        }
        if (journal == null) {
            throw new ProtoUncertainException(
                    key,
                    "the idempotent repository ("
                            + repository.getClass().getSimpleName()
                            + ") cannot tell whether its ticket was created (it is not a"
                            + " ProtoTicketJournal)");
        }
        ProtoTicketJournal.State state = journal.state(key);
        if (state == ProtoTicketJournal.State.DONE) {
            return new Duplicate(journal.ticketId(key));
        }
        if (state == ProtoTicketJournal.State.ABSENT && repository.add(key)) {
            return new Send(); // released between the two calls
        }
        throw new ProtoUncertainException(
                key,
                "its ticket is not known to be created (a call with this key is in"
                        + " flight, or an earlier one ended without a clear answer)");
    }

    /**
     * Marks {@code key} done without sending (the user found the ticket in Proto); {@code ticketId} may be null.
     * Returns the answer: a duplicate.
     */
    public Claim markCreated(String key, String ticketId) {
        repository.add(key);
        done(key, ticketId);
        return new Duplicate(ticketId);
    }

    /** Confirms, releases or keeps the claimed {@code key} after the call; {@code ticketId} is the created ticket's. */
    public Settlement settle(String key, CallResult result, String ticketId) {
        Settlement settlement = settlement(result);
        switch (settlement) {
            case CONFIRM -> done(key, ticketId);
            case RELEASE -> repository.remove(key);
            default -> {
                // kept: the outcome is unknown
            }
        }
        return settlement;
    }

    /** Releases a claimed key whose request was never handed to the client. */
    public void release(String key) {
        repository.remove(key);
    }

    private void done(String key, String ticketId) {
        if (journal != null) {
            journal.done(key, ticketId);
        } else {
            repository.confirm(key);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
