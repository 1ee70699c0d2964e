package dev.camelproto.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code create_if_not_exists} is a Pydantic {@code bool}: lax mode accepts the usual spellings. */
class LaxBooleanTest {

    @RegisterExtension
    static ProtoSimulatorExtension proto = ProtoSimulatorExtension.create(b -> b.seed(3L));

    TestHttp http;
    String base;

    @BeforeEach
    void customer() throws Exception {
        http = TestHttp.of(proto.simulator());
        base = "/v1/customers/" + proto.subcompanyId();
        assertThat(http.put(base + "/create-customer/c", "{}").status()).isEqualTo(200);
    }

    TestHttp.Res addTag(String flagJson) throws Exception {
        return http.put(base + "/customer/c/add-tags", "{\"tags\":[\"x\"],\"create_if_not_exists\":" + flagJson + "}");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "true",
                "1",
                "1.0",
                "\"true\"",
                "\"TRUE\"",
                "\"True\"",
                "\"1\"",
                "\"yes\"",
                "\"YES\"",
                "\"on\"",
                "\"On\"",
                "\"t\"",
                "\"T\"",
                "\"y\"",
                "\"Y\""
            })
    void truthyValuesCreateTheTag(String flag) throws Exception {
        TestHttp.Res r = addTag(flag);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(proto.simulator().snapshot().customer("c").orElseThrow().tags())
                .containsExactly("x");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "false",
                "0",
                "0.0",
                "\"false\"",
                "\"FALSE\"",
                "\"0\"",
                "\"no\"",
                "\"No\"",
                "\"off\"",
                "\"OFF\"",
                "\"f\"",
                "\"F\"",
                "\"n\"",
                "\"N\""
            })
    void falsyValuesDoNotCreateTheTag(String flag) throws Exception {
        TestHttp.Res r = addTag(flag);
        assertThat(r.status()).as(r.body()).isEqualTo(404);
        assertThat(r.json().get("detail").asText()).isEqualTo("Tag not found: x");
        assertThat(proto.simulator().snapshot().tags()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"maybe\"", "\"\"", "\"tru\"", "\"2\"", "2", "-1", "0.5", "1e3"})
    void otherNumbersAndStringsAreBoolParsingErrors(String flag) throws Exception {
        assertError(addTag(flag), "bool_parsing", "Input should be a valid boolean, unable to interpret input");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[true]", "{}"})
    void otherJsonTypesAreBoolTypeErrors(String flag) throws Exception {
        assertError(addTag(flag), "bool_type", "Input should be a valid boolean");
    }

    @Test
    void nullMeansTheDefaultFalse() throws Exception {
        assertThat(addTag("null").status()).isEqualTo(404);
    }

    @Test
    void customFieldValuesOfTypeBooleanStayStrict() throws Exception {
        String fields = "/v1/custom-fields/" + proto.subcompanyId();
        assertThat(http.post(fields + "/create-custom-field", "{\"name\":\"Flag\",\"type\":\"boolean\"}")
                        .status())
                .isEqualTo(200);
        TestHttp.Res r = http.put(
                base + "/customer/c/add-custom-fields", "{\"custom_fields\":[{\"name\":\"Flag\",\"value\":\"yes\"}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().get("detail").get(0).get("type").asText()).isEqualTo("bool_type");
    }

    static void assertError(TestHttp.Res r, String type, String msg) {
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        JsonNode d = r.json().get("detail");
        assertThat(d.size()).isEqualTo(1);
        assertThat(d.get(0).get("type").asText()).isEqualTo(type);
        assertThat(d.get(0).get("msg").asText()).isEqualTo(msg);
        assertThat(d.get(0).get("loc")).isEqualTo(TestHttp.json("[\"body\",\"create_if_not_exists\"]"));
        assertThat(proto.simulator().snapshot().tags()).isEmpty();
    }
}
