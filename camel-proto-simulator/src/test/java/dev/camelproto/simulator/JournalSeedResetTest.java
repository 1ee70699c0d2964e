package dev.camelproto.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JournalSeedResetTest {

    static final String TS = "01HSWE652DMW6REJ1FB1135PRZ";

    static ProtoSimulator seeded() {
        InputStream in = JournalSeedResetTest.class.getResourceAsStream("/seed-data.json");
        return ProtoSimulator.builder().seedData(in).seed(1L).start();
    }

    @Test
    void seedDataIsLoaded() throws Exception {
        try (ProtoSimulator sim = seeded()) {
            assertThat(sim.subcompanyId()).isEqualTo(TS);
            assertThat(sim.secret()).isEqualTo("seed-secret");
            assertThat(sim.subcompanyIds()).containsExactly(TS, "TS-OTHER");
            Snapshot s = sim.snapshot();
            assertThat(s.tags()).containsExactly("vip", "beta", "newcomer");
            assertThat(s.customFields()).hasSize(2);
            assertThat(s.customFields().get(0))
                    .isEqualTo(new CustomFieldDefinition(
                            "01HSWE652DMW6REJ1FB1135F01", "Plan", "select", List.of("free", "pro")));
            Customer alice = s.customer("alice").orElseThrow();
            assertThat(alice)
                    .isEqualTo(new Customer(
                            "01HSWE652DMW6REJ1FB1135C01",
                            "alice",
                            "crm-1",
                            "Alice",
                            "alice@example.com",
                            null,
                            null,
                            null,
                            Set.of("vip", "newcomer"),
                            Map.of("Plan", "pro", "Seats", 3L)));
            assertThat(s.customer("bob")).isPresent();
            assertThat(sim.snapshot("TS-OTHER").customers()).isEmpty();

            TestHttp http = TestHttp.of(sim);
            TestHttp.Res r = http.get("/v1/customers/" + TS + "/customer/alice/get-customer");
            assertThat(r.json().get("tags")).isEqualTo(TestHttp.json("[\"vip\",\"newcomer\"]"));
            assertThat(new TestHttp(sim.baseUrl(), "other-secret")
                            .get("/v1/custom-fields/TS-OTHER/list-custom-fields")
                            .body())
                    .isEqualTo("[]");
        }
    }

    @Test
    void resetRestoresSeedDataAndClearsJournalAndCounters() throws Exception {
        try (ProtoSimulator sim = seeded()) {
            TestHttp http = TestHttp.of(sim);
            String bobId = sim.snapshot().customer("bob").orElseThrow().id();
            http.put("/v1/customers/" + TS + "/create-customer/carol", "{}");
            http.delete("/v1/custom-fields/" + TS + "/custom-field/01HSWE652DMW6REJ1FB1135F01/delete-custom-fields");
            assertThat(sim.snapshot().customers()).hasSize(3);
            assertThat(sim.snapshot().customer("alice").orElseThrow().customFields())
                    .containsOnlyKeys("Seats");
            assertThat(sim.counters().total()).isEqualTo(2);

            sim.reset();
            Snapshot s = sim.snapshot();
            assertThat(s.customers()).extracting(Customer::providedUniqueId).containsExactly("alice", "bob");
            assertThat(s.customer("bob").orElseThrow().id().substring(10))
                    .as("same seed, same random part of the generated id")
                    .isEqualTo(bobId.substring(10));
            assertThat(s.customer("alice").orElseThrow().customFields()).containsOnlyKeys("Plan", "Seats");
            assertThat(sim.journal()).isEmpty();
            assertThat(sim.counters().total()).isZero();
            assertThat(sim.counters().byStatus()).isEmpty();
            assertThat(sim.secret()).isEqualTo("seed-secret");
        }
    }

    @Test
    void journalRecordsExactlyWhatWasSent() throws Exception {
        try (ProtoSimulator sim = ProtoSimulator.builder().teamspace("T", "s").start()) {
            String body = "{\"name\":\"Zoë\"}";
            HttpRequest req = HttpRequest.newBuilder(
                            URI.create(sim.baseUrl() + "/v1/customers/T/create-customer/a%3Fb%20c?x=1&y=%20"))
                    .header("Authorization", "Bearer s")
                    .header("X-Trace", "one")
                    .header("X-Trace", "two")
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            HttpResponse<String> resp = TestHttp.CLIENT.send(req, HttpResponse.BodyHandlers.ofString());
            assertThat(resp.statusCode()).isEqualTo(200);
            TestHttp.of(sim).get("/v1/nowhere");

            List<RecordedRequest> j = sim.journal();
            assertThat(j).hasSize(2);
            RecordedRequest r = j.get(0);
            assertThat(r.sequence()).isEqualTo(1);
            assertThat(r.method()).isEqualTo("PUT");
            assertThat(r.path()).isEqualTo("/api/platform/v1/customers/T/create-customer/a%3Fb%20c");
            assertThat(r.query()).isEqualTo("x=1&y=%20");
            assertThat(r.segments()).containsExactly("v1", "customers", "T", "create-customer", "a?b c");
            assertThat(r.route()).isEqualTo("customer/create");
            assertThat(r.body()).isEqualTo(body);
            assertThat(r.header("authorization")).isEqualTo("Bearer s");
            assertThat(r.headers().get("X-Trace")).containsExactly("one", "two");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.responseBody()).isEqualTo(resp.body());
            assertThat(r.fault()).isNull();
            RecordedRequest r2 = j.get(1);
            assertThat(r2.sequence()).isEqualTo(2);
            assertThat(r2.route()).isNull();
            assertThat(r2.status()).isEqualTo(404);

            Counters c = sim.counters();
            assertThat(c.total()).isEqualTo(2);
            assertThat(c.byStatus()).isEqualTo(Map.of(200, 1L, 404, 1L));
            assertThat(c.byRoute()).isEqualTo(Map.of("customer/create", 1L, "(unmatched)", 1L));
            assertThat(c.byFault()).isEmpty();
        }
    }

    @Test
    void journalIsBounded() throws Exception {
        try (ProtoSimulator sim = ProtoSimulator.builder().journalCapacity(5).start()) {
            TestHttp http = TestHttp.of(sim);
            for (int i = 0; i < 8; i++) {
                http.get("/v1/custom-fields/" + sim.subcompanyId() + "/list-custom-fields");
            }
            assertThat(sim.journal()).extracting(RecordedRequest::sequence).containsExactly(4L, 5L, 6L, 7L, 8L);
            assertThat(sim.counters().total()).isEqualTo(8);
        }
    }

    @Test
    void generatedTeamspaceIsAUlidAndSeedMakesItReproducible() {
        String id;
        String secret;
        try (ProtoSimulator sim = ProtoSimulator.builder().seed(99L).start()) {
            id = sim.subcompanyId();
            secret = sim.secret();
            assertThat(id).matches("[0-9A-HJKMNP-TV-Z]{26}");
            assertThat(secret).startsWith("sim-").hasSize(36);
        }
        try (ProtoSimulator sim = ProtoSimulator.builder().seed(99L).start()) {
            assertThat(sim.subcompanyId().substring(10)).as("random part").isEqualTo(id.substring(10));
            assertThat(sim.secret()).isEqualTo(secret);
        }
    }

    @Test
    void badSeedDataFailsAtStart() {
        assertThatThrownBy(() -> ProtoSimulator.builder()
                        .seedDataJson("{\"teamspaces\":[{\"id\":\"T\",\"customers\":[{\"provided_unique_id\":\"a\","
                                + "\"custom_fields\":{\"Nope\":1}}]}]}")
                        .start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Nope");
        assertThatThrownBy(() -> ProtoSimulator.builder()
                        .seedDataJson(
                                "{\"teamspaces\":[{\"id\":\"T\",\"custom_fields\":[{\"name\":\"x\",\"type\":\"select\"}]}]}")
                        .start())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
