package dev.camelproto.examples.camelk;

import static dev.camelproto.examples.camelk.Manifests.at;
import static dev.camelproto.examples.camelk.Manifests.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.camelproto.simulator.Customer;
import dev.camelproto.simulator.ProtoSimulator;
import dev.camelproto.simulator.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

/**
 * Runs the Pipe locally: its source Kamelet (timer-source, from the camel-kamelets catalog) and its sink Kamelet
 * (proto-customer-upsert-sink, from the camel-proto jar) with the Pipe's properties, as the route
 * {@code from: kamelet:<source>?<source properties>} → {@code to: kamelet:<sink>?<sink properties>} that Camel K
 * generates; only the sink's baseUrl is added, pointing at an in-memory simulator, whose teamspace and secret are the
 * properties the Secret would provide.
 */
class PipeRunsLocallyTest {

    @Test
    void pipeUpsertsTheTaggedCustomer() throws Exception {
        Map<String, Object> pipe = Manifests.load(Manifests.PIPE);

        try (ProtoSimulator simulator = ProtoSimulator.builder().start()) {
            Map<String, Object> sinkProperties = new LinkedHashMap<>(map(at(pipe, "spec", "sink", "properties")));
            sinkProperties.put("baseUrl", simulator.baseUrl());
            Map<String, Object> route = Map.of(
                    "route",
                    Map.of(
                            "id", at(pipe, "metadata", "name"),
                            "from",
                                    Map.of(
                                            "uri", "kamelet:" + at(pipe, "spec", "source", "ref", "name"),
                                            "parameters", map(at(pipe, "spec", "source", "properties")),
                                            "steps",
                                                    List.of(Map.of(
                                                            "to",
                                                            Map.of(
                                                                    "uri",
                                                                    "kamelet:"
                                                                            + at(pipe, "spec", "sink", "ref", "name"),
                                                                    "parameters",
                                                                    sinkProperties))))));
            Path routes = Path.of("target", "camel-k", "pipe-route.yaml").toAbsolutePath();
            Files.createDirectories(routes.getParent());
            Files.writeString(routes, Manifests.dump(List.of(route)));

            Main main = new Main();
            try {
                main.addInitialProperty("camel.main.routes-include-pattern", "file:" + routes);
                // what the Secret proto-credentials provides in the cluster, here the simulator's teamspace
                main.addOverrideProperty("proto.subcompany-id", simulator.subcompanyId());
                main.addOverrideProperty("proto.secret", simulator.secret());
                main.start();

                await().atMost(Duration.ofSeconds(15))
                        .until(() -> simulator
                                .snapshot()
                                .customer("pipe-demo")
                                .map(c -> c.tags().size() == 2)
                                .orElse(false));
            } finally {
                main.stop();
            }

            Snapshot state = simulator.snapshot();
            assertThat(state.customers()).hasSize(1);
            Customer customer = state.customer("pipe-demo").orElseThrow();
            assertThat(customer.name()).isEqualTo("Pipe Demo");
            assertThat(customer.email()).isEqualTo("pipe-demo@example.com");
            assertThat(customer.tags()).containsExactly("from-pipe", "demo");
            assertThat(state.tags()).containsExactlyInAnyOrder("from-pipe", "demo");
            assertThat(state.tickets()).isEmpty();
        }
    }
}
