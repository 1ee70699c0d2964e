package dev.camelproto.component.proto.internal.once;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.camelproto.component.proto.MemoryTicketJournal;
import dev.camelproto.component.proto.ProtoApiException;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.ProtoTicketJournal.State;
import dev.camelproto.component.proto.ProtoTransportException;
import dev.camelproto.component.proto.ProtoUncertainException;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import dev.camelproto.component.proto.testsupport.ScriptedServer;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.Test;

/**
 * ticket/create exactly once over real sockets: what each outcome does to the key, what a known key answers, and the
 * exact requests the server received.
 */
class ProtoTicketOnceTest extends ProtoTestSupport {

    static final String PATH = "/v1/conversations/" + TEAMSPACE + "/create-ticket";
    static final String WIRE = "{\"subject\":\"Hi\",\"provided_unique_id\":\"c1\"}";
    static final Map<String, Object> HI = Map.of(ProtoConstants.SUBJECT, "Hi", ProtoConstants.PROVIDED_UNIQUE_ID, "c1");
    static final String JOURNAL = "proto:ticket/create?idempotentRepository=#journal";

    MemoryTicketJournal journal;
    MemoryIdempotentRepository seen;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        journal = new MemoryTicketJournal();
        seen = new MemoryIdempotentRepository();
        context.getRegistry().bind("journal", journal);
        context.getRegistry().bind("seen", seen);
        context.getRegistry().bind("broken", new MemoryIdempotentRepository() {
            @Override
            public boolean add(String key) {
                throw new IllegalStateException("the store is down");
            }
        });
        context.getRegistry().bind("forgetful", new MemoryTicketJournal() {
            @Override
            public void done(String key, String ticketId) {
                throw new IllegalStateException("cannot record done");
            }

            @Override
            public boolean remove(String key) {
                throw new IllegalStateException("cannot release");
            }
        });
        return context;
    }

    private Exchange hi(String uri) {
        return send(uri, null, HI);
    }

    private Exchange hi(String uri, String header, Object value) {
        Map<String, Object> headers = new java.util.HashMap<>(HI);
        headers.put(header, value);
        return send(uri, null, headers);
    }

    private static String key(Exchange exchange) {
        return exchange.getMessage().getHeader(ProtoConstants.IDEMPOTENT_KEY, String.class);
    }

    private void assertSent(int times) {
        assertThat(stub.requests()).hasSize(times).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo(path(PATH));
            assertThat(r.body()).isEqualTo(WIRE);
        });
    }

    @Test
    void a2xxConfirmsTheKeyAndTheNextExchangeIsADuplicateWithTheTicketIdAndSendsNothing() {
        stub.reply(201, "{\"id\":\"T1\"}");
        Exchange first = hi(JOURNAL);
        assertThat(first.getException()).isNull();
        assertThat(first.getMessage().getHeader(ProtoConstants.ID)).isEqualTo("T1");
        assertThat(first.getMessage().getHeader(ProtoConstants.DUPLICATE)).isEqualTo(false);
        assertThat(key(first)).startsWith("proto:" + TEAMSPACE + ":ticket:provided_unique_id=c1:");
        assertThat(journal.state(key(first))).isEqualTo(State.DONE);

        Exchange again = hi(JOURNAL);
        assertThat(again.getException()).isNull();
        assertThat(again.getMessage().getHeader(ProtoConstants.DUPLICATE)).isEqualTo(true);
        assertThat(again.getMessage().getHeader(ProtoConstants.ID)).isEqualTo("T1");
        assertThat(again.getMessage().getHeader(ProtoConstants.ATTEMPTS)).isEqualTo(0);
        assertSent(1);

        // the same ticket whatever the key order of the body; another subject is another ticket
        Exchange reordered = send(JOURNAL, "{\"provided_unique_id\":\"c1\",  \"subject\":\"Hi\"}", Map.of());
        assertThat(reordered.getMessage().getHeader(ProtoConstants.DUPLICATE)).isEqualTo(true);
        Exchange other =
                send(JOURNAL, null, Map.of(ProtoConstants.SUBJECT, "Hello", ProtoConstants.PROVIDED_UNIQUE_ID, "c1"));
        assertThat(other.getMessage().getHeader(ProtoConstants.DUPLICATE)).isEqualTo(false);
        assertThat(stub.requests()).hasSize(2);
    }

    @Test
    void a4xxReleasesTheKeySoTheNextExchangeSendsAgain() {
        stub.reply(422, "{\"error\":\"bad\"}");
        Exchange rejected = hi(JOURNAL);
        assertThat(rejected.getException()).isInstanceOf(ProtoApiException.class);
        assertThat(journal.state(key(rejected))).isEqualTo(State.ABSENT);
        stub.reply(200, "{\"id\":\"T2\"}");
        Exchange sent = hi(JOURNAL);
        assertThat(sent.getException()).isNull();
        assertThat(sent.getMessage().getHeader(ProtoConstants.ID)).isEqualTo("T2");
        assertSent(2);
    }

    @Test
    void a429AfterTheRetriesReleasesTheKey() {
        stub.reply(429, "{\"error\":\"slow down\"}");
        Exchange limited = hi(JOURNAL + "&maxRetries=1&retryDelay=10&retryMaxDelay=50");
        assertThat(limited.getException()).isInstanceOf(ProtoApiException.class);
        assertThat(((ProtoApiException) limited.getException()).getStatusCode()).isEqualTo(429);
        assertThat(journal.state(key(limited))).isEqualTo(State.ABSENT);
        // at least the two attempts maxRetries allows; a 429 to a request the teamspace gate itself released after a
        // pause is charged to the gate, not the exchange (see the user guide), so on a busy machine there may be more
        assertThat(stub.requests()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void a5xxKeepsTheKeyAndTheNextExchangeFailsUncertainWithoutSending() {
        stub.reply(500, "{\"error\":\"oops\"}");
        Exchange failed = hi(JOURNAL);
        assertThat(failed.getException()).isInstanceOf(ProtoApiException.class);
        assertThat(journal.state(key(failed))).isEqualTo(State.PENDING);

        stub.reply(200, "{\"id\":\"T3\"}");
        Exchange uncertain = hi(JOURNAL);
        assertThat(uncertain.getException())
                .isInstanceOf(ProtoUncertainException.class)
                .hasMessageContaining(key(failed))
                .hasMessageContaining("CamelProtoMarkCreated")
                .hasMessageContaining("CamelProtoResendUncertain=true");
        assertThat(((ProtoUncertainException) uncertain.getException()).getKey())
                .isEqualTo(key(failed));
        assertSent(1);
    }

    @Test
    void aConnectionResetAfterTheServerReadTheRequestKeepsTheKey() throws Exception {
        try (ScriptedServer server = new ScriptedServer()) {
            server.script(i -> new ScriptedServer.Reset());
            Exchange reset = hi(JOURNAL + "&maxRetries=0&baseUrl=" + server.baseUrl());
            assertThat(reset.getException()).isInstanceOf(ProtoTransportException.class);
            assertThat(((ProtoTransportException) reset.getException()).mayHaveBeenProcessed())
                    .isTrue();
            assertThat(journal.state(key(reset))).isEqualTo(State.PENDING);
            assertThat(server.requests())
                    .singleElement()
                    .isEqualTo(new ScriptedServer.Request("POST", path(PATH), WIRE));
            Exchange uncertain = hi(JOURNAL + "&maxRetries=0&baseUrl=" + server.baseUrl());
            assertThat(uncertain.getException()).isInstanceOf(ProtoUncertainException.class);
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void aRefusedConnectionReleasesTheKey() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String refused = JOURNAL + "&maxRetries=0&baseUrl=http://127.0.0.1:" + port + "/api/platform";
        Exchange failed = hi(refused);
        assertThat(failed.getException()).isInstanceOf(ProtoTransportException.class);
        assertThat(((ProtoTransportException) failed.getException()).mayHaveBeenProcessed())
                .isFalse();
        assertThat(journal.state(key(failed))).isEqualTo(State.ABSENT);
        // and the next exchange sends it
        stub.reply(200, "{\"id\":\"T4\"}");
        assertThat(hi(JOURNAL).getMessage().getHeader(ProtoConstants.ID)).isEqualTo("T4");
        assertSent(1);
    }

    @Test
    void aPlainRepositoryAnswersEveryKnownKeyAsUncertain() {
        stub.reply(200, "{\"id\":\"T5\"}");
        Exchange first = hi("proto:ticket/create?idempotentRepository=#seen");
        assertThat(first.getException()).isNull();
        assertThat(seen.contains(key(first))).isTrue();
        Exchange again = hi("proto:ticket/create?idempotentRepository=#seen");
        assertThat(again.getException())
                .isInstanceOf(ProtoUncertainException.class)
                .hasMessageContaining("MemoryIdempotentRepository");
        assertSent(1);
    }

    @Test
    void theResendHeaderSendsAnUncertainKeyOnceAndIsNotCarriedFurther() {
        stub.reply(502, "{}");
        Exchange failed = hi(JOURNAL);
        assertThat(journal.state(key(failed))).isEqualTo(State.PENDING);
        stub.reply(200, "{\"id\":\"T6\"}");
        Exchange resent = hi(JOURNAL, ProtoConstants.RESEND_UNCERTAIN, "true");
        assertThat(resent.getException()).isNull();
        assertThat(resent.getMessage().getHeader(ProtoConstants.ID)).isEqualTo("T6");
        assertThat(resent.getMessage().getHeaders()).doesNotContainKey(ProtoConstants.RESEND_UNCERTAIN);
        assertThat(journal.state(key(resent))).isEqualTo(State.DONE);
        // the key is done now: even the header does not send it twice
        Exchange after = hi(JOURNAL, ProtoConstants.RESEND_UNCERTAIN, true);
        assertThat(after.getException()).isNull();
        assertThat(after.getMessage().getHeader(ProtoConstants.DUPLICATE)).isEqualTo(true);
        assertThat(after.getMessage().getHeader(ProtoConstants.ID)).isEqualTo("T6");
        assertSent(2);
    }

    @Test
    void theMarkCreatedHeaderRecordsTheTicketWithoutSending() {
        stub.reply(504, "{}");
        Exchange failed = hi(JOURNAL);
        assertThat(journal.state(key(failed))).isEqualTo(State.PENDING);
        Exchange marked = hi(JOURNAL, ProtoConstants.MARK_CREATED, "T7");
        assertThat(marked.getException()).isNull();
        assertThat(marked.getMessage().getHeader(ProtoConstants.DUPLICATE)).isEqualTo(true);
        assertThat(marked.getMessage().getHeader(ProtoConstants.ID)).isEqualTo("T7");
        Exchange after = hi(JOURNAL);
        assertThat(after.getMessage().getHeader(ProtoConstants.ID)).isEqualTo("T7");
        assertThat(after.getMessage().getHeader(ProtoConstants.DUPLICATE)).isEqualTo(true);
        assertSent(1);
    }

    @Test
    void aKeyOf300CharactersWorks() {
        stub.reply(200, "{\"id\":\"T8\"}");
        String uri = JOURNAL + "&idempotentKey=${header.rowKey}";
        String rowKey = "r".repeat(300);
        Exchange first = hi(uri, "rowKey", rowKey);
        assertThat(first.getException()).isNull();
        assertThat(key(first)).startsWith("proto:" + TEAMSPACE + ":sha256:").hasSizeLessThanOrEqualTo(200);
        Exchange again = hi(uri, "rowKey", rowKey);
        assertThat(again.getMessage().getHeader(ProtoConstants.DUPLICATE)).isEqualTo(true);
        assertThat(again.getMessage().getHeader(ProtoConstants.ID)).isEqualTo("T8");
        Exchange other = hi(uri, "rowKey", rowKey + "x");
        assertThat(other.getMessage().getHeader(ProtoConstants.DUPLICATE)).isEqualTo(false);
        assertSent(2);
    }

    @Test
    void aThrowingRepositoryFailsTheExchangeWithItsErrorAndSendsNothing() {
        Exchange failed = hi("proto:ticket/create?idempotentRepository=#broken");
        assertThat(failed.getException())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the store is down");
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void aStoreErrorAfterTheCallNeverEscapesAndEveryExchangeIsAnsweredOnce() {
        String uri = "proto:ticket/create?idempotentRepository=#forgetful";
        // a 4xx: the answer stands (ProtoApiException), the store's error rides along as suppressed
        stub.reply(404, "{\"error\":\"Customer not found\"}");
        Exchange rejected = hi(uri);
        assertThat(rejected.getException()).isInstanceOf(ProtoApiException.class);
        assertThat(rejected.getException().getSuppressed())
                .singleElement()
                .satisfies(e -> assertThat(e).hasMessage("cannot release"));
        // a 2xx that cannot be recorded: the ticket exists, so the exchange succeeds; the key stays claimed, so
        // a later exchange with it fails as uncertain instead of opening a second ticket
        stub.reply(200, "{\"id\":\"T11\"}");
        Exchange created =
                send(uri, null, Map.of(ProtoConstants.SUBJECT, "Other", ProtoConstants.PROVIDED_UNIQUE_ID, "c1"));
        assertThat(created.getException()).isNull();
        assertThat(created.getMessage().getHeader(ProtoConstants.ID)).isEqualTo("T11");
        Exchange again =
                send(uri, null, Map.of(ProtoConstants.SUBJECT, "Other", ProtoConstants.PROVIDED_UNIQUE_ID, "c1"));
        assertThat(again.getException()).isInstanceOf(ProtoUncertainException.class);
        assertThat(stub.requests()).hasSize(2);
    }

    @Test
    void theSameTeamspaceSpelledAs127001OrLocalhostSharesItsKeys() {
        stub.reply(200, "{\"id\":\"T9\"}");
        Exchange first = hi(JOURNAL + "&baseUrl=" + stub.baseUrl());
        assertThat(first.getMessage().getHeader(ProtoConstants.ID)).isEqualTo("T9");
        Exchange again = hi(JOURNAL + "&baseUrl=" + stub.baseUrl().replace("127.0.0.1", "localhost"));
        assertThat(again.getException()).isNull();
        assertThat(again.getMessage().getHeader(ProtoConstants.DUPLICATE)).isEqualTo(true);
        assertThat(again.getMessage().getHeader(ProtoConstants.ID)).isEqualTo("T9");
        assertThat(key(again)).isEqualTo(key(first));
        assertSent(1);
    }

    @Test
    void twentyExchangesWithOneKeyAtOnceSendOneRequestWithAJournal() throws Exception {
        twentyAtOnce(JOURNAL);
    }

    @Test
    void twentyExchangesWithOneKeyAtOnceSendOneRequestWithCamelsMemoryRepository() throws Exception {
        twentyAtOnce("proto:ticket/create?idempotentRepository=#seen");
    }

    private void twentyAtOnce(String uri) throws Exception {
        stub.reply(200, "{\"id\":\"T10\"}").hold();
        List<CompletableFuture<Exchange>> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(template.asyncSend(uri, e -> e.getIn().setHeaders(new java.util.HashMap<>(HI))));
        }
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> all.stream().filter(CompletableFuture::isDone).count() == 19);
        stub.open();
        List<Exchange> done = new ArrayList<>();
        for (CompletableFuture<Exchange> f : all) {
            done.add(f.get(10, TimeUnit.SECONDS));
        }
        assertThat(done)
                .filteredOn(e -> e.getException() == null)
                .singleElement()
                .satisfies(e ->
                        assertThat(e.getMessage().getHeader(ProtoConstants.ID)).isEqualTo("T10"));
        assertThat(done)
                .filteredOn(e -> e.getException() != null)
                .hasSize(19)
                .allSatisfy(e -> assertThat(e.getException()).isInstanceOf(ProtoUncertainException.class));
        assertSent(1);
    }

    @Test
    void theOptionsOnAnotherOperationAreAClearErrorAtEndpointCreation() {
        assertThatThrownBy(() -> context.getEndpoint("proto:customer/get?idempotentRepository=#journal"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .rootCause()
                .hasMessageContaining("The options idempotentRepository and idempotentKey apply to ticket/create only")
                .hasMessageContaining("customer/get");
        assertThatThrownBy(() -> context.getEndpoint("proto:ticket/create?idempotentKey=${header.k}"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .rootCause()
                .hasMessageContaining("The option idempotentKey needs the option idempotentRepository");
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void otherOperationsAreNotTouchedByARepositoryOnTheComponent() {
        context.getComponent("proto", dev.camelproto.component.proto.ProtoComponent.class)
                .getConfiguration()
                .setIdempotentRepository(journal);
        stub.reply(200, "{\"id\":\"C1\"}");
        Exchange get = send("proto:customer/get", null, Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "c1"));
        assertThat(get.getException()).isNull();
        assertThat(get.getMessage().getHeaders()).doesNotContainKey(ProtoConstants.IDEMPOTENT_KEY);
        Exchange ticket = hi("proto:ticket/create");
        Exchange again = hi("proto:ticket/create");
        assertThat(key(ticket)).isNotNull();
        assertThat(again.getMessage().getHeader(ProtoConstants.DUPLICATE)).isEqualTo(true);
        assertThat(stub.requests()).hasSize(2);
    }
}
