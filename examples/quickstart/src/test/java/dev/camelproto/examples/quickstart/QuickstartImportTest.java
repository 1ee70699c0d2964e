package dev.camelproto.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.camelproto.examples.quickstart.ImportReport.FailedRow;
import dev.camelproto.simulator.CustomFieldDefinition;
import dev.camelproto.simulator.Customer;
import dev.camelproto.simulator.ProtoSimulator;
import dev.camelproto.simulator.ProtoSimulatorExtension;
import dev.camelproto.simulator.Snapshot;
import dev.camelproto.simulator.Ticket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the real application (Camel Main + the YAML routes) against the simulator and checks the Proto state. */
class QuickstartImportTest {

    private static final String CSV =
            Path.of("data/customers.csv").toAbsolutePath().toString();
    private static final List<String> BAD_IDS = List.of("", "cust-1015", "cust-1023");
    private static final List<String> COMPLAINING =
            List.of("cust-1003", "cust-1007", "cust-1013", "cust-1018", "cust-1026");

    @RegisterExtension
    static ProtoSimulatorExtension proto = ProtoSimulatorExtension.create(b -> b.seed(7L));

    @Test
    void importsTheCsvAndASecondRunDuplicatesNothing() throws Exception {
        ProtoSimulator sim = proto.simulator();

        ImportReport first = QuickstartApplication.run(properties(sim.secret()));

        Snapshot state = sim.snapshot();
        // customers: every valid row, none of the bad ones
        List<Map<String, Object>> rows = new CustomerRows().readCsv(CSV);
        assertThat(rows).hasSize(30);
        Map<String, Object> plans = rows.stream()
                .filter(r -> !BAD_IDS.contains(r.get("provided_unique_id")))
                .collect(Collectors.toMap(r -> (String) r.get("provided_unique_id"), r -> r.get("plan")));
        assertThat(state.customers()).hasSize(27);
        assertThat(state.customers())
                .extracting(Customer::providedUniqueId)
                .containsExactlyInAnyOrderElementsOf(plans.keySet())
                .doesNotContain("cust-1015", "cust-1023", "");
        // every valid customer has its Plan, and only the Plan
        for (Customer c : state.customers()) {
            assertThat(c.customFields())
                    .as(c.providedUniqueId())
                    .isEqualTo(Map.of("Plan", plans.get(c.providedUniqueId())));
        }
        // a few customers in full
        Customer priya = state.customer("cust-1005").orElseThrow();
        assertThat(priya.name()).isEqualTo("Priya Sharma");
        assertThat(priya.email()).isEqualTo("priya.sharma@example.in");
        assertThat(priya.phoneNumber()).isEqualTo("+919812345678");
        assertThat(priya.location()).isEqualTo("Bengaluru, India");
        assertThat(priya.tags()).containsExactly("vip", "b2b", "onboarding");
        assertThat(priya.customFields()).containsExactly(Map.entry("Plan", "enterprise"));
        Customer sofia = state.customer("cust-1003").orElseThrow();
        assertThat(sofia.tags()).isEmpty();
        assertThat(sofia.customFields()).containsExactly(Map.entry("Plan", "free"));
        assertThat(state.customer("cust-1012").orElseThrow().name()).isEqualTo("Liam O'Connor");
        assertThat(state.customer("cust-1021").orElseThrow().name()).isEqualTo("Tomás Fernández");
        assertThat(state.tags()).containsExactlyInAnyOrder("vip", "b2b", "newsletter", "beta", "onboarding", "student");
        // the Plan field: one, a select with the three options
        assertThat(state.customFields()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("Plan");
            assertThat(f.type()).isEqualTo("select");
            assertThat(f.selectOptions()).containsExactly("free", "pro", "enterprise");
        });
        // tickets: one per complaint, for the right customer, with the complaint as subject (rows run in parallel,
        // so the creation order is not the file order)
        assertThat(state.tickets())
                .extracting(Ticket::providedUniqueId)
                .containsExactlyInAnyOrderElementsOf(COMPLAINING);
        assertThat(state.tickets())
                .extracting(Ticket::subject)
                .contains("The mobile app logs me out every few minutes", "Need SSO, the SAML login fails");
        for (Ticket t : state.tickets()) {
            assertThat(t.customerId())
                    .isEqualTo(
                            state.customer(t.providedUniqueId()).orElseThrow().id());
        }

        // the report
        assertThat(first.exitCode()).isZero();
        assertThat(first.aborted()).isNull();
        assertThat(first.customers()).hasSize(27);
        assertThat(first.tagsApplied()).isEqualTo(32);
        assertThat(first.fieldsSet()).isEqualTo(27);
        assertThat(first.tickets())
                .extracting(ImportReport.CreatedTicket::id)
                .containsExactlyInAnyOrderElementsOf(
                        state.tickets().stream().map(Ticket::id).toList());
        // the report lists them in file order
        assertThat(first.tickets())
                .extracting(ImportReport.CreatedTicket::providedUniqueId)
                .containsExactlyElementsOf(COMPLAINING);
        assertThat(first.rowsDone()).isEqualTo(30);
        assertThat(first.maxInFlight()).isBetween(1, 8);
        assertThat(first.progressLines())
                .last()
                .asString()
                .startsWith("Progress: 30/30 rows (100%), ")
                .endsWith(" rows/s, 3 failed, 0 in flight");
        assertThat(first.failedRows())
                .extracting(FailedRow::line, FailedRow::providedUniqueId, FailedRow::reason, FailedRow::expected)
                .containsExactly(
                        tuple(11L, null, "missing provided_unique_id", true),
                        tuple(16L, "cust-1015", "unknown plan 'platinum' (Plan options: free, pro, enterprise)", true),
                        tuple(24L, "cust-1023", "missing plan", true));
        assertThat(first.summary())
                .contains("Plan custom field   : created (id "
                        + state.customField("Plan").orElseThrow().id() + ")")
                .contains("Customers upserted  : 27")
                .contains("line 16 (cust-1015): unknown plan 'platinum'")
                .contains("Exit code           : 0");

        // second run: same customers (upsert), same single Plan field, and the journal skips the 5 tickets
        Map<String, String> idsBefore = ids(state);
        ImportReport second = QuickstartApplication.run(properties(sim.secret()));
        Snapshot again = sim.snapshot();
        assertThat(second.exitCode()).isZero();
        assertThat(second.summary())
                .contains("Plan custom field   : already existed (id "
                        + state.customField("Plan").orElseThrow().id() + ")");
        assertThat(again.customers()).hasSize(27);
        assertThat(ids(again)).isEqualTo(idsBefore);
        assertThat(again.customFields()).extracting(CustomFieldDefinition::name).containsExactly("Plan");
        assertThat(again.customer("cust-1005").orElseThrow().tags()).containsExactly("vip", "b2b", "onboarding");
        assertThat(again.tags()).hasSize(6);
        assertThat(again.tickets()).isEqualTo(state.tickets());
        assertThat(second.tickets()).isEmpty();
        assertThat(second.skippedTickets())
                .extracting(ImportReport.SkippedTicket::providedUniqueId, ImportReport.SkippedTicket::ticketId)
                .containsExactlyElementsOf(first.tickets().stream()
                        .map(t -> tuple(t.providedUniqueId(), t.id()))
                        .toList());
        assertThat(second.summary())
                .contains("Tickets created     : 0\n")
                .contains("Tickets skipped (created by an earlier run): 5\n");
        assertThat(second.failedRows()).extracting(FailedRow::line).containsExactly(11L, 16L, 24L);

        // without the journal every complaint becomes a ticket again
        Map<String, String> noJournal = new HashMap<>(properties(sim.secret()));
        noJournal.put("quickstart.journal", "none");
        ImportReport third = QuickstartApplication.run(noJournal);
        assertThat(third.summary()).contains("Journal             : none").doesNotContain("Tickets skipped");
        assertThat(third.tickets()).hasSize(5);
        assertThat(sim.snapshot().tickets()).hasSize(10);
    }

    @Test
    void aWrongSecretAbortsTheImportWithExitCode1() throws Exception {
        ImportReport report = QuickstartApplication.run(properties("not-the-secret"));

        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.aborted()).contains("customField/list").contains("401");
        assertThat(report.summary()).contains("IMPORT ABORTED").doesNotContain("not-the-secret");
        assertThat(proto.simulator().snapshot().customers()).isEmpty();
        assertThat(proto.simulator().snapshot().customFields()).isEmpty();
    }

    @Test
    void aServerErrorOnARowIsUnexpected() throws Exception {
        // the Plan field exists (with the options the API reports), so the first call creates nothing
        try (ProtoSimulator flaky = ProtoSimulator.builder()
                .seed(3L)
                .faults(dev.camelproto.simulator.Faults.builder()
                        .statusRate(500, 0.05)
                        .build())
                .start()) {
            Map<String, String> props = new HashMap<>(Map.of(
                    "camel.component.proto.base-url", flaky.baseUrl(),
                    "camel.component.proto.subcompany-id", flaky.subcompanyId(),
                    "camel.component.proto.takeover-secret", flaky.secret(),
                    "quickstart.csv-file", CSV,
                    "quickstart.journal", "none"));
            ImportReport report = QuickstartApplication.run(props);

            assertThat(report.exitCode()).isEqualTo(1);
            Set<Boolean> kinds =
                    report.failedRows().stream().map(FailedRow::expected).collect(Collectors.toSet());
            assertThat(report.aborted() != null || kinds.contains(false)).isTrue();
            assertThat(report.failedRows())
                    .filteredOn(f -> !f.expected())
                    .allSatisfy(f -> assertThat(f.reason()).contains("HTTP 500"));
        }
    }

    private static final String JOURNAL =
            Path.of("target", "journals", "import-" + System.nanoTime()).toString();

    private static Map<String, String> properties(String secret) {
        return Map.of(
                "quickstart.journal", JOURNAL,
                "camel.component.proto.base-url", proto.baseUrl(),
                "camel.component.proto.subcompany-id", proto.subcompanyId(),
                "camel.component.proto.takeover-secret", secret,
                "quickstart.csv-file", CSV);
    }

    private static Map<String, String> ids(Snapshot s) {
        return s.customers().stream().collect(Collectors.toMap(Customer::providedUniqueId, Customer::id));
    }
}
