package dev.camelproto.simulator;

import static dev.camelproto.simulator.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthTest {

    static ProtoSimulator sim;

    @BeforeAll
    static void start() {
        sim = ProtoSimulator.builder()
                .teamspace("TS-A", "secret-a")
                .teamspace("TS-B", "secret-b")
                .start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static String list(String ts) {
        return "/v1/custom-fields/" + ts + "/list-custom-fields";
    }

    @Test
    void validSecretsOfEachTeamspace() throws Exception {
        assertThat(new TestHttp(sim.baseUrl(), "secret-a").get(list("TS-A")).status())
                .isEqualTo(200);
        assertThat(new TestHttp(sim.baseUrl(), "secret-b").get(list("TS-B")).status())
                .isEqualTo(200);
        assertThat(sim.secret("TS-B")).isEqualTo("secret-b");
    }

    @Test
    void missingHeaderIs422() throws Exception {
        TestHttp.Res r = new TestHttp(sim.baseUrl(), null).get(list("TS-A"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json())
                .isEqualTo(
                        json(
                                "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"header\",\"authorization\"],\"msg\":\"Field required\"}]}"));
    }

    @Test
    void wrongOtherOrUnknownIs401WithoutRevealingTheSecret() throws Exception {
        for (TestHttp.Res r : List.of(
                new TestHttp(sim.baseUrl(), "wrong").get(list("TS-A")),
                new TestHttp(sim.baseUrl(), "secret-b").get(list("TS-A")),
                new TestHttp(sim.baseUrl(), "secret-a").get(list("01HSWE652DMW6REJ1FB1135PRZ")),
                new TestHttp(sim.baseUrl(), "").get(list("TS-A")),
                new TestHttp(sim.baseUrl(), "secret-a")
                        .put("/v1/customers/TS-B/create-customer/x", "{\"name\":\"n\"}"))) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json()).isEqualTo(json("{\"detail\":\"Invalid authentication credentials\"}"));
            assertThat(r.body()).doesNotContain("secret-a").doesNotContain("secret-b");
        }
        assertThat(sim.snapshot("TS-B").customers()).isEmpty();
    }

    @Test
    void nonBearerSchemeIs401AndSchemeIsCaseInsensitive() throws Exception {
        java.net.http.HttpRequest basic = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(sim.baseUrl() + list("TS-A")))
                .header("Authorization", "Basic secret-a")
                .build();
        assertThat(TestHttp.CLIENT
                        .send(basic, java.net.http.HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(401);
        java.net.http.HttpRequest lower = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(sim.baseUrl() + list("TS-A")))
                .header("Authorization", "bearer secret-a")
                .build();
        assertThat(TestHttp.CLIENT
                        .send(lower, java.net.http.HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
    }
}
