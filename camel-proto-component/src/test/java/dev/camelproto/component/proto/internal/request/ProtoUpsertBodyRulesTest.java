package dev.camelproto.component.proto.internal.request;

import static dev.camelproto.component.proto.ProtoApiFidelityTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * customer/upsert reads its tags and custom fields with the same rules as customer/addTags and
 * customer/addCustomFields: the same value gives the same request body (so a single {"name": "Plan", "value": "pro"}
 * is one field in the upsert too, never two fields named name and value).
 */
class ProtoUpsertBodyRulesTest extends ProtoTestSupport {

    static List<Object> customFieldValues() {
        Map<String, Object> byName = new LinkedHashMap<>();
        byName.put("name", "Plan");
        byName.put("value", "pro");
        Map<String, Object> byId = new LinkedHashMap<>();
        byId.put("id", "F1");
        byId.put("value", 3);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("Plan", "pro");
        map.put("Seats", 5);
        return List.of(byName, byId, map, List.of(byName, byId), "{\"name\": \"Plan\", \"value\": \"pro\"}");
    }

    @ParameterizedTest
    @MethodSource("customFieldValues")
    void customFieldsAsAddCustomFieldsReadsThem(Object value) {
        Exchange single =
                send("proto:customer/addCustomFields", value, Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "p1"));
        assertThat(single.getException()).isNull();
        String expected = stub.lastRequest().body();

        stub.reset();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("provided_unique_id", "p1");
        body.put("custom_fields", value instanceof String text ? json(text) : value);
        Exchange upsert = send("proto:customer/upsert", body, Map.of());
        assertThat(upsert.getException()).isNull();
        assertThat(stub.requests()).hasSize(2);
        assertThat(stub.requests().get(1).path())
                .isEqualTo(path("/v1/customers/" + TEAMSPACE + "/customer/p1/add-custom-fields"));
        assertThat(json(stub.requests().get(1).body())).isEqualTo(json(expected));
    }

    static List<Object> tagValues() {
        return List.of(List.of("vip", "beta"), "vip, beta", List.of("gold"));
    }

    @ParameterizedTest
    @MethodSource("tagValues")
    void tagsAsAddTagsReadsThem(Object value) {
        Exchange single = send("proto:customer/addTags", value, Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "p1"));
        assertThat(single.getException()).isNull();
        String expected = stub.lastRequest().body();

        stub.reset();
        Exchange upsert = send("proto:customer/upsert", Map.of("provided_unique_id", "p1", "tags", value), Map.of());
        assertThat(upsert.getException()).isNull();
        assertThat(stub.requests()).hasSize(2);
        assertThat(stub.requests().get(1).body()).isEqualTo(expected);
    }
}
