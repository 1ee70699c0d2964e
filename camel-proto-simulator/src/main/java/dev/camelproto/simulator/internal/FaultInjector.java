package dev.camelproto.simulator.internal;

import dev.camelproto.simulator.Faults;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** Decides per request, from one seeded random generator, which fault (if any) to inject. */
public final class FaultInjector {

    /** What to do with one request. {@code status} is 0 unless {@code injectStatus}. */
    public record Decision(long latencyMs, boolean reset, int status, boolean dropAfterWrite) {}

    private final Faults faults;
    private final long seed;
    private final LongSupplier nanoClock;
    private final boolean any;
    private Random random;
    private final Map<String, ArrayDeque<Long>> windows = new ConcurrentHashMap<>();

    public FaultInjector(Faults faults, long seed, LongSupplier nanoClock) {
        this.faults = faults;
        this.seed = seed;
        this.nanoClock = nanoClock;
        this.random = new Random(seed);
        this.any = faults.latencyMaxMs() > 0
                || faults.connectionResetRate() > 0
                || !faults.statusRates().isEmpty()
                || faults.dropAfterWriteRate() > 0;
    }

    public Faults faults() {
        return faults;
    }

    public synchronized void reset() {
        random = new Random(seed);
        windows.clear();
    }

    /** Always draws exactly three numbers per request, so the sequence only depends on the request order. */
    public Decision decide() {
        if (!any) {
            return null;
        }
        double uLatency;
        double uFault;
        double uDrop;
        synchronized (this) {
            uLatency = random.nextDouble();
            uFault = random.nextDouble();
            uDrop = random.nextDouble();
        }
        long span = faults.latencyMaxMs() - faults.latencyMinMs();
        long latency = faults.latencyMinMs() + (span == 0 ? 0 : (long) Math.floor(uLatency * (span + 1)));
        boolean reset = false;
        int status = 0;
        double acc = faults.connectionResetRate();
        if (uFault < acc) {
            reset = true;
        } else {
            for (Map.Entry<Integer, Double> e : faults.statusRates().entrySet()) {
                acc += e.getValue();
                if (uFault < acc) {
                    status = e.getKey();
                    break;
                }
            }
        }
        return new Decision(latency, reset, status, uDrop < faults.dropAfterWriteRate());
    }

    /**
     * Sliding one-second window per key (the Authorization header as sent).
     *
     * @return 0 when allowed, else the Retry-After seconds (at least 1)
     */
    public long rateLimit(String key) {
        int limit = faults.rateLimitPerSecond();
        if (limit <= 0) {
            return 0;
        }
        ArrayDeque<Long> w = windows.computeIfAbsent(key == null ? "" : key, k -> new ArrayDeque<>());
        long now = nanoClock.getAsLong();
        synchronized (w) {
            while (!w.isEmpty() && now - w.peekFirst() >= 1_000_000_000L) {
                w.pollFirst();
            }
            if (w.size() < limit) {
                w.addLast(now);
                return 0;
            }
            long waitNanos = w.peekFirst() + 1_000_000_000L - now;
            return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        }
    }
}
