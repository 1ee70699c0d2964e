package dev.camelproto.component.proto.internal.request;

import static dev.camelproto.component.proto.ProtoApiFidelityTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.ProtoApiException;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.ProtoValidationException;
import dev.camelproto.component.proto.testsupport.ProtoApiStub;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** proto:raw against the recording stub: exactly the request it was told to send, nothing more. */
class ProtoRawTest extends ProtoTestSupport {

    private static final String LIST = "/v1/custom-fields/{subcompany_id}/list-custom-fields";
    private static final String DELETE =
            "/v1/custom-fields/{subcompany_id}/custom-field/{custom_field_id}/delete-custom-fields";

    @Test
    void getFromTheOptions() {
        stub.reply(200, "[{\"id\":\"F1\",\"name\":\"Plan\"}]");
        Exchange out = send(
                "proto:raw?method=GET&path=" + LIST,
                "ignored for GET",
                Map.of("X-Leak", "no", ProtoConstants.SUBJECT, "no", "Authorization", "Bearer wrong"));
        assertThat(out.getException()).isNull();
        ProtoApiStub.Recorded r = stub.lastRequest();
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.path()).isEqualTo(path("/v1/custom-fields/" + TEAMSPACE + "/list-custom-fields"));
        assertThat(r.body()).isNull();
        assertThat(r.header("Authorization")).isEqualTo("Bearer " + SECRET);
        assertThat(r.headers()).doesNotContainKeys("x-leak", "camelprotosubject");
        assertThat(out.getMessage().getBody(List.class)).hasSize(1);
        assertThat(out.getMessage().getHeader(ProtoConstants.HTTP_RESPONSE_CODE))
                .isEqualTo(200);
    }

    @Test
    void headersOverrideAndPathParamsAreEncoded() {
        stub.reply(200, "{\"id\":\"F 1?\",\"deleted\":true}");
        Exchange out = send(
                "proto:raw?method=GET&path=" + LIST,
                null,
                Map.of(
                        ProtoConstants.HTTP_METHOD,
                        "delete",
                        ProtoConstants.PATH,
                        DELETE,
                        ProtoConstants.PATH_PARAMS,
                        Map.of("custom_field_id", "F 1?#%é")));
        assertThat(out.getException()).isNull();
        assertThat(stub.lastRequest().method()).isEqualTo("DELETE");
        assertThat(stub.lastRequest().path())
                .isEqualTo(path(
                        "/v1/custom-fields/" + TEAMSPACE + "/custom-field/F%201%3F%23%25%C3%A9/delete-custom-fields"));
        assertThat(out.getMessage().getHeader(ProtoConstants.ID)).isEqualTo("F 1?");
    }

    @Test
    void queryIsEncodedWithRepeatedValues() {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("q", "a b&c=d");
        query.put("tag", List.of("x", "y é"));
        query.put("n", 3);
        send("proto:raw?method=GET&path=" + LIST, null, Map.of(ProtoConstants.QUERY, query));
        assertThat(stub.lastRequest().path())
                .isEqualTo(path("/v1/custom-fields/" + TEAMSPACE
                        + "/list-custom-fields?q=a%20b%26c%3Dd&tag=x&tag=y%20%C3%A9&n=3"));
    }

    @Test
    void bodyIsSentExactlyAsGiven() {
        String text = "{ \"name\" : \"Seats\",\n  \"type\": \"number\" }";
        send("proto:raw?method=POST&path=/v1/custom-fields/{subcompany_id}/create-custom-field", text, Map.of());
        assertThat(stub.lastRequest().method()).isEqualTo("POST");
        assertThat(stub.lastRequest().path())
                .isEqualTo(path("/v1/custom-fields/" + TEAMSPACE + "/create-custom-field"));
        assertThat(stub.lastRequest().body()).isEqualTo(text);

        // a Map as JSON, and no create_if_not_exists added although this is the add-tags path
        send(
                "proto:raw?method=PUT&path=/v1/customers/{subcompany_id}/customer/{id}/add-tags",
                Map.of("tags", List.of("vip")),
                Map.of(ProtoConstants.PATH_PARAMS, Map.of("id", "ada"), ProtoConstants.CREATE_IF_NOT_EXISTS, true));
        assertThat(stub.lastRequest().method()).isEqualTo("PUT");
        assertThat(stub.lastRequest().path()).isEqualTo(path("/v1/customers/" + TEAMSPACE + "/customer/ada/add-tags"));
        assertThat(json(stub.lastRequest().body())).isEqualTo(json("{\"tags\":[\"vip\"]}"));

        send("proto:raw?method=PATCH&path=/v1/x", List.of(1, 2), Map.of());
        assertThat(stub.lastRequest().method()).isEqualTo("PATCH");
        assertThat(stub.lastRequest().body()).isEqualTo("[1,2]");
    }

    @Test
    void errorsAreProtoApiExceptions() {
        stub.reply(404, "{\"detail\":\"Not Found\"}");
        Exchange out = send("proto:raw?method=GET&path=/v1/nope", null, Map.of());
        assertThat(out.getException()).isInstanceOf(ProtoApiException.class);
        ProtoApiException e = (ProtoApiException) out.getException();
        assertThat(e.getStatusCode()).isEqualTo(404);
        assertThat(e.getOperation()).isEqualTo("raw");
        assertThat(e.getResponseBody()).contains("Not Found");
        assertThat(out.getMessage().getHeader(ProtoConstants.HTTP_RESPONSE_CODE))
                .isEqualTo(404);
    }

    @Test
    void invalidCallsSendNothing() {
        Object[][] cases = {
            {"proto:raw?path=" + LIST, Map.of(), "the HTTP method is required"},
            {"proto:raw?path=" + LIST, Map.of(ProtoConstants.HTTP_METHOD, "TRACE"), "must be one of"},
            {"proto:raw?method=GET", Map.of(), "the path is required"},
            {"proto:raw?method=GET", Map.of(ProtoConstants.PATH, "v1/x"), "must start with '/'"},
            {"proto:raw?method=GET", Map.of(ProtoConstants.PATH, "/v1/x?a=b"), "no '?'"},
            {"proto:raw?method=GET", Map.of(ProtoConstants.PATH, "/v1/../admin"), "'..' segments"},
            {"proto:raw?method=DELETE&path=" + DELETE, Map.of(), "{custom_field_id} has no value"},
            {
                "proto:raw?method=DELETE&path=" + DELETE,
                Map.of(ProtoConstants.PATH_PARAMS, Map.of("custom_field_id", "a/b")),
                "must not contain '/'"
            },
            {"proto:raw?method=GET&path=" + LIST, Map.of(ProtoConstants.QUERY, "a=b"), "must be a Map"}
        };
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            Exchange out = send((String) c[0], null, (Map<String, Object>) c[1]);
            assertThat(out.getException())
                    .as("%s %s", c[0], c[1])
                    .isInstanceOf(ProtoValidationException.class)
                    .hasMessageContaining((String) c[2]);
        }
        assertThat(stub.requests()).isEmpty();
    }

    // ---- the raw path reaches the wire exactly, or nothing is sent

    @Test
    void charactersOutsidePcharArePercentEncodedAsUtf8() {
        Map<String, String> expected = new LinkedHashMap<>();
        // U+0100 was sent as '?' and turned the rest into a query
        expected.put(LIST + "\u0100admin=1", "/list-custom-fields%C4%80admin=1");
        expected.put(LIST + "/caf\u00e9 \ud83d\ude00", "/list-custom-fields/caf%C3%A9%20%F0%9F%98%80");
        expected.put(LIST + "/\"<>[]^`|", "/list-custom-fields/%22%3C%3E%5B%5D%5E%60%7C");
        // pchar stays as written: unreserved, sub-delims, ':' and '@'
        expected.put(LIST + "/a-b.c_d~e!$&'()*+,;=:@", "/list-custom-fields/a-b.c_d~e!$&'()*+,;=:@");
        // a valid escape is kept (the path is a URI path); a '%' that starts no escape is a literal '%'
        expected.put(LIST + "/a%20b%C3%A9%3F", "/list-custom-fields/a%20b%C3%A9%3F");
        expected.put(LIST + "/100%/%zz/%4", "/list-custom-fields/100%25/%25zz/%254");
        expected.forEach((given, wire) -> {
            stub.reset();
            Exchange out = send("proto:raw?method=GET", null, Map.of(ProtoConstants.PATH, given));
            assertThat(out.getException()).as(given).isNull();
            assertThat(stub.requests()).as(given).hasSize(1);
            assertThat(stub.lastRequest().path()).as(given).isEqualTo(path("/v1/custom-fields/" + TEAMSPACE + wire));
        });
    }

    @Test
    void controlCharactersAndDotSegmentsInAnySpellingSendNothing() {
        List<String> paths = List.of(
                "/v1/x\u000Bx",
                "/v1/x\tx",
                "/v1/x\u007F",
                "/v1/x\u0085",
                "/v1/x\u0000",
                "/v1/%2e%2e/admin",
                "/v1/%2E%2E/admin",
                "/v1/%2e/admin",
                "/v1/.%2E/admin",
                "/v1/%2E./admin",
                "/v1/..",
                "/v1/.",
                "/./v1",
                "/v1/x/%2e%2E",
                // escapes that decode to a control character, a slash or a backslash would change the segments
                "/v1/x%0Ay",
                "/v1/x%00",
                "/v1/x%7f",
                "/v1/a%2F..%2F..%2Fadmin",
                "/v1/a%5c..",
                "/v1/%2f",
                // a lone surrogate has no UTF-8 form
                "/v1/x\ud800y");
        for (String given : paths) {
            Exchange header = send("proto:raw?method=GET", null, Map.of(ProtoConstants.PATH, given));
            assertThat(header.getException())
                    .as(given)
                    .isInstanceOf(ProtoValidationException.class)
                    .hasMessageContaining(ProtoConstants.PATH);
        }
        Exchange option = send("proto:raw?method=GET&path=RAW(/v1/%2e%2e/x)", null, Map.of());
        assertThat(option.getException())
                .isInstanceOf(ProtoValidationException.class)
                .hasMessageContaining("the endpoint option path");
        assertThat(stub.requests()).isEmpty();
    }

    // ---- the teamspace comes from the configuration only

    @Test
    void subcompanyIdInPathParamsIsRejectedAndNothingIsSent() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("subcompany_id", "01OTHERTEAMSPACE0000000000");
        params.put("custom_field_id", "F1");
        Exchange out = send("proto:raw?method=DELETE&path=" + DELETE, null, Map.of(ProtoConstants.PATH_PARAMS, params));
        assertThat(out.getException())
                .isInstanceOf(ProtoValidationException.class)
                .hasMessageContaining(ProtoConstants.PATH_PARAMS)
                .hasMessageContaining("subcompany_id");
        // the same value as the configuration is refused too: the rule does not depend on the value
        Exchange same = send(
                "proto:raw?method=GET&path=" + LIST,
                null,
                Map.of(ProtoConstants.PATH_PARAMS, Map.of("subcompany_id", TEAMSPACE)));
        assertThat(same.getException()).isInstanceOf(ProtoValidationException.class);
        assertThat(stub.requests()).isEmpty();

        params.remove("subcompany_id");
        send("proto:raw?method=DELETE&path=" + DELETE, null, Map.of(ProtoConstants.PATH_PARAMS, params));
        assertThat(stub.lastRequest().path())
                .isEqualTo(path("/v1/custom-fields/" + TEAMSPACE + "/custom-field/F1/delete-custom-fields"));
    }
}
