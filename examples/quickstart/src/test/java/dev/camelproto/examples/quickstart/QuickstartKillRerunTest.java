package dev.camelproto.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The import is rerun-safe across a {@code kill -9}: 10,000 generated rows against a standalone simulator PROCESS
 * with added latency; the importer (a child JVM) is killed with SIGKILL part-way, run again to the end, then a third
 * time. Everything is checked from the simulator's HTTP snapshot: every valid row's customer with its tags and plan,
 * exactly one ticket per complaint except the uncertain rows (at most the concurrency, all listed by the second
 * run), and no {@code ticket/create} at all in the third run.
 */
class QuickstartKillRerunTest {

    private static final int ROWS = 10_000;
    private static final int CONCURRENCY = 8;
    private static final String TEAMSPACE = "01KILLTEST0000000000000000";
    private static final String SECRET = "kill-test-secret";
    private static final Pattern UNCERTAIN = Pattern.compile("^  line (\\d+) \\((gen-\\d+)\\) pending since .*");
    private static final Pattern PROGRESS = Pattern.compile("^Progress: (\\d+)/10000 rows.*");

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopProcesses() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void killedPartWayThenRerunOpensEachTicketOnceAndAThirdRunSendsNoTicket() throws Exception {
        Path dir = Files.createDirectories(
                Path.of("target", "kill-test-" + System.nanoTime()).toAbsolutePath());
        Path csv = CustomerCsvGenerator.write(dir.resolve("customers.csv"), ROWS);
        Path journal = dir.resolve("journal");

        // the standalone simulator, with latency on every call
        Path simOut = dir.resolve("simulator.out");
        Process sim = ChildJvm.start(
                "dev.camelproto.simulator.ProtoSimulatorMain",
                List.of(
                        "--port",
                        "0",
                        "--teamspace",
                        TEAMSPACE,
                        "--secret",
                        SECRET,
                        "--latency",
                        "2-4",
                        "--journal-capacity",
                        "0"),
                Map.of(),
                simOut);
        processes.add(sim);
        String listening = ChildJvm.awaitLine(sim, simOut, l -> l.startsWith("Proto simulator listening on "), 60);
        String baseUrl =
                listening.substring("Proto simulator listening on ".length()).strip();
        String root = baseUrl.substring(0, baseUrl.indexOf("/api/platform"));
        Map<String, String> env =
                Map.of("PROTO_BASE_URL", baseUrl, "PROTO_SUBCOMPANY_ID", TEAMSPACE, "PROTO_TAKEOVER_SECRET", SECRET);
        List<String> args = List.of(
                "--file",
                csv.toString(),
                "--journal",
                journal.toString(),
                "--concurrency",
                String.valueOf(CONCURRENCY));

        // run 1: SIGKILL once about a third of the rows are done
        Path out1 = dir.resolve("run1.out");
        Process run1 = importer(args, env, out1);
        ChildJvm.awaitLine(
                run1,
                out1,
                l -> {
                    Matcher m = PROGRESS.matcher(l);
                    return m.matches() && Integer.parseInt(m.group(1)) >= 3_000;
                },
                150);
        run1.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush
        run1.waitFor();
        assertThat(Files.readString(out1)).doesNotContain("summary");
        JsonNode afterKill = ChildJvm.snapshot(root, TEAMSPACE, SECRET);
        int ticketsAfterKill = afterKill.get("tickets").size();
        int customersAfterKill = afterKill.get("customers").size();

        // run 2: to the end
        Path out2 = dir.resolve("run2.out");
        Process run2 = importer(args, env, out2);
        assertThat(ChildJvm.awaitExit(run2, out2, 240))
                .as(Files.readString(out2))
                .isZero();
        String summary2 = Files.readString(out2);
        Set<String> uncertain = new LinkedHashSet<>();
        for (String line : summary2.split("\n")) {
            Matcher m = UNCERTAIN.matcher(line);
            if (m.matches()) {
                uncertain.add(m.group(2));
            }
        }
        assertThat(summary2)
                .contains("Import journal: H2 file " + journal + ".mv.db")
                .contains("Tickets uncertain   : " + uncertain.size() + (uncertain.isEmpty() ? "\n" : " ("));
        assertThat(uncertain).hasSizeLessThanOrEqualTo(CONCURRENCY);

        JsonNode state = ChildJvm.snapshot(root, TEAMSPACE, SECRET);
        // every valid row's customer, with its tags and its plan
        Map<String, JsonNode> customers = new HashMap<>();
        state.get("customers")
                .forEach(c -> customers.put(c.get("provided_unique_id").asText(), c));
        Set<Integer> bad = new HashSet<>(CustomerCsvGenerator.badRows(ROWS));
        Map<String, String> complaints = new HashMap<>();
        for (int i = 1; i <= ROWS; i++) {
            if (bad.contains(i)) {
                continue;
            }
            List<String> row = CustomerCsvGenerator.row(i);
            JsonNode c = customers.get(row.get(0));
            assertThat(c).as(row.get(0)).isNotNull();
            assertThat(c.get("name").asText()).isEqualTo(row.get(1));
            List<String> tags = new ArrayList<>();
            c.get("tags").forEach(t -> tags.add(t.asText()));
            assertThat(tags)
                    .as(row.get(0))
                    .containsExactlyElementsOf(
                            row.get(6).isEmpty()
                                    ? List.of()
                                    : Arrays.asList(row.get(6).split(";")));
            assertThat(c.get("custom_fields").get("Plan").asText())
                    .as(row.get(0))
                    .isEqualTo(row.get(5));
            if (!row.get(7).isEmpty()) {
                complaints.put(row.get(0), row.get(7));
            }
        }
        assertThat(customers).hasSize(ROWS - bad.size());
        assertThat(complaints).hasSize(103);
        // exactly one ticket per complaint, except the uncertain ones (0 or 1: sent by run 1, answer unknown)
        Map<String, Integer> ticketsPerCustomer = new HashMap<>();
        state.get("tickets").forEach(t -> {
            String id = t.get("provided_unique_id").asText();
            assertThat(t.get("subject").asText()).isEqualTo(complaints.get(id));
            assertThat(t.get("customer_id").asText())
                    .isEqualTo(customers.get(id).get("id").asText());
            ticketsPerCustomer.merge(id, 1, Integer::sum);
        });
        for (String id : complaints.keySet()) {
            if (uncertain.contains(id)) {
                assertThat(ticketsPerCustomer.getOrDefault(id, 0)).as(id).isBetween(0, 1);
            } else {
                assertThat(ticketsPerCustomer.get(id)).as(id).isEqualTo(1);
            }
        }
        assertThat(complaints.keySet()).containsAll(uncertain);
        int ticketsAfterRun2 = state.get("tickets").size();
        Matcher skipped = Pattern.compile("Tickets skipped \\(created by an earlier run\\): (\\d+)")
                .matcher(summary2);
        assertThat(skipped.find()).isTrue();
        Matcher created = Pattern.compile("Tickets created     : (\\d+)").matcher(summary2);
        assertThat(created.find()).isTrue();
        assertThat(Integer.parseInt(created.group(1))).isEqualTo(ticketsAfterRun2 - ticketsAfterKill);
        assertThat(Integer.parseInt(skipped.group(1)) + uncertain.size() + Integer.parseInt(created.group(1)))
                .isEqualTo(103);

        // run 3: not one create-ticket request
        long ticketCallsBefore = state.get("simulator_requests")
                .get("by_route")
                .path("ticket/create")
                .asLong();
        Path out3 = dir.resolve("run3.out");
        Process run3 = importer(args, env, out3);
        assertThat(ChildJvm.awaitExit(run3, out3, 240))
                .as(Files.readString(out3))
                .isZero();
        JsonNode after3 = ChildJvm.snapshot(root, TEAMSPACE, SECRET);
        assertThat(after3.get("simulator_requests")
                        .get("by_route")
                        .path("ticket/create")
                        .asLong())
                .isEqualTo(ticketCallsBefore);
        assertThat(after3.get("tickets").size()).isEqualTo(ticketsAfterRun2);
        String summary3 = Files.readString(out3);
        assertThat(summary3)
                .contains("Tickets created     : 0\n")
                .contains("Tickets skipped (created by an earlier run): " + (103 - uncertain.size()) + "\n")
                .contains("Tickets uncertain   : " + uncertain.size());

        // the figures, for the record
        System.out.printf(
                "kill test: rows done before the kill >= 3000 (customers %d), tickets after the kill %d,"
                        + " uncertain %d %s, tickets after run 2 %d (created %s), after run 3 %d%n",
                customersAfterKill,
                ticketsAfterKill,
                uncertain.size(),
                uncertain,
                ticketsAfterRun2,
                created.group(1),
                after3.get("tickets").size());
    }

    private Process importer(List<String> args, Map<String, String> env, Path out) throws Exception {
        Process p = ChildJvm.start(
                QuickstartApplication.class.getName(),
                List.of(String.join("\u0000", args).split("\u0000")),
                env,
                out);
        processes.add(p);
        return p;
    }
}
