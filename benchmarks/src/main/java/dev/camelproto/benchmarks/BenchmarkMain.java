package dev.camelproto.benchmarks;

import dev.camelproto.simulator.Faults;
import dev.camelproto.simulator.ProtoSimulator;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs scenarios 1-4 (and the JMH micro benchmarks), then writes {@code performance.md} and
 * {@code performance-throughput.png} into the folder given as first argument. Sizes come from system properties
 * ({@code bench.*}, see {@link Config}).
 */
public final class BenchmarkMain {

    /** The knobs; the defaults are the full run. */
    public record Config(
            int warmup,
            int rounds,
            int[] concurrency,
            int calls,
            int callsC1,
            int s2Calls,
            int s2InFlight,
            int s2LatencyMs,
            int s3Calls,
            int s3Concurrency,
            int s3Rate,
            int s4Calls,
            int s4Concurrency,
            boolean jmh) {

        static Config fromSystemProperties() {
            int calls = Integer.getInteger("bench.calls", 10000);
            return new Config(
                    Integer.getInteger("bench.warmup", 2),
                    Integer.getInteger("bench.rounds", 5),
                    java.util.Arrays.stream(System.getProperty("bench.concurrency", "1,16,64")
                                    .split(","))
                            .mapToInt(s -> Integer.parseInt(s.trim()))
                            .toArray(),
                    calls,
                    Integer.getInteger("bench.calls.c1", Math.max(1, calls * 3 / 10)),
                    Integer.getInteger("bench.s2.calls", 2000),
                    Integer.getInteger("bench.s2.inflight", 256),
                    Integer.getInteger("bench.s2.latencyMs", 50),
                    Integer.getInteger("bench.s3.calls", 1000),
                    Integer.getInteger("bench.s3.concurrency", 64),
                    Integer.getInteger("bench.s3.rate", 50),
                    Integer.getInteger("bench.s4.calls", 100_000),
                    Integer.getInteger("bench.s4.concurrency", 16),
                    Boolean.parseBoolean(System.getProperty("bench.jmh", "true")));
        }

        public String describe() {
            return "warmup=" + warmup + " rounds=" + rounds + " concurrency=" + java.util.Arrays.toString(concurrency)
                    + " calls/round=" + calls + " (c=1: " + callsC1 + ") s2=" + s2Calls + "@" + s2InFlight + "/"
                    + s2LatencyMs + "ms s3=" + s3Calls + "@" + s3Concurrency + " limit " + s3Rate + "/s s4="
                    + s4Calls + "@" + s4Concurrency + " jmh=" + jmh;
        }
    }

    /** Scenario 1: per concurrency, per client, the req/s of each measured round (in round order). */
    public static final class S1 {
        public final Map<Integer, Map<String, List<Double>>> rps = new TreeMap<>();
        public final Map<String, Long> failures = new TreeMap<>();
        public long calls;
    }

    public record S2Run(String client, RunResult result, int idleThreads, int peakThreads, int peakAllThreads) {}

    public record S4(
            List<Double> heapAfterGcMb, List<Double> bytesPerCall, long ok, long failed, int concurrency, long calls) {}

    public static final String[] S1_CLIENTS = {"A", "A-mixed", "A-async", "B", "C"};

    public static void main(String[] args) throws Exception {
        Path docs = Path.of(args.length > 0 ? args[0] : "docs");
        Path profile = args.length > 1 ? Path.of(args[1]) : null;
        Config cfg = Config.fromSystemProperties();
        run(cfg, docs, profile);
        System.exit(0);
    }

    public static Report run(Config cfg, Path docs, Path profileSummary) throws Exception {
        Files.createDirectories(docs);
        long t0 = System.nanoTime();
        log("config: " + cfg.describe());
        Report report = new Report(cfg);
        report.s1 = scenario1(cfg);
        report.s2 = scenario2(cfg);
        report.s3 = scenario3(cfg);
        report.s4 = scenario4(cfg);
        if (cfg.jmh()) {
            report.jmh = JmhRunner.run();
        }
        if (profileSummary != null && Files.exists(profileSummary)) {
            report.profile = Files.readString(profileSummary);
        }
        report.elapsedSeconds = (System.nanoTime() - t0) / 1e9;
        report.write(docs);
        log("wrote " + docs.resolve("performance.md") + " in " + Math.round(report.elapsedSeconds) + " s");
        return report;
    }

    static ProtoSimulator simulator(Faults faults) {
        return ProtoSimulator.builder()
                .seed(42L)
                .journalCapacity(0)
                .faults(faults)
                .start();
    }

    // ------------------------------------------------------------------ scenario 1

    static S1 scenario1(Config cfg) throws Exception {
        S1 s1 = new S1();
        int maxC = java.util.Arrays.stream(cfg.concurrency()).max().orElse(64);
        try (ProtoSimulator sim = simulator(Faults.none());
                Harness h = new Harness(sim, Math.max(64, maxC))) {
            Map<String, Harness.SyncCall> sync =
                    Map.of("A", h.sync("direct:a"), "A-mixed", h.sync("direct:a-mixed"), "B", h.sync("direct:b"));
            Harness.AsyncCall c = h.direct();
            Harness.AsyncCall aAsync = h.async("direct:a");
            for (int n : cfg.concurrency()) {
                int calls = n == 1 ? cfg.callsC1() : cfg.calls();
                Map<String, List<Double>> perClient = new LinkedHashMap<>();
                for (String k : S1_CLIENTS) {
                    perClient.put(k, new ArrayList<>());
                }
                for (int r = 0; r < cfg.warmup() + cfg.rounds(); r++) {
                    boolean measured = r >= cfg.warmup();
                    // interleaved, and the order rotates each round
                    for (int k = 0; k < S1_CLIENTS.length; k++) {
                        String client = S1_CLIENTS[(k + r) % S1_CLIENTS.length];
                        RunResult res = switch (client) {
                            case "C" -> Harness.runAsync(client, n, calls, c);
                            case "A-async" -> Harness.runAsync(client, n, calls, aAsync);
                            default -> Harness.runThreads(client, n, calls, sync.get(client));
                        };
                        log(String.format(
                                "s1 c=%d round %d%s %-7s %8.0f req/s ok=%d failed=%d %s",
                                n,
                                r,
                                measured ? "" : " (warmup)",
                                client,
                                res.perSecond(),
                                res.ok(),
                                res.failed(),
                                res.failures()));
                        if (measured) {
                            perClient.get(client).add(res.perSecond());
                            s1.calls += res.calls();
                            res.failures().forEach((f, v) -> s1.failures.merge(client + ": " + f, v, Long::sum));
                        }
                    }
                }
                s1.rps.put(n, perClient);
            }
        }
        return s1;
    }

    // ------------------------------------------------------------------ scenario 2

    static List<S2Run> scenario2(Config cfg) throws Exception {
        List<S2Run> runs = new ArrayList<>();
        Faults slow = Faults.builder().latency(cfg.s2LatencyMs()).build();
        try (ProtoSimulator sim = simulator(slow)) {
            String[] clients = {"A", "B"};
            for (int r = 0; r < cfg.warmup() + cfg.rounds(); r++) {
                for (int k = 0; k < clients.length; k++) {
                    String client = clients[(k + r) % clients.length];
                    // a fresh context per run, so "idle" is the started, lightly used application
                    try (Harness h = new Harness(sim, cfg.s2InFlight())) {
                        Harness.AsyncCall call = h.async(client.equals("A") ? "direct:a" : "direct:b-async");
                        Harness.runAsync(client, 1, 5, call); // touch the route once (classes, endpoints)
                        Thread.sleep(100);
                        int idle = ThreadSampler.clientThreads();
                        RunResult res;
                        ThreadSampler sampler = ThreadSampler.start();
                        try {
                            res = Harness.runAsync(client, cfg.s2InFlight(), cfg.s2Calls(), call);
                        } finally {
                            sampler.close();
                        }
                        log(String.format(
                                "s2 round %d%s %s wall=%.0f ms ok=%d failed=%d idle=%d peak=%d (all %d) %s",
                                r,
                                r >= cfg.warmup() ? "" : " (warmup)",
                                client,
                                res.wallMillis(),
                                res.ok(),
                                res.failed(),
                                idle,
                                sampler.peak(),
                                sampler.peakAllThreads(),
                                res.failures()));
                        if (r >= cfg.warmup()) {
                            runs.add(new S2Run(client, res, idle, sampler.peak(), sampler.peakAllThreads()));
                        }
                    }
                }
            }
        }
        return runs;
    }

    // ------------------------------------------------------------------ scenario 3

    static List<S2Run> scenario3(Config cfg) throws Exception {
        List<S2Run> runs = new ArrayList<>();
        Faults limited = Faults.builder()
                .rateLimitPerSecond(cfg.s3Rate())
                .retryAfterSeconds(1)
                .build();
        try (ProtoSimulator sim = simulator(limited);
                Harness h = new Harness(sim, cfg.s3Concurrency())) {
            Map<String, Harness.AsyncCall> calls = Map.of("A", h.async("direct:a"), "B", h.async("direct:b-async"));
            String[] clients = {"A", "B"};
            for (int r = 0; r < cfg.warmup() + cfg.rounds(); r++) {
                for (int k = 0; k < clients.length; k++) {
                    String client = clients[(k + r) % clients.length];
                    Thread.sleep(1100); // let the simulator's one-second window empty
                    long before429 = sim.counters().status(429);
                    RunResult res = Harness.runAsync(client, cfg.s3Concurrency(), cfg.s3Calls(), calls.get(client));
                    long got429 = sim.counters().status(429) - before429;
                    log(String.format(
                            "s3 round %d%s %s wall=%.0f ms ok=%d failed=%d 429s=%d %s",
                            r,
                            r >= cfg.warmup() ? "" : " (warmup)",
                            client,
                            res.wallMillis(),
                            res.ok(),
                            res.failed(),
                            got429,
                            res.failures()));
                    if (r >= cfg.warmup()) {
                        runs.add(new S2Run(client, res, 0, (int) got429, 0));
                    }
                }
            }
        }
        return runs;
    }

    // ------------------------------------------------------------------ scenario 4

    static S4 scenario4(Config cfg) throws Exception {
        int chunks = 10;
        int perChunk = Math.max(1, cfg.s4Calls() / chunks);
        List<Double> heap = new ArrayList<>();
        List<Double> perCall = new ArrayList<>();
        long ok = 0;
        long failed = 0;
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (ProtoSimulator sim = simulator(Faults.none());
                Harness h = new Harness(sim, 64)) {
            Harness.AsyncCall a = h.async("direct:a");
            Harness.runAsync("A", cfg.s4Concurrency(), Math.min(perChunk, 5000), a); // warm-up
            heap.add(heapAfterGc());
            for (int c = 0; c < chunks; c++) {
                long before = clientAllocatedBytes(mx);
                RunResult res = Harness.runAsync("A", cfg.s4Concurrency(), perChunk, a);
                long after = clientAllocatedBytes(mx);
                ok += res.ok();
                failed += res.failed();
                perCall.add((after - before) / (double) perChunk);
                heap.add(heapAfterGc());
                log(String.format(
                        "s4 chunk %d: %d calls, %.0f B/call, heap after GC %.1f MB, failed=%d",
                        c, perChunk, perCall.get(perCall.size() - 1), heap.get(heap.size() - 1), res.failed()));
            }
        }
        return new S4(heap, perCall, ok, failed, cfg.s4Concurrency(), (long) perChunk * chunks);
    }

    /** Heap used after two full GCs, in MB. */
    static double heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    /** Bytes allocated so far by the live client threads (the simulator's server threads left out). */
    static long clientAllocatedBytes(com.sun.management.ThreadMXBean mx) {
        long[] ids = mx.getAllThreadIds();
        java.lang.management.ThreadInfo[] infos = mx.getThreadInfo(ids);
        long[] bytes = mx.getThreadAllocatedBytes(ids);
        long sum = 0;
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && bytes[i] > 0 && ThreadSampler.isClient(infos[i].getThreadName())) {
                sum += bytes[i];
            }
        }
        return sum;
    }

    static void log(String line) {
        System.out.println("[bench] " + line);
    }
}
