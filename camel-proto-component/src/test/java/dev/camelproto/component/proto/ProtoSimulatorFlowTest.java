package dev.camelproto.component.proto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.simulator.Customer;
import dev.camelproto.simulator.Faults;
import dev.camelproto.simulator.ProtoSimulator;
import dev.camelproto.simulator.Snapshot;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The component against the stateful simulator: a whole customer journey, and faults that must not duplicate. */
class ProtoSimulatorFlowTest {

    private static CamelContext camel(ProtoSimulator sim) {
        CamelContext context = new DefaultCamelContext();
        ProtoComponent proto = context.getComponent("proto", ProtoComponent.class);
        proto.getConfiguration().setSubcompanyId(sim.subcompanyId());
        proto.getConfiguration().setTakeoverSecret(sim.secret());
        proto.getConfiguration().setBaseUrl(sim.baseUrl());
        context.start();
        return context;
    }

    @Test
    void wholeCustomerJourney() throws Exception {
        try (ProtoSimulator sim = ProtoSimulator.builder().seed(7).start();
                CamelContext context = camel(sim)) {
            ProducerTemplate t = context.createProducerTemplate();
            Map<?, ?> field = t.requestBody(
                    "proto:customField/create",
                    Map.of("name", "Plan", "type", "select", "select_options", List.of("free", "pro")),
                    Map.class);
            assertThat((String) field.get("id")).hasSize(26);
            t.requestBodyAndHeader(
                    "proto:customer/create",
                    Map.of("name", "Ada Lovelace", "email", "ada@example.com"),
                    ProtoConstants.PROVIDED_UNIQUE_ID,
                    "cust-ada?1");
            Map<?, ?> tagged = t.requestBodyAndHeaders(
                    "proto:customer/addTags",
                    "vip, beta",
                    Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "cust-ada?1", ProtoConstants.CREATE_IF_NOT_EXISTS, true),
                    Map.class);
            assertThat(tagged.get("tags")).isEqualTo(List.of("vip", "beta"));
            t.requestBodyAndHeader(
                    "proto:customer/addCustomFields",
                    Map.of("Plan", "pro"),
                    ProtoConstants.PROVIDED_UNIQUE_ID,
                    "cust-ada?1");
            Exchange ticket = t.send("proto:ticket/create", e -> {
                e.getIn().setHeader(ProtoConstants.SUBJECT, "Cannot log in");
                e.getIn().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, "cust-ada?1");
            });
            assertThat(ticket.getException()).isNull();
            String ticketId = ticket.getMessage().getHeader(ProtoConstants.ID, String.class);
            Map<?, ?> fetched = t.requestBodyAndHeader(
                    "proto:customer/get", null, ProtoConstants.PROVIDED_UNIQUE_ID, "cust-ada?1", Map.class);
            assertThat(fetched.get("name")).isEqualTo("Ada Lovelace");

            Snapshot state = sim.snapshot();
            assertThat(state.customers()).hasSize(1);
            Customer ada = state.customer("cust-ada?1").orElseThrow();
            assertThat(ada.email()).isEqualTo("ada@example.com");
            assertThat(ada.tags()).containsExactly("vip", "beta");
            assertThat(ada.customFields()).isEqualTo(Map.of("Plan", "pro"));
            assertThat(state.tickets()).singleElement().satisfies(tk -> {
                assertThat(tk.id()).isEqualTo(ticketId);
                assertThat(tk.subject()).isEqualTo("Cannot log in");
                assertThat(tk.customerId()).isEqualTo(ada.id());
            });

            // an invalid select value comes back as the API's 422
            Exchange bad = t.send("proto:customer/addCustomFields", e -> {
                e.getIn().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, "cust-ada?1");
                e.getIn().setBody(Map.of("Plan", "platinum"));
            });
            assertThat(bad.getException()).isInstanceOf(ProtoApiException.class);
            assertThat(((ProtoApiException) bad.getException()).getStatusCode()).isEqualTo(422);

            // delete the field: its values disappear
            Exchange deleted = t.send(
                    "proto:customField/delete",
                    e -> e.getIn().setHeader(ProtoConstants.CUSTOM_FIELD_ID, field.get("id")));
            assertThat(deleted.getMessage().getBody(Map.class)).containsEntry("deleted", true);
            assertThat(sim.snapshot().customer("cust-ada?1").orElseThrow().customFields())
                    .isEmpty();
        }
    }

    @Test
    void aWriteWhoseResponseIsLostIsNotSentTwice() throws Exception {
        Faults drop = Faults.builder().dropAfterWriteRate(1.0).build();
        try (ProtoSimulator sim = ProtoSimulator.builder().seed(1).faults(drop).start();
                CamelContext context = camel(sim)) {
            Exchange out = context.createProducerTemplate().send("proto:ticket/create", e -> {
                e.getIn().setHeader(ProtoConstants.SUBJECT, "Once only");
                e.getIn().setHeader(ProtoConstants.GATEWAY_PROFILE_ID, "gw-1");
            });
            assertThat(out.getException())
                    .as("the lost response is an I/O failure")
                    .isInstanceOf(java.io.IOException.class);
            assertThat(sim.snapshot().tickets())
                    .as("the write was applied once")
                    .hasSize(1);
            assertThat(sim.journal()).as("and sent once: no automatic retry").hasSize(1);
        }
    }

    @Test
    void overloadIsATypedErrorWithRetryAfter() throws Exception {
        Faults busy = Faults.builder().statusRate(429, 1.0).retryAfterSeconds(3).build();
        try (ProtoSimulator sim = ProtoSimulator.builder().seed(1).faults(busy).start();
                CamelContext context = camel(sim)) {
            Exchange out = context.createProducerTemplate().send("proto:customField/list?maxRetries=0", e -> {});
            ProtoApiException e = (ProtoApiException) out.getException();
            assertThat(e.getStatusCode()).isEqualTo(429);
            assertThat(e.getRetryAfter()).hasValue(java.time.Duration.ofSeconds(3));
            assertThat(sim.journal()).hasSize(1);
        }
    }
}
