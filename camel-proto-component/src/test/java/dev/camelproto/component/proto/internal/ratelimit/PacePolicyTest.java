package dev.camelproto.component.proto.internal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.internal.ratelimit.PacePolicy.Phase;
import dev.camelproto.component.proto.internal.ratelimit.PacePolicy.Refusal;
import dev.camelproto.component.proto.internal.ratelimit.PacePolicy.Release;
import org.junit.jupiter.api.Test;

/** The pace policy alone: times in milliseconds passed in, no clock, no timer, no threads. */
class PacePolicyTest {

    static final long MS = 1_000_000;
    static final long SECOND = 1_000 * MS;
    /** A paced release interval of a one-second period: 62.5 ms. */
    static final long INTERVAL = SECOND / PacePolicy.RELEASES_PER_PERIOD;

    final long t0 = 5_000 * MS;
    final PacePolicy policy = new PacePolicy();

    /** Paced at a batch of 60 per second, its first release done at t0 + 1 s (3 permits, none spent). */
    private long pacedAt60() {
        policy.on429(t0, SECOND, t0 - 10 * MS, 60);
        long t1 = t0 + SECOND;
        policy.release(t1, true);
        return t1;
    }

    private void spendAll() {
        while (policy.hasPermit()) {
            policy.spendPermit();
        }
    }

    @Test
    void aBusySecondBeforeTheFirst429StartsPacedAtWhatWasAccepted() {
        assertThat(policy.isOpen()).isTrue();
        Refusal refusal = policy.on429(t0, SECOND, t0 - 10 * MS, 60);
        assertThat(refusal).as("charged, a pause, a release to schedule").isEqualTo(new Refusal(true, true, true));
        assertThat(policy.phase()).isEqualTo(Phase.PACED);
        assertThat(policy.batch()).isEqualTo(60);
        assertThat(policy.nextReleaseAt()).isEqualTo(t0 + SECOND);
        assertThat(policy.isPausedAt(t0 + 999 * MS)).isTrue();
        assertThat(policy.isPausedAt(t0 + SECOND)).isFalse();
        assertThat(policy.hasPermit()).isFalse();
        assertThat(policy.release(t0 + SECOND, true))
                .as("a sixteenth of 60, then one interval later")
                .isEqualTo(new Release(false, 3, t0 + SECOND + INTERVAL));
        assertThat(policy.hasPermit()).isTrue();
    }

    @Test
    void aQuietRouteProbesFromTheFirstBatchDoublingEachStepThatUsedItAll() {
        policy.on429(t0, SECOND, t0, PacePolicy.FIRST_BATCH - 1);
        assertThat(policy.phase()).isEqualTo(Phase.SLOW_START);
        long t = t0 + SECOND;
        long step = SECOND / PacePolicy.SLOW_START_STEPS;
        assertThat(policy.release(t, true)).isEqualTo(new Release(false, 16, t + step));
        spendAll();
        assertThat(policy.release(t + step, true)).isEqualTo(new Release(false, 32, t + 2 * step));
        policy.spendPermit(); // one of 32 used
        assertThat(policy.release(t + 2 * step, true))
                .as("not all used: no doubling")
                .isEqualTo(new Release(false, 32, t + 3 * step));
    }

    @Test
    void slowStartReadsTheLimitFromWhatWasAcceptedBeforeAndAfterThe429() {
        policy.on429(t0, SECOND, t0, 0);
        long t1 = t0 + SECOND;
        policy.release(t1, true);
        spendAll();
        for (int i = 0; i < 40; i++) {
            policy.onSuccess(t1 + 10 * MS);
        }
        Refusal refusal = policy.on429(t1 + 50 * MS, SECOND, t1, 0);
        assertThat(refusal).as("a request the policy released: not charged").isEqualTo(new Refusal(false, true, true));
        assertThat(policy.nextReleaseAt())
                .as("the limit is known: one step, not the whole Retry-After")
                .isEqualTo(t1 + 50 * MS + SECOND / PacePolicy.SLOW_START_STEPS);
        policy.onSuccess(t1 + 60 * MS); // answers still coming to requests accepted before the 429
        policy.onSuccess(t1 + 70 * MS);
        Release release = policy.release(policy.nextReleaseAt(), true);
        assertThat(policy.phase()).isEqualTo(Phase.PACED);
        assertThat(policy.batch()).isEqualTo(42);
        assertThat(release.permits()).isEqualTo(42 / 16);
    }

    @Test
    void aSlowStartWhoseProbeGotNothingThroughStartsAgainFromTheFirstBatch() {
        policy.on429(t0, SECOND, t0, 0);
        long t1 = t0 + SECOND;
        policy.release(t1, true);
        spendAll();
        policy.on429(t1 + 5 * MS, SECOND, t1, 0);
        assertThat(policy.nextReleaseAt())
                .as("nothing accepted: the whole Retry-After")
                .isEqualTo(t1 + 5 * MS + SECOND);
        policy.release(policy.nextReleaseAt(), true);
        assertThat(policy.phase()).isEqualTo(Phase.SLOW_START);
        assertThat(policy.batch()).isEqualTo(PacePolicy.FIRST_BATCH);
    }

    @Test
    void aPaced429DoesNotPauseAndShrinksToWhatWasAcceptedAtMostOncePerPeriodNeverBelowHalf() {
        long t1 = pacedAt60();
        spendAll();
        long next = policy.nextReleaseAt();
        Refusal refusal = policy.on429(t1 + 10 * MS, SECOND, t1, 0);
        assertThat(refusal)
                .as("the gate's 429, no pause, the release stays")
                .isEqualTo(new Refusal(false, false, false));
        assertThat(policy.nextReleaseAt()).isEqualTo(next);
        assertThat(policy.batch())
                .as("nothing accepted in the last period: halved, not less")
                .isEqualTo(30);
        policy.on429(t1 + 20 * MS, SECOND, t1 + 10 * MS, 0);
        assertThat(policy.batch()).as("once per period").isEqualTo(30);
        policy.on429(t1 + 10 * MS + SECOND, SECOND, t1 + 20 * MS, 0);
        assertThat(policy.batch()).as("a period later: halved again").isEqualTo(15);
    }

    @Test
    void aPaced429ShrinksToWhatTheServerAcceptedFromThisGate() {
        long t1 = pacedAt60();
        for (int i = 0; i < 40; i++) {
            policy.onSuccess(t1 + i * MS);
        }
        policy.on429(t1 + 50 * MS, SECOND, t1, 0);
        assertThat(policy.batch()).isEqualTo(40);
    }

    @Test
    void aPaced429ToARequestSentBeforeTheLastShrinkTeachesNothing() {
        long t1 = pacedAt60();
        policy.on429(t1 + SECOND, SECOND, t1 + 500 * MS, 0);
        assertThat(policy.batch()).isEqualTo(30);
        policy.on429(t1 + 2 * SECOND + 10 * MS, SECOND, t1 + SECOND - MS, 0);
        assertThat(policy.batch()).as("sent before the shrink").isEqualTo(30);
    }

    @Test
    void eachPacedReleaseAfterOneThatUsedAllItsPermitsWithCallsWaitingGrowsTheBatchBySixteenth() {
        long t1 = pacedAt60();
        spendAll();
        Release second = policy.release(t1 + INTERVAL, true);
        assertThat(policy.batch()).isEqualTo(63);
        assertThat(second.permits()).isEqualTo(63 * 2 / 16 - 63 / 16);
        policy.release(t1 + 2 * INTERVAL, true);
        assertThat(policy.batch()).as("the last release's permits not all used").isEqualTo(63);
        spendAll();
        policy.release(t1 + 3 * INTERVAL, false);
        assertThat(policy.batch()).as("nobody waiting").isEqualTo(63);
        spendAll();
        policy.on429(t1 + 3 * INTERVAL + MS, SECOND, t1 - MS, 0); // a 429 since the last release
        policy.release(policy.nextReleaseAt(), true);
        assertThat(policy.batch()).as("a 429 since the last release").isEqualTo(63);
    }

    @Test
    void lateReleasesKeepThePlannedSchedule() {
        long t1 = pacedAt60();
        assertThat(policy.release(t1 + INTERVAL + 10 * MS, true).nextAtNanos())
                .as("planned, not from when it ran")
                .isEqualTo(t1 + 2 * INTERVAL);
        long veryLate = t1 + 2 * INTERVAL + INTERVAL + MS;
        assertThat(policy.release(veryLate, true).nextAtNanos())
                .as("more than an interval late: from now")
                .isEqualTo(veryLate + INTERVAL);
    }

    @Test
    void a429ToARequestSentBeforeTheReleasesIsChargedAndALongerOneExtendsThePause() {
        policy.on429(t0, SECOND, t0, 0);
        Refusal later = policy.on429(t0 + 300 * MS, SECOND, t0 - 5 * MS, 0);
        assertThat(later).as("charged, the same pause, extended").isEqualTo(new Refusal(true, false, true));
        assertThat(policy.nextReleaseAt()).isEqualTo(t0 + 1_300 * MS);
        policy.on429(t0 + 400 * MS, 100 * MS, t0, 0);
        assertThat(policy.nextReleaseAt()).as("a shorter one never shortens it").isEqualTo(t0 + 1_300 * MS);
        assertThat(policy.periodNanos()).isEqualTo(SECOND);
    }

    @Test
    void opensOnceAWholePeriodPassedWithoutA429AndNobodyWaits() {
        policy.on429(t0, SECOND, t0, 0);
        assertThat(policy.release(t0 + SECOND, true).opens())
                .as("calls waiting")
                .isFalse();
        assertThat(policy.release(t0 + SECOND + 125 * MS, false)).isEqualTo(Release.OPENS);
        PacePolicy other = new PacePolicy();
        other.on429(t0, SECOND, t0, 0);
        other.on429(t0 + 500 * MS, 100 * MS, t0 - MS, 0);
        assertThat(other.release(t0 + SECOND, false).opens())
                .as("a 429 half a period ago")
                .isFalse();
    }

    @Test
    void aZeroOrNegativePauseIsOneMillisecond() {
        policy.on429(t0, 0, t0, 0);
        assertThat(policy.nextReleaseAt()).isEqualTo(t0 + MS);
        assertThat(policy.periodNanos()).isEqualTo(MS);
    }
}
