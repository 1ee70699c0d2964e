package dev.camelproto.examples.quarkus;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import dev.camelproto.simulator.Customer;
import dev.camelproto.simulator.ProtoSimulator;
import java.time.Duration;
import dev.camelproto.simulator.RecordedRequest;
import dev.camelproto.simulator.Snapshot;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;

/** The application's YAML routes and health endpoint, against the simulator (JVM mode). */
@QuarkusTest
@WithTestResource(ProtoSimulatorResource.class)
class ProtoRoutesTest {

    @InjectProtoSimulator
    ProtoSimulator simulator;

    @Inject
    ProducerTemplate template;

    @Test
    void customerThenTicketThroughTheKamelet() {
        String customerId = template.requestBodyAndHeader("direct:register-customer",
                "{\"name\": \"Quinn\", \"email\": \"quinn@example.com\"}", "CamelProtoProvidedUniqueId", "quarkus-1",
                String.class);
        String ticketId = template.requestBody("direct:open-ticket",
                "{\"subject\": \"Order 7 has not arrived\", \"provided_unique_id\": \"quarkus-1\"}", String.class);

        Snapshot state = simulator.snapshot();
        Customer quinn = state.customer("quarkus-1").orElseThrow();
        assertThat(quinn.id()).isEqualTo(customerId);
        assertThat(quinn.name()).isEqualTo("Quinn");
        assertThat(quinn.email()).isEqualTo("quinn@example.com");
        assertThat(state.tickets()).singleElement().satisfies(ticket -> {
            assertThat(ticket.id()).isEqualTo(ticketId);
            assertThat(ticket.subject()).isEqualTo("Order 7 has not arrived");
            assertThat(ticket.customerId()).isEqualTo(quinn.id());
        });
        // what went over the wire: the two calls of the routes, each with the configured secret as Bearer token
        List<RecordedRequest> calls = simulator.journal().stream()
                .filter(r -> !"customField/list".equals(r.route())) // health probes
                .toList();
        assertThat(calls).extracting(RecordedRequest::route).containsExactly("customer/create", "ticket/create");
        assertThat(calls).allSatisfy(r -> {
            assertThat(r.status()).isBetween(200, 299);
            assertThat(r.header("Authorization")).isEqualTo("Bearer " + simulator.secret());
        });
    }

    @Test
    void protoProducerCheckIsUpInReadiness() {
        // the check probes when readiness is read, and is "unknown" (UP to Quarkus) until that probe is answered: read
        // readiness until the probe reached the simulator, so the assertions below see its verdict
        await("the first readiness probe reached the simulator")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    given().when().get("/q/health/ready");
                    return simulator.journal().stream().anyMatch(r -> "customField/list".equals(r.route()));
                });
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'camel-producers' }.status", equalTo("UP"));
        // the check called the API with the configured teamspace and secret, and got an answer
        assertThat(simulator.journal()).filteredOn(r -> "customField/list".equals(r.route())).isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.status()).isEqualTo(200);
                    assertThat(r.header("Authorization")).isEqualTo("Bearer " + simulator.secret());
                });
    }
}
