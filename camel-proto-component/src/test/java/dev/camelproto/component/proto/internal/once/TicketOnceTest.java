package dev.camelproto.component.proto.internal.once;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.camelproto.component.proto.MemoryTicketJournal;
import dev.camelproto.component.proto.ProtoQueueFullException;
import dev.camelproto.component.proto.ProtoTicketJournal.State;
import dev.camelproto.component.proto.ProtoUncertainException;
import dev.camelproto.component.proto.internal.call.CallResult;
import dev.camelproto.component.proto.internal.once.TicketOnce.Duplicate;
import dev.camelproto.component.proto.internal.once.TicketOnce.Send;
import dev.camelproto.component.proto.internal.once.TicketOnce.Settlement;
import dev.camelproto.component.proto.internal.request.ProtoRequest;
import dev.camelproto.component.proto.internal.transport.LimitedResponseConsumer;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The decisions of {@link TicketOnce}, without sockets: key, scope, claim and what each outcome does to the key. */
class TicketOnceTest {

    private static final ProtoRequest REQUEST =
            new ProtoRequest("ticket/create", "POST", "/v1/x", "{}".getBytes(StandardCharsets.UTF_8), null);

    static CallResult answered(int status, boolean mayHaveBeenProcessed) {
        return new CallResult(
                REQUEST, "http://h/x", SimpleHttpResponse.create(status), null, 1, false, mayHaveBeenProcessed);
    }

    static CallResult failed(Exception failure, boolean mayHaveBeenProcessed) {
        return new CallResult(REQUEST, "http://h/x", null, failure, 1, false, mayHaveBeenProcessed);
    }

    @ParameterizedTest
    @CsvSource({
        "200,CONFIRM",
        "201,CONFIRM",
        "204,CONFIRM",
        "400,RELEASE",
        "404,RELEASE",
        "409,RELEASE",
        "422,RELEASE",
        "429,RELEASE",
        "499,RELEASE",
        "500,KEEP",
        "502,KEEP",
        "503,KEEP",
        "504,KEEP"
    })
    void anAnswerSettlesByItsStatus(int status, Settlement expected) {
        assertThat(TicketOnce.settlement(answered(status, true))).isEqualTo(expected);
    }

    @Test
    void aFailureKeepsTheKeyExactlyWhenTheRequestMayHaveBeenProcessed() throws Exception {
        assertThat(TicketOnce.settlement(failed(new IOException("reset"), true)))
                .isEqualTo(Settlement.KEEP);
        assertThat(TicketOnce.settlement(failed(new ConnectException("refused"), false)))
                .isEqualTo(Settlement.RELEASE);
        // a transport exception built by the call carries its own truth
        assertThat(TicketOnce.settlement(failed(new ProtoQueueFullException("ticket/create", 1, 10), true)))
                .isEqualTo(Settlement.RELEASE);
        assertThat(TicketOnce.settlement(failed(
                        new ProtoQueueFullException("ticket/create", 2, true, "maxQueuedCalls", 10, "full"), false)))
                .isEqualTo(Settlement.KEEP);
        // a response too large to read still tells its status
        assertThat(TicketOnce.settlement(failed(new LimitedResponseConsumer.TooLargeException(201, 10), true)))
                .isEqualTo(Settlement.CONFIRM);
        assertThat(TicketOnce.settlement(failed(new LimitedResponseConsumer.TooLargeException(502, 10), true)))
                .isEqualTo(Settlement.KEEP);
    }

    @Test
    void theStoredKeyIsScopedByTheTeamspaceAndHashedWhenLong() throws Exception {
        assertThat(TicketOnce.storedKey("T1", "order-7")).isEqualTo("proto:T1:order-7");
        String longKey = "k".repeat(300);
        String stored = TicketOnce.storedKey("T1", longKey);
        assertThat(stored)
                .startsWith("proto:T1:sha256:")
                .hasSizeLessThanOrEqualTo(TicketOnce.MAX_KEY_LENGTH)
                .isEqualTo(TicketOnce.storedKey("T1", longKey))
                .isNotEqualTo(TicketOnce.storedKey("T2", longKey))
                .isNotEqualTo(TicketOnce.storedKey("T1", longKey + "x"));
        assertThat(TicketOnce.storedKey("T".repeat(300), "a"))
                .startsWith("proto:sha256:")
                .hasSizeLessThanOrEqualTo(TicketOnce.MAX_KEY_LENGTH);
    }

    @Test
    void theDefaultKeyIsTheCustomerAndTheHashOfTheCanonicalBody() throws Exception {
        String a = TicketOnce.defaultKey(
                bytes("{\"subject\":\"Hi\",\"provided_unique_id\":\"c1\",\"x\":{\"b\":1,\"a\":2}}"));
        String b = TicketOnce.defaultKey(
                bytes("{ \"x\":{\"a\":2,\"b\":1}, \"provided_unique_id\":\"c1\", \"subject\":\"Hi\"}"));
        assertThat(a)
                .isEqualTo(b)
                .startsWith("ticket:provided_unique_id=c1:")
                .hasSize("ticket:provided_unique_id=c1:".length() + 64);
        assertThat(TicketOnce.defaultKey(bytes("{\"subject\":\"Hi!\",\"provided_unique_id\":\"c1\"}")))
                .isNotEqualTo(TicketOnce.defaultKey(bytes("{\"subject\":\"Hi\",\"provided_unique_id\":\"c1\"}")));
        assertThat(TicketOnce.defaultKey(
                        bytes("{\"subject\":\"Hi\",\"customer_id\":\"C9\",\"provided_unique_id\":\"c1\"}")))
                .startsWith("ticket:customer_id=C9:");
    }

    @Test
    void aJournalTellsDoneFromPendingAndKeepsTheId() throws Exception {
        MemoryTicketJournal journal = new MemoryTicketJournal();
        TicketOnce once = new TicketOnce(journal);
        assertThat(once.claim("k", false)).isInstanceOf(Send.class);
        assertThat(journal.state("k")).isEqualTo(State.PENDING);
        assertThatThrownBy(() -> once.claim("k", false))
                .isInstanceOf(ProtoUncertainException.class)
                .hasMessageContaining("k is already claimed")
                .hasMessageContaining("CamelProtoResendUncertain=true")
                .satisfies(
                        e -> assertThat(((ProtoUncertainException) e).getKey()).isEqualTo("k"))
                .satisfies(e -> assertThat(((ProtoUncertainException) e).mayHaveBeenProcessed())
                        .isTrue());
        assertThat(once.settle("k", answered(201, true), "T1")).isEqualTo(Settlement.CONFIRM);
        assertThat(journal.state("k")).isEqualTo(State.DONE);
        assertThat(once.claim("k", false)).isEqualTo(new Duplicate("T1"));
        // the resend header never resends a key the journal knows as done
        assertThat(once.claim("k", true)).isEqualTo(new Duplicate("T1"));
        assertThat(journal.state("k")).isEqualTo(State.DONE);
    }

    @Test
    void releaseLetsTheKeyBeClaimedAgainAndKeepDoesNot() throws Exception {
        MemoryTicketJournal journal = new MemoryTicketJournal();
        TicketOnce once = new TicketOnce(journal);
        once.claim("r", false);
        assertThat(once.settle("r", answered(422, true), null)).isEqualTo(Settlement.RELEASE);
        assertThat(journal.state("r")).isEqualTo(State.ABSENT);
        assertThat(once.claim("r", false)).isInstanceOf(Send.class);
        assertThat(once.settle("r", answered(503, true), null)).isEqualTo(Settlement.KEEP);
        assertThat(journal.state("r")).isEqualTo(State.PENDING);
        assertThatThrownBy(() -> once.claim("r", false)).isInstanceOf(ProtoUncertainException.class);
        // the documented way out: resend once the user checked the ticket does not exist
        assertThat(once.claim("r", true)).isInstanceOf(Send.class);
        assertThat(journal.state("r")).isEqualTo(State.PENDING);
    }

    @Test
    void markCreatedRecordsTheTicketWithoutSending() throws Exception {
        MemoryTicketJournal journal = new MemoryTicketJournal();
        TicketOnce once = new TicketOnce(journal);
        once.claim("m", false);
        once.settle("m", failed(new IOException("reset"), true), null);
        assertThat(once.markCreated("m", "T7")).isEqualTo(new Duplicate("T7"));
        assertThat(once.claim("m", false)).isEqualTo(new Duplicate("T7"));
        assertThat(journal.ticketId("m")).isEqualTo("T7");
    }

    @Test
    void aPlainRepositoryCannotTellSoEveryKnownKeyIsUncertain() throws Exception {
        MemoryIdempotentRepository seen = new MemoryIdempotentRepository();
        seen.start();
        TicketOnce once = new TicketOnce(seen);
        assertThat(once.claim("p", false)).isInstanceOf(Send.class);
        once.settle("p", answered(200, true), "T1");
        assertThat(seen.contains("p")).isTrue();
        assertThatThrownBy(() -> once.claim("p", false))
                .isInstanceOf(ProtoUncertainException.class)
                .hasMessageContaining("MemoryIdempotentRepository")
                .hasMessageContaining("CamelProtoMarkCreated");
        assertThat(once.markCreated("p", null)).isEqualTo(new Duplicate(null));
    }

    @Test
    void aStoreErrorIsThrownAsItIsNeverReadAsClaimed() throws Exception {
        MemoryIdempotentRepository broken = new MemoryIdempotentRepository() {
            @Override
            public boolean add(String key) {
                throw new IllegalStateException("store down");
            }
        };
        assertThatThrownBy(() -> new TicketOnce(broken).claim("x", false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("store down");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
