package dev.camelproto.component.proto.internal.retry;

import dev.camelproto.component.proto.internal.retry.RetryDecision.Action;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * What is retried, and after how long. The rules (docs/user-guide.md, "Retries"):
 * <ul>
 * <li>429 is always retryable: the request was refused, not processed. It goes through the teamspace gate.</li>
 * <li>503 with a {@code Retry-After} is a refusal too (RFC 9110 15.6.4: the server says when to come back), retried
 * for every method, on the call's own timer.</li>
 * <li>A transport failure before anything was sent (connect refused or timed out) is always retryable.</li>
 * <li>502, 504, 503 without {@code Retry-After} and transport failures after sending (reset, response timeout) are
 * retried for idempotent methods only, unless {@code retryNonIdempotent} is set: a POST may have been applied.</li>
 * <li>Every other status is final.</li>
 * </ul>
 * Delays grow exponentially from {@code retryDelay} with full jitter, capped at {@code retryMaxDelay}
 * ({@link Backoff}). A {@code Retry-After} longer than {@code retryMaxDelay} is not waited for at all. For a 429 the
 * server's {@code Retry-After} is the gate's pause (the gate spreads the release itself); for a call's own retry the
 * wait is {@code max(Retry-After, computed delay)}. A wait that would end after the call's deadline fails the call at
 * once.
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
     */
    public RetryDecision decide(AttemptOutcome outcome, CallState call, RandomGenerator random) {
        String why = outcome.describe();
        if (outcome.isSuccess()) {
            return finish(true, why);
        }
        if (deleteAlreadyDone(outcome, call)) {
            return new RetryDecision(Action.DELETE_GONE, 0, null, false, true, why);
        }
        boolean mayHaveReachedServer = mayHaveBeenProcessed(outcome);
        if (tooLong(outcome.retryAfter()) || !mayResend(outcome, call.idempotent())) {
            return finish(mayHaveReachedServer, why);
        }
        if (outcome.status() == 429) {
            return gate(outcome.retryAfter(), call, random, why);
        }
        if (!hasAttemptsLeft(call.attemptsCharged())) {
            return finish(mayHaveReachedServer, why);
        }
        long delay = ownRetryDelay(outcome.retryAfter(), backoff().delayMillis(call.attemptsCharged(), random));
        Action action = delay >= call.timeLeftMillis() ? Action.TIMEOUT : Action.RETRY;
        return new RetryDecision(action, delay, null, false, mayHaveReachedServer, why);
    }

    /** A 429: the gate pauses the teamspace, this call waits in its queue; unless the pause outlasts the deadline. */
    private RetryDecision gate(Optional<Duration> retryAfter, CallState call, RandomGenerator random, String why) {
        Duration pause = gatePause(retryAfter, () -> backoff().delayMillis(call.attemptsCharged(), random));
        boolean last = !hasAttemptsLeft(call.attemptsCharged());
        if (!last && pause.toMillis() >= call.timeLeftMillis()) {
            return new RetryDecision(Action.TIMEOUT, pause.toMillis(), pause, false, false, why);
        }
        return new RetryDecision(Action.GATE, 0, pause, last, false, why);
    }

    private static RetryDecision finish(boolean mayHaveReachedServer, String why) {
        return new RetryDecision(Action.FINISH, 0, null, false, mayHaveReachedServer, why);
    }

    /** The exponential back-off with full jitter from {@code retryDelay}, capped at {@code retryMaxDelay}. */
    public Backoff backoff() {
        return new Backoff(retryDelayMillis, retryMaxDelayMillis);
    }

    // --- which outcomes are sent again -------------------------------------------------------------------------

    /**
     * The server did not act on the attempt, so it may be sent again whatever the method: refused (429; a 503 with
     * {@code Retry-After}, RFC 9110 15.6.4: the server says when to come back) or never sent.
     */
    private static boolean notProcessed(AttemptOutcome outcome) {
        if (outcome.isFailure()) {
            return outcome.failure() == TransportFailure.NOT_SENT;
        }
        return outcome.status() == 429
                || outcome.status() == 503 && outcome.retryAfter().isPresent();
    }

    /**
     * A transient error after which the request may have been processed: 502, 504, a 503 without {@code Retry-After}
     * (a gateway may answer after the backend acted), a failure after sending.
     */
    private static boolean mayHaveBeenProcessed(AttemptOutcome outcome) {
        if (outcome.isFailure()) {
            return outcome.failure() == TransportFailure.MAY_HAVE_BEEN_SENT;
        }
        return switch (outcome.status()) {
            case 502, 504 -> true;
            case 503 -> outcome.retryAfter().isEmpty();
            default -> false;
        };
    }

    /** Whether the attempt may be sent again: always when not processed, else only when sending twice is safe. */
    private boolean mayResend(AttemptOutcome outcome, boolean idempotent) {
        return notProcessed(outcome) || mayHaveBeenProcessed(outcome) && (idempotent || retryNonIdempotent);
    }

    /** A DELETE answered 404 after an earlier attempt that may have deleted it: what the caller asked for is done. */
    private static boolean deleteAlreadyDone(AttemptOutcome outcome, CallState call) {
        return outcome.status() == 404 && call.delete() && call.mayHaveReachedServer();
    }

    /** Whether another attempt is allowed after {@code attemptsSoFar} attempts. */
    private boolean hasAttemptsLeft(int attemptsSoFar) {
        return attemptsSoFar <= maxRetries;
    }

    // --- how a Retry-After and the back-off make the wait ------------------------------------------------------

    /** The server's Retry-After is longer than we are allowed to wait: not waited for at all. */
    private boolean tooLong(Optional<Duration> retryAfter) {
        // compareTo, not toMillis(): a saturated Retry-After is compared without any conversion
        return retryAfter.isPresent() && retryAfter.get().compareTo(Duration.ofMillis(retryMaxDelayMillis)) > 0;
    }

    /**
     * A call's own retry waits {@code max(Retry-After, computed)}: the server's value is the earliest moment it wants
     * to see us again, the jitter keeps the clients it refused at once from coming back at once (a {@code 0} or a past
     * date would otherwise be a tight loop).
     */
    private static long ownRetryDelay(Optional<Duration> retryAfter, long computedMillis) {
        // toMillis() fits: RetryAfter saturates at Long.MAX_VALUE nanoseconds
        return retryAfter.map(d -> Math.max(d.toMillis(), computedMillis)).orElse(computedMillis);
    }

    /** A 429 pauses the gate for the server's Retry-After (the gate spreads the release itself), else the back-off. */
    private static Duration gatePause(Optional<Duration> retryAfter, LongSupplier computedMillis) {
        return Duration.ofMillis(retryAfter.map(Duration::toMillis).orElseGet(computedMillis::getAsLong));
    }
}
