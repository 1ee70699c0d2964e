package dev.camelproto.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The simulator routes like uvicorn + Starlette: decode the whole path first, then match the routes. */
class PathEncodingTest {

    @RegisterExtension
    static ProtoSimulatorExtension proto = ProtoSimulatorExtension.create();

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "x?y#z", "100%", "%2F", "with space", "é", "a+b", "日本", "a;b=c", "a?b#c%d é"})
    void idRoundTripsAsOneCustomer(String id) throws Exception {
        TestHttp http = new TestHttp(proto.baseUrl(), proto.secret());
        String base = "/v1/customers/" + proto.subcompanyId();
        TestHttp.Res r = http.put(base + "/create-customer/" + TestHttp.seg(id), "{\"name\":\"n\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("provided_unique_id").asText()).isEqualTo(id);

        r = http.get(base + "/customer/" + TestHttp.seg(id) + "/get-customer");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("provided_unique_id").asText()).isEqualTo(id);

        r = http.put(
                base + "/customer/" + TestHttp.seg(id) + "/add-tags",
                "{\"tags\":[\"t\"],\"create_if_not_exists\":true}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);

        Snapshot s = proto.simulator().snapshot();
        assertThat(s.customers()).hasSize(1);
        assertThat(s.customers().get(0).providedUniqueId()).isEqualTo(id);
        assertThat(s.customers().get(0).tags()).containsExactly("t");
        RecordedRequest first = proto.simulator().journal().get(0);
        assertThat(first.segments()).containsExactly("v1", "customers", proto.subcompanyId(), "create-customer", id);
        assertThat(first.path()).isEqualTo("/api/platform" + base + "/create-customer/" + TestHttp.seg(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "a%2Fb", "a%2fb", "日本%2F"})
    void anEncodedSlashSplitsTheIdSoNoRouteMatches(String rawId) throws Exception {
        TestHttp http = new TestHttp(proto.baseUrl(), proto.secret());
        String base = "/v1/customers/" + proto.subcompanyId();
        String raw = rawId.replace("日本", TestHttp.seg("日本"));
        TestHttp.Res r = http.put(base + "/create-customer/" + raw, "{\"name\":\"n\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(404);
        assertThat(r.json().get("detail").asText()).isEqualTo("Not Found");
        r = http.get(base + "/customer/" + raw + "/get-customer");
        assertThat(r.status()).as(r.body()).isEqualTo(404);
        assertThat(r.json().get("detail").asText()).isEqualTo("Not Found");
        assertThat(proto.simulator().snapshot().customers()).isEmpty();

        RecordedRequest first = proto.simulator().journal().get(0);
        assertThat(first.route()).isNull();
        assertThat(first.path()).endsWith("/create-customer/" + raw);
        assertThat(first.segments())
                .hasSize(6)
                .endsWith(
                        "b".equals(rawId.substring(rawId.length() - 1))
                                ? new String[] {"a", "b"}
                                : new String[] {"日本", ""});
    }

    @Test
    void thePrefixAndFixedSegmentsAreMatchedDecoded() throws Exception {
        TestHttp http = new TestHttp(proto.baseUrl().replace("/api/platform", "/api%2Fplatform"), proto.secret());
        TestHttp.Res r = http.get("/v1/custom-fields/" + proto.subcompanyId() + "/list-custom%2Dfields");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("[]");
    }
}
