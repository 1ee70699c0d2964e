package dev.camelproto.component.proto.internal.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.camelproto.component.proto.ProtoCallTimeoutException;
import dev.camelproto.component.proto.ProtoComponent;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.ProtoTransportException;
import dev.camelproto.component.proto.testsupport.ProtoApiStub;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import dev.camelproto.component.proto.testsupport.ScriptedServer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.junit.jupiter.api.Test;

/**
 * callTimeout: the whole budget of one exchange (back-off queue, every attempt, every retry wait), and
 * connectionRequestTimeout: the wait for a pooled connection, which is "not sent". The get(...) bounds are hang
 * detectors (callTimeout + 10 s), not speed measurements.
 */
class ProtoCallTimeoutTest extends ProtoTestSupport {

    static final Map<String, Object> TICKET =
            Map.of(ProtoConstants.SUBJECT, "Hi", ProtoConstants.PROVIDED_UNIQUE_ID, "c1");

    private Exchange answered(String uri, Map<String, Object> headers, long seconds) throws Exception {
        CompletableFuture<Exchange> f =
                template.asyncSend(uri, e -> e.getIn().setHeaders(new java.util.HashMap<>(headers)));
        return f.get(seconds, TimeUnit.SECONDS);
    }

    @Test
    void aRateLimitThatNeverEndsFailsWhenCallTimeoutRunsOut() throws Exception {
        stub.reply(r -> new ProtoApiStub.Reply(429, "{\"detail\":\"slow\"}", Map.of("Retry-After", "1")));
        Exchange out = answered("proto:ticket/create?callTimeout=2500&maxRetries=100", TICKET, 15);
        assertThat(out.getException())
                .isInstanceOf(ProtoCallTimeoutException.class)
                .hasMessageContaining("callTimeout (2500 ms)");
        ProtoCallTimeoutException e = (ProtoCallTimeoutException) out.getException();
        assertThat(e.mayHaveBeenProcessed()).as("every attempt was refused").isFalse();
        assertThat(e.getCallTimeoutMillis()).isEqualTo(2500);
        assertThat(e.getAttempts()).isBetween(1, 4).isEqualTo(stub.requests().size());
    }

    @Test
    void aRetryWhoseWaitWouldEndAfterTheDeadlineFailsAtOnce() throws Exception {
        stub.reply(r -> new ProtoApiStub.Reply(503, "{\"detail\":\"busy\"}", Map.of("Retry-After", "5")));
        Exchange out = answered("proto:customField/list?callTimeout=2000&retryMaxDelay=60s", Map.of(), 12);
        assertThat(out.getException())
                .isInstanceOf(ProtoCallTimeoutException.class)
                .hasMessageContaining("callTimeout (2000 ms)")
                .hasMessageContaining("waiting to retry after HTTP 503: the wait of 5000 ms would end after it");
        assertThat(((ProtoCallTimeoutException) out.getException()).mayHaveBeenProcessed())
                .isFalse();
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void anAttemptNeverWaitsLongerThanTheTimeLeft() throws Exception {
        try (ScriptedServer server = new ScriptedServer()) {
            server.script(i -> new ScriptedServer.Hang());
            String base = "&baseUrl=RAW(" + server.baseUrl() + ")";
            // responseTimeout 60 s, but only 1.5 s are left: the attempt is cut at the deadline
            Exchange get = answered("proto:customField/list?callTimeout=1500&responseTimeout=60s" + base, Map.of(), 12);
            assertThat(get.getException())
                    .isInstanceOf(ProtoCallTimeoutException.class)
                    .hasMessageContaining("callTimeout (1500 ms)");
            assertThat(((ProtoTransportException) get.getException()).mayHaveBeenProcessed())
                    .isTrue();
            Exchange post = answered("proto:ticket/create?callTimeout=1500&responseTimeout=60s" + base, TICKET, 12);
            assertThat(post.getException()).isInstanceOf(ProtoTransportException.class);
            assertThat(((ProtoTransportException) post.getException()).mayHaveBeenProcessed())
                    .isTrue();
            assertThat(server.requests().stream().filter(r -> r.method().equals("POST")))
                    .hasSize(1);
        }
    }

    @Test
    void aPoolLeaseTimeoutIsNotSentAndRetried() throws Exception {
        ProtoComponent one = new ProtoComponent();
        one.setMaxConnections(1);
        try (ScriptedServer server = new ScriptedServer()) {
            server.script(i -> i == 0 ? new ScriptedServer.Hang() : ScriptedServer.json(200, "{\"id\":\"T1\"}"));
            one.getConfiguration().setSubcompanyId(TEAMSPACE);
            one.getConfiguration().setTakeoverSecret(SECRET);
            one.getConfiguration().setBaseUrl(server.baseUrl());
            context.addComponent("protoone", one);
            // the only connection is held by a request the server never answers
            CompletableFuture<Exchange> stalled =
                    template.asyncSend("protoone:customField/list?responseTimeout=20s" + "&maxRetries=0", e -> {});
            await("the stalled request reached the server")
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> !server.requests().isEmpty());
            assertThat(server.requests()).hasSize(1);
            Exchange post = answered(
                    "protoone:ticket/create?connectionRequestTimeout=300&connectTimeout=200&retryDelay=10&maxRetries=2",
                    TICKET,
                    15);
            assertThat(post.getException()).isInstanceOf(ProtoTransportException.class);
            ProtoTransportException e = (ProtoTransportException) post.getException();
            assertThat(e.mayHaveBeenProcessed()).as("it never left the pool").isFalse();
            assertThat(e.getAttempts())
                    .as("not sent, so retried even though it is a POST")
                    .isEqualTo(3);
            assertThat(e.getMessage()).doesNotContain("may have been processed");
            assertThat(server.requests())
                    .as("the POST never reached the server")
                    .hasSize(1);
            one.stop();
            assertThat(stalled.get(10, TimeUnit.SECONDS).getException()).isInstanceOf(ProtoTransportException.class);
        }
    }

    @Test
    void theNewOptionsAreValidatedByName() {
        assertThatThrownBy(() -> context.getEndpoint("proto:customField/list?callTimeout=0"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContaining("callTimeout");
        assertThatThrownBy(() -> context.getEndpoint("proto:customField/list?connectionRequestTimeout=0"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContaining("connectionRequestTimeout");
        assertThatThrownBy(() -> context.getEndpoint("proto:customField/list?maxQueuedCalls=0"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasMessageContaining("maxQueuedCalls");
    }
}
