package dev.camelproto.component.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelproto.component.proto.testsupport.ProtoApiStub;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * API fidelity: the component sends and reports exactly what the Proto API defines. Each section's comment names the
 * old behaviour its tests rule out.
 */
public class ProtoApiFidelityTest extends ProtoTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private Exchange exchange(Object body, Map<String, Object> headers) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getIn().setBody(body);
        exchange.getIn().setHeaders(new LinkedHashMap<>(headers));
        return exchange;
    }

    // ---- stale CamelProtoId / CamelHttpResponseCode -----------------------------------------------------------------
    // Before: CamelProtoId was only SET when a response had an id, so the customer's id survived a later call.

    @Test
    void ticketResponseWithoutIdRemovesTheCustomersId() {
        stub.reply(r -> r.path().contains("create-customer")
                ? ProtoApiStub.Reply.json(200, "{\"id\":\"CUST-1\",\"name\":\"Ada\"}")
                : ProtoApiStub.Reply.json(201, "{\"ticket\":{\"id\":\"T-1\"}}"));
        Exchange exchange = exchange(Map.of("name", "Ada"), Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "ada"));
        template.send("proto:customer/create", exchange);
        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(ProtoConstants.ID)).isEqualTo("CUST-1");
        assertThat(exchange.getMessage().getHeader(ProtoConstants.HTTP_RESPONSE_CODE))
                .isEqualTo(200);

        exchange.getMessage().setBody(Map.of("subject", "Help"));
        template.send("proto:ticket/create", exchange);
        assertThat(exchange.getException()).isNull();
        assertThat(stub.lastRequest().method()).isEqualTo("POST");
        assertThat(stub.lastRequest().path()).isEqualTo(path("/v1/conversations/" + TEAMSPACE + "/create-ticket"));
        assertThat(json(stub.lastRequest().body()))
                .isEqualTo(json("{\"subject\":\"Help\",\"provided_unique_id\":\"ada\"}"));
        assertThat(exchange.getMessage().getHeaders()).doesNotContainKey(ProtoConstants.ID);
        assertThat(exchange.getMessage().getHeader(ProtoConstants.HTTP_RESPONSE_CODE))
                .isEqualTo(201);
        assertThat(exchange.getMessage().getBody(Map.class)).containsKey("ticket");
    }

    @Test
    void failedTicketWithoutExceptionRemovesTheCustomersId() {
        stub.reply(r -> r.path().contains("create-customer")
                ? ProtoApiStub.Reply.json(200, "{\"id\":\"CUST-1\"}")
                : ProtoApiStub.Reply.json(422, "{\"id\":\"not-a-ticket\",\"detail\":\"bad\"}"));
        Exchange exchange = exchange(Map.of(), Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "ada"));
        template.send("proto:customer/create", exchange);
        assertThat(exchange.getMessage().getHeader(ProtoConstants.ID)).isEqualTo("CUST-1");

        exchange.getMessage().setBody(Map.of("subject", "Help"));
        template.send("proto:ticket/create?throwExceptionOnFailure=false", exchange);
        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeaders()).doesNotContainKey(ProtoConstants.ID);
        assertThat(exchange.getMessage().getHeader(ProtoConstants.HTTP_RESPONSE_CODE))
                .isEqualTo(422);
        assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("detail", "bad");
    }

    @Test
    void transportFailureRemovesIdAndResponseCode() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        stub.reply(200, "{\"id\":\"CUST-1\"}");
        Exchange exchange = exchange(Map.of(), Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "ada"));
        template.send("proto:customer/create", exchange);
        assertThat(exchange.getMessage().getHeader(ProtoConstants.ID)).isEqualTo("CUST-1");
        assertThat(exchange.getMessage().getHeader(ProtoConstants.HTTP_RESPONSE_CODE))
                .isEqualTo(200);

        exchange.getMessage().setBody(Map.of("subject", "Help"));
        template.send(
                "proto:ticket/create?maxRetries=0&baseUrl=http://127.0.0.1:" + closedPort + "/api/platform", exchange);
        assertThat(exchange.getException()).isNotNull();
        assertThat(exchange.getMessage().getHeaders())
                .doesNotContainKeys(ProtoConstants.ID, ProtoConstants.HTTP_RESPONSE_CODE);
        assertThat(stub.requests()).hasSize(1);
    }

    // ---- one ticket identifier --------------------------------------------------------------------------------------
    // Before: header identifiers were added to a body that already had one, and every header set was sent.

    @Test
    void bodyIdentifierIsNeverJoinedByAHeaderOrTheOption() {
        stub.reply(201, "{\"id\":\"T-1\"}");
        send(
                "proto:ticket/create?providedUniqueId=opt-1",
                Map.of("subject", "S", "customer_id", "C-1"),
                Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "hdr-1", ProtoConstants.GATEWAY_PROFILE_ID, "gw-1"));
        assertThat(json(stub.lastRequest().body())).isEqualTo(json("{\"subject\":\"S\",\"customer_id\":\"C-1\"}"));
    }

    @Test
    void headersFillExactlyOneIdentifierByPrecedence() {
        stub.reply(201, "{\"id\":\"T-1\"}");
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(ProtoConstants.SUBJECT, "S");
        headers.put(ProtoConstants.PROVIDED_UNIQUE_ID, "p-1");
        headers.put(ProtoConstants.GATEWAY_PROFILE_ID, "g-1");
        headers.put(ProtoConstants.EXTERNAL_CUSTOMER_ID, "e-1");
        headers.put(ProtoConstants.CUSTOMER_ID, "c-1");
        String uri = "proto:ticket/create?providedUniqueId=opt-1";
        String[][] expected = {
            {ProtoConstants.CUSTOMER_ID, "customer_id", "c-1"},
            {ProtoConstants.EXTERNAL_CUSTOMER_ID, "external_customer_id", "e-1"},
            {ProtoConstants.GATEWAY_PROFILE_ID, "gateway_profile_id", "g-1"},
            {ProtoConstants.PROVIDED_UNIQUE_ID, "provided_unique_id", "p-1"}
        };
        for (String[] step : expected) {
            send(uri, null, headers);
            assertThat(json(stub.lastRequest().body()))
                    .as(step[0])
                    .isEqualTo(json("{\"subject\":\"S\",\"" + step[1] + "\":\"" + step[2] + "\"}"));
            headers.remove(step[0]);
        }
        send(uri, null, headers);
        assertThat(json(stub.lastRequest().body()))
                .isEqualTo(json("{\"subject\":\"S\",\"provided_unique_id\":\"opt-1\"}"));
        assertThat(stub.requests()).hasSize(5).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo(path("/v1/conversations/" + TEAMSPACE + "/create-ticket"));
        });
    }

    // ---- ids with '/' -----------------------------------------------------------------------------------------------
    // Before: "a/b" was sent as a%2Fb, which the API decodes before routing: a 404 at best, another resource at worst.

    @Test
    void idsWithASlashAreRejectedLocally() {
        List<String[]> calls = List.of(
                new String[] {"proto:customer/get", null},
                new String[] {"proto:customer/create", "{}"},
                new String[] {"proto:customer/addTags", "vip"},
                new String[] {"proto:customer/addCustomFields", "{\"Plan\":\"pro\"}"});
        for (String[] call : calls) {
            Exchange out = send(call[0], call[1], Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "a/b"));
            assertThat(out.getException())
                    .as(call[0])
                    .isInstanceOf(ProtoValidationException.class)
                    .hasMessageContaining("must not contain '/'")
                    .hasMessageContaining("%2F");
        }
        Exchange option = send("proto:customer/get?providedUniqueId=x/../y", null, Map.of());
        assertThat(option.getException())
                .isInstanceOf(ProtoValidationException.class)
                .hasMessageContaining("must not contain '/'");
        Exchange field = send("proto:customField/delete", null, Map.of(ProtoConstants.CUSTOM_FIELD_ID, "f/1"));
        assertThat(field.getException())
                .isInstanceOf(ProtoValidationException.class)
                .hasMessageContaining("custom field id must not contain '/'");
        Exchange raw = send(
                "proto:raw?method=DELETE&path=/v1/custom-fields/{subcompany_id}/custom-field/"
                        + "{custom_field_id}/delete-custom-fields",
                null,
                Map.of(ProtoConstants.PATH_PARAMS, Map.of("custom_field_id", "f/1")));
        assertThat(raw.getException())
                .isInstanceOf(ProtoValidationException.class)
                .hasMessageContaining("custom_field_id must not contain '/'");
        Exchange upsert = send("proto:customer/upsert", Map.of("provided_unique_id", "a/b", "name", "Ada"), Map.of());
        assertThat(upsert.getException())
                .isInstanceOf(ProtoValidationException.class)
                .hasMessageContaining("must not contain '/'");
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void otherCharactersStayPercentEncodedInOneSegment() {
        stub.reply(200, "{\"id\":\"C-1\"}");
        send("proto:customer/get", null, Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "a?b#c%d é"));
        assertThat(stub.lastRequest().method()).isEqualTo("GET");
        assertThat(stub.lastRequest().path())
                .isEqualTo(path("/v1/customers/" + TEAMSPACE + "/customer/a%3Fb%23c%25d%20%C3%A9/get-customer"));
        assertThat(stub.lastRequest().body()).isNull();
    }

    // ---- Retry-After as an HTTP date --------------------------------------------------------------------------------
    // Before: only delta-seconds were parsed; an HTTP date gave an empty Optional.

    @Test
    void retryAfterAsHttpDateAndAsSeconds() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(5));
        stub.reply(r -> new ProtoApiStub.Reply(503, "{\"detail\":\"busy\"}", Map.of("Retry-After", date)));
        Exchange out = send("proto:customField/list?maxRetries=0", null, Map.of());
        ProtoApiException e = (ProtoApiException) out.getException();
        assertThat(e.getStatusCode()).isEqualTo(503);
        assertThat(e.getResponseHeaders()).containsEntry("Retry-After", date);
        assertThat(e.getRetryAfter())
                .hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(6)));

        stub.reply(r -> new ProtoApiStub.Reply(503, "{\"detail\":\"busy\"}", Map.of("Retry-After", "7")));
        ProtoApiException seconds = (ProtoApiException)
                send("proto:customField/list?maxRetries=0", null, Map.of()).getException();
        assertThat(seconds.getRetryAfter()).hasValue(Duration.ofSeconds(7));
        assertThat(stub.requests())
                .hasSize(2)
                .allSatisfy(r ->
                        assertThat(r.path()).isEqualTo(path("/v1/custom-fields/" + TEAMSPACE + "/list-custom-fields")));
    }

    // ---- a single {id|name, value} map is one element ---------------------------------------------------------------
    // Before: it was read as a map of two fields named "name" and "value".

    @Test
    void singleFieldValueMapIsOneElement() {
        stub.reply(200, "{\"id\":\"C-1\"}");
        Map<String, Object> byName = new LinkedHashMap<>();
        byName.put("name", "Plan");
        byName.put("value", "pro");
        send("proto:customer/addCustomFields", byName, Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "ada"));
        assertThat(stub.lastRequest().method()).isEqualTo("PUT");
        assertThat(stub.lastRequest().path())
                .isEqualTo(path("/v1/customers/" + TEAMSPACE + "/customer/ada/add-custom-fields"));
        assertThat(json(stub.lastRequest().body()))
                .isEqualTo(json("{\"custom_fields\":[{\"name\":\"Plan\",\"value\":\"pro\"}]}"));

        send(
                "proto:customer/addCustomFields",
                Map.of("id", "01HF", "value", 3),
                Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "ada"));
        assertThat(json(stub.lastRequest().body()))
                .isEqualTo(json("{\"custom_fields\":[{\"id\":\"01HF\",\"value\":3}]}"));
    }

    // ---- POJO camelCase -> snake_case -------------------------------------------------------------------------------
    // Before: the POJO was written with Jackson's default names, so phoneNumber was sent and ignored by the API.

    public static class Person {
        private final String name;
        private final String phoneNumber;
        private final String externalCustomerId;
        private final String picture;

        Person(String name, String phoneNumber, String externalCustomerId, String picture) {
            this.name = name;
            this.phoneNumber = phoneNumber;
            this.externalCustomerId = externalCustomerId;
            this.picture = picture;
        }

        public String getName() {
            return name;
        }

        public String getPhoneNumber() {
            return phoneNumber;
        }

        public String getExternalCustomerId() {
            return externalCustomerId;
        }

        @JsonProperty("avatar")
        public String getPictureUrl() {
            return picture;
        }
    }

    @Test
    void pojoIsSentWithSnakeCaseNamesAndJsonPropertyWins() {
        stub.reply(200, "{\"id\":\"C-1\"}");
        Exchange out = send(
                "proto:customer/create",
                new Person("Ada", "+44 1", "ext-9", "https://x/a.png"),
                Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "ada"));
        assertThat(out.getException()).isNull();
        assertThat(stub.lastRequest().method()).isEqualTo("PUT");
        assertThat(stub.lastRequest().path()).isEqualTo(path("/v1/customers/" + TEAMSPACE + "/create-customer/ada"));
        assertThat(json(stub.lastRequest().body()))
                .isEqualTo(json("{\"name\":\"Ada\",\"phone_number\":\"+44 1\","
                        + "\"external_customer_id\":\"ext-9\","
                        + "\"avatar\":\"https://x/a.png\"}"));
        assertThat(out.getMessage().getHeader(ProtoConstants.ID)).isEqualTo("C-1");
    }
}
