package dev.camelproto.component.proto.internal.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.camelproto.component.proto.ProtoCallTimeoutException;
import dev.camelproto.component.proto.ProtoComponent;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.ProtoTransportException;
import dev.camelproto.component.proto.testsupport.ProtoApiStub;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import dev.camelproto.component.proto.testsupport.ScriptedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code mayHaveBeenProcessed()} is true exactly when the server may have read one of the call's attempts: the
 * server's own record of the requests it read (each exchange carries a unique marker) is the oracle. Once an attempt
 * reached the server, the answer says so whatever later attempts did; an attempt that never left the connection pool
 * does not count.
 */
class MayHaveBeenProcessedTest {

    private final List<AutoCloseable> open = new ArrayList<>();
    private final Map<Long, AsyncProducer> tickets = new HashMap<>();
    private CamelContext context;

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void aPostTheServerReadIsReportedAsMaybeProcessedAlthoughLaterAttemptsFindThePortClosed() throws Exception {
        ScriptedServer server = serverThatReadsOneRequestThenGoesAway();
        ProducerTemplate template = start(server.baseUrl(), 64);
        Exchange out = template.send(
                "proto:ticket/create?retryNonIdempotent=true&maxRetries=3&retryDelay=10" + "&callTimeout=10000", e -> {
                    e.getIn().setHeader(ProtoConstants.SUBJECT, "marker-ticket");
                    e.getIn().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, "c1");
                });
        assertThat(server.requests()).as("the server read the first attempt").hasSize(1);
        assertThat(server.requests().get(0).body()).contains("marker-ticket");
        assertThat(out.getException()).isInstanceOf(ProtoTransportException.class);
        ProtoTransportException failure = (ProtoTransportException) out.getException();
        assertThat(failure.getAttempts())
                .as("reset, then three refused connects")
                .isEqualTo(4);
        assertThat(failure.mayHaveBeenProcessed())
                .as("the server read attempt 1 of 4, yet the exception says: %s", failure.getMessage())
                .isTrue();
    }

    @Test
    void aCustomerCreateTheServerReadIsReportedAsMaybeProcessedAlthoughLaterAttemptsFindThePortClosed()
            throws Exception {
        ScriptedServer server = serverThatReadsOneRequestThenGoesAway();
        ProducerTemplate template = start(server.baseUrl(), 64);
        Exchange out = template.send("proto:customer/create?maxRetries=3&retryDelay=10&callTimeout=10000", e -> {
            e.getIn().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, "marker-customer");
            e.getIn().setBody(Map.of("name", "Ada"));
        });
        assertThat(server.requests()).as("the server read the first attempt").hasSize(1);
        assertThat(server.requests().get(0).path()).contains("marker-customer");
        assertThat(out.getException()).isInstanceOf(ProtoTransportException.class);
        ProtoTransportException failure = (ProtoTransportException) out.getException();
        assertThat(failure.getAttempts())
                .as("reset, then three refused connects")
                .isEqualTo(4);
        assertThat(failure.mayHaveBeenProcessed())
                .as("the server read attempt 1 of 4, yet the exception says: %s", failure.getMessage())
                .isTrue();
    }

    @Test
    void postsThatNeverLeftTheConnectionPoolAreNotReportedAsMaybeProcessed() throws Exception {
        ProtoApiStub stub = new ProtoApiStub();
        open.add(stub::close);
        open.add(stub::open); // runs first: lets the held server threads go
        stub.reply(200, "{\"id\":\"T1\"}").hold();
        start(stub.baseUrl(), 2);
        // two POSTs take both pooled connections; the server reads them and holds its answers
        List<CompletableFuture<Exchange>> onTheWire = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            onTheWire.add(ticket("wire-" + i, 30_000));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> stub.requests().size() == 2);
        // 198 more wait for a connection until their callTimeout runs out: none of them is ever written to one
        int pooled = 198;
        List<CompletableFuture<Exchange>> waiting = new ArrayList<>();
        for (int i = 0; i < pooled; i++) {
            waiting.add(ticket("pooled-" + i, 1_500));
        }
        for (CompletableFuture<Exchange> f : waiting) {
            assertThat(f).as("answered within callTimeout + a hang margin").succeedsWithin(Duration.ofSeconds(20));
        }
        Set<String> read = subjects(stub);
        assertThat(read).as("the server read only the two on the wire").containsExactlyInAnyOrder("wire-0", "wire-1");
        List<String> untrue = new ArrayList<>();
        for (int i = 0; i < pooled; i++) {
            Exception e = waiting.get(i).join().getException();
            assertThat(e).as("pooled-" + i).isInstanceOf(ProtoCallTimeoutException.class);
            boolean claimed = ((ProtoTransportException) e).mayHaveBeenProcessed();
            if (claimed != read.contains("pooled-" + i)) {
                untrue.add("pooled-" + i);
            }
        }
        assertThat(untrue)
                .as(
                        "%d of %d exchanges the server never read claim mayHaveBeenProcessed()=true, e.g. %s",
                        untrue.size(), pooled, waiting.get(0).join().getException())
                .isEmpty();

        stub.open();
        for (CompletableFuture<Exchange> f : onTheWire) {
            assertThat(f).succeedsWithin(Duration.ofSeconds(20));
            assertThat(f.join().getException()).isNull();
        }
    }

    /** Sends straight to a producer: the call starts (and its callTimeout runs) before this returns. */
    private CompletableFuture<Exchange> ticket(String subject, long callTimeout) throws Exception {
        AsyncProducer producer = tickets.get(callTimeout);
        if (producer == null) {
            AsyncProducer p = context.getEndpoint("proto:ticket/create?callTimeout=" + callTimeout)
                    .createAsyncProducer();
            ServiceHelper.startService(p);
            open.add(() -> ServiceHelper.stopService(p));
            tickets.put(callTimeout, p);
            producer = p;
        }
        Exchange exchange = new DefaultExchange(context);
        exchange.getIn().setHeader(ProtoConstants.SUBJECT, subject);
        exchange.getIn().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, "c1");
        CompletableFuture<Exchange> answered = new CompletableFuture<>();
        producer.process(exchange, doneSync -> answered.complete(exchange));
        return answered;
    }

    private static Set<String> subjects(ProtoApiStub stub) {
        return stub.requests().stream()
                .map(r -> r.body().replaceAll(".*\"subject\":\"([^\"]+)\".*", "$1"))
                .collect(Collectors.toSet());
    }

    /** Reads request 0 and resets its connection, having closed its port first: every later connect is refused. */
    private ScriptedServer serverThatReadsOneRequestThenGoesAway() throws Exception {
        ScriptedServer server = new ScriptedServer();
        open.add(server);
        server.script(i -> {
            server.stopListening();
            return new ScriptedServer.Reset();
        });
        return server;
    }

    private ProducerTemplate start(String baseUrl, int maxConnections) throws Exception {
        context = new DefaultCamelContext();
        ProtoComponent proto = new ProtoComponent();
        proto.getConfiguration().setSubcompanyId(ProtoTestSupport.TEAMSPACE);
        proto.getConfiguration().setTakeoverSecret(ProtoTestSupport.SECRET);
        proto.getConfiguration().setBaseUrl(baseUrl);
        proto.setMaxConnections(maxConnections);
        context.addComponent("proto", proto);
        context.getShutdownStrategy().setTimeout(2);
        context.start();
        open.add(context);
        ProducerTemplate template = context.createProducerTemplate();
        open.add(template);
        return template;
    }
}
