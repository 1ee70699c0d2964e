package dev.camelproto.examples.javadsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.simulator.ProtoSimulator;
import dev.camelproto.simulator.RecordedRequest;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

/** A Proto API error (here: a wrong takeover secret, 401) is answered 502 and nothing is created. */
class ProtoApiErrorTest {

    @Test
    void wrongSecretIs502AndNothingIsCreated() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (ProtoSimulator simulator = ProtoSimulator.builder().start()) {
            Main main = new Main();
            try {
                main.configure().addRoutesBuilder(new SupportRequestRoutes());
                main.addOverrideProperty("camel.server.port", String.valueOf(port));
                main.addOverrideProperty("camel.server.host", "127.0.0.1");
                main.addOverrideProperty("camel.component.proto.base-url", simulator.baseUrl());
                main.addOverrideProperty("camel.component.proto.subcompany-id", simulator.subcompanyId());
                main.addOverrideProperty("camel.component.proto.takeover-secret", "not-the-secret");
                main.start();

                HttpResponse<String> response = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/support-requests"))
                                        .timeout(Duration.ofSeconds(10))
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString("""
                                        {"customerId": "c1", "name": "N", "email": "n@example.com", "message": "m"}"""))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).isEqualTo(502);
                assertThat(response.body()).isEqualTo("{\"error\":\"the Proto API answered 401\"}");
            } finally {
                main.stop();
            }
            assertThat(simulator.snapshot().customers()).isEmpty();
            assertThat(simulator.snapshot().tickets()).isEmpty();
            // the customer upsert was tried once and refused; the ticket was never attempted
            assertThat(simulator.journal())
                    .extracting(RecordedRequest::method, RecordedRequest::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("PUT", 401));
        }
    }
}
