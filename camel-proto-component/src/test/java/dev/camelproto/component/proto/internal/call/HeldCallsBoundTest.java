package dev.camelproto.component.proto.internal.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.camelproto.component.proto.ProtoComponent;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.ProtoQueueFullException;
import dev.camelproto.component.proto.testsupport.ProtoApiStub;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Everything the component holds for one teamspace (calls queued in the back-off, waiting for a pooled connection and
 * in flight) is bounded by the option {@code maxPendingCalls}: beyond it a call fails at once with a
 * {@link ProtoQueueFullException} that names the option, and nothing of it is sent. Here the server holds its
 * answers and {@code maxConnections=2}, so every call after the first two waits for a pooled connection.
 */
class HeldCallsBoundTest {

    private final List<AutoCloseable> open = new ArrayList<>();
    private ProtoApiStub stub;
    private CamelContext context;

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void theEndpointOptionBoundsTheCallsHeldForATeamspace() throws Exception {
        start(null);
        assertBound("proto:customer/get?maxPendingCalls=10&callTimeout=30000", 10, 20);
    }

    @Test
    void theComponentOptionBoundsTheCallsHeldForATeamspace() throws Exception {
        start("10"); // as camel.component.proto.max-pending-calls=10 would
        assertBound("proto:customer/get?callTimeout=30000", 10, 20);
    }

    @Test
    void byDefaultTenThousandCallsAreHeldAndNoMore() throws Exception {
        start(null);
        assertBound("proto:customer/get?callTimeout=60000", 10_000, 10_048);
    }

    /**
     * Two calls take both connections (the server reads them and holds its answers); {@code more} calls follow: the
     * first {@code bound - 2} wait for a connection, the rest fail at once naming maxPendingCalls and are never sent.
     */
    private void assertBound(String uri, int bound, int more) throws Exception {
        AsyncProducer producer = context.getEndpoint(uri).createAsyncProducer();
        ServiceHelper.startService(producer);
        open.add(() -> ServiceHelper.stopService(producer));
        List<Exchange> refused = new CopyOnWriteArrayList<>();
        List<Exchange> answered = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 2; i++) {
            send(producer, "wire-" + i, refused, answered);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> stub.requests().size() == 2);
        for (int i = 0; i < more; i++) {
            send(producer, "held-" + i, refused, answered);
        }
        ProtoComponent proto = context.getComponent("proto", ProtoComponent.class);
        int held = proto.getCallsInFlight();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(refused)
                        .as(
                                "calls refused at once (%d held of %d submitted; maxPendingCalls %d)",
                                held, more + 2, bound)
                        .hasSize(more + 2 - bound));
        assertThat(held).as("calls held for the teamspace").isEqualTo(bound);
        for (Exchange e : refused) {
            assertThat(e.getException())
                    .isInstanceOf(ProtoQueueFullException.class)
                    .hasMessageContaining("maxPendingCalls");
            assertThat(((ProtoQueueFullException) e.getException()).mayHaveBeenProcessed())
                    .isFalse();
        }
        assertThat(answered)
                .as("no other answer while the server holds its answers")
                .isEmpty();
        if (bound <= 100) {
            stub.open(); // every held call is sent and answered now; none of the refused ones
            await().atMost(Duration.ofSeconds(20)).until(() -> answered.size() == bound);
            assertThat(answered).allSatisfy(e -> assertThat(e.getException()).isNull());
        }
        Set<String> read = stub.requests().stream()
                .map(r -> r.path().replaceAll(".*/customer/([^/]+)/.*", "$1"))
                .collect(Collectors.toSet());
        Set<String> refusedIds = refused.stream()
                .map(e -> e.getIn().getHeader(ProtoConstants.PROVIDED_UNIQUE_ID, String.class))
                .collect(Collectors.toSet());
        assertThat(read).as("the server never read a refused call").doesNotContainAnyElementsOf(refusedIds);
    }

    private static void send(AsyncProducer producer, String id, List<Exchange> refused, List<Exchange> answered) {
        Exchange exchange = new DefaultExchange(producer.getEndpoint().getCamelContext());
        exchange.getIn().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, id);
        producer.process(
                exchange,
                doneSync -> (exchange.getException() instanceof ProtoQueueFullException ? refused : answered)
                        .add(exchange));
    }

    private void start(String componentMaxPendingCalls) throws Exception {
        stub = new ProtoApiStub();
        open.add(stub::close);
        open.add(stub::open); // closed first: lets the held server threads go
        stub.reply(200, "{\"id\":\"C1\"}").hold();
        context = new DefaultCamelContext();
        ProtoComponent proto = new ProtoComponent();
        proto.getConfiguration().setSubcompanyId(ProtoTestSupport.TEAMSPACE);
        proto.getConfiguration().setTakeoverSecret(ProtoTestSupport.SECRET);
        proto.getConfiguration().setBaseUrl(stub.baseUrl());
        proto.setMaxConnections(2);
        context.addComponent("proto", proto);
        if (componentMaxPendingCalls != null) {
            PropertyBindingSupport.build()
                    .withCamelContext(context)
                    .withTarget(proto)
                    .withMandatory(true)
                    .withConfigurer(proto.getComponentPropertyConfigurer())
                    .withProperty("maxPendingCalls", componentMaxPendingCalls)
                    .bind();
        }
        context.getShutdownStrategy().setTimeout(1);
        context.start();
        open.add(context);
    }
}
