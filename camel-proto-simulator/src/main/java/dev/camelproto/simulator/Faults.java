package dev.camelproto.simulator;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fault-injection settings of a {@link ProtoSimulator}. Immutable; build with {@link #builder()}.
 *
 * <p>Per request the simulator draws, from ONE random generator seeded with {@link ProtoSimulator.Builder#seed(long)},
 * always the same three numbers (latency, fault, drop-after-write), so the same seed and the same request order give
 * the same fault sequence. The order of evaluation is: latency, then the per-secret rate limit, then one of
 * "connection reset" / "no response" / injected status (mutually exclusive, by cumulative rate in that order), then
 * the real processing, then (for PUT/POST/DELETE on a known route) "drop after write".
 *
 * <p>A running simulator can switch to other settings with {@link ProtoSimulator#faults(Faults)}.
 */
public final class Faults {

    private static final Faults NONE = builder().build();

    private final long latencyMinMs;
    private final long latencyMaxMs;
    private final Map<Integer, Double> statusRates;
    private final double connectionResetRate;
    private final int rateLimitPerSecond;
    private final double dropAfterWriteRate;
    private final int retryAfterSeconds;
    private final boolean retryAfterHttpDate;
    private final double noResponseRate;

    private Faults(Builder b) {
        this.latencyMinMs = b.latencyMinMs;
        this.latencyMaxMs = b.latencyMaxMs;
        this.statusRates = Collections.unmodifiableMap(new TreeMap<>(b.statusRates));
        this.connectionResetRate = b.connectionResetRate;
        this.rateLimitPerSecond = b.rateLimitPerSecond;
        this.dropAfterWriteRate = b.dropAfterWriteRate;
        this.retryAfterSeconds = b.retryAfterSeconds;
        this.retryAfterHttpDate = b.retryAfterHttpDate;
        this.noResponseRate = b.noResponseRate;
    }

    /** No faults at all (the default). */
    public static Faults none() {
        return NONE;
    }

    /** A new builder with no faults configured. */
    public static Builder builder() {
        return new Builder();
    }

    /** Minimum added latency in milliseconds. */
    public long latencyMinMs() {
        return latencyMinMs;
    }

    /** Maximum added latency in milliseconds (equal to the minimum for a fixed latency). */
    public long latencyMaxMs() {
        return latencyMaxMs;
    }

    /** Injected status → rate (0..1), ascending by status. */
    public Map<Integer, Double> statusRates() {
        return statusRates;
    }

    /** Rate (0..1) of connections closed without a response, before processing. */
    public double connectionResetRate() {
        return connectionResetRate;
    }

    /** Allowed requests per second per secret (sliding one-second window); 0 = unlimited. */
    public int rateLimitPerSecond() {
        return rateLimitPerSecond;
    }

    /** Rate (0..1) of writes (PUT/POST/DELETE) that are applied and then answered by closing the connection. */
    public double dropAfterWriteRate() {
        return dropAfterWriteRate;
    }

    /** The {@code Retry-After} value (seconds) sent with injected 429 and 503 responses. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /**
     * Whether {@code Retry-After} (of injected 429/503 and of rate-limit 429s) is an RFC 1123 HTTP date (e.g.
     * {@code Tue, 03 Jun 2025 11:05:30 GMT}) instead of a number of seconds.
     */
    public boolean retryAfterHttpDate() {
        return retryAfterHttpDate;
    }

    /**
     * Rate (0..1) of requests that are read and then never answered (not processed): the connection stays open
     * until the client gives up (closes it) or the simulator is closed.
     */
    public double noResponseRate() {
        return noResponseRate;
    }

    @Override
    public String toString() {
        return "Faults[latency=" + latencyMinMs + ".." + latencyMaxMs + "ms, statusRates=" + statusRates
                + ", connectionResetRate=" + connectionResetRate + ", noResponseRate=" + noResponseRate
                + ", rateLimitPerSecond=" + rateLimitPerSecond + ", dropAfterWriteRate=" + dropAfterWriteRate
                + ", retryAfterSeconds=" + retryAfterSeconds + ", retryAfterHttpDate=" + retryAfterHttpDate + "]";
    }

    /** Builder of {@link Faults}. */
    public static final class Builder {
        private long latencyMinMs;
        private long latencyMaxMs;
        private final Map<Integer, Double> statusRates = new TreeMap<>();
        private double connectionResetRate;
        private int rateLimitPerSecond;
        private double dropAfterWriteRate;
        private int retryAfterSeconds = 1;
        private boolean retryAfterHttpDate;
        private double noResponseRate;

        private Builder() {}

        /** A fixed latency added to every request. */
        public Builder latency(long fixedMs) {
            return latency(fixedMs, fixedMs);
        }

        /** A uniformly random latency in {@code [minMs, maxMs]} added to every request. */
        public Builder latency(long minMs, long maxMs) {
            if (minMs < 0 || maxMs < minMs) {
                throw new IllegalArgumentException("latency needs 0 <= min <= max, got " + minMs + ".." + maxMs);
            }
            this.latencyMinMs = minMs;
            this.latencyMaxMs = maxMs;
            return this;
        }

        /**
         * Answer this rate (0..1) of requests with {@code status} without processing them. 429 and 503 carry a
         * {@code Retry-After} header. Repeatable for several statuses (400..599).
         */
        public Builder statusRate(int status, double rate) {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("injected status must be 400..599, got " + status);
            }
            statusRates.put(status, checkRate(rate, "statusRate"));
            return this;
        }

        /** Close this rate (0..1) of connections without any response (before processing). */
        public Builder connectionResetRate(double rate) {
            this.connectionResetRate = checkRate(rate, "connectionResetRate");
            return this;
        }

        /** Allow at most {@code n} requests per second per secret; beyond it answer 429 + Retry-After. 0 = off. */
        public Builder rateLimitPerSecond(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("rateLimitPerSecond must be >= 0");
            }
            this.rateLimitPerSecond = n;
            return this;
        }

        /** Apply this rate (0..1) of writes (PUT/POST/DELETE) and then close the connection without a response. */
        public Builder dropAfterWriteRate(double rate) {
            this.dropAfterWriteRate = checkRate(rate, "dropAfterWriteRate");
            return this;
        }

        /** {@code Retry-After} seconds of injected 429/503 responses (default 1). */
        public Builder retryAfterSeconds(int seconds) {
            if (seconds < 0) {
                throw new IllegalArgumentException("retryAfterSeconds must be >= 0");
            }
            this.retryAfterSeconds = seconds;
            return this;
        }

        /**
         * Send {@code Retry-After} as an RFC 1123 HTTP date (now + the delay, rounded up to the next whole second)
         * instead of seconds, on injected 429/503 and on rate-limit 429s (default false).
         */
        public Builder retryAfterHttpDate(boolean httpDate) {
            this.retryAfterHttpDate = httpDate;
            return this;
        }

        /**
         * Read this rate (0..1) of requests and never answer them (nor process them): the connection is held open
         * until the client closes it or the simulator is closed ({@link ProtoSimulator#close()} still returns
         * promptly). Mutually exclusive with connection resets and injected statuses.
         */
        public Builder noResponseRate(double rate) {
            this.noResponseRate = checkRate(rate, "noResponseRate");
            return this;
        }

        /** Builds; fails when the connection-reset, no-response and status rates add up to more than 1. */
        public Faults build() {
            double sum = connectionResetRate + noResponseRate;
            for (double r : statusRates.values()) {
                sum += r;
            }
            if (sum > 1.0 + 1e-9) {
                throw new IllegalArgumentException(
                        "connectionResetRate + noResponseRate + status rates must not exceed 1, got " + sum);
            }
            return new Faults(this);
        }

        private static double checkRate(double rate, String what) {
            if (!(rate >= 0.0 && rate <= 1.0)) {
                throw new IllegalArgumentException(what + " must be within 0..1, got " + rate);
            }
            return rate;
        }
    }
}
