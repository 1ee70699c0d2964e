package dev.camelproto.component.proto;

import static dev.camelproto.component.proto.ProtoApiFidelityTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.camelproto.simulator.Customer;
import dev.camelproto.simulator.ProtoSimulator;
import dev.camelproto.simulator.RecordedRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** API fidelity against the stateful simulator: odd ids round-trip, lax booleans, proto:raw and customer/upsert. */
class ProtoSimulatorFidelityTest {

    private ProtoSimulator sim;
    private CamelContext context;
    private ProducerTemplate t;

    @BeforeEach
    void start() {
        sim = ProtoSimulator.builder().seed(11).start();
        context = new DefaultCamelContext();
        ProtoComponent proto = context.getComponent("proto", ProtoComponent.class);
        proto.getConfiguration().setSubcompanyId(sim.subcompanyId());
        proto.getConfiguration().setTakeoverSecret(sim.secret());
        proto.getConfiguration().setBaseUrl(sim.baseUrl());
        context.start();
        t = context.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        context.close();
        sim.close();
    }

    private String path(String rest) {
        return sim.pathPrefix() + rest.replace("{ts}", sim.subcompanyId());
    }

    private List<RecordedRequest> journalSince(int from) {
        List<RecordedRequest> all = sim.journal();
        return all.subList(from, all.size());
    }

    private void createPlanField() {
        t.requestBody(
                "proto:customField/create",
                Map.of("name", "Plan", "type", "select", "select_options", List.of("free", "pro")),
                Map.class);
    }

    // every character but '/' round-trips through the Starlette-style routing
    @Test
    void oddIdRoundTrips() {
        String id = "a?b#c%d é";
        t.requestBodyAndHeader("proto:customer/create", Map.of("name", "Odd"), ProtoConstants.PROVIDED_UNIQUE_ID, id);
        Map<?, ?> fetched =
                t.requestBodyAndHeader("proto:customer/get", null, ProtoConstants.PROVIDED_UNIQUE_ID, id, Map.class);
        assertThat(fetched.get("name")).isEqualTo("Odd");
        assertThat(sim.snapshot().customer(id)).isPresent();
        assertThat(sim.journal())
                .extracting(RecordedRequest::path)
                .containsExactly(
                        path("/v1/customers/{ts}/create-customer/a%3Fb%23c%25d%20%C3%A9"),
                        path("/v1/customers/{ts}/customer/a%3Fb%23c%25d%20%C3%A9/get-customer"));
        assertThat(sim.journal()).extracting(RecordedRequest::status).containsExactly(200, 200);
    }

    // create_if_not_exists as the text "true", sent exactly as given
    @Test
    void laxBooleanCreateIfNotExists() {
        t.requestBodyAndHeader("proto:customer/create", null, ProtoConstants.PROVIDED_UNIQUE_ID, "lax");
        Exchange out = t.send("proto:customer/addTags", e -> {
            e.getIn().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, "lax");
            e.getIn().setBody("{\"tags\": [\"vip\"], \"create_if_not_exists\": \"true\"}");
        });
        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader(ProtoConstants.HTTP_RESPONSE_CODE))
                .isEqualTo(200);
        RecordedRequest sent = sim.journal().get(1);
        assertThat(sent.method()).isEqualTo("PUT");
        assertThat(sent.path()).isEqualTo(path("/v1/customers/{ts}/customer/lax/add-tags"));
        assertThat(json(sent.body())).isEqualTo(json("{\"tags\":[\"vip\"],\"create_if_not_exists\":\"true\"}"));
        assertThat(sim.snapshot().customer("lax").orElseThrow().tags()).containsExactly("vip");
        assertThat(sim.snapshot().tags()).contains("vip");
    }

    // ---- proto:raw against the simulator
    @Test
    void rawListAndDelete() {
        createPlanField();
        String fieldId = sim.snapshot().customField("Plan").orElseThrow().id();
        List<?> fields = t.requestBody(
                "proto:raw?method=GET&path=/v1/custom-fields/{subcompany_id}/list-custom-fields", null, List.class);
        assertThat(fields)
                .singleElement()
                .satisfies(f -> assertThat(((Map<?, ?>) f).get("name")).isEqualTo("Plan"));
        RecordedRequest list = sim.journal().get(1);
        assertThat(list.method()).isEqualTo("GET");
        assertThat(list.path()).isEqualTo(path("/v1/custom-fields/{ts}/list-custom-fields"));
        assertThat(list.route()).isEqualTo("customField/list");

        Exchange deleted = t.send("proto:raw", e -> {
            e.getIn().setHeader(ProtoConstants.HTTP_METHOD, "DELETE");
            e.getIn()
                    .setHeader(
                            ProtoConstants.PATH,
                            "/v1/custom-fields/{subcompany_id}/custom-field/{custom_field_id}/delete-custom-fields");
            e.getIn().setHeader(ProtoConstants.PATH_PARAMS, Map.of("custom_field_id", fieldId));
        });
        assertThat(deleted.getException()).isNull();
        assertThat(sim.journal().get(2).path())
                .isEqualTo(path("/v1/custom-fields/{ts}/custom-field/" + fieldId + "/delete-custom-fields"));
        assertThat(sim.snapshot().customFields()).isEmpty();

        Exchange missing = t.send("proto:raw?method=GET&path=/v1/nope", e -> {});
        assertThat(missing.getException()).isInstanceOf(ProtoApiException.class);
        assertThat(((ProtoApiException) missing.getException()).getStatusCode()).isEqualTo(404);
    }

    // ---- customer/upsert
    @Test
    void upsertCreatesTagsAndFields() {
        createPlanField();
        int before = sim.journal().size();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("provided_unique_id", "cust-42");
        body.put("name", "Ada");
        body.put("email", "ada@example.com");
        body.put("tags", List.of("vip"));
        body.put("custom_fields", Map.of("Plan", "pro"));
        Exchange out = t.send(
                "proto:customer/upsert?createIfNotExists=true", e -> e.getIn().setBody(body));
        assertThat(out.getException()).isNull();

        List<RecordedRequest> calls = journalSince(before);
        assertThat(calls).hasSize(3);
        assertThat(calls).extracting(RecordedRequest::method).containsExactly("PUT", "PUT", "PUT");
        assertThat(calls)
                .extracting(RecordedRequest::path)
                .containsExactly(
                        path("/v1/customers/{ts}/create-customer/cust-42"),
                        path("/v1/customers/{ts}/customer/cust-42/add-tags"),
                        path("/v1/customers/{ts}/customer/cust-42/add-custom-fields"));
        assertThat(calls)
                .extracting(r -> (JsonNode) json(r.body()))
                .containsExactly(
                        json("{\"name\":\"Ada\",\"email\":\"ada@example.com\"}"),
                        json("{\"tags\":[\"vip\"],\"create_if_not_exists\":true}"),
                        json("{\"custom_fields\":[{\"name\":\"Plan\",\"value\":\"pro\"}]}"));
        assertThat(calls).extracting(RecordedRequest::status).containsExactly(200, 200, 200);

        Customer ada = sim.snapshot().customer("cust-42").orElseThrow();
        assertThat(ada.name()).isEqualTo("Ada");
        assertThat(ada.email()).isEqualTo("ada@example.com");
        assertThat(ada.tags()).containsExactly("vip");
        assertThat(ada.customFields()).isEqualTo(Map.of("Plan", "pro"));
        assertThat(out.getMessage().getHeader(ProtoConstants.ID)).isEqualTo(ada.id());
        assertThat(out.getMessage().getBody(Map.class))
                .containsEntry("id", ada.id())
                .containsEntry("name", "Ada");
    }

    @Test
    void upsertIdFromHeaderAndSkippedCalls() {
        Exchange out = t.send("proto:customer/upsert", e -> {
            e.getIn().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, "cust-7");
            e.getIn().setBody(Map.of("name", "Grace"));
        });
        assertThat(out.getException()).isNull();
        assertThat(sim.journal()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("PUT");
            assertThat(r.path()).isEqualTo(path("/v1/customers/{ts}/create-customer/cust-7"));
            assertThat(json(r.body())).isEqualTo(json("{\"name\":\"Grace\"}"));
        });
        assertThat(out.getMessage().getHeader(ProtoConstants.ID))
                .isEqualTo(sim.snapshot().customer("cust-7").orElseThrow().id());
    }

    @Test
    void failingStepNamesTheStepAndTheAppliedOnes() {
        Exchange out = t.send(
                "proto:customer/upsert",
                e -> e.getIn()
                        .setBody(Map.of(
                                "provided_unique_id", "cust-43", "name", "Bob", "tags", List.of("unknown-tag"))));
        assertThat(out.getException()).isInstanceOf(ProtoUpsertException.class);
        ProtoUpsertException e = (ProtoUpsertException) out.getException();
        assertThat(e.getFailedStep()).isEqualTo("customer/addTags");
        assertThat(e.getAppliedSteps()).containsExactly("customer/create");
        assertThat(e.getProvidedUniqueId()).isEqualTo("cust-43");
        assertThat(e)
                .hasMessageContaining("failed at step customer/addTags")
                .hasMessageContaining("already applied: customer/create");
        assertThat(e.getCause()).isInstanceOf(ProtoApiException.class);
        assertThat(((ProtoApiException) e.getCause()).getStatusCode()).isEqualTo(404);
        assertThat(out.getMessage().getHeaders()).doesNotContainKey(ProtoConstants.ID);
        assertThat(sim.journal()).extracting(RecordedRequest::status).containsExactly(200, 404);
        assertThat(json(sim.journal().get(1).body()))
                .isEqualTo(json("{\"tags\":[\"unknown-tag\"],\"create_if_not_exists\":false}"));
        assertThat(sim.snapshot().customer("cust-43").orElseThrow().tags()).isEmpty();
    }
}
