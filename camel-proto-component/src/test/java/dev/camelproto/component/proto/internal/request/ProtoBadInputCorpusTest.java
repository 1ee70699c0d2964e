package dev.camelproto.component.proto.internal.request;

import static dev.camelproto.component.proto.ProtoApiFidelityTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.ProtoValidationException;
import dev.camelproto.component.proto.testsupport.ProtoApiStub;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus: every row is either rejected locally with a {@link ProtoValidationException} that names what to
 * fix and ZERO requests sent, or sent with the value safely encoded (the exact path is asserted; the path structure is
 * never altered).
 */
class ProtoBadInputCorpusTest extends ProtoTestSupport {

    private static final String PUID = ProtoConstants.PROVIDED_UNIQUE_ID;
    private static final String CUSTOMER = "/v1/customers/" + TEAMSPACE + "/customer/";
    private static final int MB = 1024 * 1024;

    /** One row: either {@code error} (a substring of the validation message) or {@code path} (the exact path sent). */
    record Row(
            String label,
            String uri,
            Supplier<Object> body,
            Map<String, Object> headers,
            String error,
            String path,
            Consumer<ProtoApiStub.Recorded> check) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static Row rejected(String label, String uri, Object body, Map<String, Object> headers, String error) {
        return new Row(label, uri, () -> body, headers, error, null, null);
    }

    private static Row rejectedLazy(
            String label, String uri, Supplier<Object> body, Map<String, Object> headers, String error) {
        return new Row(label, uri, body, headers, error, null, null);
    }

    private static Row encoded(String label, String uri, Object body, Map<String, Object> headers, String path) {
        return new Row(label, uri, () -> body, headers, null, path, null);
    }

    private static Map<String, Object> h(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Object nestedMap(int depth) {
        Map<String, Object> root = new HashMap<>();
        Map<String, Object> current = root;
        for (int i = 0; i < depth; i++) {
            Map<String, Object> next = new HashMap<>();
            current.put("a", next);
            current = next;
        }
        return root;
    }

    private static String hugeTagText() {
        StringBuilder sb = new StringBuilder(20 * MB + 32);
        for (int i = 0; sb.length() < 20 * MB; i++) {
            sb.append("tag-").append(i).append("-xxxxxxxxxx,");
        }
        return sb.toString();
    }

    private static String get(String id) {
        return CUSTOMER + id + "/get-customer";
    }

    static Stream<Row> rows() {
        List<Row> rows = new ArrayList<>();
        String tk = "proto:ticket/create";
        // ---- ticket/create
        rows.add(rejected("ticket: nothing at all", tk, null, h(), "a subject is required"));
        rows.add(rejected(
                "ticket: subject but no identifier",
                tk,
                null,
                h(ProtoConstants.SUBJECT, "S"),
                "one of customer_id, external_customer_id, gateway_profile_id or provided_unique_id is required"));
        rows.add(rejected(
                "ticket: List CamelProtoSubject",
                tk,
                null,
                h(ProtoConstants.SUBJECT, List.of("a", "b"), PUID, "p"),
                "the header CamelProtoSubject must be a String"));
        rows.add(rejected(
                "ticket: Map CamelProtoCustomerId",
                tk,
                Map.of("subject", "S"),
                h(ProtoConstants.CUSTOMER_ID, Map.of("id", "c")),
                "the header CamelProtoCustomerId must be a String"));
        rows.add(rejected(
                "ticket: numeric subject in body",
                tk,
                Map.of("subject", 5, "customer_id", "c"),
                h(),
                "a subject is required"));
        rows.add(rejected("ticket: malformed JSON", tk, "{\"subject\": \"S\", ", h(), "the body is not valid JSON"));
        rows.add(rejected("ticket: JSON array", tk, "[\"S\"]", h(), "the body must be a JSON object"));
        rows.add(rejected("ticket: plain text", tk, "help me", h(PUID, "p"), "got text that is not JSON"));
        rows.add(rejectedLazy(
                "ticket: 5,000 levels of JSON", tk, () -> "[".repeat(5000) + "]".repeat(5000), h(), "nesting depth"));
        // ---- customer/get: the path parameter
        String cg = "proto:customer/get";
        rows.add(rejected("get: no id", cg, null, h(), "the customer's provided unique id is required"));
        rows.add(rejected(
                "get: blank id",
                cg,
                null,
                h(PUID, "   "),
                "the customer's provided unique id must not be only whitespace"));
        rows.add(rejected("get: id with '/'", cg, null, h(PUID, "a/b"), "must not contain '/'"));
        rows.add(rejected(
                "get: id '../x' from the option", cg + "?providedUniqueId=../x", null, h(), "must not contain '/'"));
        rows.add(rejected(
                "get: id with CR/LF", cg, null, h(PUID, "a\r\nX-Injected: 1"), "must not contain CR, LF or NUL"));
        rows.add(rejected("get: id with NUL", cg, null, h(PUID, "a\0b"), "must not contain CR, LF or NUL"));
        rows.add(rejected(
                "get: Map id",
                cg,
                null,
                h(PUID, Map.of("id", "x")),
                "the header CamelProtoProvidedUniqueId must be a String"));
        rows.add(rejected(
                "get: List id",
                cg,
                null,
                h(PUID, List.of("x")),
                "the header CamelProtoProvidedUniqueId must be a String"));
        rows.add(encoded("get: id '..'", cg, null, h(PUID, ".."), get("%2E%2E")));
        rows.add(encoded("get: id '.'", cg, null, h(PUID, "."), get("%2E")));
        rows.add(encoded("get: id '...'", cg, null, h(PUID, "..."), get("%2E%2E%2E")));
        rows.add(encoded("get: id 'a..b'", cg, null, h(PUID, "a..b"), get("a..b")));
        rows.add(encoded("get: id '?'", cg, null, h(PUID, "?x=1"), get("%3Fx%3D1")));
        rows.add(encoded("get: id '#'", cg, null, h(PUID, "#frag"), get("%23frag")));
        rows.add(encoded("get: id '%2F' (literal)", cg, null, h(PUID, "%2F"), get("%252F")));
        rows.add(encoded("get: id with a backslash", cg, null, h(PUID, "a\\b"), get("a%5Cb")));
        rows.add(encoded("get: id with space, plus, semicolon", cg, null, h(PUID, "a b+c;d"), get("a%20b%2Bc%3Bd")));
        rows.add(encoded("get: non-ASCII id", cg, null, h(PUID, "é中🙂"), get("%C3%A9%E4%B8%AD%F0%9F%99%82")));
        rows.add(encoded("get: 10,000-character id", cg, null, h(PUID, "x".repeat(10_000)), get("x".repeat(10_000))));
        rows.add(encoded("get: Integer id", cg, null, h(PUID, 42), get("42")));
        // ---- customer/create
        String cc = "proto:customer/create";
        rows.add(rejected("create: malformed JSON", cc, "{\"name\": ", h(PUID, "p"), "the body is not valid JSON"));
        rows.add(rejected("create: JSON array", cc, "[1, 2]", h(PUID, "p"), "got a JSON ARRAY"));
        rows.add(rejected("create: a number body", cc, 42, h(PUID, "p"), "got a JSON NUMBER"));
        rows.add(rejected("create: id with '/'", cc, Map.of("name", "n"), h(PUID, "/"), "must not contain '/'"));
        rows.add(rejectedLazy(
                "create: 5,000 levels of JSON text",
                cc,
                () -> "{\"a\":".repeat(5000) + "1" + "}".repeat(5000),
                h(PUID, "p"),
                "nesting depth"));
        // a deep Map/List used to end in a StackOverflowError inside valueToTree (fixed in JsonMappers)
        rows.add(rejectedLazy(
                "create: 5,000 levels of nested Map",
                cc,
                () -> nestedMap(5000),
                h(PUID, "p"),
                "the body is nested too deeply"));
        rows.add(rejectedLazy(
                "create: a Map that contains itself",
                cc,
                () -> {
                    Map<String, Object> self = new HashMap<>();
                    self.put("name", "n");
                    self.put("self", self);
                    return self;
                },
                h(PUID, "p"),
                "the body is nested too deeply"));
        rows.add(rejected(
                "create: a POJO Jackson cannot write",
                cc,
                new Object(),
                h(PUID, "p"),
                "the body cannot be written as JSON"));
        rows.add(rejectedLazy(
                "addCustomFields: 5,000 levels of nested List",
                "proto:customer/addCustomFields",
                () -> List.of(nestedMap(5000)),
                h(PUID, "p"),
                "the body is nested too deeply"));
        rows.add(rejectedLazy(
                "upsert: 5,000 levels of nested Map",
                "proto:customer/upsert",
                () -> Map.of("provided_unique_id", "p", "name", nestedMap(5000)),
                h(),
                "the body is nested too deeply"));
        rows.add(rejectedLazy(
                "create: 20 MB JSON string value",
                cc,
                () -> "{\"name\":\"" + "x".repeat(20 * MB) + "\"}",
                h(PUID, "p"),
                "the body is not valid JSON: String value length"));
        // ---- customer/addTags
        String at = "proto:customer/addTags";
        rows.add(rejected("addTags: no body", at, null, h(PUID, "p"), "tags are required"));
        rows.add(rejected("addTags: empty List", at, List.of(), h(PUID, "p"), "at least one tag is required"));
        rows.add(rejected("addTags: {tags: []}", at, "{\"tags\": []}", h(PUID, "p"), "at least one tag is required"));
        rows.add(rejected(
                "addTags: {tags: null}", at, "{\"tags\": null}", h(PUID, "p"), "at least one tag is required"));
        rows.add(rejected("addTags: only commas", at, " , ,", h(PUID, "p"), "at least one tag is required"));
        rows.add(rejected(
                "addTags: Integer CamelProtoCreateIfNotExists",
                at,
                "vip",
                h(PUID, "p", ProtoConstants.CREATE_IF_NOT_EXISTS, 1),
                "the header CamelProtoCreateIfNotExists must be a Boolean"));
        rows.add(rejected(
                "addTags: 'yes' CamelProtoCreateIfNotExists",
                at,
                "vip",
                h(PUID, "p", ProtoConstants.CREATE_IF_NOT_EXISTS, "yes"),
                "the header CamelProtoCreateIfNotExists must be a Boolean"));
        rows.add(rejected("addTags: malformed JSON", at, "[\"vip\",", h(PUID, "p"), "the body is not valid JSON"));
        // the same tag-name rule as customer/upsert's tags key (one parser): every element a non-empty text
        rows.add(rejected(
                "addTags: a number in the List",
                at,
                List.of("vip", 3),
                h(PUID, "p"),
                "every element of 'tags' must be a non-empty tag name"));
        rows.add(rejected(
                "addTags: a blank name in the JSON array",
                at,
                "[\"vip\", \" \"]",
                h(PUID, "p"),
                "every element of 'tags' must be a non-empty tag name"));
        rows.add(rejected("addTags: no id", at, "vip", h(), "the customer's provided unique id is required"));
        rows.add(rejected("addTags: id with '/'", at, "vip", h(PUID, "x/y"), "must not contain '/'"));
        rows.add(new Row(
                "addTags: 20 MB comma text (sent: one huge tag list)",
                at,
                ProtoBadInputCorpusTest::hugeTagText,
                h(PUID, "p"),
                null,
                CUSTOMER + "p/add-tags",
                r -> {
                    JsonNode body = json(r.body());
                    assertThat(body.get("tags").size()).isGreaterThan(900_000);
                    assertThat(body.get("tags").get(0).asText()).isEqualTo("tag-0-xxxxxxxxxx");
                    assertThat(body.get("create_if_not_exists").asBoolean()).isFalse();
                }));
        // ---- customer/addCustomFields
        String af = "proto:customer/addCustomFields";
        rows.add(rejected("addCustomFields: no body", af, null, h(PUID, "p"), "custom field values are required"));
        rows.add(rejected(
                "addCustomFields: text body", af, "Plan=pro", h(PUID, "p"), "custom field values are required"));
        rows.add(rejected("addCustomFields: empty Map", af, Map.of(), h(PUID, "p"), "custom_fields is empty"));
        rows.add(rejected("addCustomFields: empty List", af, List.of(), h(PUID, "p"), "custom_fields is empty"));
        rows.add(rejected(
                "addCustomFields: element without id/name",
                af,
                "[{\"value\": \"pro\"}]",
                h(PUID, "p"),
                "custom field element #1 needs an 'id' or a 'name'"));
        rows.add(rejected(
                "addCustomFields: malformed JSON", af, "{\"Plan\": ", h(PUID, "p"), "the body is not valid JSON"));
        // ---- customField/create
        String fc = "proto:customField/create";
        rows.add(rejected("customField/create: no body", fc, null, h(), "a JSON object body is required"));
        rows.add(rejected("customField/create: no name", fc, Map.of("type", "text"), h(), "'name' is required"));
        rows.add(rejected("customField/create: no type", fc, Map.of("name", "Plan"), h(), "'type' is required"));
        rows.add(rejected(
                "customField/create: select without options",
                fc,
                Map.of("name", "Plan", "type", "select"),
                h(),
                "'select_options' is required when type is select"));
        rows.add(rejected(
                "customField/create: options without select",
                fc,
                Map.of("name", "Plan", "type", "text", "select_options", List.of("a")),
                h(),
                "'select_options' is only allowed when type is select"));
        // ---- customField/delete
        String fd = "proto:customField/delete";
        String fdPath = "/v1/custom-fields/" + TEAMSPACE + "/custom-field/";
        rows.add(rejected("customField/delete: no id", fd, null, h(), "the custom field id is required"));
        rows.add(rejected(
                "customField/delete: id with '/'",
                fd,
                null,
                h(ProtoConstants.CUSTOM_FIELD_ID, "f/1"),
                "the custom field id must not contain '/'"));
        rows.add(encoded(
                "customField/delete: id '..'",
                fd,
                null,
                h(ProtoConstants.CUSTOM_FIELD_ID, ".."),
                fdPath + "%2E%2E/delete-custom-fields"));
        // ---- raw
        String raw = "proto:raw?method=DELETE&path=/v1/custom-fields/{subcompany_id}/custom-field/{custom_field_id}"
                + "/delete-custom-fields";
        rows.add(rejected("raw: no method", "proto:raw?path=/v1/x", null, h(), "the HTTP method is required"));
        rows.add(rejected(
                "raw: bad method",
                "proto:raw?path=/v1/x",
                null,
                h(ProtoConstants.HTTP_METHOD, "CONNECT"),
                "the HTTP method must be one of"));
        rows.add(rejected(
                "raw: relative path",
                "proto:raw?method=GET",
                null,
                h(ProtoConstants.PATH, "v1/x"),
                "the path must start with '/'"));
        rows.add(rejected(
                "raw: '?' in path",
                "proto:raw?method=GET",
                null,
                h(ProtoConstants.PATH, "/v1/x?y=1"),
                "put query parameters in the header CamelProtoQuery"));
        rows.add(rejected(
                "raw: '..' segment",
                "proto:raw?method=GET",
                null,
                h(ProtoConstants.PATH, "/v1/../x"),
                "must not contain '.' or '..' segments"));
        rows.add(rejected("raw: missing placeholder", raw, null, h(), "{custom_field_id} has no value"));
        rows.add(rejected(
                "raw: path param with '/'",
                raw,
                null,
                h(ProtoConstants.PATH_PARAMS, Map.of("custom_field_id", "a/b")),
                "must not contain '/'"));
        rows.add(rejected(
                "raw: String CamelProtoPathParams",
                raw,
                null,
                h(ProtoConstants.PATH_PARAMS, "custom_field_id=a"),
                "the header CamelProtoPathParams must be a Map"));
        rows.add(encoded(
                "raw: path param '..'",
                raw,
                null,
                h(ProtoConstants.PATH_PARAMS, Map.of("custom_field_id", "..")),
                fdPath + "%2E%2E/delete-custom-fields"));
        rows.add(encoded(
                "raw: path param '?#%2F'",
                raw,
                null,
                h(ProtoConstants.PATH_PARAMS, Map.of("custom_field_id", "?#%2F")),
                fdPath + "%3F%23%252F/delete-custom-fields"));
        // ---- customer/upsert
        String up = "proto:customer/upsert";
        rows.add(rejected(
                "upsert: no id", up, Map.of("name", "n"), h(), "the customer's provided unique id is required"));
        rows.add(rejected("upsert: id with '/'", up, Map.of("provided_unique_id", "a/b"), h(), "must not contain '/'"));
        rows.add(rejected(
                "upsert: a blank tag name",
                up,
                Map.of("provided_unique_id", "p", "tags", List.of("vip", "")),
                h(),
                "every element of 'tags' must be a non-empty tag name"));
        rows.add(rejected(
                "upsert: tags as a number",
                up,
                Map.of("provided_unique_id", "p", "tags", 3),
                h(),
                "'tags' must be a list of tag names"));
        rows.add(rejected(
                "upsert: custom field without name",
                up,
                Map.of("provided_unique_id", "p", "custom_fields", List.of(Map.of("value", 1))),
                h(),
                "custom field element #1 needs an 'id' or a 'name'"));
        rows.add(
                rejected("upsert: malformed JSON", up, "{\"provided_unique_id\": ", h(), "the body is not valid JSON"));
        rows.add(rejected(
                "upsert: Integer CamelProtoCreateIfNotExists",
                up,
                Map.of("provided_unique_id", "p", "tags", List.of("vip")),
                h(ProtoConstants.CREATE_IF_NOT_EXISTS, 0),
                "the header CamelProtoCreateIfNotExists must be a Boolean"));
        rows.add(encoded(
                "upsert: id '..'",
                up,
                Map.of("provided_unique_id", ".."),
                h(),
                "/v1/customers/" + TEAMSPACE + "/create-customer/%2E%2E"));
        // ---- the operation header
        rows.add(rejected(
                "operation header: unknown",
                cg,
                null,
                h(ProtoConstants.OPERATION, "customer/delete"),
                "Unknown operation 'customer/delete'"));
        rows.add(rejected(
                "operation header: a List",
                cg,
                null,
                h(ProtoConstants.OPERATION, List.of("raw")),
                "the header CamelProtoOperation must be a String"));
        return rows.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("rows")
    void badInput(Row row) {
        Exchange out = send(row.uri(), row.body().get(), row.headers());
        if (row.error() != null) {
            assertThat(out.getException())
                    .isInstanceOf(ProtoValidationException.class)
                    .hasMessageContaining(row.error());
            assertThat(stub.requests()).as("nothing sent").isEmpty();
        } else {
            assertThat(out.getException()).isNull();
            assertThat(stub.requests()).hasSize(1);
            assertThat(stub.lastRequest().path()).isEqualTo(path(row.path()));
            if (row.check() != null) {
                row.check().accept(stub.lastRequest());
            }
        }
    }
}
