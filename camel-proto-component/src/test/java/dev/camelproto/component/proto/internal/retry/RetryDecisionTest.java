package dev.camelproto.component.proto.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.camelproto.component.proto.internal.retry.RetryDecision.Action;
import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    private static AttemptOutcome answered(int status) {
        return AttemptOutcome.answered(status, Optional.empty());
    }

    private static AttemptOutcome answered(int status, Optional<Duration> retryAfter) {
        return AttemptOutcome.answered(status, retryAfter);
    }

    private static AttemptOutcome failed(TransportFailure failure) {
        return AttemptOutcome.failed(failure);
    }

    /** A call that is not a DELETE and whose earlier attempts (if any) reached nothing. */
    private static CallState call(boolean idempotent, int attemptsCharged, long timeLeftMillis) {
        return new CallState(idempotent, false, attemptsCharged, false, timeLeftMillis);
    }

    private static CallState delete(boolean isDelete, boolean earlierMayHaveReachedServer) {
        return new CallState(true, isDelete, 2, earlierMayHaveReachedServer, PLENTY);
    }

    private static RetryDecision decide(RetryPolicy policy, AttemptOutcome outcome, CallState call) {
        return policy.decide(outcome, call, MAX_JITTER);
    }

    @ParameterizedTest(name = "{0} (idempotent: {1}) is final")
    @CsvSource({
        "200, false",
        "201, true",
        "204, false",
        "400, true",
        "401, true",
        "403, true",
        "404, true",
        "409, true",
        "422, true",
        "500, true",
        "502, false",
        "503, false",
        "504, false"
    })
    void successOtherStatusesAndGatewayStatusesForNonIdempotentMethodsAreFinal(int status, boolean idempotent) {
        assertThat(decide(POLICY, answered(status), call(idempotent, 1, PLENTY)).action())
                .isEqualTo(Action.FINISH);
    }

    @ParameterizedTest(name = "{0} is retried after the first back-off")
    @CsvSource({"502", "503", "504"})
    void gatewayStatusesAreRetriedForIdempotentMethodsAndMayHaveReachedTheServer(int status) {
        RetryDecision d = decide(POLICY, answered(status), call(true, 1, PLENTY));
        assertThat(d.action()).isEqualTo(Action.RETRY);
        assertThat(d.delayMillis()).isEqualTo(100); // first retry: ceiling retryDelay
        assertThat(d.mayHaveReachedServer())
                .as("a gateway may answer after the backend acted")
                .isTrue();
    }

    @ParameterizedTest(name = "429 (idempotent: {0}) goes to the gate")
    @CsvSource({"true", "false"})
    void a429GoesToTheGateForEveryMethodPausingItForTheBackOff(boolean idempotent) {
        RetryDecision d = decide(POLICY, answered(429), call(idempotent, 1, PLENTY));
        assertThat(d.action()).isEqualTo(Action.GATE);
        assertThat(d.gatePause()).isEqualTo(Duration.ofMillis(100));
        assertThat(d.mayHaveReachedServer()).isFalse();
    }

    @Test
    void gatewayStatusesAreRetriedForNonIdempotentMethodsWhenOptedIn() {
        for (int s : new int[] {502, 503, 504}) {
            assertThat(decide(OPTED_IN, answered(s), call(false, 1, PLENTY)).action())
                    .isEqualTo(Action.RETRY);
        }
    }

    @Test
    void a503WithRetryAfterIsARefusalRetriedForEveryMethodAtTheLaterOfBothDelays() {
        for (boolean idempotent : new boolean[] {true, false}) {
            RetryDecision d = decide(POLICY, answered(503, seconds(2)), call(idempotent, 1, PLENTY));
            assertThat(d.action()).isEqualTo(Action.RETRY);
            assertThat(d.delayMillis()).isEqualTo(2_000); // max(2 s, computed 100 ms)
            assertThat(d.mayHaveReachedServer())
                    .as("refused before doing anything")
                    .isFalse();
        }
        // Retry-After 0 (or a past date): the jittered back-off still applies, no tight loop
        assertThat(decide(POLICY, answered(503, seconds(0)), call(false, 3, PLENTY))
                        .delayMillis())
                .isEqualTo(400);
        // 502 and 504 with Retry-After stay idempotent-only
        assertThat(decide(POLICY, answered(502, seconds(1)), call(false, 1, PLENTY))
                        .action())
                .isEqualTo(Action.FINISH);
        assertThat(decide(POLICY, answered(504, seconds(1)), call(false, 1, PLENTY))
                        .action())
                .isEqualTo(Action.FINISH);
    }

    @Test
    void aRetryAfterLongerThanRetryMaxDelayIsNotWaitedForEvenSaturated() {
        for (int s : new int[] {429, 503}) {
            assertThat(decide(POLICY, answered(s, seconds(31)), call(true, 1, PLENTY))
                            .action())
                    .isEqualTo(Action.FINISH);
            assertThat(decide(POLICY, answered(s, Optional.of(RetryAfter.MAX)), call(false, 1, PLENTY))
                            .action())
                    .isEqualTo(Action.FINISH);
        }
        assertThat(decide(POLICY, answered(429, seconds(30)), call(true, 1, PLENTY))
                        .action())
                .isEqualTo(Action.GATE);
    }

    @Test
    void a429PausesTheGateForItsRetryAfterAndMarksTheLastAttempt() {
        RetryDecision d = decide(POLICY, answered(429, seconds(5)), call(false, 1, PLENTY));
        assertThat(d.action()).isEqualTo(Action.GATE);
        assertThat(d.gatePause()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.lastAttempt()).isFalse();
        RetryDecision last = decide(POLICY, answered(429, seconds(5)), call(false, 4, PLENTY));
        assertThat(last.action()).isEqualTo(Action.GATE);
        assertThat(last.lastAttempt()).as("finished if the gate charges it").isTrue();
    }

    @Test
    void noAttemptsLeftFinishes() {
        assertThat(decide(POLICY, answered(503), call(true, 4, PLENTY)).action())
                .isEqualTo(Action.FINISH);
        assertThat(decide(POLICY, answered(503, seconds(1)), call(false, 4, PLENTY))
                        .action())
                .isEqualTo(Action.FINISH);
        assertThat(decide(new RetryPolicy(0, 100, 30_000, false), answered(502), call(true, 1, PLENTY))
                        .action())
                .isEqualTo(Action.FINISH);
    }

    @Test
    void aWaitThatWouldEndAfterTheDeadlineTimesOutAtOnce() {
        RetryDecision d = decide(POLICY, answered(503, seconds(5)), call(true, 1, 4_999));
        assertThat(d.action()).isEqualTo(Action.TIMEOUT);
        assertThat(d.delayMillis()).isEqualTo(5_000);
        assertThat(decide(POLICY, answered(503, seconds(5)), call(true, 1, 5_001))
                        .action())
                .isEqualTo(Action.RETRY);
        RetryDecision gate = decide(POLICY, answered(429, seconds(5)), call(true, 1, 1_000));
        assertThat(gate.action()).isEqualTo(Action.TIMEOUT);
        assertThat(gate.gatePause()).as("the others still wait").isEqualTo(Duration.ofSeconds(5));
        assertThat(decide(POLICY, failed(TransportFailure.NOT_SENT), call(false, 1, 50))
                        .action())
                .isEqualTo(Action.TIMEOUT);
    }

    @Test
    void theComputedDelayGrowsExponentiallyUpToRetryMaxDelay() {
        RetryPolicy p = new RetryPolicy(40, 100, 1_000, false);
        assertThat(decide(p, answered(502), call(true, 1, PLENTY)).delayMillis())
                .isEqualTo(100);
        assertThat(decide(p, answered(502), call(true, 2, PLENTY)).delayMillis())
                .isEqualTo(200);
        assertThat(decide(p, answered(502), call(true, 3, PLENTY)).delayMillis())
                .isEqualTo(400);
        assertThat(decide(p, answered(502), call(true, 5, PLENTY)).delayMillis())
                .isEqualTo(1_000);
        assertThat(decide(p, answered(502), call(true, 40, PLENTY)).delayMillis())
                .isEqualTo(1_000);
    }

    @Test
    void aFailureBeforeSendingIsRetriedForEveryMethodOneAfterSendingForIdempotentOnesUnlessOptedIn() {
        assertThat(decide(POLICY, failed(TransportFailure.NOT_SENT), call(false, 1, PLENTY)))
                .satisfies(d -> {
                    assertThat(d.action()).isEqualTo(Action.RETRY);
                    assertThat(d.mayHaveReachedServer()).isFalse();
                });
        assertThat(decide(POLICY, failed(TransportFailure.MAY_HAVE_BEEN_SENT), call(true, 1, PLENTY)))
                .satisfies(d -> {
                    assertThat(d.action()).isEqualTo(Action.RETRY);
                    assertThat(d.mayHaveReachedServer()).isTrue();
                });
        assertThat(decide(POLICY, failed(TransportFailure.MAY_HAVE_BEEN_SENT), call(false, 1, PLENTY))
                        .action())
                .isEqualTo(Action.FINISH);
        assertThat(decide(OPTED_IN, failed(TransportFailure.MAY_HAVE_BEEN_SENT), call(false, 1, PLENTY))
                        .action())
                .isEqualTo(Action.RETRY);
        assertThat(decide(POLICY, failed(TransportFailure.NOT_SENT), call(false, 4, PLENTY))
                        .action())
                .isEqualTo(Action.FINISH);
    }

    @Test
    void aDeleteAnswered404AfterAnAttemptThatMayHaveDeletedItIsDone() {
        assertThat(decide(POLICY, answered(404), delete(true, true)).action()).isEqualTo(Action.DELETE_GONE);
        assertThat(decide(POLICY, answered(404), delete(true, false)).action()).isEqualTo(Action.FINISH);
        assertThat(decide(POLICY, answered(404), delete(false, true)).action()).isEqualTo(Action.FINISH);
    }

    @Test
    void anOutcomeIsEitherAnAnswerOrAFailure() {
        assertThat(answered(503, seconds(1)).isFailure()).isFalse();
        assertThat(failed(TransportFailure.NOT_SENT).retryAfter()).isEmpty();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AttemptOutcome(503, Optional.empty(), TransportFailure.NOT_SENT));
        assertThatIllegalArgumentException().isThrownBy(() -> AttemptOutcome.answered(0, Optional.empty()));
    }
}
