package dev.camelproto.component.proto.internal.retry;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

import dev.camelproto.component.proto.internal.retry.RetryDecision.Action;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The retry table as one pure function, row by row (no server, no clock, no sleeping). */
class RetryDecisionTest {

    /** maxRetries 3, retryDelay 100 ms, retryMaxDelay 30 s. */
    private static final RetryPolicy POLICY = new RetryPolicy(3, 100, 30_000, false);
    private static final RetryPolicy OPTED_IN = new RetryPolicy(3, 100, 30_000, true);
    private static final long PLENTY = 120_000;
    /** Jitter at the top of its range: the computed delay is its ceiling. */
    private static final RandomGenerator MAX_JITTER = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    private static Optional<Duration> seconds(long s) {
        return Optional.of(Duration.ofSeconds(s));
    }

    private static RetryDecision status(RetryPolicy p, int status, Optional<Duration> retryAfter, boolean idempotent,
                                        int attempts, long timeLeft) {
        return p.decide(status, null, retryAfter, idempotent, false, attempts, false, timeLeft, MAX_JITTER);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            // status, idempotent, action
            "200, false, FINISH", "201, true, FINISH", "204, false, FINISH",
            "400, true, FINISH", "401, true, FINISH", "403, true, FINISH", "404, true, FINISH", "409, true, FINISH",
            "422, true, FINISH", "500, true, FINISH",
            "502, true, RETRY", "503, true, RETRY", "504, true, RETRY",
            "502, false, FINISH", "503, false, FINISH", "504, false, FINISH",
            "429, true, GATE", "429, false, GATE" })
    void statusWithoutRetryAfter(int status, boolean idempotent, Action action) {
        RetryDecision d = status(POLICY, status, Optional.empty(), idempotent, 1, PLENTY);
        assertThat(d.action()).isEqualTo(action);
        if (action == Action.RETRY) {
            assertThat(d.delayMillis()).isEqualTo(100); // first retry: ceiling retryDelay
            assertThat(d.reachedServer()).as("a gateway may answer after the backend acted").isTrue();
        }
        if (action == Action.GATE) {
            assertThat(d.gatePause()).isEqualTo(Duration.ofMillis(100));
            assertThat(d.reachedServer()).isFalse();
        }
    }

    @Test
    void gatewayStatusesAreRetriedForPostWhenOptedIn() {
        for (int s : new int[] { 502, 503, 504 }) {
            assertThat(status(OPTED_IN, s, Optional.empty(), false, 1, PLENTY).action()).isEqualTo(Action.RETRY);
        }
    }

    @Test
    void a503WithRetryAfterIsARefusalRetriedForEveryMethodAtTheLaterOfBothDelays() {
        for (boolean idempotent : new boolean[] { true, false }) {
            RetryDecision d = status(POLICY, 503, seconds(2), idempotent, 1, PLENTY);
            assertThat(d.action()).isEqualTo(Action.RETRY);
            assertThat(d.delayMillis()).isEqualTo(2_000); // max(2 s, computed 100 ms)
            assertThat(d.reachedServer()).as("refused before doing anything").isFalse();
        }
        // Retry-After 0 (or a past date): the jittered back-off still applies, no tight loop
        assertThat(status(POLICY, 503, seconds(0), false, 3, PLENTY).delayMillis()).isEqualTo(400);
        // 502 and 504 with Retry-After stay idempotent-only
        assertThat(status(POLICY, 502, seconds(1), false, 1, PLENTY).action()).isEqualTo(Action.FINISH);
        assertThat(status(POLICY, 504, seconds(1), false, 1, PLENTY).action()).isEqualTo(Action.FINISH);
    }

    @Test
    void aRetryAfterLongerThanRetryMaxDelayFinishesAtOnceEvenSaturated() {
        for (int s : new int[] { 429, 503 }) {
            assertThat(status(POLICY, s, seconds(31), true, 1, PLENTY).action()).isEqualTo(Action.FINISH);
            assertThat(status(POLICY, s, Optional.of(RetryAfter.MAX), false, 1, PLENTY).action())
                    .isEqualTo(Action.FINISH);
        }
        assertThat(status(POLICY, 429, seconds(30), true, 1, PLENTY).action()).isEqualTo(Action.GATE);
    }

    @Test
    void a429PausesTheGateForItsRetryAfterAndMarksTheLastAttempt() {
        RetryDecision d = status(POLICY, 429, seconds(5), false, 1, PLENTY);
        assertThat(d.action()).isEqualTo(Action.GATE);
        assertThat(d.gatePause()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.lastAttempt()).isFalse();
        RetryDecision last = status(POLICY, 429, seconds(5), false, 4, PLENTY);
        assertThat(last.action()).isEqualTo(Action.GATE);
        assertThat(last.lastAttempt()).as("finished if the gate charges it").isTrue();
    }

    @Test
    void noAttemptsLeftFinishes() {
        assertThat(status(POLICY, 503, Optional.empty(), true, 4, PLENTY).action()).isEqualTo(Action.FINISH);
        assertThat(status(POLICY, 503, seconds(1), false, 4, PLENTY).action()).isEqualTo(Action.FINISH);
        assertThat(status(new RetryPolicy(0, 100, 30_000, false), 502, Optional.empty(), true, 1, PLENTY).action())
                .isEqualTo(Action.FINISH);
    }

    @Test
    void aWaitThatWouldEndAfterTheDeadlineTimesOutAtOnce() {
        RetryDecision d = status(POLICY, 503, seconds(5), true, 1, 4_999);
        assertThat(d.action()).isEqualTo(Action.TIMEOUT);
        assertThat(d.delayMillis()).isEqualTo(5_000);
        assertThat(status(POLICY, 503, seconds(5), true, 1, 5_001).action()).isEqualTo(Action.RETRY);
        RetryDecision gate = status(POLICY, 429, seconds(5), true, 1, 1_000);
        assertThat(gate.action()).isEqualTo(Action.TIMEOUT);
        assertThat(gate.gatePause()).as("the others still wait").isEqualTo(Duration.ofSeconds(5));
        assertThat(POLICY.decide(0, TransportFailure.NOT_SENT, Optional.empty(), false, false, 1, false, 50,
                MAX_JITTER).action()).isEqualTo(Action.TIMEOUT);
    }

    @Test
    void theComputedDelayGrowsExponentiallyUpToRetryMaxDelay() {
        RetryPolicy p = new RetryPolicy(40, 100, 1_000, false);
        assertThat(status(p, 502, Optional.empty(), true, 1, PLENTY).delayMillis()).isEqualTo(100);
        assertThat(status(p, 502, Optional.empty(), true, 2, PLENTY).delayMillis()).isEqualTo(200);
        assertThat(status(p, 502, Optional.empty(), true, 3, PLENTY).delayMillis()).isEqualTo(400);
        assertThat(status(p, 502, Optional.empty(), true, 5, PLENTY).delayMillis()).isEqualTo(1_000);
        assertThat(status(p, 502, Optional.empty(), true, 40, PLENTY).delayMillis()).isEqualTo(1_000);
    }

    @Test
    void transportFailures() {
        // not sent: every method; after sending: idempotent only unless opted in
        assertThat(POLICY.decide(0, TransportFailure.NOT_SENT, Optional.empty(), false, false, 1, false, PLENTY,
                MAX_JITTER)).satisfies(d -> {
                    assertThat(d.action()).isEqualTo(Action.RETRY);
                    assertThat(d.reachedServer()).isFalse();
                });
        assertThat(POLICY.decide(0, TransportFailure.MAY_HAVE_BEEN_SENT, Optional.empty(), true, false, 1, false,
                PLENTY, MAX_JITTER)).satisfies(d -> {
                    assertThat(d.action()).isEqualTo(Action.RETRY);
                    assertThat(d.reachedServer()).isTrue();
                });
        assertThat(POLICY.decide(0, TransportFailure.MAY_HAVE_BEEN_SENT, Optional.empty(), false, false, 1, false,
                PLENTY, MAX_JITTER).action()).isEqualTo(Action.FINISH);
        assertThat(OPTED_IN.decide(0, TransportFailure.MAY_HAVE_BEEN_SENT, Optional.empty(), false, false, 1, false,
                PLENTY, MAX_JITTER).action()).isEqualTo(Action.RETRY);
        assertThat(POLICY.decide(0, TransportFailure.NOT_SENT, Optional.empty(), false, false, 4, false, PLENTY,
                MAX_JITTER).action()).isEqualTo(Action.FINISH);
    }

    @Test
    void deleteAnswered404AfterAnAttemptThatMayHaveDeletedIt() {
        assertThat(POLICY.decide(404, null, Optional.empty(), true, true, 2, true, PLENTY, MAX_JITTER).action())
                .isEqualTo(Action.DELETE_GONE);
        assertThat(POLICY.decide(404, null, Optional.empty(), true, true, 2, false, PLENTY, MAX_JITTER).action())
                .isEqualTo(Action.FINISH);
        assertThat(POLICY.decide(404, null, Optional.empty(), true, false, 2, true, PLENTY, MAX_JITTER).action())
                .isEqualTo(Action.FINISH);
    }
}
