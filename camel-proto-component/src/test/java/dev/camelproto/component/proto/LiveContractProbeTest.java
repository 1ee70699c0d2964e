package dev.camelproto.component.proto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.testsupport.LiveContractProbe;
import dev.camelproto.simulator.ProtoSimulator;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The live contract probe, run against the simulator: it works, observes what the CONTRACT says, and cleans up. */
class LiveContractProbeTest {

    @Test
    void theProbeRunsEveryOperationAndCleansUp() throws Exception {
        try (ProtoSimulator sim = ProtoSimulator.builder().seed(3).start();
                CamelContext context = new DefaultCamelContext()) {
            ProtoComponent proto = context.getComponent("proto", ProtoComponent.class);
            proto.setSubcompanyId(sim.subcompanyId());
            proto.setTakeoverSecret(sim.secret());
            proto.getConfiguration().setBaseUrl(sim.baseUrl());
            context.start();
            LiveContractProbe probe =
                    new LiveContractProbe(context.createProducerTemplate(), sim.baseUrl(), sim.subcompanyId());
            List<LiveContractProbe.Observation> seen = probe.run();
            seen.forEach(System.out::println);

            assertThat(seen).hasSize(18);
            assertThat(seen)
                    .extracting(LiveContractProbe.Observation::status)
                    .containsExactly(
                            200, 200, 409, 422, 200, 200, 200, 404, 404, 200, 200, 200, 404, 200, 422, 422, 200, 404);
            assertThat(sim.snapshot().customFields())
                    .as("the probe's field is deleted")
                    .isEmpty();
            assertThat(sim.snapshot().customers()).hasSize(1);
            assertThat(sim.snapshot().tickets()).hasSize(1);
        }
    }
}
