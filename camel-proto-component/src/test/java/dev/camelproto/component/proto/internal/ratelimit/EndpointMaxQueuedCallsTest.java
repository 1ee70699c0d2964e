package dev.camelproto.component.proto.internal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.camelproto.component.proto.ProtoApiException;
import dev.camelproto.component.proto.ProtoComponent;
import dev.camelproto.component.proto.ProtoQueueFullException;
import dev.camelproto.component.proto.testsupport.ProtoApiStub;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The endpoint option {@code maxQueuedCalls} bounds that endpoint's calls, whichever endpoint of the teamspace was
 * used first: the teamspace's back-off queue admits a call only while fewer than the submitting endpoint's
 * {@code maxQueuedCalls} calls wait in it. A call beyond it fails at once with {@link ProtoQueueFullException},
 * nothing sent.
 */
class EndpointMaxQueuedCallsTest extends ProtoTestSupport {

    private static final int SUBMITTED = 60;

    private final List<AsyncProducer> producers = new ArrayList<>();

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        configuration.withShutdownTimeout(2);
    }

    @AfterEach
    void stopProducers() {
        producers.forEach(ServiceHelper::stopService);
    }

    @Test
    void aSmallerBoundOnALaterEndpointFailsTheCallsBeyondIt() throws Exception {
        pauseTheTeamspaceThrough("proto:customField/list?maxRetries=0");
        Submitted run = submit("proto:customField/list?maxQueuedCalls=10");

        assertThat(context.getComponent("proto", ProtoComponent.class).getCallsInFlight())
                .as("calls the back-off queue holds after %d were submitted through maxQueuedCalls=10", SUBMITTED)
                .isEqualTo(10);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(run.queueFull)
                        .as("failed at once with ProtoQueueFullException")
                        .hasValue(SUBMITTED - 10));
        assertThat(run.limits).as("the limit each refusal names").containsOnlyKeys(10);
        assertThat(run.other)
                .as("no other answer yet: the rest wait for the back-off")
                .isEmpty();
        assertThat(stub.requests()).as("nothing sent but the first call's").hasSize(1);
    }

    @Test
    void aLargerBoundOnALaterEndpointQueuesItsCalls() throws Exception {
        pauseTheTeamspaceThrough("proto:customField/list?maxRetries=0&maxQueuedCalls=10");
        Submitted run = submit("proto:customField/list?maxQueuedCalls=100");

        assertThat(context.getComponent("proto", ProtoComponent.class).getCallsInFlight())
                .as("calls the back-off queue holds after %d were submitted through maxQueuedCalls=100", SUBMITTED)
                .isEqualTo(SUBMITTED);
        assertThat(run.queueFull)
                .as("refused with ProtoQueueFullException, e.g. %s", run.firstQueueFull)
                .hasValue(0);
        assertThat(stub.requests()).as("nothing sent but the first call's").hasSize(1);
    }

    /** A first call through {@code uri} meets a 429 (Retry-After 20 s) and fails: the teamspace stays paused. */
    private void pauseTheTeamspaceThrough(String uri) throws Exception {
        stub.reply(r -> new ProtoApiStub.Reply(429, "{\"detail\":\"slow down\"}", Map.of("Retry-After", "20")));
        Exchange first = template.send(uri, e -> {});
        assertThat(first.getException()).isInstanceOf(ProtoApiException.class);
        ProtoComponent proto = context.getComponent("proto", ProtoComponent.class);
        assertThat(proto.getRateLimitPauses()).isEqualTo(1);
        assertThat(proto.getCallsInFlight()).isZero();
    }

    /**
     * Submits {@link #SUBMITTED} calls straight to a producer: each is queued or refused before process() returns, so
     * the component's in-flight count right after the loop is what the queue took.
     */
    private Submitted submit(String uri) throws Exception {
        AsyncProducer producer = context.getEndpoint(uri).createAsyncProducer();
        ServiceHelper.startService(producer);
        producers.add(producer);
        Submitted run = new Submitted();
        for (int i = 0; i < SUBMITTED; i++) {
            Exchange exchange = new DefaultExchange(context);
            producer.process(exchange, doneSync -> {
                if (exchange.getException() instanceof ProtoQueueFullException full) {
                    run.limits.merge(full.getMaxQueuedCalls(), 1, Integer::sum);
                    run.firstQueueFull = full;
                    run.queueFull.incrementAndGet();
                } else {
                    run.other.add(exchange);
                }
            });
        }
        return run;
    }

    private static final class Submitted {
        final AtomicInteger queueFull = new AtomicInteger();
        final Map<Integer, Integer> limits = new ConcurrentHashMap<>();
        final List<Exchange> other = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile Exception firstQueueFull;
    }
}
