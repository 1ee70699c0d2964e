package dev.camelproto.benchmarks;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What one run of one client did: calls, 2xx, failures by kind, wall time. */
public record RunResult(
        String client, int concurrency, int calls, long ok, long failed, Map<String, Long> failures, long wallNanos) {

    public double perSecond() {
        return calls / (wallNanos / 1e9);
    }

    public double goodput() {
        return ok / (wallNanos / 1e9);
    }

    public double wallMillis() {
        return wallNanos / 1e6;
    }

    static final class Builder {
        private final String client;
        private final int concurrency;
        private final int calls;
        private final LongAdder ok = new LongAdder();
        private final LongAdder failed = new LongAdder();
        private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

        Builder(String client, int concurrency, int calls) {
            this.client = client;
            this.concurrency = concurrency;
            this.calls = calls;
        }

        void record(Harness.Outcome o) {
            if (o.ok()) {
                ok.increment();
            } else {
                failed.increment();
                failures.computeIfAbsent(o.failure(), k -> new LongAdder()).increment();
            }
        }

        RunResult build(long wallNanos) {
            Map<String, Long> f = new TreeMap<>();
            failures.forEach((k, v) -> f.put(k, v.sum()));
            return new RunResult(client, concurrency, calls, ok.sum(), failed.sum(), f, wallNanos);
        }
    }
}
