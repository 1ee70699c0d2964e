package dev.camelproto.examples.xmldsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.simulator.Customer;
import dev.camelproto.simulator.ProtoSimulator;
import dev.camelproto.simulator.ProtoSimulatorExtension;
import dev.camelproto.simulator.Snapshot;
import dev.camelproto.simulator.Ticket;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the example exactly as {@code org.apache.camel.main.Main} does from the command line (application.properties,
 * the XML routes of {@code camel/*.xml}, the platform-http server) with the Proto settings overridden to point at an in-memory simulator, and calls it over
 * real HTTP.
 */
class SupportRequestXmlRouteTest {

    @RegisterExtension
    static final ProtoSimulatorExtension PROTO = ProtoSimulatorExtension.create();

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Main main;
    private static int port;

    @BeforeAll
    static void startCamel() throws Exception {
        port = freePort();
        main = new Main();
        main.addOverrideProperty("camel.server.port", String.valueOf(port));
        main.addOverrideProperty("camel.server.host", "127.0.0.1");
        main.addOverrideProperty("camel.component.proto.base-url", PROTO.baseUrl());
        main.addOverrideProperty("camel.component.proto.subcompany-id", PROTO.subcompanyId());
        main.addOverrideProperty("camel.component.proto.takeover-secret", PROTO.secret());
        main.start();
    }

    @AfterAll
    static void stopCamel() {
        if (main != null) {
            main.stop();
        }
    }

    @Test
    void createsCustomerAndTicketAndAnswers201() throws Exception {
        HttpResponse<String> response = post("""
                {"customerId": "cust-42", "name": "Ada Lovelace", "email": "ada@example.com",
                 "message": "My order has not arrived"}""");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));

        Snapshot state = PROTO.simulator().snapshot();
        assertThat(state.customers()).hasSize(1);
        Customer customer = state.customer("cust-42").orElseThrow();
        assertThat(customer.name()).isEqualTo("Ada Lovelace");
        assertThat(customer.email()).isEqualTo("ada@example.com");

        assertThat(state.tickets()).hasSize(1);
        Ticket ticket = state.tickets().get(0);
        assertThat(ticket.subject()).isEqualTo("My order has not arrived");
        assertThat(ticket.providedUniqueId()).isEqualTo("cust-42");
        assertThat(ticket.customerId()).isEqualTo(customer.id());
        assertThat(response.body()).isEqualTo("{\"ticketId\":\"" + ticket.id() + "\"}");
    }

    @Test
    void sameCustomerTwiceIsUpsertedAndGetsTwoTickets() throws Exception {
        assertThat(post("""
                {"customerId": "cust-7", "name": "Grace", "email": "grace@old.example", "message": "first"}""").statusCode()).isEqualTo(201);
        assertThat(post("""
                {"customerId": "cust-7", "name": "Grace Hopper", "email": "grace@new.example", "message": "second"}""").statusCode()).isEqualTo(201);

        Snapshot state = PROTO.simulator().snapshot();
        assertThat(state.customers()).singleElement().satisfies(c -> {
            assertThat(c.providedUniqueId()).isEqualTo("cust-7");
            assertThat(c.name()).isEqualTo("Grace Hopper");
            assertThat(c.email()).isEqualTo("grace@new.example");
        });
        assertThat(state.tickets()).extracting(Ticket::subject).containsExactly("first", "second");
        assertThat(state.tickets())
                .extracting(Ticket::customerId)
                .containsOnly(state.customers().get(0).id());
    }

    @Test
    void otherCustomerFieldsOfTheRequestPassThrough() throws Exception {
        assertThat(post("""
                {"customerId": "cust-9", "name": "Alan", "email": "alan@example.com", "phone_number": "+441234",
                 "message": "call me"}""").statusCode()).isEqualTo(201);

        Customer customer = PROTO.simulator().snapshot().customer("cust-9").orElseThrow();
        assertThat(customer.phoneNumber()).isEqualTo("+441234");
        assertThat(customer.name()).isEqualTo("Alan");
    }

    @Test
    void missingFieldsAre400AndNothingIsCreated() throws Exception {
        HttpResponse<String> response = post("""
                {"customerId": "cust-1", "name": "No Mail"}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"error\":\"missing required field: email\"}");
        assertNothingCreated(PROTO.simulator());
    }

    @Test
    void bodyThatIsNotJsonIs400AndNothingIsCreated() throws Exception {
        HttpResponse<String> response = post("customerId=1");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"error\":\"the request body must be a JSON object\"}");
        assertNothingCreated(PROTO.simulator());
    }

    @Test
    void formEncodedBodyIs415AndNothingIsCreated() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/support-requests"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("customerId=1&name=n&email=e&message=m"))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(415);
        assertNothingCreated(PROTO.simulator());
    }

    private static void assertNothingCreated(ProtoSimulator simulator) {
        Snapshot state = simulator.snapshot();
        assertThat(state.customers()).isEmpty();
        assertThat(state.tickets()).isEmpty();
        assertThat(simulator.journal()).isEmpty();
    }

    private static HttpResponse<String> post(String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/support-requests"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
