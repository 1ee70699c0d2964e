package dev.camelproto.component.proto.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.internal.retry.RetryDecision.Action;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The retry rules as properties of {@link RetryPolicy#decide}, for any policy, outcome and call state (pure: no
 * server, no clock). Written down:
 * <ol>
 * <li>A wait is never longer than {@code retryMaxDelay}: the delay of a RETRY or TIMEOUT and a 429's gate pause are in
 * {@code [0, retryMaxDelay]}; a call's own retry waits at least the Retry-After; a 429's pause is its Retry-After
 * (in whole milliseconds) when it gave one.</li>
 * <li>RETRY only when the wait ends before the deadline, TIMEOUT only when it would not.</li>
 * <li>Never RETRY (nor TIMEOUT waiting for one) when no attempt is left ({@code attemptsCharged > maxRetries}); a GATE
 * then says it is the last attempt.</li>
 * <li>An attempt that may have been processed (a failure after sending; 502, 504, a 503 without Retry-After) is sent
 * again only for an idempotent method or with {@code retryNonIdempotent}; any other status than 429 and those is
 * final.</li>
 * <li>{@code mayHaveReachedServer} is true exactly for: a failure after sending; a 2xx; 502, 504, a 503 without
 * Retry-After; a DELETE's 404 after an earlier attempt that may have reached the server (which is DELETE_GONE).
 * False for a failure before sending, a 429, a 503 with Retry-After and every other status.</li>
 * </ol>
 */
class RetryDecisionPropertyTest {

    private static final Set<Action> WAITS = EnumSet.of(Action.RETRY, Action.GATE, Action.TIMEOUT);

    @Property(tries = 2_000)
    void decisionsFollowTheRetryRules(
            @ForAll("policies") RetryPolicy policy,
            @ForAll("outcomes") AttemptOutcome outcome,
            @ForAll("calls") CallState call,
            @ForAll Random random) {
        RetryDecision d = policy.decide(outcome, call, random);
        long max = policy.retryMaxDelayMillis();
        Optional<Duration> retryAfter = outcome.retryAfter();
        boolean attemptsLeft = call.attemptsCharged() <= policy.maxRetries();
        boolean maybeProcessed = outcome.isFailure()
                ? outcome.failure() == TransportFailure.MAY_HAVE_BEEN_SENT
                : outcome.status() == 502 || outcome.status() == 504 || outcome.status() == 503 && retryAfter.isEmpty();
        boolean deleteGone = outcome.status() == 404 && call.delete() && call.mayHaveReachedServer();

        // 1. waits within [0, retryMaxDelay], merged with the Retry-After
        if (d.action() == Action.RETRY || d.action() == Action.TIMEOUT) {
            assertThat(d.delayMillis()).isBetween(0L, max);
        }
        if (d.action() == Action.RETRY) {
            retryAfter.ifPresent(ra -> assertThat(d.delayMillis()).isGreaterThanOrEqualTo(ra.toMillis()));
        }
        assertThat(d.gatePause() != null).isEqualTo(outcome.status() == 429 && WAITS.contains(d.action()));
        if (d.gatePause() != null) {
            assertThat(d.gatePause().toMillis()).isBetween(0L, max);
            retryAfter.ifPresent(ra -> assertThat(d.gatePause()).isEqualTo(Duration.ofMillis(ra.toMillis())));
            if (d.action() == Action.TIMEOUT) {
                assertThat(d.delayMillis()).isEqualTo(d.gatePause().toMillis());
            }
        }
        if (retryAfter.isPresent() && retryAfter.get().compareTo(Duration.ofMillis(max)) > 0) {
            assertThat(d.action())
                    .as("a too-long Retry-After is not waited for")
                    .isNotIn(WAITS);
        }

        // 2. the deadline
        if (d.action() == Action.RETRY) {
            assertThat(d.delayMillis()).isLessThan(call.timeLeftMillis());
        }
        if (d.action() == Action.TIMEOUT) {
            assertThat(d.delayMillis()).isGreaterThanOrEqualTo(call.timeLeftMillis());
        }

        // 3. attempts
        if (d.action() == Action.RETRY || d.action() == Action.TIMEOUT) {
            assertThat(attemptsLeft)
                    .as("never another attempt when none is left")
                    .isTrue();
        }
        if (d.action() == Action.GATE) {
            assertThat(d.lastAttempt()).isEqualTo(!attemptsLeft);
        } else {
            assertThat(d.lastAttempt()).isFalse();
        }

        // 4. what is sent again
        if (maybeProcessed && !call.idempotent() && !policy.retryNonIdempotent()) {
            assertThat(d.action())
                    .as("a request that may have been applied is not sent twice")
                    .isEqualTo(Action.FINISH);
        }
        if (!outcome.isFailure()
                && outcome.status() != 429
                && outcome.status() != 502
                && outcome.status() != 503
                && outcome.status() != 504) {
            assertThat(d.action()).isEqualTo(deleteGone ? Action.DELETE_GONE : Action.FINISH);
        }

        // 5. mayHaveReachedServer
        assertThat(d.mayHaveReachedServer()).isEqualTo(maybeProcessed || outcome.isSuccess() || deleteGone);
        assertThat(d.why()).isEqualTo(outcome.describe());
    }

    @Property(tries = 500)
    void theBackoffIsUniformlyJitteredUnderItsExponentialCeiling(
            @ForAll @LongRange(max = 100_000) long base,
            @ForAll @LongRange(max = 100_000) long cap,
            @ForAll @IntRange(max = 100) int attemptsSoFar,
            @ForAll Random random) {
        Backoff backoff = new Backoff(base, cap);
        double exponential = base * Math.pow(2, Math.max(0, attemptsSoFar - 1));
        long ceiling = (long) Math.min(cap, exponential);
        assertThat(backoff.ceilingMillis(attemptsSoFar)).isEqualTo(ceiling);
        assertThat(backoff.delayMillis(attemptsSoFar, random)).isBetween(0L, ceiling);
    }

    @Provide
    Arbitrary<RetryPolicy> policies() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 6),
                        Arbitraries.longs().between(0, 10_000),
                        Arbitraries.longs().between(0, 60_000),
                        Arbitraries.of(true, false))
                .as(RetryPolicy::new);
    }

    @Provide
    Arbitrary<AttemptOutcome> outcomes() {
        Arbitrary<Integer> statuses = Arbitraries.oneOf(
                Arbitraries.of(200, 201, 204, 400, 401, 404, 409, 429, 500, 502, 503, 504),
                Arbitraries.integers().between(100, 599));
        Arbitrary<Optional<Duration>> retryAfters = Arbitraries.oneOf(
                Arbitraries.just(Optional.<Duration>empty()),
                Arbitraries.longs().between(0, 90_000).map(ms -> Optional.of(Duration.ofMillis(ms))),
                Arbitraries.longs().between(0, 90_000_000_000L).map(ns -> Optional.of(Duration.ofNanos(ns))),
                Arbitraries.just(Optional.of(RetryAfter.MAX)));
        Arbitrary<AttemptOutcome> answers =
                Combinators.combine(statuses, retryAfters).as(AttemptOutcome::answered);
        Arbitrary<AttemptOutcome> failures =
                Arbitraries.of(TransportFailure.class).map(AttemptOutcome::failed);
        return Arbitraries.oneOf(answers, answers, failures);
    }

    @Provide
    Arbitrary<CallState> calls() {
        return Combinators.combine(
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, 12),
                        Arbitraries.of(true, false),
                        Arbitraries.longs().between(-1_000, 150_000))
                .as(CallState::new);
    }
}
