package dev.camelproto.component.proto.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.ProtoComponent;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/**
 * A meter registry that refuses every {@code proto.*} meter, those the component registers as it starts included
 * ({@code proto.rate_limit.pauses}, {@code proto.calls.in_flight}), is an observer that fails: the component starts and
 * answers every call as without metrics (found by {@link EveryExchangeAnsweredTruthfullyPropertyTest}: the component
 * did not start, so every exchange failed with "Cannot auto create component: proto").
 */
class MeterRegistryRefusingEveryProtoMeterTest extends ProtoTestSupport {

    private final AtomicInteger refusals = new AtomicInteger();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        meters.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (id.getName().startsWith("proto.")) {
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
    void theComponentStartsAndAnswersAsWithoutMetrics() {
        stub.reply(200, "[{\"id\":\"F1\"}]");
        Exchange out = template.send("proto:customField/list?callTimeout=3000", e -> {});
        assertThat(out.getException())
                .as("the observer's failure is not the exchange's")
                .isNull();
        assertThat(out.getMessage().getBody(List.class)).hasSize(1);
        assertThat(refusals).as("the registry did refuse the meters").hasPositiveValue();
        assertThat(context.getComponent("proto", ProtoComponent.class).getCallsInFlight())
                .isZero();
    }
}
