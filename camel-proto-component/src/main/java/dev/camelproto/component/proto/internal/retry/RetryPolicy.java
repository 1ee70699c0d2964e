package dev.camelproto.component.proto.internal.retry;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

import dev.camelproto.component.proto.internal.retry.RetryDecision.Action;

/**
 * What is retried, and after how long. The rules (docs/user-guide.md, "Retries"):
 * <ul>
 * <li>429 is always retryable: the request was refused, not processed. It goes through the teamspace gate.</li>
 * <li>503 with a {@code Retry-After} is a refusal too (RFC 9110 15.6.4: the server says when to come back), retried
 * for every method, on the call's own timer.</li>
 * <li>A transport failure before anything was sent (connect refused or timed out) is always retryable.</li>
 * <li>502, 504, 503 without {@code Retry-After} and transport failures after sending (reset, response timeout) are retried for idempotent methods
 * only, unless {@code retryNonIdempotent} is set: a POST may have been applied.</li>
 * <li>Every other status is final.</li>
 * </ul>
 * Delays grow exponentially from {@code retryDelay} with full jitter, capped at {@code retryMaxDelay}. A
 * {@code Retry-After} longer than {@code retryMaxDelay} is not waited for at all. For a 429 the server's
 * {@code Retry-After} is the gate's pause (the gate spreads the release itself); for a call's own retry the wait is
 * {@code max(Retry-After, computed delay)}: the server's value is the earliest moment it wants to see us again, and the
 * jitter keeps the clients it refused at the same moment from coming back at the same instant (a {@code 0} or a past
 * date would otherwise be a tight loop). A wait that would end after the call's deadline fails the call at once.
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

    /**
     * The decision after one attempt: pure (no clock, no I/O; the jitter comes from {@code random}), so that every row
     * of the retry table is tested in milliseconds.
     *
     * @param status          the HTTP status, or 0 when {@code failure} is set
     * @param failure         the transport failure, or null when an answer came
     * @param retryAfter      the parsed Retry-After of the answer (empty when absent, garbage or a failure)
     * @param idempotent      whether the method may be sent twice (GET, PUT, DELETE)
     * @param delete          whether it is a DELETE (for the 404-after-a-lost-attempt rule)
     * @param attempts        the attempts made so far that count against maxRetries
     * @param reachedBefore   whether an earlier attempt may have been processed
     * @param timeLeftMillis  the time left before the call's deadline
     */
    public RetryDecision decide(int status, TransportFailure failure, Optional<Duration> retryAfter, boolean idempotent,
                                boolean delete, int attempts, boolean reachedBefore, long timeLeftMillis,
                                RandomGenerator random) {
        if (failure != null) {
            boolean reached = failure == TransportFailure.MAY_HAVE_BEEN_SENT;
            String why = reached ? "a failure after sending" : "a failure before sending";
            if (!retryableFailure(failure, idempotent) || !hasAttemptsLeft(attempts)) {
                return new RetryDecision(Action.FINISH, 0, null, false, reached, why);
            }
            return retryOrTimeout(delayMillis(attempts, Optional.empty(), random), timeLeftMillis, reached, why);
        }
        String why = "HTTP " + status;
        if (status >= 200 && status < 300) {
            return new RetryDecision(Action.FINISH, 0, null, false, true, why);
        }
        if (status == 404 && delete && reachedBefore) {
            return new RetryDecision(Action.DELETE_GONE, 0, null, false, true, why);
        }
        if (status == 429) {
            if (tooLong(retryAfter)) {
                return new RetryDecision(Action.FINISH, 0, null, false, false, why);
            }
            Duration pause = Duration.ofMillis(retryAfter.map(Duration::toMillis)
                    .orElseGet(() -> delayMillis(attempts, Optional.empty(), random)));
            boolean last = !hasAttemptsLeft(attempts);
            if (!last && pause.toMillis() >= timeLeftMillis) {
                return new RetryDecision(Action.TIMEOUT, pause.toMillis(), pause, false, false, why);
            }
            return new RetryDecision(Action.GATE, 0, pause, last, false, why);
        }
        boolean refusal = status == 503 && retryAfter.isPresent();
        boolean reached = !refusal && (status == 502 || status == 503 || status == 504);
        boolean retryable = refusal || retryableStatus(status, idempotent);
        if (!retryable || !hasAttemptsLeft(attempts) || tooLong(retryAfter)) {
            return new RetryDecision(Action.FINISH, 0, null, false, reached, why);
        }
        long computed = delayMillis(attempts, Optional.empty(), random);
        long delay = retryAfter.map(d -> Math.max(d.toMillis(), computed)).orElse(computed);
        return retryOrTimeout(delay, timeLeftMillis, reached, why);
    }

    private static RetryDecision retryOrTimeout(long delay, long timeLeftMillis, boolean reached, String why) {
        return new RetryDecision(delay >= timeLeftMillis ? Action.TIMEOUT : Action.RETRY, delay, null, false, reached,
                why);
    }

    /** True when a response with this status may be sent again (a 503 with Retry-After: see {@link #decide}). */
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
        // compareTo, not toMillis(): a saturated Retry-After is compared without any conversion
        return retryAfter.isPresent() && retryAfter.get().compareTo(Duration.ofMillis(retryMaxDelayMillis)) > 0;
    }

    /**
     * The delay before attempt {@code attemptsSoFar + 1}: the server's Retry-After when it gave one, else a random
     * delay in {@code [0, min(retryMaxDelay, retryDelay * 2^(attemptsSoFar - 1))]} (exponential back-off, full jitter).
     */
    public long delayMillis(int attemptsSoFar, Optional<Duration> retryAfter) {
        return delayMillis(attemptsSoFar, retryAfter, ThreadLocalRandom.current());
    }

    long delayMillis(int attemptsSoFar, Optional<Duration> retryAfter, RandomGenerator random) {
        if (retryAfter.isPresent()) {
            return retryAfter.get().toMillis(); // fits: RetryAfter saturates at Long.MAX_VALUE nanoseconds
        }
        int shift = Math.min(30, Math.max(0, attemptsSoFar - 1));
        long exponential = retryDelayMillis > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : retryDelayMillis << shift;
        long ceiling = Math.min(retryMaxDelayMillis, exponential);
        return ceiling <= 0 ? 0 : random.nextLong(ceiling + 1);
    }
}
