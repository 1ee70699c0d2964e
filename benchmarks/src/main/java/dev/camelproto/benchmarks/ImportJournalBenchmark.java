package dev.camelproto.benchmarks;

import dev.camelproto.examples.quickstart.CustomerCsvGenerator;
import dev.camelproto.examples.quickstart.ImportReport;
import dev.camelproto.examples.quickstart.QuickstartApplication;
import dev.camelproto.simulator.Counters;
import dev.camelproto.simulator.Faults;
import dev.camelproto.simulator.ProtoSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The quickstart's import (the project's main job) where users feel its speed: N generated rows against the
 * simulator with added latency and a per-secret rate limit, once with the import journal (embedded H2) and once
 * without, each on a fresh simulator. Prints rows/s, the goodput (API requests accepted per second) against the
 * limit, the 429s and the failed rows, and writes them to {@code docs/performance-import.md}.
 *
 * <pre>
 * ./mvnw -B -ntp -q -pl benchmarks -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=$PWD/target/bench-cp.txt
 * java -cp "benchmarks/target/classes:$(cat target/bench-cp.txt)" dev.camelproto.benchmarks.ImportJournalBenchmark
 * </pre>
 * System properties: {@code bench.rows} (10000), {@code bench.latency} (75 ms), {@code bench.rateLimit} (50 per
 * second, 0 = none), {@code bench.concurrency} (8, the quickstart's default), {@code bench.warmup} (an unmeasured run
 * first; default: only without latency), {@code bench.docs} (where to write the markdown; empty = do not write).
 */
public final class ImportJournalBenchmark {

    record Result(
            String journal,
            int rows,
            double seconds,
            int rowsDone,
            long accepted,
            long rateLimited,
            long expectedFailures,
            long unexpectedFailures,
            int tickets) {

        double rowsPerSecond() {
            return rowsDone / seconds;
        }

        double goodput() {
            return accepted / seconds;
        }
    }

    private ImportJournalBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("bench.rows", 10_000);
        int latency = Integer.getInteger("bench.latency", 75);
        int limit = Integer.getInteger("bench.rateLimit", 50);
        int concurrency = Integer.getInteger("bench.concurrency", 8);
        String docs = System.getProperty("bench.docs", "docs");
        Path dir = Files.createTempDirectory("import-bench");
        Path csv = CustomerCsvGenerator.write(dir.resolve("customers.csv"), rows);

        // without latency the first run pays the JIT warm-up: then one unmeasured run first
        boolean warmup = Boolean.parseBoolean(System.getProperty("bench.warmup", String.valueOf(latency == 0)));
        List<Result> results = new ArrayList<>();
        List<String> modes = new ArrayList<>(List.of(dir.resolve("journal").toString(), "none"));
        if (warmup) {
            modes.add(0, dir.resolve("warmup-journal").toString());
        }
        for (int m = 0; m < modes.size(); m++) {
            String journal = modes.get(m);
            boolean measured = !(warmup && m == 0);
            Faults.Builder faults = Faults.builder().latency(latency);
            if (limit > 0) {
                faults.rateLimitPerSecond(limit);
            }
            try (ProtoSimulator sim = ProtoSimulator.builder()
                    .faults(faults.build())
                    .journalCapacity(0)
                    .start()) {
                Map<String, String> props = new LinkedHashMap<>();
                props.put("camel.component.proto.base-url", sim.baseUrl());
                props.put("camel.component.proto.subcompany-id", sim.subcompanyId());
                props.put("camel.component.proto.takeover-secret", sim.secret());
                props.put("quickstart.csv-file", csv.toString());
                props.put("quickstart.concurrency", String.valueOf(concurrency));
                props.put("quickstart.progress-interval", "30000");
                props.put("quickstart.journal", journal);
                long start = System.nanoTime();
                ImportReport report = QuickstartApplication.run(props);
                double seconds = (System.nanoTime() - start) / 1e9;
                Counters c = sim.counters();
                long expected = report.failedRows().stream()
                        .filter(ImportReport.FailedRow::expected)
                        .count();
                Result r = new Result(
                        journal.equals("none") ? "off" : "on (embedded H2)",
                        rows,
                        seconds,
                        report.rowsDone(),
                        c.total() - c.rateLimited(),
                        c.rateLimited(),
                        expected,
                        report.failedRows().size() - expected,
                        report.tickets().size());
                System.out.println((measured ? "" : "(warm-up) ") + line(r, limit));
                if (measured) {
                    results.add(r);
                }
            }
        }
        String md = markdown(results, rows, latency, limit, concurrency);
        System.out.println(md);
        if (!docs.isEmpty()) {
            Files.writeString(Path.of(docs, "performance-import.md"), md);
        }
        System.exit(0);
    }

    static String line(Result r, int limit) {
        return String.format(
                Locale.ROOT,
                "journal %-16s %6d rows in %7.1f s: %7.1f rows/s, goodput %6.1f req/s%s,"
                        + " 429s %d, failed %d bad data + %d unexpected, tickets %d",
                r.journal(),
                r.rowsDone(),
                r.seconds(),
                r.rowsPerSecond(),
                r.goodput(),
                limit > 0 ? String.format(Locale.ROOT, " (%.0f%% of the limit)", 100 * r.goodput() / limit) : "",
                r.rateLimited(),
                r.expectedFailures(),
                r.unexpectedFailures(),
                r.tickets());
    }

    static String markdown(List<Result> results, int rows, int latency, int limit, int concurrency) {
        StringBuilder md = new StringBuilder();
        md.append("# Performance of the main job: the quickstart import, journal on and off\n\n");
        md.append(
                "<!-- generated by benchmarks/ (dev.camelproto.benchmarks.ImportJournalBenchmark); do not edit by hand -->\n\n");
        md.append(String.format(
                Locale.ROOT,
                "%s, Java %s, %d CPUs. %,d generated rows (`CustomerCsvGenerator`: 30 bad"
                        + " on purpose per 10,000, a complaint every 97th row) imported by `QuickstartApplication.run`"
                        + " at concurrency %d against the in-process simulator with `--latency %d`%s; each mode on a"
                        + " fresh simulator.\n\n",
                LocalDate.now(),
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                rows,
                concurrency,
                latency,
                limit > 0 ? " and `--rate-limit " + limit + "` (per secret, then 429 + Retry-After)" : ""));
        md.append("| Journal | Rows | Time | Rows/s | Goodput (accepted req/s)")
                .append(limit > 0 ? " | % of the limit" : "")
                .append(" | 429s | Failed rows (bad data + unexpected) | Tickets |\n");
        md.append("|---|---|---|---|---").append(limit > 0 ? "|---" : "").append("|---|---|---|\n");
        for (Result r : results) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %.1f s | %.1f | %.1f",
                    r.journal(),
                    r.rowsDone(),
                    r.seconds(),
                    r.rowsPerSecond(),
                    r.goodput()));
            if (limit > 0) {
                md.append(String.format(Locale.ROOT, " | %.0f%%", 100 * r.goodput() / limit));
            }
            md.append(String.format(
                    Locale.ROOT,
                    " | %d | %d + %d | %d |\n",
                    r.rateLimited(),
                    r.expectedFailures(),
                    r.unexpectedFailures(),
                    r.tickets()));
        }
        if (results.size() == 2) {
            Result on = results.get(0);
            Result off = results.get(1);
            md.append(String.format(
                    Locale.ROOT,
                    "\nDifference, journal on − off: %+.2f ms per row of wall time (%+.1f%%)."
                            + " Only rows with a complaint touch the journal (%d here: an insert as pending, an update"
                            + " as done), so under a rate limit this is mostly run-to-run variance of the 429 back-off,"
                            + " not the journal; its own cost shows in a run without latency and limit"
                            + " (`-Dbench.latency=0 -Dbench.rateLimit=0`).\n",
                    (on.seconds() - off.seconds()) * 1000 / on.rowsDone(),
                    100 * (on.seconds() - off.seconds()) / off.seconds(),
                    on.tickets()));
        }
        return md.toString();
    }
}
