package dev.camelproto.examples.camelk;

import static dev.camelproto.examples.camelk.Manifests.at;
import static dev.camelproto.examples.camelk.Manifests.list;
import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.simulator.Customer;
import dev.camelproto.simulator.ProtoSimulator;
import dev.camelproto.simulator.Snapshot;
import dev.camelproto.simulator.Ticket;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

/**
 * Runs the Integration's {@code spec.flows} on Camel Main as Camel K would (its {@code camel} trait properties, the
 * properties the Secret would provide), with the Proto base URL and credentials overridden to an in-memory simulator.
 */
class IntegrationRunsLocallyTest {

    @Test
    void supportRequestBecomesCustomerAndTicket() throws Exception {
        Map<String, Object> integration = Manifests.load(Manifests.INTEGRATION);
        Path flows = Path.of("target", "camel-k", "integration-flows.yaml").toAbsolutePath();
        Files.createDirectories(flows.getParent());
        Files.writeString(flows, Manifests.dump(at(integration, "spec", "flows")));

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (ProtoSimulator simulator = ProtoSimulator.builder().start()) {
            Main main = new Main();
            try {
                main.addInitialProperty("camel.main.routes-include-pattern", "file:" + flows);
                main.addInitialProperty("camel.server.enabled", "true");
                main.addInitialProperty("camel.server.host", "127.0.0.1");
                main.addInitialProperty("camel.server.port", String.valueOf(port));
                // spec.traits.camel.properties
                for (Object property : list(at(integration, "spec", "traits", "camel", "properties"))) {
                    String[] kv = property.toString().split("=", 2);
                    main.addInitialProperty(kv[0], kv[1]);
                }
                // what the Secret proto-credentials provides in the cluster, here pointing at the simulator
                main.addOverrideProperty("camel.component.proto.subcompany-id", simulator.subcompanyId());
                main.addOverrideProperty("camel.component.proto.takeover-secret", simulator.secret());
                main.addOverrideProperty("camel.component.proto.base-url", simulator.baseUrl());
                main.start();

                HttpResponse<String> response = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/support-requests"))
                                        .timeout(Duration.ofSeconds(10))
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString("""
                                        {"customerId": "k8s-1", "name": "Kay", "email": "kay@example.com",
                                         "message": "Deployed on Kubernetes"}"""))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).isEqualTo(201);
                Snapshot state = simulator.snapshot();
                assertThat(state.customers()).hasSize(1);
                Customer kay = state.customer("k8s-1").orElseThrow();
                assertThat(kay.name()).isEqualTo("Kay");
                assertThat(kay.email()).isEqualTo("kay@example.com");
                assertThat(state.tickets()).hasSize(1);
                Ticket ticket = state.tickets().get(0);
                assertThat(ticket.subject()).isEqualTo("Deployed on Kubernetes");
                assertThat(ticket.customerId()).isEqualTo(kay.id());
                assertThat(response.body()).isEqualTo("{\"ticketId\":\"" + ticket.id() + "\"}");
            } finally {
                main.stop();
            }
        }
    }
}
