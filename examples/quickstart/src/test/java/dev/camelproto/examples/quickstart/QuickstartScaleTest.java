package dev.camelproto.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.camelproto.examples.quickstart.ImportReport.FailedRow;
import dev.camelproto.simulator.Customer;
import dev.camelproto.simulator.ProtoSimulator;
import dev.camelproto.simulator.ProtoSimulatorExtension;
import dev.camelproto.simulator.Snapshot;
import dev.camelproto.simulator.Ticket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The quickstart at a real size: a generated 2,000-row file, imported in parallel against the simulator, with the
 * progress line, the bad rows reported without stopping the run, and a second run that changes nothing but tickets.
 */
class QuickstartScaleTest {

    private static final int ROWS = 2_000;
    private static final int CONCURRENCY = 8;
    private static final Pattern PROGRESS =
            Pattern.compile("Progress: (\\d+)/2000 rows \\((\\d+)%\\), (\\d+) rows/s, (\\d+) failed, (\\d+) in flight");

    @RegisterExtension
    static ProtoSimulatorExtension proto = ProtoSimulatorExtension.create(b -> b.seed(11L));

    @Test
    void importsTwoThousandRowsInParallelWithProgressAndASecondRunChangesNothingButTickets() throws Exception {
        Path csv = CustomerCsvGenerator.write(Path.of("target", "test-customers-2000.csv"), ROWS);
        List<Integer> bad = CustomerCsvGenerator.badRows(ROWS);
        assertThat(bad).containsExactly(137, 500, 863, 1137, 1500, 1863);
        List<Integer> complaining = new ArrayList<>();
        for (int i = 97; i <= ROWS; i += 97) {
            complaining.add(i);
        }
        assertThat(complaining).hasSize(20).doesNotContainAnyElementsOf(bad);

        long start = System.nanoTime();
        ImportReport first = QuickstartApplication.run(properties(csv));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("QuickstartScaleTest: first run of " + ROWS + " rows took " + millis + " ms");
        ProtoSimulator sim = proto.simulator();
        Snapshot state = sim.snapshot();

        // customers: every good row, with the values of its CSV row
        List<Map<String, Object>> rows = new CustomerRows().readCsv(csv.toString());
        assertThat(rows).hasSize(ROWS);
        assertThat(state.customers()).hasSize(ROWS - bad.size());
        for (int i = 1; i <= ROWS; i++) {
            List<String> row = CustomerCsvGenerator.row(i);
            if (bad.contains(i)) {
                assertThat(state.customer(CustomerCsvGenerator.id(i)))
                        .as("bad row " + i)
                        .isEmpty();
                continue;
            }
            Customer c = state.customer(row.get(0)).orElseThrow();
            assertThat(c.name()).isEqualTo(row.get(1));
            assertThat(c.email()).isEqualTo(row.get(2));
            assertThat(c.phoneNumber()).isEqualTo(row.get(3));
            assertThat(c.location()).isEqualTo(row.get(4));
            assertThat(c.customFields()).as(row.get(0)).isEqualTo(Map.of("Plan", row.get(5)));
            List<String> tags =
                    row.get(6).isEmpty() ? List.of() : Arrays.asList(row.get(6).split(";"));
            assertThat(c.tags()).as(row.get(0)).containsExactlyElementsOf(new LinkedHashSet<>(tags));
        }
        // the name with a quote and a comma went through as one value
        assertThat(state.customer("gen-000250").orElseThrow().name()).isEqualTo("Kwame \"Sato\", Jr.");
        assertThat(state.tags()).containsExactlyInAnyOrderElementsOf(CustomerCsvGenerator.TAGS);
        assertThat(state.customFields())
                .singleElement()
                .satisfies(f -> assertThat(f.name()).isEqualTo("Plan"));
        // tickets: one per complaint, attached to the right customer
        assertThat(state.tickets())
                .extracting(Ticket::providedUniqueId)
                .containsExactlyInAnyOrderElementsOf(
                        complaining.stream().map(CustomerCsvGenerator::id).toList());
        for (Ticket t : state.tickets()) {
            assertThat(t.customerId())
                    .isEqualTo(
                            state.customer(t.providedUniqueId()).orElseThrow().id());
            assertThat(t.subject()).startsWith("Complaint #").endsWith(": the invoice, \"again\", is wrong");
        }

        // the report: the bad rows with line (row + 1) and reason, the run went on
        assertThat(first.exitCode()).isZero();
        assertThat(first.rowsDone()).isEqualTo(ROWS);
        assertThat(first.customers()).hasSize(ROWS - bad.size());
        assertThat(first.failedRows())
                .extracting(FailedRow::line, FailedRow::reason, FailedRow::expected)
                .containsExactlyElementsOf(bad.stream()
                        .map(i -> tuple((long) i + 1, CustomerCsvGenerator.badReason(i), true))
                        .toList());
        assertThat(first.tickets()).hasSize(20);
        // bounded parallelism: more than one row at a time, never more than the pool
        assertThat(first.maxInFlight()).isBetween(2, CONCURRENCY);
        assertThat(first.summary())
                .contains("Rows read           : 2000")
                .containsPattern("Rows processed      : 2000 in \\d+\\.\\d s \\(\\d+ rows/s, up to 8 in parallel\\)")
                .contains("Customers upserted  : 1994")
                .contains("Tickets created     : 20")
                .contains("  ... and 10 more")
                .contains("Rows failed         : 6 (bad input data: 6, unexpected: 0)")
                .contains("line 1501 (gen-001500): unknown plan 'platinum'")
                .contains("line 138: missing provided_unique_id");

        // progress: a line at every interval, never going back, the last one complete
        List<String> progress = first.progressLines();
        assertThat(progress).hasSizeGreaterThanOrEqualTo(2);
        int previousDone = -1;
        int previousFailed = -1;
        for (String line : progress) {
            Matcher m = PROGRESS.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            int done = Integer.parseInt(m.group(1));
            int failed = Integer.parseInt(m.group(4));
            assertThat(done).isGreaterThanOrEqualTo(previousDone);
            assertThat(failed).isGreaterThanOrEqualTo(previousFailed).isLessThanOrEqualTo(done);
            assertThat(Integer.parseInt(m.group(5))).isBetween(0, CONCURRENCY);
            previousDone = done;
            previousFailed = failed;
        }
        assertThat(progress.get(progress.size() - 1))
                .startsWith("Progress: 2000/2000 rows (100%), ")
                .endsWith(", 6 failed, 0 in flight");

        // second run: nothing changes; the journal skips the 20 tickets
        ImportReport second = QuickstartApplication.run(properties(csv));
        Snapshot again = sim.snapshot();
        assertThat(second.exitCode()).isZero();
        assertThat(second.summary()).contains("Plan custom field   : already existed");
        assertThat(again.customers()).isEqualTo(state.customers());
        assertThat(again.tags()).containsExactlyElementsOf(state.tags());
        assertThat(again.customFields()).isEqualTo(state.customFields());
        assertThat(again.tickets()).isEqualTo(state.tickets());
        assertThat(second.tickets()).isEmpty();
        assertThat(second.skippedTickets()).hasSize(20);
        assertThat(second.summary())
                .contains("Tickets created     : 0\n")
                .contains("Tickets skipped (created by an earlier run): 20\n")
                .contains("Tickets uncertain   : 0\n");
        assertThat(second.failedRows())
                .extracting(FailedRow::line)
                .containsExactlyElementsOf(bad.stream().map(i -> (long) i + 1).toList());
    }

    private static final String JOURNAL =
            Path.of("target", "journals", "scale-" + System.nanoTime()).toString();

    private static Map<String, String> properties(Path csv) {
        return Map.of(
                "quickstart.journal", JOURNAL,
                "camel.component.proto.base-url", proto.baseUrl(),
                "camel.component.proto.subcompany-id", proto.subcompanyId(),
                "camel.component.proto.takeover-secret", proto.simulator().secret(),
                "quickstart.csv-file", csv.toAbsolutePath().toString(),
                "quickstart.concurrency", String.valueOf(CONCURRENCY),
                "quickstart.progress-interval", "250");
    }
}
