package dev.camelproto.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelproto.simulator.ProtoSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The app with a takeover secret the simulator rejects: the proto producer health check is DOWN. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProtoHealthCheckDownTest {

    static final ProtoSimulator SIM = ProtoSimulator.start();
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void proto(DynamicPropertyRegistry registry) {
        registry.add("camel.component.proto.base-url", SIM::baseUrl);
        registry.add("camel.component.proto.subcompany-id", SIM::subcompanyId);
        registry.add("camel.component.proto.takeover-secret", () -> "wrong");
    }

    @AfterAll
    static void stopSimulator() {
        SIM.close();
    }

    @LocalServerPort
    int port;

    @Test
    void protoProducerHealthCheckIsDownWhenTheSecretIsRejected() throws Exception {
        // the proto check is "unknown" until its first probe is answered (a busy machine can take longer than the
        // check's own short wait): wait for the probe's verdict, not a fixed time
        await("the proto check's first probe answered")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> HTTP.send(
                                        HttpRequest.newBuilder(
                                                        URI.create("http://localhost:" + port + "/actuator/health"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode()
                        == 503);
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode health = JSON.readTree(response.body());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(health.get("status").asText()).isEqualTo("DOWN");
        JsonNode camel = health.get("components").get("camelHealth");
        assertThat(camel.get("status").asText()).as(response.body()).isEqualTo("DOWN");
        assertThat(camel.get("details")
                        .get(SupportRequestsApplicationTest.protoCheckId(SIM))
                        .asText())
                .as(response.body())
                .isEqualTo("DOWN");
        assertThat(camel.get("details")
                        .get(SupportRequestsApplicationTest.protoCheckId(SIM) + ".data")
                        .get("http.status.code")
                        .asText())
                .isEqualTo("401");
        assertThat(response.body()).doesNotContain(SIM.secret()).doesNotContain("Bearer");
    }
}
