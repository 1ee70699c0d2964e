package dev.camelproto.benchmarks;

import dev.camelproto.simulator.Faults;
import dev.camelproto.simulator.ProtoSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Profiles A at concurrency 16 (async driver, zero-latency in-process simulator) with a JFR recording ("profile"
 * settings), then summarises the jdk.ExecutionSample events: CPU by thread group, top self frames of the client
 * threads, and inclusive shares of the candidate costs between process() and callback.done(). Args: the .jfr file to
 * write, the Markdown summary to write. Re-analyse an existing recording with {@code --analyse file.jfr out.md}.
 */
public final class ProfileMain {

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--analyse")) {
            Files.writeString(Path.of(args[2]), summarise(Path.of(args[1]), "(existing recording)"));
            return;
        }
        Path jfr = Path.of(args.length > 0 ? args[0] : "target/a16.jfr");
        Path out = Path.of(args.length > 1 ? args[1] : "target/profile-summary.md");
        int seconds = Integer.getInteger("bench.profile.seconds", 20);
        int concurrency = Integer.getInteger("bench.profile.concurrency", 16);
        String desc;
        try (ProtoSimulator sim = BenchmarkMain.simulator(Faults.none());
                Harness h = new Harness(sim, 64)) {
            Harness.AsyncCall a = h.async("direct:a");
            long warmEnd = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < warmEnd) {
                Harness.runAsync("A", concurrency, 2000, a);
            }
            Files.createDirectories(jfr.toAbsolutePath().getParent());
            long calls = 0;
            long failed = 0;
            long t0;
            long t1;
            try (Recording rec = new Recording(Configuration.getConfiguration("profile"))) {
                rec.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(2));
                rec.start();
                t0 = System.nanoTime();
                long end = t0 + seconds * 1_000_000_000L;
                while (System.nanoTime() < end) {
                    RunResult r = Harness.runAsync("A", concurrency, 2000, a);
                    calls += r.calls();
                    failed += r.failed();
                }
                t1 = System.nanoTime();
                rec.stop();
                rec.dump(jfr);
            }
            desc = String.format(
                    Locale.ROOT,
                    "A (`direct:a` → `proto:customer/addTags`), async driver keeping %d in"
                            + " flight, %d s recorded after 5 s warm-up: %d calls (%.0f req/s), %d failed. JFR `profile`"
                            + " settings, jdk.ExecutionSample every 2 ms; recording `%s`.",
                    concurrency,
                    seconds,
                    calls,
                    calls / ((t1 - t0) / 1e9),
                    failed,
                    jfr.getFileName());
        }
        Files.writeString(out, summarise(jfr, desc));
        System.out.println(Files.readString(out));
        System.exit(0);
    }

    private static String group(String thread) {
        if (thread.startsWith("HTTP-worker") || thread.startsWith("HTTP-listener")) {
            return "simulator (in-process server)";
        }
        if (thread.contains("ProtoResponse")) {
            return "component ProtoResponse pool";
        }
        if (thread.startsWith("httpclient-dispatch") || thread.startsWith("httpclient-main")) {
            return "HttpClient 5 I/O reactor";
        }
        if (thread.equals("main")) {
            return "driver (main)";
        }
        return "other";
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    /** Inclusive candidates: label → predicate on a frame name. */
    private static Map<String, Predicate<String>> candidates() {
        Map<String, Predicate<String>> c = new LinkedHashMap<>();
        c.put(
                "ProtoProducer.process (all of the request side)",
                s -> s.equals("dev.camelproto.component.proto.ProtoProducer.process"));
        c.put(
                "  RequestFactory.create (path + body mapping)",
                s -> s.startsWith("dev.camelproto.component.proto.internal.request.RequestFactory.create"));
        c.put(
                "  JSON encode: ObjectMapper.writeValueAsBytes",
                s -> s.equals("com.fasterxml.jackson.databind.ObjectMapper.writeValueAsBytes"));
        c.put(
                "  JSON tree: ObjectMapper.valueToTree",
                s -> s.equals("com.fasterxml.jackson.databind.ObjectMapper.valueToTree"));
        c.put(
                "  ProtoHttpClient.execute (request build + submit)",
                s -> s.equals("dev.camelproto.component.proto.internal.transport.ProtoHttpClient.execute"));
        c.put(
                "    java.net.URI parsing (URI.create)",
                s -> s.startsWith("java.net.URI$Parser") || s.equals("java.net.URI.create"));
        c.put("    RequestConfig building", s -> s.startsWith("org.apache.hc.client5.http.config.RequestConfig"));
        c.put(
                "    CloseableHttpAsyncClient.execute (submit to pool/reactor)",
                s -> s.startsWith("org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient.execute"));
        c.put(
                "ProtoCall.finish → executor.execute (the hop, sending side)",
                s -> s.equals("java.util.concurrent.ThreadPoolExecutor.execute"));
        c.put(
                "ProtoResponse task (ResponseMapper.apply + callback.done)",
                s -> s.startsWith("dev.camelproto.component.proto.internal.call.ProtoCall.lambda$handOff"));
        c.put(
                "  ResponseMapper.apply",
                s -> s.equals("dev.camelproto.component.proto.internal.response.ResponseMapper.apply"));
        c.put(
                "Retry classification + gate (ProtoCall.answered, TeamspaceGate)",
                s -> s.equals("dev.camelproto.component.proto.internal.call.ProtoCall.answered")
                        || s.startsWith("dev.camelproto.component.proto.internal.ratelimit.TeamspaceGate"));
        c.put(
                "  JSON decode: ObjectMapper.readValue",
                s -> s.equals("com.fasterxml.jackson.databind.ObjectMapper.readValue"));
        c.put("Thread handoff: LockSupport park/unpark", s -> s.startsWith("java.util.concurrent.locks.LockSupport"));
        c.put("Logging (slf4j / logback)", s -> s.startsWith("ch.qos.logback") || s.startsWith("org.slf4j"));
        c.put(
                "Camel header maps (CaseInsensitiveMap, DefaultMessage headers)",
                s -> s.startsWith("org.apache.camel.util.CaseInsensitiveMap")
                        || s.startsWith("org.apache.camel.support.DefaultMessage.getHeaders")
                        || s.startsWith("org.apache.camel.support.MessageSupport.copy"));
        c.put(
                "Exchange creation (driver)",
                s -> s.startsWith("org.apache.camel.support.DefaultExchange.<init>")
                        || s.startsWith("org.apache.camel.support.AbstractExchange.<init>")
                        || s.startsWith("org.apache.camel.support.DefaultEndpoint.createExchange"));
        c.put("HttpClient 5 I/O reactor (all)", s -> s.startsWith("org.apache.hc.core5.reactor"));
        c.put("  socket read/write (sun.nio.ch)", s -> s.startsWith("sun.nio.ch.SocketChannelImpl"));
        c.put("  epoll wait", s -> s.startsWith("sun.nio.ch.EPoll"));
        return c;
    }

    static String summarise(Path jfr, String desc) throws Exception {
        Map<String, Integer> byGroup = new TreeMap<>();
        Map<String, Integer> self = new TreeMap<>();
        Map<String, Integer> incl = new LinkedHashMap<>();
        Map<String, Predicate<String>> cands = candidates();
        cands.keySet().forEach(k -> incl.put(k, 0));
        int total = 0;
        int client = 0;
        int taskDecode = 0;
        int taskCamel = 0;
        int taskOther = 0;
        String[] drill = {
            "org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient.execute",
            "dev.camelproto.component.proto.internal.request.RequestFactory.create",
            "org.apache.hc.core5.reactor.AbstractSingleCoreIOReactor.execute"
        };
        List<Map<String, Integer>> drillSelf = new ArrayList<>();
        int[] drillCount = new int[drill.length];
        for (int d = 0; d < drill.length; d++) {
            drillSelf.add(new TreeMap<>());
        }
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            total++;
            String thread = e.getThread("sampledThread") != null
                    ? e.getThread("sampledThread").getJavaName()
                    : "?";
            String g = group(thread == null ? "?" : thread);
            byGroup.merge(g, 1, Integer::sum);
            if (g.startsWith("simulator")) {
                continue;
            }
            client++;
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (!frames.isEmpty()) {
                self.merge(name(frames.get(0)), 1, Integer::sum);
            }
            for (int k = 0; k < frames.size(); k++) {
                String n = name(frames.get(k));
                if (n.startsWith("dev.camelproto.component.proto.internal.call.ProtoCall.lambda$handOff")) {
                    boolean decode = false;
                    boolean camel = false;
                    for (int j = 0; j < k; j++) {
                        String callee = name(frames.get(j));
                        decode |= callee.startsWith(
                                "dev.camelproto.component.proto.internal.response.ResponseMapper.apply");
                        camel |= callee.startsWith("org.apache.camel.");
                    }
                    if (decode) {
                        taskDecode++;
                    } else if (camel) {
                        taskCamel++;
                    } else {
                        taskOther++;
                    }
                    break;
                }
            }
            for (int d = 0; d < drill.length; d++) {
                for (RecordedFrame f : frames) {
                    if (name(f).equals(drill[d])) {
                        drillCount[d]++;
                        drillSelf.get(d).merge(name(frames.get(0)), 1, Integer::sum);
                        break;
                    }
                }
            }
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                String n = name(f);
                for (Map.Entry<String, Predicate<String>> c : cands.entrySet()) {
                    if (!seen.contains(c.getKey()) && c.getValue().test(n)) {
                        seen.add(c.getKey());
                        incl.merge(c.getKey(), 1, Integer::sum);
                    }
                }
            }
        }
        StringBuilder md = new StringBuilder();
        md.append(desc).append("\n\n");
        md.append(String.format(
                Locale.ROOT,
                "%d CPU samples in all, %d on client threads (the rest is the in-process" + " simulator).%n%n",
                total,
                client));
        md.append("| thread group | samples | % of all |\n|---|---:|---:|\n");
        for (Map.Entry<String, Integer> g : byGroup.entrySet()) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.1f |%n",
                    g.getKey(),
                    g.getValue(),
                    100.0 * g.getValue() / Math.max(1, total)));
        }
        md.append("\nTop self frames on client threads (% of client samples):\n\n| frame | % |\n|---|---:|\n");
        List<Map.Entry<String, Integer>> top = new ArrayList<>(self.entrySet());
        top.sort((x, y) -> y.getValue() - x.getValue());
        for (Map.Entry<String, Integer> t : top.subList(0, Math.min(15, top.size()))) {
            md.append(String.format(
                    Locale.ROOT, "| `%s` | %.1f |%n", t.getKey(), 100.0 * t.getValue() / Math.max(1, client)));
        }
        md.append("\nInclusive share of the candidates (% of client samples with the frame anywhere on the stack):\n\n"
                + "| candidate | % |\n|---|---:|\n");
        for (Map.Entry<String, Integer> c : incl.entrySet()) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %.1f |%n",
                    c.getKey().replace("  ", "&nbsp;&nbsp;"),
                    100.0 * c.getValue() / Math.max(1, client)));
        }
        md.append(String.format(
                Locale.ROOT,
                "%nThe ProtoResponse task (%% of client samples): onResponse (status,"
                        + " decode, headers) %.1f, callback.done into Camel (the rest of the route, completing the"
                        + " exchange) %.1f, other (executor plumbing) %.1f.%n",
                100.0 * taskDecode / Math.max(1, client),
                100.0 * taskCamel / Math.max(1, client),
                100.0 * taskOther / Math.max(1, client)));
        for (int d = 0; d < drill.length; d++) {
            md.append(String.format(
                    Locale.ROOT,
                    "%nUnder `%s` (%.1f%% of client samples), top self frames (%% of"
                            + " those samples):%n%n| frame | %% |%n|---|---:|%n",
                    drill[d].substring(drill[d].lastIndexOf('.', drill[d].lastIndexOf('.') - 1) + 1),
                    100.0 * drillCount[d] / Math.max(1, client)));
            List<Map.Entry<String, Integer>> t =
                    new ArrayList<>(drillSelf.get(d).entrySet());
            t.sort((x, y) -> y.getValue() - x.getValue());
            for (Map.Entry<String, Integer> e : t.subList(0, Math.min(8, t.size()))) {
                md.append(String.format(
                        Locale.ROOT,
                        "| `%s` | %.1f |%n",
                        e.getKey(),
                        100.0 * e.getValue() / Math.max(1, drillCount[d])));
            }
        }
        return md.toString();
    }
}
