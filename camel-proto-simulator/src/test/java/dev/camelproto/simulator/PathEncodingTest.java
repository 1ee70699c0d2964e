package dev.camelproto.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathEncodingTest {

    @RegisterExtension
    static ProtoSimulatorExtension proto = ProtoSimulatorExtension.create();

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "..", ".", "x?y#z", "100%", "with space", "é", "a+b", "日本/%2F", "a;b=c"})
    void idRoundTripsAsOneCustomer(String id) throws Exception {
        TestHttp http = new TestHttp(proto.baseUrl(), proto.secret());
        String base = "/v1/customers/" + proto.subcompanyId();
        TestHttp.Res r = http.put(base + "/create-customer/" + TestHttp.seg(id), "{\"name\":\"n\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("provided_unique_id").asText()).isEqualTo(id);

        r = http.get(base + "/customer/" + TestHttp.seg(id) + "/get-customer");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("provided_unique_id").asText()).isEqualTo(id);

        r = http.put(base + "/customer/" + TestHttp.seg(id) + "/add-tags", "{\"tags\":[\"t\"],\"create_if_not_exists\":true}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);

        Snapshot s = proto.simulator().snapshot();
        assertThat(s.customers()).hasSize(1);
        assertThat(s.customers().get(0).providedUniqueId()).isEqualTo(id);
        assertThat(s.customers().get(0).tags()).containsExactly("t");
        RecordedRequest first = proto.simulator().journal().get(0);
        assertThat(first.segments()).containsExactly("v1", "customers", proto.subcompanyId(), "create-customer", id);
        assertThat(first.path()).isEqualTo("/api/platform" + base + "/create-customer/" + TestHttp.seg(id));
    }
}
