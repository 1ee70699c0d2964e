package dev.camelproto.simulator;

import static dev.camelproto.simulator.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ApiContractTest {

    static final String TS = "01HSWE652DMW6REJ1FB1135PRZ";
    static final String ULID = "[0-9A-HJKMNP-TV-Z]{26}";

    @RegisterExtension
    static ProtoSimulatorExtension proto = ProtoSimulatorExtension.create(
            b -> b.teamspace(TS, "secret-1").teamspace("TS2", "secret-2").seed(7L));

    TestHttp http;

    @BeforeEach
    void client() {
        http = new TestHttp(proto.baseUrl(), proto.secret());
    }

    static String customer(String puid) {
        return "/v1/customers/" + TS + "/customer/" + TestHttp.seg(puid);
    }

    static String createCustomer(String puid) {
        return "/v1/customers/" + TS + "/create-customer/" + TestHttp.seg(puid);
    }

    static final String FIELDS = "/v1/custom-fields/" + TS;

    String createField(String body) throws Exception {
        TestHttp.Res r = http.post(FIELDS + "/create-custom-field", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("id").asText();
    }

    static void assertDetail(TestHttp.Res r, int status, String detail) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json()).isEqualTo(json("{\"detail\":" + TestHttp.MAPPER.valueToTree(detail) + "}"));
    }

    static void assertValidation(TestHttp.Res r, String type, Object... loc) {
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        JsonNode d = r.json().get("detail");
        assertThat(d.isArray()).isTrue();
        assertThat(d.get(0).get("type").asText()).as(r.body()).isEqualTo(type);
        assertThat(d.get(0).get("loc")).as(r.body()).isEqualTo(TestHttp.MAPPER.valueToTree(List.of(loc)));
        assertThat(d.get(0).get("msg").asText()).isNotBlank();
    }

    @Test
    void defaultsAndBaseUrl() {
        assertThat(proto.subcompanyId()).isEqualTo(TS);
        assertThat(proto.secret()).isEqualTo("secret-1");
        assertThat(proto.baseUrl())
                .isEqualTo("http://127.0.0.1:" + proto.simulator().port() + "/api/platform");
        assertThat(proto.simulator().subcompanyIds()).containsExactly(TS, "TS2");
    }

    @Nested
    class Routing {
        @Test
        void unknownRouteIs404() throws Exception {
            assertDetail(http.get("/v1/nothing/" + TS), 404, "Not Found");
            assertDetail(
                    new TestHttp("http://127.0.0.1:" + proto.simulator().port() + "/other", "secret-1")
                            .get("/v1/custom-fields/" + TS + "/list-custom-fields"),
                    404,
                    "Not Found");
            // an empty id does not match
            assertDetail(http.get("/v1/customers/" + TS + "/customer//get-customer"), 404, "Not Found");
        }

        @Test
        void wrongMethodIs405WithAllow() throws Exception {
            TestHttp.Res r = http.delete(FIELDS + "/list-custom-fields");
            assertDetail(r, 405, "Method Not Allowed");
            assertThat(r.header("Allow")).isEqualTo("GET");
            r = http.get(createCustomer("c1"));
            assertThat(r.status()).isEqualTo(405);
            assertThat(r.header("Allow")).isEqualTo("PUT");
        }
    }

    @Nested
    class Customers {
        @Test
        void createGetAndUpsert() throws Exception {
            TestHttp.Res r =
                    http.put(createCustomer("c-1"), "{\"name\":\"Ann\",\"email\":\"ann@example.com\",\"unknown\":1}");
            assertThat(r.status()).isEqualTo(200);
            String id = r.json().get("id").asText();
            assertThat(id).matches(ULID);
            JsonNode expected = json("{\"id\":\"" + id + "\",\"external_customer_id\":null,\"name\":\"Ann\","
                    + "\"location\":null,\"email\":\"ann@example.com\",\"phone_number\":null,\"avatar\":null,"
                    + "\"provided_unique_id\":\"c-1\",\"tags\":[]}");
            assertThat(r.json()).isEqualTo(expected);
            assertThat(http.get(customer("c-1") + "/get-customer").json()).isEqualTo(expected);

            // upsert: omitted fields unchanged, null clears, same id
            r = http.put(
                    createCustomer("c-1"),
                    "{\"location\":\"Riga\",\"external_customer_id\":\"ext-1\",\"phone_number\":\"+371\",\"avatar\":\"a.png\",\"email\":null}");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json())
                    .isEqualTo(json("{\"id\":\"" + id + "\",\"external_customer_id\":\"ext-1\",\"name\":\"Ann\","
                            + "\"location\":\"Riga\",\"email\":null,\"phone_number\":\"+371\",\"avatar\":\"a.png\","
                            + "\"provided_unique_id\":\"c-1\",\"tags\":[]}"));
            Snapshot s = proto.simulator().snapshot();
            assertThat(s.customers())
                    .containsExactly(new Customer(
                            id, "c-1", "ext-1", "Ann", null, "+371", "Riga", "a.png", java.util.Set.of(), Map.of()));
        }

        @Test
        void emptyBodyCreatesCustomerWithNulls() throws Exception {
            TestHttp.Res r = http.put(createCustomer("c-2"), "");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("name").isNull()).isTrue();
            assertThat(proto.simulator().snapshot().customers()).hasSize(1);
        }

        @Test
        void nonStringValueIs422() throws Exception {
            assertValidation(http.put(createCustomer("c-3"), "{\"name\":42}"), "string_type", "body", "name");
            assertValidation(http.put(createCustomer("c-3"), "[1]"), "model_attributes_type", "body");
            assertValidation(http.put(createCustomer("c-3"), "{\"name\":"), "json_invalid", "body", 8);
            assertThat(proto.simulator().snapshot().customers()).isEmpty();
        }

        @Test
        void unknownCustomerIs404() throws Exception {
            assertDetail(http.get(customer("nobody") + "/get-customer"), 404, "Customer not found");
            assertDetail(http.put(customer("nobody") + "/add-tags", "{\"tags\":[]}"), 404, "Customer not found");
            assertDetail(
                    http.put(customer("nobody") + "/add-custom-fields", "{\"custom_fields\":[]}"),
                    404,
                    "Customer not found");
        }
    }

    @Nested
    class Tags {
        @BeforeEach
        void createTaggedCustomer() throws Exception {
            assertThat(http.put(createCustomer("t-1"), "{}").status()).isEqualTo(200);
        }

        @Test
        void unknownTagWithoutFlagIs404AndNothingApplied() throws Exception {
            http.put(customer("t-1") + "/add-tags", "{\"tags\":[\"vip\"],\"create_if_not_exists\":true}");
            TestHttp.Res r = http.put(customer("t-1") + "/add-tags", "{\"tags\":[\"beta\",\"nope\"]}");
            assertDetail(r, 404, "Tag not found: beta");
            assertThat(proto.simulator()
                            .snapshot()
                            .customer("t-1")
                            .orElseThrow()
                            .tags())
                    .containsExactly("vip");
            assertThat(proto.simulator().snapshot().tags()).containsExactly("vip");
        }

        @Test
        void flagCreatesTagsAndDuplicatesAreNoOps() throws Exception {
            TestHttp.Res r = http.put(
                    customer("t-1") + "/add-tags", "{\"tags\":[\"vip\",\"beta\"],\"create_if_not_exists\":true}");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("tags")).isEqualTo(json("[\"vip\",\"beta\"]"));
            r = http.put(customer("t-1") + "/add-tags", "{\"tags\":[\"beta\",\"vip\"]}");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("tags")).isEqualTo(json("[\"vip\",\"beta\"]"));
            assertThat(http.get(customer("t-1") + "/get-customer").json().get("tags"))
                    .isEqualTo(json("[\"vip\",\"beta\"]"));
            assertThat(proto.simulator().snapshot().tags()).containsExactly("vip", "beta");
            // tags are per teamspace
            assertThat(proto.simulator().snapshot("TS2").tags()).isEmpty();
        }

        @Test
        void validation() throws Exception {
            assertValidation(http.put(customer("t-1") + "/add-tags", "{}"), "missing", "body", "tags");
            assertValidation(
                    http.put(customer("t-1") + "/add-tags", "{\"tags\":\"vip\"}"), "list_type", "body", "tags");
            assertValidation(
                    http.put(customer("t-1") + "/add-tags", "{\"tags\":[\"a\",\"\"]}"),
                    "string_too_short",
                    "body",
                    "tags",
                    1);
            assertValidation(
                    http.put(customer("t-1") + "/add-tags", "{\"tags\":[1]}"), "string_type", "body", "tags", 0);
            assertValidation(
                    http.put(customer("t-1") + "/add-tags", "{\"tags\":[\"a\"],\"create_if_not_exists\":\"maybe\"}"),
                    "bool_parsing",
                    "body",
                    "create_if_not_exists");
            assertValidation(http.put(customer("t-1") + "/add-tags", ""), "missing", "body");
        }
    }

    @Nested
    class CustomFields {
        @Test
        void listIsEmptyArray() throws Exception {
            TestHttp.Res r = http.get(FIELDS + "/list-custom-fields");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("[]");
            assertThat(r.header("Content-Type")).startsWith("application/json");
        }

        @Test
        void createListDelete() throws Exception {
            String plan = createField("{\"name\":\"Plan\",\"type\":\"select\",\"select_options\":[\"free\",\"gold\"]}");
            String age = createField("{\"name\":\"Age\",\"type\":\"number\",\"select_options\":null}");
            assertThat(plan).matches(ULID);
            TestHttp.Res r = http.get(FIELDS + "/list-custom-fields");
            assertThat(r.json())
                    .isEqualTo(json("[{\"id\":\"" + plan + "\",\"name\":\"Plan\",\"type\":\"select\","
                            + "\"select_options\":[\"free\",\"gold\"]},{\"id\":\"" + age
                            + "\",\"name\":\"Age\",\"type\":\"number\"}]"));
            assertThat(proto.simulator().snapshot().customFields())
                    .containsExactly(
                            new CustomFieldDefinition(plan, "Plan", "select", List.of("free", "gold")),
                            new CustomFieldDefinition(age, "Age", "number", null));

            r = http.delete(FIELDS + "/custom-field/" + plan + "/delete-custom-fields");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json()).isEqualTo(json("{\"id\":\"" + plan + "\",\"deleted\":true}"));
            assertDetail(
                    http.delete(FIELDS + "/custom-field/" + plan + "/delete-custom-fields"),
                    404,
                    "Custom field not found: id " + plan);
            assertThat(http.get(FIELDS + "/list-custom-fields").json().size()).isEqualTo(1);
        }

        @Test
        void duplicateNameIs409CaseSensitive() throws Exception {
            createField("{\"name\":\"Plan\",\"type\":\"text\"}");
            assertDetail(
                    http.post(FIELDS + "/create-custom-field", "{\"name\":\"Plan\",\"type\":\"number\"}"),
                    409,
                    "Custom field already exists: Plan");
            createField("{\"name\":\"plan\",\"type\":\"text\"}");
            assertThat(proto.simulator().snapshot().customFields())
                    .extracting(CustomFieldDefinition::name)
                    .containsExactly("Plan", "plan");
        }

        @Test
        void createValidation() throws Exception {
            String p = FIELDS + "/create-custom-field";
            assertValidation(http.post(p, "{\"type\":\"text\"}"), "missing", "body", "name");
            assertValidation(http.post(p, "{\"name\":\"  \",\"type\":\"text\"}"), "string_too_short", "body", "name");
            assertValidation(http.post(p, "{\"name\":\"X\"}"), "missing", "body", "type");
            assertValidation(http.post(p, "{\"name\":\"X\",\"type\":\"toggle\"}"), "enum", "body", "type");
            assertValidation(
                    http.post(p, "{\"name\":\"X\",\"type\":\"select\"}"), "value_error", "body", "select_options");
            assertValidation(
                    http.post(p, "{\"name\":\"X\",\"type\":\"text\",\"select_options\":[\"a\"]}"),
                    "value_error",
                    "body",
                    "select_options");
            assertValidation(
                    http.post(p, "{\"name\":\"X\",\"type\":\"select\",\"select_options\":[]}"),
                    "too_short",
                    "body",
                    "select_options");
            assertValidation(
                    http.post(p, "{\"name\":\"X\",\"type\":\"select\",\"select_options\":[\"a\",\"a\"]}"),
                    "value_error",
                    "body",
                    "select_options",
                    1);
            assertValidation(http.post(p, "not json"), "json_invalid", "body", 4);
            assertThat(proto.simulator().snapshot().customFields()).isEmpty();
        }

        @Test
        void setValuesByIdAndNameWithTypeChecks() throws Exception {
            String plan = createField("{\"name\":\"Plan\",\"type\":\"select\",\"select_options\":[\"free\",\"gold\"]}");
            String age = createField("{\"name\":\"Age\",\"type\":\"number\"}");
            String vip = createField("{\"name\":\"VIP\",\"type\":\"boolean\"}");
            String since = createField("{\"name\":\"Since\",\"type\":\"date\"}");
            String note = createField("{\"name\":\"Note\",\"type\":\"text\"}");
            http.put(createCustomer("f-1"), "{}");
            String path = customer("f-1") + "/add-custom-fields";

            TestHttp.Res r = http.put(
                    path,
                    "{\"custom_fields\":[{\"id\":\"" + age + "\",\"value\":42},"
                            + "{\"name\":\"Plan\",\"value\":\"gold\"},{\"name\":\"VIP\",\"value\":true},"
                            + "{\"name\":\"Since\",\"value\":\"2024-02-29\"},{\"name\":\"Note\",\"value\":\"hi\"}]}");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json())
                    .isEqualTo(json("{\"custom_fields\":["
                            + "{\"id\":\"" + plan + "\",\"name\":\"Plan\",\"value\":\"gold\"},"
                            + "{\"id\":\"" + age + "\",\"name\":\"Age\",\"value\":42},"
                            + "{\"id\":\"" + vip + "\",\"name\":\"VIP\",\"value\":true},"
                            + "{\"id\":\"" + since + "\",\"name\":\"Since\",\"value\":\"2024-02-29\"},"
                            + "{\"id\":\"" + note + "\",\"name\":\"Note\",\"value\":\"hi\"}]}"));
            assertThat(proto.simulator()
                            .snapshot()
                            .customer("f-1")
                            .orElseThrow()
                            .customFields())
                    .containsExactly(
                            Map.entry("Plan", "gold"),
                            Map.entry("Age", 42L),
                            Map.entry("VIP", true),
                            Map.entry("Since", "2024-02-29"),
                            Map.entry("Note", "hi"));

            // type errors, all-or-nothing
            String[][] bad = {
                {"Plan", "\"platinum\"", "enum"},
                {"Age", "\"42\"", "float_type"},
                {"VIP", "1", "bool_type"},
                {"Since", "\"2024-02-30\"", "date_from_datetime_parsing"},
                {"Since", "\"29.02.2024\"", "date_from_datetime_parsing"},
                {"Note", "5", "string_type"},
            };
            for (String[] b : bad) {
                r = http.put(
                        path,
                        "{\"custom_fields\":[{\"name\":\"Age\",\"value\":7},{\"name\":\"" + b[0] + "\",\"value\":"
                                + b[1] + "}]}");
                assertValidation(r, b[2], "body", "custom_fields", 1, "value");
            }
            assertThat(proto.simulator()
                            .snapshot()
                            .customer("f-1")
                            .orElseThrow()
                            .customFields()
                            .get("Age"))
                    .isEqualTo(42L);

            assertValidation(
                    http.put(path, "{\"custom_fields\":[{\"value\":1}]}"), "value_error", "body", "custom_fields", 0);
            assertValidation(
                    http.put(path, "{\"custom_fields\":[{\"name\":\"Age\"}]}"),
                    "missing",
                    "body",
                    "custom_fields",
                    0,
                    "value");
            assertValidation(http.put(path, "{}"), "missing", "body", "custom_fields");
            assertDetail(
                    http.put(
                            path,
                            "{\"custom_fields\":[{\"name\":\"Age\",\"value\":1},{\"name\":\"Nope\",\"value\":1}]}"),
                    404,
                    "Custom field not found: name Nope");
            assertDetail(
                    http.put(path, "{\"custom_fields\":[{\"id\":\"01HXXXXXXXXXXXXXXXXXXXXXXX\",\"value\":1}]}"),
                    404,
                    "Custom field not found: id 01HXXXXXXXXXXXXXXXXXXXXXXX");
            assertThat(proto.simulator()
                            .snapshot()
                            .customer("f-1")
                            .orElseThrow()
                            .customFields()
                            .get("Age"))
                    .isEqualTo(42L);

            // deleting a field removes its values
            http.delete(FIELDS + "/custom-field/" + plan + "/delete-custom-fields");
            assertThat(proto.simulator()
                            .snapshot()
                            .customer("f-1")
                            .orElseThrow()
                            .customFields())
                    .doesNotContainKey("Plan")
                    .hasSize(4);
        }
    }

    @Nested
    class Tickets {
        static final String PATH = "/v1/conversations/" + TS + "/create-ticket";

        @Test
        void createByEachIdentifier() throws Exception {
            String cid = http.put(createCustomer("k-1"), "{\"external_customer_id\":\"ext-9\"}")
                    .json()
                    .get("id")
                    .asText();
            for (String body : List.of(
                    "{\"subject\":\"a\",\"provided_unique_id\":\"k-1\"}",
                    "{\"subject\":\"b\",\"customer_id\":\"" + cid + "\"}",
                    "{\"subject\":\"c\",\"external_customer_id\":\"ext-9\",\"message\":\"hello\"}",
                    "{\"subject\":\"d\",\"gateway_profile_id\":\"gw-1\"}")) {
                TestHttp.Res r = http.post(PATH, body);
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                assertThat(r.json().size()).isEqualTo(1);
                assertThat(r.json().get("id").asText()).matches(ULID);
            }
            List<Ticket> t = proto.simulator().snapshot().tickets();
            assertThat(t).hasSize(4);
            assertThat(t).extracting(Ticket::subject).containsExactly("a", "b", "c", "d");
            assertThat(t).extracting(Ticket::customerId).containsExactly(cid, cid, cid, null);
            assertThat(t.get(0).providedUniqueId()).isEqualTo("k-1");
            assertThat(t.get(2).externalCustomerId()).isEqualTo("ext-9");
            assertThat(t.get(2).body()).containsEntry("message", "hello");
            assertThat(t.get(3).gatewayProfileId()).isEqualTo("gw-1");
        }

        @Test
        void errors() throws Exception {
            assertValidation(http.post(PATH, "{\"provided_unique_id\":\"k\"}"), "missing", "body", "subject");
            assertValidation(
                    http.post(PATH, "{\"subject\":1,\"provided_unique_id\":\"k\"}"), "string_type", "body", "subject");
            assertValidation(http.post(PATH, "{\"subject\":\"s\"}"), "value_error", "body");
            assertValidation(
                    http.post(PATH, "{\"subject\":\"s\",\"customer_id\":5}"), "string_type", "body", "customer_id");
            assertValidation(http.post(PATH, "{\"subject\":"), "json_invalid", "body", 11);
            assertValidation(http.post(PATH, ""), "missing", "body");
            assertDetail(
                    http.post(PATH, "{\"subject\":\"s\",\"provided_unique_id\":\"ghost\"}"),
                    404,
                    "Customer not found: provided_unique_id ghost");
            assertDetail(
                    http.post(PATH, "{\"subject\":\"s\",\"customer_id\":\"01HXXXXXXXXXXXXXXXXXXXXXXX\"}"),
                    404,
                    "Customer not found: customer_id 01HXXXXXXXXXXXXXXXXXXXXXXX");
            assertDetail(
                    http.post(PATH, "{\"subject\":\"s\",\"external_customer_id\":\"nope\"}"),
                    404,
                    "Customer not found: external_customer_id nope");
            assertThat(proto.simulator().snapshot().tickets()).isEmpty();
        }
    }
}
