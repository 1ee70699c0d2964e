package dev.camelproto.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelproto.simulator.Customer;
import dev.camelproto.simulator.ProtoSimulator;
import dev.camelproto.simulator.Snapshot;
import dev.camelproto.simulator.Ticket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The app over real HTTP, with the Proto simulator behind it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Spring Boot tests replace the metrics exporters with an in-memory registry unless asked: keep Prometheus, as the
// application runs
@AutoConfigureObservability(tracing = false)
class SupportRequestsApplicationTest {

    static final ProtoSimulator SIM = ProtoSimulator.start();
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void proto(DynamicPropertyRegistry registry) {
        registry.add("camel.component.proto.base-url", SIM::baseUrl);
        registry.add("camel.component.proto.subcompany-id", SIM::subcompanyId);
        registry.add("camel.component.proto.takeover-secret", SIM::secret);
    }

    @AfterAll
    static void stopSimulator() {
        SIM.close();
    }

    @LocalServerPort
    int port;

    @BeforeEach
    void resetSimulator() {
        SIM.reset();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/support-requests"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void supportRequestUpsertsTheCustomerAndOpensATicket() throws Exception {
        HttpResponse<String> response = post(JSON.writeValueAsString(Map.of(
                "customerId", "cust-1001",
                "name", "Grace Hopper",
                "email", "grace@example.com",
                "message", "My invoice is wrong")));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        Snapshot snapshot = SIM.snapshot();
        Customer customer = snapshot.customer("cust-1001").orElseThrow();
        assertThat(customer.name()).isEqualTo("Grace Hopper");
        assertThat(customer.email()).isEqualTo("grace@example.com");
        assertThat(snapshot.customers()).hasSize(1);
        assertThat(snapshot.tickets()).hasSize(1);
        Ticket ticket = snapshot.tickets().get(0);
        assertThat(ticket.subject()).isEqualTo("My invoice is wrong");
        assertThat(ticket.customerId()).isEqualTo(customer.id());
        assertThat(ticket.providedUniqueId()).isEqualTo("cust-1001");
        assertThat(JSON.readTree(response.body()))
                .isEqualTo(JSON.createObjectNode().put("ticketId", ticket.id()));
        assertThat(SIM.journal()).extracting(r -> r.route()).containsExactly("customer/create", "ticket/create");

        // a second request for the same customer updates it (upsert) and adds a second ticket
        HttpResponse<String> second = post("{\"customerId\":\"cust-1001\",\"name\":\"Grace B. Hopper\","
                + "\"email\":\"grace@example.com\",\"message\":\"Still wrong\"}");
        assertThat(second.statusCode()).isEqualTo(201);
        Snapshot after = SIM.snapshot();
        assertThat(after.customers()).hasSize(1);
        assertThat(after.customer("cust-1001").orElseThrow().name()).isEqualTo("Grace B. Hopper");
        assertThat(after.customer("cust-1001").orElseThrow().id()).isEqualTo(customer.id());
        assertThat(after.tickets()).extracting(Ticket::subject).containsExactly("My invoice is wrong", "Still wrong");
    }

    @Test
    void missingCustomerIdIs400AndNothingReachesProto() throws Exception {
        HttpResponse<String> response = post("{\"name\":\"No Id\",\"message\":\"hello\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()))
                .isEqualTo(JSON.createObjectNode().put("error", "customerId is required"));
        assertThat(SIM.journal()).isEmpty();
    }

    @Test
    void missingMessageIs400AndNothingReachesProto() throws Exception {
        HttpResponse<String> response = post("{\"customerId\":\"cust-1\",\"message\":\"  \"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()))
                .isEqualTo(JSON.createObjectNode().put("error", "message is required"));
        assertThat(SIM.journal()).isEmpty();
    }

    @Test
    void protoValidationExceptionIs400WithItsMessageAndNothingReachesProto() throws Exception {
        // a line feed in an id is rejected by the component before any HTTP request
        HttpResponse<String> response = post("{\"customerId\":\"cust\\n1\",\"message\":\"hello\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").asText())
                .isEqualTo("customer/create: the customer's provided unique id must not contain CR, LF or NUL"
                        + " characters (check the header CamelProtoProvidedUniqueId or the endpoint option"
                        + " providedUniqueId)");
        assertThat(SIM.journal()).isEmpty();
        assertThat(SIM.snapshot().customers()).isEmpty();
    }

    @Test
    void actuatorHealthIsUpAndIncludesCamel() throws Exception {
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
                        == 200);
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = JSON.readTree(response.body());
        assertThat(health.get("status").asText()).isEqualTo("UP");
        JsonNode camel = health.get("components").get("camelHealth");
        assertThat(camel.get("status").asText()).isEqualTo("UP");
        assertThat(camel.get("details").get("context").asText()).isEqualTo("UP");
        assertThat(camel.get("details").get("context.data").get("context.name").asText())
                .isEqualTo("proto-support-requests");
        assertThat(camel.get("details")
                        .get("context.data")
                        .get("context.status")
                        .asText())
                .isEqualTo("Started");
        assertThat(health.get("components")
                        .get("camelReadinessState")
                        .get("status")
                        .asText())
                .isEqualTo("UP");
        assertThat(health.get("components")
                        .get("camelLivenessState")
                        .get("status")
                        .asText())
                .isEqualTo("UP");
        // camel.health.producers-enabled=true (application.yaml): the proto producer check probed the simulator
        assertThat(camel.get("details").get(protoCheckId(SIM)).asText())
                .as(response.body())
                .isEqualTo("UP");
        assertThat(camel.get("details")
                        .get(protoCheckId(SIM) + ".data")
                        .get("http.status.code")
                        .asText())
                .isEqualTo("200");
    }

    @Test
    void protoMetersAreAtActuatorMetricsAndPrometheus() throws Exception {
        double ticketsBefore = count("ticket/create", "success");
        HttpResponse<String> response =
                post("{\"customerId\":\"cust-m1\",\"name\":\"Ada\"," + "\"message\":\"Metrics please\"}");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(SIM.snapshot().tickets()).hasSize(1);

        // the meters are told after the call's callback was handed over: they catch up within moments
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(count("ticket/create", "success")).isEqualTo(ticketsBefore + 1));
        JsonNode calls = JSON.readTree(get("/actuator/metrics/proto.calls").body());
        assertThat(calls.get("name").asText()).isEqualTo("proto.calls");
        assertThat(calls.get("availableTags").findValuesAsText("tag"))
                .containsExactlyInAnyOrder("operation", "outcome");
        for (JsonNode tag : calls.get("availableTags")) {
            java.util.List<String> values = new java.util.ArrayList<>();
            tag.get("values").forEach(v -> values.add(v.asText()));
            if (tag.get("tag").asText().equals("outcome")) {
                assertThat(values)
                        .containsExactlyInAnyOrder("success", "client_error", "server_error", "transport_error");
            } else {
                assertThat(values).contains("ticket/create").doesNotContain(SIM.subcompanyId(), SIM.secret());
            }
        }
        JsonNode duration = JSON.readTree(
                get("/actuator/metrics/proto.call.duration?tag=operation:ticket/create" + "&tag=outcome:success")
                        .body());
        assertThat(duration.get("measurements").get(0).get("statistic").asText())
                .isEqualTo("COUNT");
        assertThat(duration.get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(1);
        assertThat(JSON.readTree(get("/actuator/metrics/proto.calls.in_flight").body())
                        .get("measurements")
                        .get(0)
                        .get("value")
                        .asDouble())
                .isZero();

        HttpResponse<String> prometheus = get("/actuator/prometheus");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        String text = prometheus.body();
        assertThat(text)
                .contains("proto_calls_total{operation=\"ticket/create\",outcome=\"success\"}")
                .contains("proto_call_duration_seconds_count{operation=\"ticket/create\",outcome=\"success\"}")
                .contains("proto_retries_total{operation=\"ticket/create\"}")
                .contains("proto_rate_limit_pauses_total")
                .contains("proto_calls_in_flight 0.0")
                .doesNotContain(SIM.secret());
        assertThat(text.lines().filter(l -> l.startsWith("proto_")))
                .isNotEmpty()
                .noneMatch(l -> l.contains(SIM.subcompanyId()));
    }

    /** proto.calls of one operation and outcome from /actuator/metrics (0 before the meter exists). */
    private double count(String operation, String outcome) throws Exception {
        HttpResponse<String> response =
                get("/actuator/metrics/proto.calls?tag=operation:" + operation + "&tag=outcome:" + outcome);
        if (response.statusCode() == 404) {
            return 0;
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body())
                .get("measurements")
                .get(0)
                .get("value")
                .asDouble();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The id of the proto producer health check of a component configured for this simulator. */
    static String protoCheckId(ProtoSimulator sim) {
        return "proto-" + sim.subcompanyId() + "@" + URI.create(sim.baseUrl()).getAuthority();
    }
}
