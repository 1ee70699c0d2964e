package dev.camelproto.benchmarks;

import dev.camelproto.component.proto.ProtoComponent;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.simulator.Faults;
import dev.camelproto.simulator.ProtoSimulator;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The rate-limit scenarios of issue 15, beside scenario 3 of {@link BenchmarkMain}:
 * <ul>
 * <li><b>burst</b>: a quiet route; the server answers every request {@code 429 Retry-After: 1} for one second, then is
 * healthy; 200 {@code customer/get} started during that second (one every 5 ms). Target: all answered, 0 failed, wall
 * (first call to last answer) under 3 s.</li>
 * <li><b>replicas</b>: N = 1, 2, 4, 8 CamelContexts, each its own proto component (so its own gate), sharing one
 * teamspace limited to 50 req/s (the simulator's {@code --rate-limit}, one-second sliding window per secret), 250
 * calls each at concurrency 16, replica i started i × 1 s after the first. Target: 2xx / (last answer − first call)
 * ≥ 90% of the limit, 0 failed.</li>
 * <li><b>steady</b>: one context, 1000 calls at concurrency 64 against 50 req/s (scenario 3 of A). Target ≥ 95%.</li>
 * </ul>
 * Each result is a line of {@code <out>/rate-limits-<label>.tsv}; with {@code --report before.tsv after.tsv} it writes
 * the section of docs/performance.md (between its rate-limits markers) and docs/performance-rate-limits.png.
 * <p>
 * Run: {@code java -cp <benchmarks classpath> dev.camelproto.benchmarks.RateLimitBench <label> <out dir> [rounds]}
 * (see docs/performance.md, "Rate limits at scale").
 */
public final class RateLimitBench {

    static final int LIMIT = 50;
    static final String START = "<!-- rate-limits:start -->";
    static final String END = "<!-- rate-limits:end -->";

    /** One measured run. */
    record Row(
            String label,
            String scenario,
            int replicas,
            int round,
            long wallMs,
            long ok,
            long failed,
            long got429,
            double percentOfLimit,
            double load) {

        String tsv() {
            return String.join(
                    "\t",
                    label,
                    scenario,
                    String.valueOf(replicas),
                    String.valueOf(round),
                    String.valueOf(wallMs),
                    String.valueOf(ok),
                    String.valueOf(failed),
                    String.valueOf(got429),
                    String.format(java.util.Locale.ROOT, "%.1f", percentOfLimit),
                    String.format(java.util.Locale.ROOT, "%.2f", load));
        }

        static Row parse(String line) {
            String[] f = line.split("\t");
            return new Row(
                    f[0],
                    f[1],
                    Integer.parseInt(f[2]),
                    Integer.parseInt(f[3]),
                    Long.parseLong(f[4]),
                    Long.parseLong(f[5]),
                    Long.parseLong(f[6]),
                    Long.parseLong(f[7]),
                    Double.parseDouble(f[8]),
                    Double.parseDouble(f[9]));
        }
    }

    private RateLimitBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--report")) {
            report(Path.of(args[1]), Path.of(args[2]), Path.of(args.length > 3 ? args[3] : "docs"));
            System.exit(0);
        }
        String label = args.length > 0 ? args[0] : "after";
        Path out = Path.of(args.length > 1 ? args[1] : "benchmarks/target");
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        String only = System.getProperty("bench.rl.only", "burst,replicas,steady");
        int[] replicas = java.util.Arrays.stream(
                        System.getProperty("bench.rl.replicas", "1,2,4,8").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim()))
                .toArray();
        Files.createDirectories(out);
        Path tsv = out.resolve("rate-limits-" + label + ".tsv");
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            if (only.contains("burst")) {
                rows.add(burst(label, r));
            }
            if (only.contains("replicas")) {
                for (int n : replicas) {
                    rows.add(replicas(label, r, n, 250, 16, 1_000));
                }
            }
            if (only.contains("steady")) {
                rows.add(steady(label, r));
            }
            Files.write(tsv, rows.stream().map(Row::tsv).toList());
        }
        log("wrote " + tsv);
        System.exit(0);
    }

    static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static void log(String line) {
        System.out.println("[rate-limits] " + line);
    }

    /** One replica: a CamelContext with its own proto component against the simulator. */
    static final class Replica implements AutoCloseable {
        final CamelContext camel = new DefaultCamelContext();
        final AsyncProducer producer;
        final Endpoint endpoint;

        Replica(ProtoSimulator sim, String uri) throws Exception {
            camel.getShutdownStrategy().setTimeout(5);
            ProtoComponent proto = new ProtoComponent();
            proto.getConfiguration().setSubcompanyId(sim.subcompanyId());
            proto.getConfiguration().setTakeoverSecret(sim.secret());
            proto.getConfiguration().setBaseUrl(sim.baseUrl());
            camel.addComponent("proto", proto);
            camel.start();
            endpoint = camel.getEndpoint(uri);
            producer = endpoint.createAsyncProducer();
            producer.start();
        }

        void call(java.util.function.Consumer<Harness.Outcome> done) {
            Exchange e = endpoint.createExchange();
            e.getMessage().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, Harness.CUSTOMER);
            producer.process(e, sync -> done.accept(Harness.outcome(e)));
        }

        @Override
        public void close() throws Exception {
            camel.close();
        }
    }

    static ProtoSimulator simulator(Faults faults) throws Exception {
        ProtoSimulator sim = ProtoSimulator.builder()
                .seed(42L)
                .journalCapacity(0)
                .faults(Faults.none())
                .start();
        try (Replica setup = new Replica(sim, "proto:customer/create")) {
            CountDownLatch created = new CountDownLatch(1);
            Exchange e = setup.endpoint.createExchange();
            e.getMessage().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, Harness.CUSTOMER);
            e.getMessage().setBody(Map.of("name", "Bench Customer", "email", "bench@example.com"));
            setup.producer.process(e, sync -> created.countDown());
            created.await(10, TimeUnit.SECONDS);
        }
        sim.faults(faults);
        return sim;
    }

    // ---------------------------------------------------------------- burst

    static Row burst(String label, int round) throws Exception {
        int calls = 200;
        double load = load();
        Faults busy = Faults.builder().statusRate(429, 1.0).retryAfterSeconds(1).build();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (ProtoSimulator sim = simulator(Faults.none());
                Replica replica = new Replica(sim, "proto:customer/get")) {
            // a quiet route: a few calls, then nothing for a while
            Harness.runAsync("warm-up", 1, 5, (i, done) -> replica.call(done));
            Thread.sleep(1_500);
            long before429 = sim.counters().status(429);
            RunResult.Builder rb = new RunResult.Builder("burst", calls, calls);
            CountDownLatch all = new CountDownLatch(calls);
            AtomicLong lastDone = new AtomicLong();
            sim.faults(busy);
            long t0 = System.nanoTime();
            timer.schedule(() -> sim.faults(Faults.none()), 1_000, TimeUnit.MILLISECONDS);
            for (int i = 0; i < calls; i++) {
                long due = t0 + TimeUnit.MILLISECONDS.toNanos(5L * i);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                replica.call(o -> {
                    rb.record(o);
                    lastDone.accumulateAndGet(System.nanoTime(), Math::max);
                    all.countDown();
                });
            }
            if (!all.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("burst: calls did not complete in 2 minutes");
            }
            RunResult res = rb.build(lastDone.get() - t0);
            long got429 = sim.counters().status(429) - before429;
            Row row = new Row(
                    label, "burst", 1, round, Math.round(res.wallMillis()), res.ok(), res.failed(), got429, 0, load);
            log(String.format(
                    "burst round %d: wall=%d ms ok=%d failed=%d 429s=%d load=%.2f %s",
                    round, row.wallMs(), row.ok(), row.failed(), got429, load, res.failures()));
            return row;
        } finally {
            timer.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- replicas

    static Row replicas(String label, int round, int n, int callsEach, int concurrency, long staggerMs)
            throws Exception {
        double load = load();
        Faults limited =
                Faults.builder().rateLimitPerSecond(LIMIT).retryAfterSeconds(1).build();
        try (ProtoSimulator sim = simulator(limited)) {
            List<Replica> replicas = new ArrayList<>();
            try {
                for (int i = 0; i < n; i++) {
                    replicas.add(new Replica(sim, "proto:customer/get"));
                }
                Thread.sleep(1_100); // the window empty
                long before429 = sim.counters().status(429);
                LongAdder ok = new LongAdder();
                LongAdder failed = new LongAdder();
                Map<String, Long> failures = new java.util.concurrent.ConcurrentHashMap<>();
                AtomicLong lastDone = new AtomicLong();
                CountDownLatch all = new CountDownLatch(n * callsEach);
                long t0 = System.nanoTime();
                List<Thread> drivers = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    Replica rep = replicas.get(i);
                    long startAt = t0 + TimeUnit.MILLISECONDS.toNanos(staggerMs * i);
                    Thread t = new Thread(
                            () -> {
                                try {
                                    long wait = startAt - System.nanoTime();
                                    if (wait > 0) {
                                        TimeUnit.NANOSECONDS.sleep(wait);
                                    }
                                    Semaphore window = new Semaphore(concurrency);
                                    for (int c = 0; c < callsEach; c++) {
                                        window.acquire();
                                        rep.call(o -> {
                                            if (o.ok()) {
                                                ok.increment();
                                            } else {
                                                failed.increment();
                                                failures.merge(o.failure(), 1L, Long::sum);
                                            }
                                            lastDone.accumulateAndGet(System.nanoTime(), Math::max);
                                            window.release();
                                            all.countDown();
                                        });
                                    }
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            },
                            "bench-replica-" + i);
                    t.start();
                    drivers.add(t);
                }
                if (!all.await(5, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("replicas: calls did not complete in 5 minutes");
                }
                for (Thread t : drivers) {
                    t.join();
                }
                long wallNanos = lastDone.get() - t0;
                double pct = 100.0 * ok.sum() / (wallNanos / 1e9) / LIMIT;
                long got429 = sim.counters().status(429) - before429;
                Row row = new Row(
                        label, "replicas", n, round, wallNanos / 1_000_000, ok.sum(), failed.sum(), got429, pct, load);
                log(String.format(
                        "replicas n=%d round %d: wall=%d ms ok=%d failed=%d 429s=%d goodput=%.1f/s (%.0f%%"
                                + " of %d/s) load=%.2f %s",
                        n,
                        round,
                        row.wallMs(),
                        row.ok(),
                        row.failed(),
                        got429,
                        ok.sum() / (wallNanos / 1e9),
                        pct,
                        LIMIT,
                        load,
                        failures));
                return row;
            } finally {
                for (Replica r : replicas) {
                    r.close();
                }
            }
        }
    }

    // ---------------------------------------------------------------- steady

    static Row steady(String label, int round) throws Exception {
        double load = load();
        Faults limited =
                Faults.builder().rateLimitPerSecond(LIMIT).retryAfterSeconds(1).build();
        try (ProtoSimulator sim = simulator(limited);
                Replica rep = new Replica(sim, "proto:customer/get")) {
            Thread.sleep(1_100);
            long before429 = sim.counters().status(429);
            RunResult res = Harness.runAsync("steady", 64, 1_000, (i, done) -> rep.call(done));
            long got429 = sim.counters().status(429) - before429;
            double pct = 100.0 * res.goodput() / LIMIT;
            Row row = new Row(
                    label, "steady", 1, round, Math.round(res.wallMillis()), res.ok(), res.failed(), got429, pct, load);
            log(String.format(
                    "steady round %d: wall=%d ms ok=%d failed=%d 429s=%d goodput=%.1f/s (%.0f%%) load=%.2f",
                    round, row.wallMs(), row.ok(), row.failed(), got429, res.goodput(), pct, load));
            return row;
        }
    }

    // ---------------------------------------------------------------- report

    static void report(Path beforeTsv, Path afterTsv, Path docs) throws IOException {
        List<Row> before = Files.exists(beforeTsv)
                ? Files.readAllLines(beforeTsv).stream()
                        .filter(l -> !l.isBlank())
                        .map(Row::parse)
                        .toList()
                : List.of();
        List<Row> after = Files.readAllLines(afterTsv).stream()
                .filter(l -> !l.isBlank())
                .map(Row::parse)
                .toList();
        StringBuilder md = new StringBuilder(START).append('\n');
        md.append("## Rate limits at scale: a burst, and N replicas sharing one limit\n\n");
        md.append("Run by `RateLimitBench` (" + Instant.now().truncatedTo(ChronoUnit.MINUTES) + "; command below):"
                + " \"before\" is the gate of main before issue 15 (learn the limit from the successes of the period"
                + " before the 429, then double and probe by a quarter per period), \"after\" the gate of this"
                + " build (a busy route starts at what the server took in the second before the 429, a quiet one"
                + " probes fast from 16 calls doubling every eighth of a period; then paced: its batch per period"
                + " spread over the period, a sixteenth at a time, so replicas interleave; a 429 to a paced request"
                + " does not pause the gate but shrinks its batch to what the server accepted from it in the last"
                + " period, at most once per period and never below half; each release that used its permits with"
                + " no 429 since grows it by a sixteenth; a 429 to a request the gate released is not charged to the"
                + " exchange). Each row is one run; load = the machine's 1-minute load average at its start (2 cores,"
                + " shared with other builds).\n\n");
        md.append("**Burst**: a quiet route, then the server answers every request `429 Retry-After: 1` for one"
                + " second, then is healthy; 200 `customer/get` started in that second (one every 5 ms). Wall ="
                + " first call to last answer. Target: < 3 s, 0 failed.\n\n");
        md.append(
                "| gate | run | wall ms | 2xx | failed | 429 answered | load |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : concat(before, after)) {
            if (r.scenario().equals("burst")) {
                md.append(String.format(
                        "| %s | %d | %d | %d | %d | %d | %.2f |%n",
                        r.label(), r.round() + 1, r.wallMs(), r.ok(), r.failed(), r.got429(), r.load()));
            }
        }
        md.append("\n**Replicas**: N CamelContexts (each its own component and gate, as N pods), one teamspace"
                + " limited to " + LIMIT + " req/s by the simulator (sliding one-second window, `Retry-After: 1`),"
                + " 250 `customer/get` each at concurrency 16, replica i started i seconds after the first."
                + " Goodput = all 2xx / (last answer − first call). Target: ≥ 90% of the limit, 0 failed."
                + " **Steady** (N = 1, 1000 calls at concurrency 64, as scenario 3): target ≥ 95%.\n\n");
        md.append("| gate | scenario | N | run | wall ms | 2xx | failed | 429 answered | % of the limit | load |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : concat(before, after)) {
            if (!r.scenario().equals("burst")) {
                md.append(String.format(
                        "| %s | %s | %d | %d | %d | %d | %d | %d | %.1f%% | %.2f |%n",
                        r.label(),
                        r.scenario(),
                        r.replicas(),
                        r.round() + 1,
                        r.wallMs(),
                        r.ok(),
                        r.failed(),
                        r.got429(),
                        r.percentOfLimit(),
                        r.load()));
            }
        }
        md.append('\n').append(verdict(after)).append('\n');
        md.append("\n![goodput of N replicas sharing one limit](performance-rate-limits.png)\n\n");
        md.append("Command (after `./mvnw -B -ntp -pl benchmarks -am -DskipTests package`):\n\n```\n"
                + "java -cp \"benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)\""
                + " dev.camelproto.benchmarks.RateLimitBench after benchmarks/target 2\n"
                + "java -cp ... dev.camelproto.benchmarks.RateLimitBench --report benchmarks/rate-limits-before.tsv"
                + " benchmarks/target/rate-limits-after.tsv docs\n```\n\n");
        md.append("The classpath file comes from `./mvnw -B -ntp -q -pl benchmarks -am -DskipTests package"
                + " dependency:build-classpath -Dmdep.outputFile=target/classpath.txt` (run from the repository"
                + " root).\n");
        md.append(END).append('\n');
        Path perf = docs.resolve("performance.md");
        String text = Files.exists(perf) ? Files.readString(perf) : "";
        Files.writeString(perf, withSection(text, md.toString()));
        chart(before, after, docs.resolve("performance-rate-limits.png"));
        log("wrote " + perf + " and " + docs.resolve("performance-rate-limits.png"));
    }

    /** Targets met or missed by the after runs (worst run of each). */
    static String verdict(List<Row> after) {
        StringBuilder v = new StringBuilder("Targets (worst run): ");
        List<Row> burst =
                after.stream().filter(r -> r.scenario().equals("burst")).toList();
        long burstWall = burst.stream().mapToLong(Row::wallMs).max().orElse(0);
        long burstFailed = burst.stream().mapToLong(Row::failed).sum();
        v.append(String.format(
                "burst %d ms, %d failed → %s",
                burstWall, burstFailed, burstWall < 3_000 && burstFailed == 0 ? "**met**" : "**missed**"));
        Map<Integer, List<Row>> byN = after.stream()
                .filter(r -> r.scenario().equals("replicas"))
                .collect(Collectors.groupingBy(Row::replicas, java.util.TreeMap::new, Collectors.toList()));
        byN.forEach((n, rows) -> {
            double worst = rows.stream().mapToDouble(Row::percentOfLimit).min().orElse(0);
            long failed = rows.stream().mapToLong(Row::failed).sum();
            v.append(String.format(
                    java.util.Locale.ROOT,
                    "; N = %d: %.0f%%, %d failed → %s",
                    n,
                    worst,
                    failed,
                    worst >= 90 && failed == 0 ? "**met**" : "**missed**"));
        });
        List<Row> steady =
                after.stream().filter(r -> r.scenario().equals("steady")).toList();
        double worstSteady =
                steady.stream().mapToDouble(Row::percentOfLimit).min().orElse(0);
        long steadyFailed = steady.stream().mapToLong(Row::failed).sum();
        v.append(String.format(
                java.util.Locale.ROOT,
                "; steady %.0f%%, %d failed → %s.",
                worstSteady,
                steadyFailed,
                worstSteady >= 95 && steadyFailed == 0 ? "**met**" : "**missed**"));
        return v.toString();
    }

    /** The document with the rate-limits section replaced, or inserted before scenario 4 (else at the end). */
    static String withSection(String text, String section) {
        int s = text.indexOf(START);
        int e = text.indexOf(END);
        if (s >= 0 && e > s) {
            return text.substring(0, s) + section + text.substring(e + END.length() + 1);
        }
        int at = text.indexOf("## Scenario 4");
        return at < 0 ? text + "\n" + section : text.substring(0, at) + section + "\n" + text.substring(at);
    }

    /** The section of an existing performance.md, to carry it over when BenchmarkMain rewrites the file. */
    static String section(String text) {
        int s = text.indexOf(START);
        int e = text.indexOf(END);
        return s >= 0 && e > s ? text.substring(s, e + END.length()) + "\n" : "";
    }

    private static List<Row> concat(List<Row> a, List<Row> b) {
        List<Row> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static void chart(List<Row> before, List<Row> after, Path png) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        Map<String, List<Row>> byLabel = new LinkedHashMap<>();
        byLabel.put("before", before);
        byLabel.put("after", after);
        byLabel.forEach((label, rows) -> {
            Map<String, List<Double>> per = rows.stream()
                    .filter(r -> !r.scenario().equals("burst"))
                    .collect(Collectors.groupingBy(
                            r -> r.scenario().equals("steady") ? "steady (1 JVM, c=64)" : "N = " + r.replicas(),
                            LinkedHashMap::new,
                            Collectors.mapping(Row::percentOfLimit, Collectors.toList())));
            per.forEach((k, v) -> data.addValue(Stats.of(v).min(), label + " gate (worst run)", k));
        });
        NumberAxis y = new NumberAxis("goodput, % of the 50 req/s limit (worst of the runs)");
        y.setRange(0, 115);
        CategoryPlot plot =
                new CategoryPlot(data, new CategoryAxis("replicas sharing the limit"), y, new BarRenderer());
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        ValueMarker target = new ValueMarker(90);
        target.setPaint(new Color(0xC92A2A));
        target.setStroke(new BasicStroke(1.5f));
        target.setLabel("target 90%");
        plot.addRangeMarker(target);
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setSeriesPaint(0, new Color(0xADB5BD));
        r.setSeriesPaint(1, new Color(0x1971C2));
        JFreeChart chart = new JFreeChart(
                "N replicas (own gate each) sharing one 50 req/s teamspace limit",
                JFreeChart.DEFAULT_TITLE_FONT.deriveFont(14f),
                plot,
                true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 480);
    }
}
