package dev.camelproto.component.proto.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What is retried, and after how long. The rules (docs/user-guide.md, "Retries"):
 * <ul>
 * <li>429 is always retryable: the request was refused, not processed.</li>
 * <li>A transport failure before anything was sent (connect refused or timed out) is always retryable.</li>
 * <li>502, 503, 504 and transport failures after sending (reset, response timeout) are retried for idempotent methods
 * only, unless {@code retryNonIdempotent} is set: a POST may have been applied.</li>
 * <li>Every other status is final.</li>
 * </ul>
 * Delays grow exponentially from {@code retryDelay} with full jitter, capped at {@code retryMaxDelay}; a
 * {@code Retry-After} from the server replaces the computed delay, and one longer than {@code retryMaxDelay} is not
 * waited for at all.
 */
public record RetryPolicy(int maxRetries, long retryDelayMillis, long retryMaxDelayMillis, boolean retryNonIdempotent) {

    public static final RetryPolicy NONE = new RetryPolicy(0, 0, 0, false);

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("The option maxRetries must be 0 (off) or more, was " + maxRetries);
        }
        if (retryDelayMillis < 0 || retryMaxDelayMillis < 0) {
            throw new IllegalArgumentException("The options retryDelay and retryMaxDelay must not be negative");
        }
    }

    /** True when a response with this status may be sent again. */
    public boolean retryableStatus(int status, boolean idempotent) {
        return switch (status) {
            case 429 -> true;
            case 502, 503, 504 -> idempotent || retryNonIdempotent;
            default -> false;
        };
    }

    /** True when a request that failed this way may be sent again. */
    public boolean retryableFailure(TransportFailure failure, boolean idempotent) {
        return failure == TransportFailure.NOT_SENT || idempotent || retryNonIdempotent;
    }

    /** Whether another attempt is allowed after {@code attemptsSoFar} attempts. */
    public boolean hasAttemptsLeft(int attemptsSoFar) {
        return attemptsSoFar <= maxRetries;
    }

    /** True when the server's Retry-After is longer than we are allowed to wait. */
    public boolean tooLong(Optional<Duration> retryAfter) {
        return retryAfter.isPresent() && retryAfter.get().toMillis() > retryMaxDelayMillis;
    }

    /**
     * The delay before attempt {@code attemptsSoFar + 1}: the server's Retry-After when it gave one, else a random
     * delay in {@code [0, min(retryMaxDelay, retryDelay * 2^(attemptsSoFar - 1))]} (exponential back-off, full jitter).
     */
    public long delayMillis(int attemptsSoFar, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            return retryAfter.get().toMillis();
        }
        int shift = Math.min(30, Math.max(0, attemptsSoFar - 1));
        long exponential = retryDelayMillis > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : retryDelayMillis << shift;
        long ceiling = Math.min(retryMaxDelayMillis, exponential);
        return ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
    }
}
