package dev.camelproto.component.proto.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.ProtoComponent;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.testsupport.ProtoApiStub;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/**
 * An observer that throws never costs an exchange its answer: a Micrometer registry whose {@link MeterFilter} refuses
 * the per-call meters (proto.calls, proto.call.duration, proto.retries) throws from every call's metrics update; the
 * call is answered exactly as without metrics, retries included, within callTimeout + 1 s.
 */
class ThrowingObserverTest extends ProtoTestSupport {

    private static final Set<String> REFUSED = Set.of("proto.calls", "proto.call.duration", "proto.retries");

    private final AtomicInteger refusals = new AtomicInteger();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        meters.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (REFUSED.contains(id.getName())) {
                    refusals.incrementAndGet();
                    throw new IllegalStateException("meter refused by policy: " + id.getName());
                }
                return id;
            }
        });
        context.getRegistry().bind("meters", meters);
        return context;
    }

    @Test
    void aMeterRegistryThatThrowsOnEveryFinishedCallDoesNotLeaveTheExchangeUnanswered() throws Exception {
        stub.reply(200, "[{\"id\":\"F1\"}]");
        List<CompletableFuture<Exchange>> sent = List.of(
                template.asyncSend("proto:customField/list?callTimeout=3000", e -> {}),
                template.asyncSend("proto:customField/list?callTimeout=3000", e -> {}),
                template.asyncSend("proto:customField/list?callTimeout=3000", e -> {}));
        for (CompletableFuture<Exchange> f : sent) {
            // callTimeout is 3 s: 20 s only detects a hang on a busy machine
            Exchange out = answered(f);
            assertThat(out.getException())
                    .as("the observer's failure is not the exchange's")
                    .isNull();
            assertThat(out.getMessage().getBody(List.class)).hasSize(1);
        }
        assertThat(refusals).as("the registry did refuse the meters").hasPositiveValue();
        assertThat(context.getComponent("proto", ProtoComponent.class).getCallsInFlight())
                .isZero();
    }

    @Test
    void aMeterRegistryThatThrowsOnARetryDoesNotFailTheCall() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        stub.reply(r -> requests.getAndIncrement() == 0
                ? ProtoApiStub.Reply.json(503, "{\"detail\":\"busy\"}")
                : ProtoApiStub.Reply.json(200, "[{\"id\":\"F1\"}]"));
        Exchange out = answered(template.asyncSend("proto:customField/list?callTimeout=3000&retryDelay=10", e -> {}));
        assertThat(out.getException())
                .as("the observer's failure is not the exchange's")
                .isNull();
        assertThat(out.getMessage().getHeader(ProtoConstants.ATTEMPTS)).isEqualTo(2);
        assertThat(stub.requests()).hasSize(2);
    }

    private static Exchange answered(CompletableFuture<Exchange> f) {
        assertThat(f)
                .as("the exchange is answered within 20 s (callTimeout 3 s)")
                .succeedsWithin(Duration.ofSeconds(20));
        return f.join();
    }
}
