package dev.camelproto.examples.kamelets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.camelproto.component.proto.ProtoApiException;
import dev.camelproto.component.proto.ProtoUpsertException;
import dev.camelproto.simulator.Customer;
import dev.camelproto.simulator.ProtoSimulator;
import dev.camelproto.simulator.Snapshot;
import dev.camelproto.simulator.Ticket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Runs the example as {@code org.apache.camel.main.Main} does (application.properties, camel/onboarding.yaml, the
 * Kamelets loaded from the camel-proto jar) with the Proto settings overridden to point at an in-memory simulator,
 * and asserts the simulator's state.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OnboardingKameletsTest {

    private static ProtoSimulator simulator;
    private static Main main;
    private static ProducerTemplate producer;

    @BeforeAll
    static void start() throws Exception {
        simulator = ProtoSimulator.builder().start();
        main = new Main();
        main.addOverrideProperty("proto.base-url", simulator.baseUrl());
        main.addOverrideProperty("proto.subcompany-id", simulator.subcompanyId());
        main.addOverrideProperty("proto.secret", simulator.secret());
        main.start();
        producer = main.getCamelContext().createProducerTemplate();
    }

    @AfterAll
    static void stop() {
        if (main != null) {
            main.stop();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    @Order(1)
    void demoTimerOnboardsAdaWithTagsAndAWelcomeTicket() {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> simulator.snapshot().tickets().size() == 1);

        Snapshot state = simulator.snapshot();
        assertThat(state.customers()).hasSize(1);
        Customer ada = state.customer("demo-ada").orElseThrow();
        assertThat(ada.name()).isEqualTo("Ada Lovelace");
        assertThat(ada.email()).isEqualTo("ada@example.com");
        assertThat(ada.tags()).containsExactly("onboarded", "newsletter");
        assertThat(state.tags()).containsExactlyInAnyOrder("onboarded", "newsletter");

        Ticket ticket = state.tickets().get(0);
        assertThat(ticket.subject()).isEqualTo("Welcome, Ada Lovelace!");
        assertThat(ticket.providedUniqueId()).isEqualTo("demo-ada");
        assertThat(ticket.customerId()).isEqualTo(ada.id());
    }

    @Test
    @Order(2)
    void onboardingASecondCustomerAndTaggingThem() {
        Object customer = producer.requestBodyAndHeader(
                "direct:onboard",
                Map.of("name", "Grace Hopper", "email", "grace@example.com"),
                "CamelProtoProvidedUniqueId",
                "grace");
        assertThat(customer).isInstanceOf(Map.class);

        Object tagged =
                producer.requestBodyAndHeader("direct:tag", "vip, onboarded", "CamelProtoProvidedUniqueId", "grace");
        assertThat(((Map<?, ?>) tagged).get("tags")).isEqualTo(List.of("onboarded", "newsletter", "vip"));

        Snapshot state = simulator.snapshot();
        assertThat(state.customers()).extracting(Customer::providedUniqueId).containsExactly("demo-ada", "grace");
        Customer grace = state.customer("grace").orElseThrow();
        assertThat(grace.name()).isEqualTo("Grace Hopper");
        assertThat(grace.tags()).containsExactly("onboarded", "newsletter", "vip");
        assertThat(state.customer("demo-ada").orElseThrow().tags()).doesNotContain("vip");
        assertThat(state.tags()).containsExactlyInAnyOrder("onboarded", "newsletter", "vip");

        assertThat(state.tickets()).hasSize(2);
        Ticket ticket = state.tickets().get(1);
        assertThat(ticket.subject()).isEqualTo("Welcome, Grace Hopper!");
        assertThat(ticket.customerId()).isEqualTo(grace.id());
    }

    @Test
    @Order(3)
    void theUpsertSinkCreatesNoTagByDefault() throws Exception {
        // createIfNotExists defaults to false in every Kamelet (as in the component): an unknown tag is an error
        main.getCamelContext().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:upsert-with-defaults").to("kamelet:proto-customer-upsert-sink?tags=no-such-tag");
            }
        });
        assertThatThrownBy(() -> producer.requestBodyAndHeader(
                        "direct:upsert-with-defaults",
                        Map.of("name", "Linus Torvalds"),
                        "CamelProtoProvidedUniqueId",
                        "linus"))
                .isInstanceOf(CamelExecutionException.class)
                .cause()
                .isInstanceOf(ProtoUpsertException.class)
                .satisfies(e -> {
                    ProtoUpsertException upsert = (ProtoUpsertException) e;
                    assertThat(upsert.getFailedStep()).isEqualTo("customer/addTags");
                    assertThat(upsert.getAppliedSteps()).containsExactly("customer/create");
                    assertThat(((ProtoApiException) upsert.getCause()).getStatusCode())
                            .isEqualTo(404);
                });

        Snapshot state = simulator.snapshot();
        assertThat(state.customer("linus").orElseThrow().tags()).isEmpty();
        assertThat(state.tags()).doesNotContain("no-such-tag");
    }
}
