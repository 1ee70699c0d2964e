package dev.camelproto.component.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelproto.component.proto.internal.transport.ProtoHttpClient;
import dev.camelproto.component.proto.testsupport.ProtoApiStub;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every operation and every accepted body form: the exact request sent and the decoded result. */
class ProtoOperationsTest extends ProtoTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    record TicketRequest(
            String subject,
            @JsonProperty("provided_unique_id") String providedUniqueId) {}

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private void assertRequest(String method, String path, String expectedJson) {
        assertThat(stub.requests()).hasSize(1);
        ProtoApiStub.Recorded r = stub.lastRequest();
        assertThat(r.method()).isEqualTo(method);
        assertThat(r.path()).isEqualTo(path(path));
        assertThat(r.header("Authorization")).isEqualTo("Bearer " + SECRET);
        assertThat(r.header("Accept")).isEqualTo("application/json");
        assertThat(r.header("User-Agent"))
                .isEqualTo(ProtoHttpClient.USER_AGENT)
                .matches("camel-proto/\\d+\\.\\d+\\.\\d+.*");
        if (expectedJson == null) {
            assertThat(r.body()).isNull();
            assertThat(r.header("Content-Type")).isNull();
        } else {
            assertThat(r.header("Content-Type")).startsWith("application/json");
            assertThat(json(r.body())).isEqualTo(json(expectedJson));
        }
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    // ---- ticket/create -----------------------------------------------------------------------------------------

    static List<Object> ticketBodies() {
        String text = "{\"subject\":\"Broken\",\"provided_unique_id\":\"cust-1\"}";
        return List.of(
                text,
                text.getBytes(StandardCharsets.UTF_8),
                map("subject", "Broken", "provided_unique_id", "cust-1"),
                new TicketRequest("Broken", "cust-1"));
    }

    @ParameterizedTest
    @MethodSource("ticketBodies")
    void ticketCreateAcceptsEveryBodyForm(Object body) {
        stub.reply(200, "{\"id\":\"01HTICKET0000000000000000A\"}");
        Exchange out = send("proto:ticket/create", body, Map.of());
        assertThat(out.getException()).isNull();
        assertRequest(
                "POST",
                "/v1/conversations/" + TEAMSPACE + "/create-ticket",
                "{\"subject\":\"Broken\",\"provided_unique_id\":\"cust-1\"}");
        assertThat(out.getMessage().getBody()).isEqualTo(Map.of("id", "01HTICKET0000000000000000A"));
        assertThat(out.getMessage().getHeader(ProtoConstants.ID)).isEqualTo("01HTICKET0000000000000000A");
        assertThat(out.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
    }

    @Test
    void ticketCreateFromInputStream() {
        stub.reply(200, "{\"id\":\"T1\"}");
        byte[] bytes = "{\"subject\":\"Broken\",\"customer_id\":\"C9\"}".getBytes(StandardCharsets.UTF_8);
        Exchange out = send("proto:ticket/create", new ByteArrayInputStream(bytes), Map.of());
        assertThat(out.getException()).isNull();
        assertRequest(
                "POST",
                "/v1/conversations/" + TEAMSPACE + "/create-ticket",
                "{\"subject\":\"Broken\",\"customer_id\":\"C9\"}");
    }

    @Test
    void ticketCreateFromHeadersOnlyWithNullBody() {
        stub.reply(200, "{\"id\":\"T1\"}");
        Exchange out = send(
                "proto:ticket/create",
                null,
                Map.of(
                        ProtoConstants.SUBJECT,
                        "Refund please",
                        ProtoConstants.CUSTOMER_ID,
                        "C1",
                        ProtoConstants.EXTERNAL_CUSTOMER_ID,
                        "E1",
                        ProtoConstants.GATEWAY_PROFILE_ID,
                        "G1",
                        ProtoConstants.PROVIDED_UNIQUE_ID,
                        "P1"));
        assertThat(out.getException()).isNull();
        // several identifier headers: exactly one is sent, by the documented precedence
        assertRequest(
                "POST",
                "/v1/conversations/" + TEAMSPACE + "/create-ticket",
                "{\"subject\":\"Refund please\",\"customer_id\":\"C1\"}");
    }

    @Test
    void headersNeverOverwriteBodyKeys() {
        stub.reply(200, "{\"id\":\"T1\"}");
        send(
                "proto:ticket/create",
                map("subject", "From body", "customer_id", "C-body"),
                Map.of(ProtoConstants.SUBJECT, "From header", ProtoConstants.CUSTOMER_ID, "C-header"));
        assertRequest(
                "POST",
                "/v1/conversations/" + TEAMSPACE + "/create-ticket",
                "{\"subject\":\"From body\",\"customer_id\":\"C-body\"}");
    }

    @Test
    void ticketProvidedUniqueIdFromEndpointOption() {
        stub.reply(200, "{\"id\":\"T1\"}");
        send("proto:ticket/create?providedUniqueId=opt-1", map("subject", "Hi"), Map.of());
        assertRequest(
                "POST",
                "/v1/conversations/" + TEAMSPACE + "/create-ticket",
                "{\"subject\":\"Hi\",\"provided_unique_id\":\"opt-1\"}");
    }

    // ---- customers ---------------------------------------------------------------------------------------------

    @Test
    void customerGet() {
        stub.reply(200, "{\"id\":\"C1\",\"provided_unique_id\":\"cust-1\",\"name\":\"Ada\",\"tags\":[\"vip\"]}");
        Exchange out = send("proto:customer/get", "ignored body", Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "cust-1"));
        assertThat(out.getException()).isNull();
        assertRequest("GET", "/v1/customers/" + TEAMSPACE + "/customer/cust-1/get-customer", null);
        assertThat(out.getMessage().getBody(Map.class))
                .containsEntry("name", "Ada")
                .containsEntry("tags", List.of("vip"));
        assertThat(out.getMessage().getHeader(ProtoConstants.ID)).isEqualTo("C1");
    }

    @Test
    void customerGetUsesEndpointOptionWhenNoHeader() {
        stub.reply(200, "{\"id\":\"C1\"}");
        send("proto:customer/get?providedUniqueId=from-option", null, Map.of());
        assertRequest("GET", "/v1/customers/" + TEAMSPACE + "/customer/from-option/get-customer", null);
    }

    @Test
    void headerWinsOverEndpointOption() {
        stub.reply(200, "{\"id\":\"C1\"}");
        send(
                "proto:customer/get?providedUniqueId=from-option",
                null,
                Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "from-header"));
        assertRequest("GET", "/v1/customers/" + TEAMSPACE + "/customer/from-header/get-customer", null);
    }

    @Test
    void customerCreateWithMap() {
        stub.reply(200, "{\"id\":\"C1\",\"provided_unique_id\":\"cust-1\",\"name\":\"Ada\"}");
        Exchange out = send(
                "proto:customer/create",
                map(
                        "name",
                        "Ada",
                        "email",
                        "ada@example.com",
                        "phone_number",
                        "+44 20 7946 0000",
                        "location",
                        "London",
                        "external_customer_id",
                        "crm-1",
                        "avatar",
                        "https://x/a.png"),
                Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "cust-1"));
        assertThat(out.getException()).isNull();
        assertRequest(
                "PUT",
                "/v1/customers/" + TEAMSPACE + "/create-customer/cust-1",
                "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"phone_number\":\"+44 20 7946 0000\","
                        + "\"location\":\"London\",\"external_customer_id\":\"crm-1\",\"avatar\":\"https://x/a.png\"}");
        assertThat(out.getMessage().getBody(Map.class)).containsEntry("name", "Ada");
    }

    @Test
    void customerCreateWithNullBodySendsEmptyObject() {
        stub.reply(200, "{\"id\":\"C1\"}");
        send("proto:customer/create", null, Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "cust-1"));
        assertRequest("PUT", "/v1/customers/" + TEAMSPACE + "/create-customer/cust-1", "{}");
    }

    static Stream<Arguments> tagBodies() {
        // Arguments.of keeps the String[] one argument
        return Stream.of(
                        List.of("vip", "beta"),
                        new String[] {"vip", "beta"},
                        "vip, beta",
                        " vip,,beta ",
                        "[\"vip\",\"beta\"]")
                .map(b -> Arguments.of(b));
    }

    @ParameterizedTest
    @MethodSource("tagBodies")
    void addTagsAcceptsListArrayAndCommaSeparatedString(Object body) {
        stub.reply(200, "{\"id\":\"C1\",\"tags\":[\"vip\",\"beta\"]}");
        Exchange out = send("proto:customer/addTags", body, Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "cust-1"));
        assertThat(out.getException()).isNull();
        assertRequest(
                "PUT",
                "/v1/customers/" + TEAMSPACE + "/customer/cust-1/add-tags",
                "{\"tags\":[\"vip\",\"beta\"],\"create_if_not_exists\":false}");
        assertThat(out.getMessage().getBody(Map.class)).containsEntry("tags", List.of("vip", "beta"));
    }

    @Test
    void addTagsCreateIfNotExistsFromOptionThenHeaderButNeverOverBody() {
        stub.reply(200, "{}");
        send(
                "proto:customer/addTags?createIfNotExists=true",
                List.of("vip"),
                Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "c"));
        assertThat(json(stub.lastRequest().body()))
                .isEqualTo(json("{\"tags\":[\"vip\"],\"create_if_not_exists\":true}"));

        stub.reset();
        send(
                "proto:customer/addTags?createIfNotExists=true",
                List.of("vip"),
                Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "c", ProtoConstants.CREATE_IF_NOT_EXISTS, false));
        assertThat(json(stub.lastRequest().body()))
                .isEqualTo(json("{\"tags\":[\"vip\"],\"create_if_not_exists\":false}"));

        stub.reset();
        send(
                "proto:customer/addTags",
                "{\"tags\":[\"vip\"],\"create_if_not_exists\":true}",
                Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "c", ProtoConstants.CREATE_IF_NOT_EXISTS, "false"));
        assertThat(json(stub.lastRequest().body()))
                .isEqualTo(json("{\"tags\":[\"vip\"],\"create_if_not_exists\":true}"));
    }

    @Test
    void addTagsMapIsTheWireBodyItself() {
        stub.reply(200, "{}");
        send(
                "proto:customer/addTags",
                map("tags", List.of("a"), "extra", 1),
                Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "c"));
        assertThat(json(stub.lastRequest().body()))
                .isEqualTo(json("{\"tags\":[\"a\"],\"extra\":1,\"create_if_not_exists\":false}"));
    }

    @Test
    void addCustomFieldsFromNameValueMap() {
        stub.reply(200, "{\"custom_fields\":[{\"id\":\"F1\",\"name\":\"Plan\",\"value\":\"pro\"}]}");
        Exchange out = send(
                "proto:customer/addCustomFields",
                map("Plan", "pro", "Seats", 12),
                Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "cust-1"));
        assertThat(out.getException()).isNull();
        assertRequest(
                "PUT",
                "/v1/customers/" + TEAMSPACE + "/customer/cust-1/add-custom-fields",
                "{\"custom_fields\":[{\"name\":\"Plan\",\"value\":\"pro\"},{\"name\":\"Seats\",\"value\":12}]}");
        assertThat(out.getMessage().getBody(Map.class)).containsKey("custom_fields");
    }

    @Test
    void addCustomFieldsFromListAndFromWireObject() {
        stub.reply(200, "{}");
        send(
                "proto:customer/addCustomFields",
                List.of(map("id", "F1", "value", 42), map("name", "Plan", "value", "pro")),
                Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "c"));
        assertThat(json(stub.lastRequest().body()))
                .isEqualTo(json(
                        "{\"custom_fields\":[{\"id\":\"F1\",\"value\":42},{\"name\":\"Plan\",\"value\":\"pro\"}]}"));

        stub.reset();
        String wire = "{\"custom_fields\":[{\"id\":\"F1\",\"value\":true}]}";
        send("proto:customer/addCustomFields", wire, Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "c"));
        assertThat(json(stub.lastRequest().body())).isEqualTo(json(wire));
    }

    // ---- custom fields -----------------------------------------------------------------------------------------

    @Test
    void customFieldListReturnsAList() {
        stub.reply(
                200, "[{\"id\":\"F1\",\"name\":\"Plan\",\"type\":\"select\",\"select_options\":[\"free\",\"pro\"]}]");
        Exchange out = send("proto:customField/list", null, Map.of());
        assertThat(out.getException()).isNull();
        assertRequest("GET", "/v1/custom-fields/" + TEAMSPACE + "/list-custom-fields", null);
        assertThat(out.getMessage().getBody()).isInstanceOf(List.class);
        assertThat(out.getMessage().getBody(List.class)).hasSize(1);
        assertThat(out.getMessage().getHeader(ProtoConstants.ID)).isNull();
    }

    @Test
    void customFieldCreate() {
        stub.reply(200, "{\"id\":\"F1\",\"name\":\"Plan\",\"type\":\"select\",\"select_options\":[\"free\",\"pro\"]}");
        Exchange out = send(
                "proto:customField/create",
                map("name", "Plan", "type", "select", "select_options", List.of("free", "pro")),
                Map.of());
        assertThat(out.getException()).isNull();
        assertRequest(
                "POST",
                "/v1/custom-fields/" + TEAMSPACE + "/create-custom-field",
                "{\"name\":\"Plan\",\"type\":\"select\",\"select_options\":[\"free\",\"pro\"]}");
        assertThat(out.getMessage().getHeader(ProtoConstants.ID)).isEqualTo("F1");
    }

    @Test
    void customFieldDelete() {
        stub.reply(200, "{\"id\":\"F1\",\"deleted\":true}");
        Exchange out = send("proto:customField/delete", null, Map.of(ProtoConstants.CUSTOM_FIELD_ID, "F1"));
        assertThat(out.getException()).isNull();
        assertRequest("DELETE", "/v1/custom-fields/" + TEAMSPACE + "/custom-field/F1/delete-custom-fields", null);
        assertThat(out.getMessage().getBody(Map.class)).containsEntry("deleted", true);
    }

    @Test
    void emptyResponseGivesNullBody() {
        stub.reply(204, null);
        Exchange out = send("proto:customField/delete?customFieldId=F2", "x", Map.of());
        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getBody()).isNull();
        assertThat(out.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(204);
    }

    @Test
    void operationHeaderOverridesTheUri() {
        stub.reply(200, "{}");
        send(
                "proto:customer/get",
                List.of("vip"),
                Map.of(ProtoConstants.OPERATION, "customer/addTags", ProtoConstants.PROVIDED_UNIQUE_ID, "cust-1"));
        assertRequest(
                "PUT",
                "/v1/customers/" + TEAMSPACE + "/customer/cust-1/add-tags",
                "{\"tags\":[\"vip\"],\"create_if_not_exists\":false}");
    }

    @Test
    void endpointOptionsOverrideComponentDefaults() {
        stub.reply(200, "[]");
        send("proto:customField/list?subcompanyId=OTHER&takeoverSecret=RAW(other-secret)", null, Map.of());
        ProtoApiStub.Recorded r = stub.lastRequest();
        assertThat(r.path()).isEqualTo(path("/v1/custom-fields/OTHER/list-custom-fields"));
        assertThat(r.header("Authorization")).isEqualTo("Bearer other-secret");
        // the component default is untouched
        send("proto:customField/list", null, Map.of());
        assertThat(stub.lastRequest().path()).isEqualTo(path("/v1/custom-fields/" + TEAMSPACE + "/list-custom-fields"));
        assertThat(stub.lastRequest().header("Authorization")).isEqualTo("Bearer " + SECRET);
    }
}
