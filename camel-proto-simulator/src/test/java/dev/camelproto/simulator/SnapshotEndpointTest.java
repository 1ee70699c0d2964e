package dev.camelproto.simulator;

import static dev.camelproto.simulator.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /_simulator/teamspaces/{id}/snapshot}: the state over HTTP, for black-box tests. */
class SnapshotEndpointTest {

    static ProtoSimulator sim;
    static TestHttp apiA;

    @BeforeAll
    static void start() throws Exception {
        sim = ProtoSimulator.builder()
                .teamspace("TS-A", "secret-a")
                .teamspace("TS-B", "secret-b")
                .faults(Faults.builder().rateLimitPerSecond(1_000).build())
                .start();
        apiA = new TestHttp(sim.baseUrl(), "secret-a");
        assertThat(apiA.post(
                                "/v1/custom-fields/TS-A/create-custom-field",
                                "{\"name\":\"Plan\",\"type\":\"select\",\"select_options\":[\"free\",\"pro\"]}")
                        .status())
                .isEqualTo(200);
        assertThat(apiA.put("/v1/customers/TS-A/create-customer/alice", "{\"name\":\"Alice\",\"email\":\"a@x.io\"}")
                        .status())
                .isEqualTo(200);
        assertThat(apiA.put(
                                "/v1/customers/TS-A/customer/alice/add-tags",
                                "{\"tags\":[\"vip\",\"beta\"],\"create_if_not_exists\":true}")
                        .status())
                .isEqualTo(200);
        assertThat(apiA.put(
                                "/v1/customers/TS-A/customer/alice/add-custom-fields",
                                "{\"custom_fields\":[{\"name\":\"Plan\",\"value\":\"pro\"}]}")
                        .status())
                .isEqualTo(200);
        assertThat(apiA.post(
                                "/v1/conversations/TS-A/create-ticket",
                                "{\"provided_unique_id\":\"alice\",\"subject\":\"Login fails\"}")
                        .status())
                .isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static TestHttp root(String secret) {
        return new TestHttp("http://127.0.0.1:" + sim.port(), secret);
    }

    @Test
    void servesTheTeamspaceStateBesideTheApiPrefix() throws Exception {
        long before = sim.counters().total();
        int journalBefore = sim.journal().size();

        TestHttp.Res r = root("secret-a").get("/_simulator/teamspaces/TS-A/snapshot");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode s = r.json();
        // the simulator's request counters (all teamspaces), as counters() has them
        Counters c = sim.counters();
        assertThat(s.get("simulator_requests").get("total").asLong()).isEqualTo(c.total());
        assertThat(s.get("simulator_requests")
                        .get("by_route")
                        .get("ticket/create")
                        .asLong())
                .isEqualTo(c.route("ticket/create"))
                .isEqualTo(1);
        assertThat(s.get("simulator_requests").get("by_route").size())
                .isEqualTo(c.byRoute().size());
        ((ObjectNode) s).remove("simulator_requests");
        Snapshot expected = sim.snapshot("TS-A");
        Customer alice = expected.customer("alice").orElseThrow();
        Ticket ticket = expected.tickets().get(0);
        assertThat(s)
                .isEqualTo(json("{\"subcompany_id\":\"TS-A\","
                        + "\"customers\":[{\"id\":\"" + alice.id() + "\",\"provided_unique_id\":\"alice\","
                        + "\"external_customer_id\":null,\"name\":\"Alice\",\"email\":\"a@x.io\",\"phone_number\":null,"
                        + "\"location\":null,\"avatar\":null,\"tags\":[\"vip\",\"beta\"],\"custom_fields\":{\"Plan\":\"pro\"}}],"
                        + "\"custom_fields\":[{\"id\":\""
                        + expected.customFields().get(0).id() + "\",\"name\":\"Plan\","
                        + "\"type\":\"select\",\"select_options\":[\"free\",\"pro\"]}],"
                        + "\"tags\":[\"vip\",\"beta\"],"
                        + "\"tickets\":[{\"id\":\"" + ticket.id() + "\",\"subject\":\"Login fails\",\"customer_id\":\""
                        + alice.id() + "\",\"provided_unique_id\":\"alice\",\"external_customer_id\":null,"
                        + "\"gateway_profile_id\":null}]}"));
        // inspecting is not an API request: not counted, not journaled
        assertThat(sim.counters().total()).isEqualTo(before);
        assertThat(sim.journal()).hasSize(journalBefore);
        // the other teamspace is empty and separate
        JsonNode b =
                root("secret-b").get("/_simulator/teamspaces/TS-B/snapshot").json();
        assertThat(b.get("customers")).isEmpty();
        assertThat(b.get("tickets")).isEmpty();
    }

    @Test
    void answersOnlyToTheTeamspacesOwnSecret() throws Exception {
        for (TestHttp.Res r : new TestHttp.Res[] {
            root(null).get("/_simulator/teamspaces/TS-A/snapshot"),
            root("wrong").get("/_simulator/teamspaces/TS-A/snapshot"),
            root("").get("/_simulator/teamspaces/TS-A/snapshot"),
            root("secret-a").get("/_simulator/teamspaces/NO-SUCH/snapshot")
        }) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
            assertThat(r.body()).doesNotContain("alice").doesNotContain("secret-");
        }
        TestHttp.Res other = root("secret-b").get("/_simulator/teamspaces/TS-A/snapshot");
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.body()).doesNotContain("alice").doesNotContain("secret-");
    }

    @Test
    void onlyGetOnTheExactPathAndNeverUnderTheApiPrefix() throws Exception {
        assertThat(root("secret-a")
                        .post("/_simulator/teamspaces/TS-A/snapshot", "{}")
                        .status())
                .isEqualTo(405);
        assertThat(root("secret-a")
                        .delete("/_simulator/teamspaces/TS-A/snapshot")
                        .status())
                .isEqualTo(405);
        assertThat(root("secret-a").get("/_simulator/teamspaces/TS-A").status()).isEqualTo(404);
        assertThat(root("secret-a")
                        .get("/_simulator/teamspaces/TS-A/snapshot/x")
                        .status())
                .isEqualTo(404);
        // under the API prefix it is an unknown API route (and counted as one)
        TestHttp.Res under = apiA.get("/_simulator/teamspaces/TS-A/snapshot");
        assertThat(under.status()).isEqualTo(404);
        assertThat(under.json()).isEqualTo(json("{\"detail\":\"Not Found\"}"));
    }

    @Test
    void notSubjectToFaults() throws Exception {
        sim.faults(Faults.builder().statusRate(503, 1.0).build());
        try {
            assertThat(apiA.get("/v1/custom-fields/TS-A/list-custom-fields").status())
                    .isEqualTo(503);
            assertThat(root("secret-a")
                            .get("/_simulator/teamspaces/TS-A/snapshot")
                            .status())
                    .isEqualTo(200);
        } finally {
            sim.faults(Faults.builder().rateLimitPerSecond(1_000).build());
        }
    }
}
