package dev.camelproto.component.proto.internal.retry;

import java.util.random.RandomGenerator;

/**
 * Exponential back-off with full jitter, capped: the delay before attempt {@code n + 1} is uniform in
 * {@code [0, min(maxMillis, baseMillis * 2^(n - 1))]}. Knows nothing of {@code Retry-After} (see
 * {@link RetryPolicy#decide}).
 *
 * @param baseMillis the ceiling after the first attempt ({@code retryDelay})
 * @param maxMillis  the largest ceiling ({@code retryMaxDelay})
 */
public record Backoff(long baseMillis, long maxMillis) {

    /** Past 2^30 times the base the ceiling is the cap for any base that is not 0. */
    private static final int MAX_SHIFT = 30;

    public Backoff {
        if (baseMillis < 0 || maxMillis < 0) {
            throw new IllegalArgumentException(
                    "A back-off's delays must not be negative, were " + baseMillis + " and " + maxMillis + " ms");
        }
    }

    /** A random delay, in {@code [0, ceiling]}, before the attempt after {@code attemptsSoFar} attempts. */
    public long delayMillis(int attemptsSoFar, RandomGenerator random) {
        long ceiling = ceilingMillis(attemptsSoFar);
        return ceiling <= 0 ? 0 : random.nextLong(ceiling + 1);
    }

    /** {@code min(maxMillis, baseMillis * 2^(attemptsSoFar - 1))}, without overflow. */
    long ceilingMillis(int attemptsSoFar) {
        int shift = Math.min(MAX_SHIFT, Math.max(0, attemptsSoFar - 1));
        long exponential = baseMillis > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : baseMillis << shift;
        return Math.min(maxMillis, exponential);
    }
}
