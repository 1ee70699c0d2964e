package dev.camelproto.simulator.internal;

import dev.camelproto.simulator.Faults;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** Decides per request, from one seeded random generator, which fault (if any) to inject. */
public final class FaultInjector {

    /**
     * What to do with one request, decided with {@code faults}. {@code status} is 0 unless a status is injected; at
     * most one of {@code reset}, {@code noResponse}, {@code status > 0} holds.
     */
    public record Decision(
            Faults faults, long latencyMs, boolean reset, boolean noResponse, int status, boolean dropAfterWrite) {}

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final Faults initial;
    private volatile Faults faults;
    private final long seed;
    private final LongSupplier nanoClock;
    private Random random;
    private final Map<String, ArrayDeque<Long>> windows = new ConcurrentHashMap<>();

    public FaultInjector(Faults faults, long seed, LongSupplier nanoClock) {
        this.initial = faults;
        this.faults = faults;
        this.seed = seed;
        this.nanoClock = nanoClock;
        this.random = new Random(seed);
    }

    public Faults faults() {
        return faults;
    }

    /** Switches to other settings for the following requests (the random sequence and rate windows continue). */
    public void faults(Faults faults) {
        this.faults = faults;
    }

    /** Back to the initial settings, the random sequence restarted, the rate-limit windows emptied. */
    public synchronized void reset() {
        faults = initial;
        random = new Random(seed);
        windows.clear();
    }

    private static boolean any(Faults f) {
        return f.latencyMaxMs() > 0
                || f.connectionResetRate() > 0
                || f.noResponseRate() > 0
                || !f.statusRates().isEmpty()
                || f.dropAfterWriteRate() > 0;
    }

    /**
     * The {@code Retry-After} value for a delay of {@code seconds}: the number, or (with
     * {@link Faults#retryAfterHttpDate()}) the RFC 1123 date now + seconds, rounded up to a whole second.
     */
    public static String retryAfter(Faults f, long seconds) {
        if (!f.retryAfterHttpDate()) {
            return Long.toString(seconds);
        }
        long at = System.currentTimeMillis() + seconds * 1000L;
        long atSeconds = (at + 999L) / 1000L;
        return HTTP_DATE.format(Instant.ofEpochSecond(atSeconds));
    }

    /**
     * Always draws exactly three numbers per request (when any random fault is configured), so the sequence only
     * depends on the request order.
     */
    public Decision decide() {
        Faults faults = this.faults;
        if (!any(faults)) {
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
        boolean noResponse = false;
        int status = 0;
        double acc = faults.connectionResetRate();
        if (uFault < acc) {
            reset = true;
        } else if (uFault < (acc += faults.noResponseRate())) {
            noResponse = true;
        } else {
            for (Map.Entry<Integer, Double> e : faults.statusRates().entrySet()) {
                acc += e.getValue();
                if (uFault < acc) {
                    status = e.getKey();
                    break;
                }
            }
        }
        return new Decision(faults, latency, reset, noResponse, status, uDrop < faults.dropAfterWriteRate());
    }

    /**
     * Sliding one-second window per key (the Authorization header as sent).
     *
     * @return 0 when allowed, else the Retry-After seconds (at least 1)
     */
    public long rateLimit(String key) {
        return rateLimit(faults, key);
    }

    /** {@link #rateLimit(String)} with these settings. */
    public long rateLimit(Faults faults, String key) {
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
