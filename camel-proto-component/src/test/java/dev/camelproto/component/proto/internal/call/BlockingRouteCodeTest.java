package dev.camelproto.component.proto.internal.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.junit.jupiter.api.Test;

/**
 * Route code that blocks on a nested {@code proto:} call is still answered: route code continues on the component's
 * threads after a proto producer, and blocking there (a bean with a ProducerTemplate, {@code enrich} with a blocking
 * endpoint) must not stop the component from answering any call, the nested ones included, within callTimeout + 1 s.
 * The server answers every request at once, so every exchange succeeds unless the component itself stalls.
 */
class BlockingRouteCodeTest extends ProtoTestSupport {

    /** More outer exchanges at once than any fixed pool of max(4, 2 x cores) threads. */
    private static final int OUTER = Math.max(64, 4 * Runtime.getRuntime().availableProcessors());

    private ProducerTemplate nested;

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        configuration.withShutdownTimeout(2); // the unfixed component leaves exchanges stuck: do not wait 10 s
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:outer")
                        .to("proto:customField/list?callTimeout=3000")
                        .process(e -> e.getMessage().setHeader("inner", nested.requestBody("direct:inner", (Object)
                                null))); // blocks this thread until answered
                from("direct:inner").to("proto:customField/list?callTimeout=3000");
            }
        };
    }

    @Test
    void routeCodeBlockingOnANestedProtoCallIsAnswered() throws Exception {
        stub.reply(200, "[{\"id\":\"F1\"}]");
        nested = context.createProducerTemplate();
        AsyncProducer outer = context.getEndpoint("direct:outer").createAsyncProducer();
        ServiceHelper.startService(outer);
        CountDownLatch answered = new CountDownLatch(OUTER);
        Map<Integer, Exception> failures = new ConcurrentHashMap<>();
        for (int i = 0; i < OUTER; i++) {
            int id = i;
            Exchange exchange = new DefaultExchange(context);
            // the direct consumer runs the route on this thread up to the proto producer, which returns at once
            outer.process(exchange, doneSync -> {
                if (exchange.getException() != null) {
                    failures.put(id, exchange.getException());
                }
                answered.countDown();
            });
        }
        // callTimeout is 3 s per call, two calls per exchange: 20 s only detects a hang on a busy machine
        assertThat(answered.await(20, TimeUnit.SECONDS))
                .as(
                        "every one of %d outer exchanges answered within 20 s (callTimeout 3 s); %d left unanswered",
                        OUTER, answered.getCount())
                .isTrue();
        assertThat(failures)
                .as("the server answers at once: no exchange may fail")
                .isEmpty();
        assertThat(stub.requests())
                .as("one outer and one nested request per exchange")
                .hasSize(2 * OUTER);
        ServiceHelper.stopService(outer);
        nested.close();
    }
}
