package dev.camelproto.component.proto.internal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.internal.time.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every rule of the teamspace gate, on a fake clock: no real time, no sleeps. */
class TeamspaceGateTest {

    static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    static final Duration ONE_SECOND = Duration.ofSeconds(1);

    /** A call: records when it was sent, and how it ended. */
    final class Call implements GateEntry {
        final int id;
        long deadline = Long.MAX_VALUE;
        final List<Long> sentAt = new ArrayList<>();
        /** How the gate refused it; null while not refused. */
        Rejection rejected;
        /** The maxQueuedCalls of its endpoint. */
        final int bound = maxQueued;

        boolean finished;

        Call(int id) {
            this.id = id;
        }

        @Override
        public void release() {
            sentAt.add(time.nanoTime());
            sent.add(this);
        }

        @Override
        public void reject(Rejection why) {
            if (!finished) {
                finished = true;
                rejected = why;
            }
        }

        @Override
        public long deadlineNanos() {
            return deadline;
        }

        @Override
        public boolean isFinished() {
            return finished;
        }

        @Override
        public int maxQueued() {
            return bound;
        }

        long lastSent() {
            return sentAt.get(sentAt.size() - 1);
        }
    }

    final FakeClock time = new FakeClock();
    final List<Call> sent = new ArrayList<>();
    int pauses;
    /** The maxQueuedCalls of the endpoint the test's calls come from. */
    int maxQueued = 1_000;

    final TeamspaceGate gate = new TeamspaceGate(time, () -> pauses++);

    List<Call> calls(int n) {
        List<Call> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new Call(i));
        }
        return list;
    }

    /** Submits, and answers what was sent with a 2xx (the server is healthy). */
    void succeedAllSent() {
        List<Call> now = new ArrayList<>(sent);
        sent.clear();
        now.forEach(c -> {
            c.finished = true;
            gate.onSuccess(c.lastSent());
        });
    }

    @Test
    void openGateSendsAtOnceAndHoldsNoQueue() {
        Call c = new Call(1);
        gate.submit(c, false);
        gate.onSuccess(time.nanoTime());
        assertThat(c.sentAt).containsExactly(time.nanoTime());
        assertThat(gate.isOpen()).isTrue();
        assertThat(gate.queued()).isZero();
        assertThat(time.pending()).as("no tick while open").isZero();
    }

    @Test
    void a429PausesEveryRequestForItsRetryAfterThenRetriesGoFirst() {
        Call first = new Call(0);
        gate.submit(first, false);
        long sentAt = first.lastSent();
        assertThat(gate.onTooManyRequests(ONE_SECOND, sentAt))
                .as("sent while open: charged")
                .isTrue();
        assertThat(pauses).isEqualTo(1);
        List<Call> fresh = calls(3);
        fresh.forEach(c -> gate.submit(c, false));
        gate.submit(first, true); // the refused one retries
        sent.clear();
        time.advance(999 * MS);
        assertThat(sent).as("nothing before Retry-After has passed").isEmpty();
        time.advance(1 * MS);
        assertThat(sent)
                .as("after the pause: the retry first, then in order")
                .containsExactly(first, fresh.get(0), fresh.get(1), fresh.get(2));
    }

    @Test
    void burstAfterAQuietPeriodIsReleasedWithinOnePeriodOnceTheServerAnswers() {
        // issue 15 §1: a quiet route, the server busy for one second, 200 calls started in that second
        Call probe = new Call(-1);
        gate.submit(probe, false);
        gate.onTooManyRequests(ONE_SECOND, probe.lastSent());
        sent.clear();
        List<Call> burst = calls(200);
        for (Call c : burst) {
            gate.submit(c, false);
            time.advance(4 * MS); // spread over 800 ms
        }
        assertThat(sent).isEmpty();
        long pauseEnd = time.nanoTime() + 200 * MS;
        time.advance(200 * MS);
        assertThat(sent).as("first slow-start batch").hasSize(PacePolicy.FIRST_BATCH);
        int released = 0;
        while (released < 200 && time.nanoTime() - pauseEnd < 2_000 * MS) {
            released += sent.size();
            succeedAllSent(); // the server is healthy again
            time.advance(MS);
        }
        assertThat(burst).allSatisfy(c -> assertThat(c.sentAt).hasSize(1));
        long lastRelease = burst.stream().mapToLong(Call::lastSent).max().orElseThrow();
        assertThat(lastRelease - pauseEnd)
                .as("all 200 released within one period after the pause")
                .isLessThan(1_000 * MS);
        // batches 16, 32, 64, 128 one eighth of a period apart
        assertThat(lastRelease - pauseEnd).isEqualTo(3 * 125 * MS);
    }

    @Test
    void aBusyRouteStartsPacedAtWhatTheServerTookInTheSecondBeforeThe429() {
        List<Call> busy = calls(60);
        for (Call c : busy) {
            gate.submit(c, false);
            gate.onSuccess(c.lastSent());
            time.advance(10 * MS); // 60 in 600 ms
        }
        Call refused = new Call(99);
        gate.submit(refused, false);
        assertThat(gate.onTooManyRequests(ONE_SECOND, refused.lastSent())).isTrue();
        assertThat(gate.isPaced())
                .as("no slow start: the second before the 429 tells the limit")
                .isTrue();
        assertThat(gate.batch()).isEqualTo(60);
        sent.clear();
        calls(200).forEach(c -> gate.submit(c, false));
        time.advance(999 * MS);
        assertThat(sent).as("paused").isEmpty();
        time.advance(MS);
        // spread over the period: 60 * (k + 1) / 16 - 60 * k / 16 per sixteenth (3 or 4), not 60 at once
        assertThat(sent).hasSize(3);
        List<Integer> perRelease = new ArrayList<>();
        int total = 3;
        sent.clear(); // unanswered: the first release's permits were used but nothing came back yet
        for (int k = 1; k < PacePolicy.RELEASES_PER_PERIOD; k++) {
            time.advance(62_500_000L);
            perRelease.add(sent.size());
            total += sent.size();
            sent.clear();
        }
        assertThat(perRelease)
                .as("a few per release, more as the batch grows")
                .allSatisfy(n -> assertThat(n).isBetween(3, 10))
                .isSorted();
        // growing by a sixteenth per release that used its permits while no 429 came
        assertThat(gate.batch()).isEqualTo(grown(60, PacePolicy.RELEASES_PER_PERIOD - 1)); // 63, 66, 70, ... 137
        assertThat(total).isBetween(60 + 15, 137);
    }

    @Test
    void successesOlderThanASecondDoNotCountAsBusy() {
        List<Call> earlier = calls(60);
        for (Call c : earlier) {
            gate.submit(c, false);
            gate.onSuccess(c.lastSent());
        }
        time.advance(1_200 * MS);
        Call refused = new Call(99);
        gate.submit(refused, false);
        gate.onTooManyRequests(ONE_SECOND, refused.lastSent());
        assertThat(gate.isPaced()).isFalse();
        assertThat(gate.batch()).isEqualTo(PacePolicy.FIRST_BATCH);
    }

    @Test
    void slowStartLearnsTheLimitFromWhatTheServerAcceptedThenPacesFromTheNextSlice() {
        Call probe = new Call(-1);
        gate.submit(probe, false);
        gate.onTooManyRequests(ONE_SECOND, probe.lastSent());
        sent.clear();
        List<Call> waiting = calls(200);
        waiting.forEach(c -> gate.submit(c, false));
        // a server limit of 60 per second: 16 + 32 accepted, then 12 of the 64-batch accepted, 52 refused
        time.advance(1_000 * MS);
        assertThat(sent).hasSize(16);
        succeedAllSent();
        time.advance(125 * MS);
        assertThat(sent).hasSize(32);
        succeedAllSent();
        time.advance(125 * MS);
        assertThat(sent).hasSize(64);
        List<Call> batch = new ArrayList<>(sent);
        sent.clear();
        for (int i = 0; i < 64; i++) {
            Call c = batch.get(i);
            if (i < 12) {
                gate.onSuccess(c.lastSent());
                c.finished = true;
            } else {
                assertThat(gate.onTooManyRequests(ONE_SECOND, c.lastSent()))
                        .as("a request the gate released: the 429 is the gate's, not the exchange's")
                        .isFalse();
                gate.submit(c, true);
            }
        }
        assertThat(pauses).as("the first 429's, then a short one").isEqualTo(2);
        time.advance(124 * MS);
        assertThat(sent)
                .as("held for one slice, not the whole Retry-After: the limit is known")
                .isEmpty();
        time.advance(MS);
        assertThat(gate.isPaced()).isTrue();
        assertThat(gate.batch()).as("the learned limit: 16 + 32 + 12").isEqualTo(60);
        assertThat(sent)
                .as("a sixteenth of it, the refused ones first")
                .containsExactlyElementsOf(batch.subList(12, 15));
        int released = sent.size();
        succeedAllSent();
        for (int k = 1; k < PacePolicy.RELEASES_PER_PERIOD; k++) {
            time.advance(62_500_000L);
            released += sent.size();
            succeedAllSent();
        }
        assertThat(released)
                .as("the limit spread over the period, a sixteenth more per release without a 429")
                .isBetween(60 + 15, 137);
        assertThat(gate.batch()).isEqualTo(grown(60, PacePolicy.RELEASES_PER_PERIOD - 1)); // 63, 66, 70, ... 137
    }

    @Test
    void aPaced429DoesNotPauseButShrinksTheBatchToWhatWasAcceptedOncePerPeriod() {
        maxQueued = 10_000;
        enterPacedWithBatch(64);
        int pausesBefore = pauses;
        List<Call> backlog = calls(5_000);
        backlog.forEach(c -> gate.submit(c, false));
        assertThat(sent).as("a sixteenth of the batch").hasSize(4);
        succeedAllSent();
        // a second of releases, all accepted: the batch grows while no 429 comes
        for (int k = 1; k < PacePolicy.RELEASES_PER_PERIOD; k++) {
            time.advance(62_500_000L);
            succeedAllSent();
        }
        int grown = gate.batch();
        assertThat(grown).as("grew while no 429 came").isGreaterThan(64);
        // the next release meets a 429 (another replica filled the window): no pause, the batch shrinks to
        // what this gate got accepted in the last period, the refused one waits for the next release only
        time.advance(62_500_000L);
        List<Call> released = new ArrayList<>(sent);
        sent.clear();
        assertThat(released).hasSizeGreaterThan(1);
        Call refused = released.get(0);
        assertThat(gate.onTooManyRequests(ONE_SECOND, refused.lastSent()))
                .as("the gate's 429")
                .isFalse();
        gate.submit(refused, true);
        assertThat(pauses).as("no pause").isEqualTo(pausesBefore);
        int shrunk = gate.batch();
        assertThat(shrunk).isLessThan(grown).isGreaterThanOrEqualTo(grown / 2);
        Call late = new Call(-2);
        gate.submit(late, false);
        assertThat(sent).as("the rest of this release is held").isEmpty();
        // a second 429 in the same period teaches nothing more
        Call other = released.get(released.size() - 1);
        assertThat(gate.onTooManyRequests(ONE_SECOND, other.lastSent())).isFalse();
        gate.submit(other, true);
        assertThat(gate.batch()).isEqualTo(shrunk);
        time.advance(62_500_000L);
        assertThat(sent).as("the next release: the refused ones first").startsWith(refused);
        assertThat(gate.isPaced()).isTrue();
    }

    @Test
    void aPaced429ShrinksAtMostOncePerPeriodAndNeverBelowHalf() {
        maxQueued = 10_000;
        enterPacedWithBatch(64);
        int pausesBefore = pauses;
        calls(5_000).forEach(c -> gate.submit(c, false));
        // a period of releases the server never answers (the slow start's successes are now older than a period)
        for (int k = 1; k <= PacePolicy.RELEASES_PER_PERIOD; k++) {
            time.advance(62_500_000L);
        }
        int before = gate.batch();
        Call first = sent.get(sent.size() - 1);
        assertThat(gate.onTooManyRequests(ONE_SECOND, first.lastSent())).isFalse();
        gate.submit(first, true);
        int afterFirst = gate.batch();
        assertThat(afterFirst)
                .as("nothing accepted in the last period: halved, not less")
                .isEqualTo(before / 2);
        sent.clear();
        for (int k = 1; k < PacePolicy.RELEASES_PER_PERIOD; k++) {
            time.advance(62_500_000L);
            for (Call c : new ArrayList<>(sent)) {
                sent.remove(c);
                gate.onTooManyRequests(ONE_SECOND, c.lastSent());
                gate.submit(c, true);
            }
        }
        assertThat(gate.batch())
                .as("once per period, and no growth while 429s come")
                .isEqualTo(afterFirst);
        time.advance(62_500_000L);
        Call next = sent.get(0);
        gate.onTooManyRequests(ONE_SECOND, next.lastSent());
        assertThat(gate.batch()).as("a period later: halved again").isEqualTo(afterFirst / 2);
        assertThat(pauses).as("no pause while paced").isEqualTo(pausesBefore);
    }

    /**
     * Issue 15 §2 on the fake clock: N gates (N replicas, each its own component) share a server that accepts 50
     * requests in any one-second window (as the simulator's {@code --rate-limit}: a sliding log, {@code Retry-After: 1}),
     * each replica running 250 calls at concurrency 16, replica i starting i seconds after the first, answers 1 ms
     * after the request. Deterministic: no real time; the rate is of the fake clock.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 8})
    void replicasSharingOneLimitUseAtLeastNinetyPercentOfItWithNoExchangeFailed(int replicas) {
        java.util.ArrayDeque<Long> window = new java.util.ArrayDeque<>();
        int limit = 50;
        int callsEach = 250;
        int concurrency = 16;
        int maxRetries = 3;
        int[] ok = new int[1];
        int[] failed = new int[1];
        long[] lastDone = new long[1];
        long t0 = time.nanoTime();
        for (int r = 0; r < replicas; r++) {
            TeamspaceGate g = new TeamspaceGate(time, null);
            int[] started = new int[1];
            class SimCall implements GateEntry {
                long sentAt;
                int charged;
                boolean done;

                @Override
                public void release() {
                    sentAt = time.nanoTime();
                    time.schedule(this::answer, MS);
                }

                void answer() {
                    while (!window.isEmpty() && time.nanoTime() - window.peekFirst() >= 1_000 * MS) {
                        window.pollFirst();
                    }
                    if (window.size() < limit) {
                        window.addLast(time.nanoTime());
                        g.onSuccess(sentAt);
                        finish(true);
                    } else if (g.onTooManyRequests(ONE_SECOND, sentAt) && ++charged > maxRetries) {
                        finish(false);
                    } else {
                        g.submit(this, true);
                    }
                }

                void finish(boolean success) {
                    done = true;
                    ok[0] += success ? 1 : 0;
                    failed[0] += success ? 0 : 1;
                    lastDone[0] = Math.max(lastDone[0], time.nanoTime());
                    startNext();
                }

                void startNext() {
                    if (started[0] < callsEach) {
                        started[0]++;
                        g.submit(new SimCall(), false);
                    }
                }

                @Override
                public void reject(Rejection why) {
                    finish(false);
                }

                @Override
                public long deadlineNanos() {
                    return Long.MAX_VALUE;
                }

                @Override
                public boolean isFinished() {
                    return done;
                }

                @Override
                public int maxQueued() {
                    return 1_000;
                }
            }
            time.schedule(
                    () -> {
                        for (int c = 0; c < concurrency; c++) {
                            new SimCall().startNext();
                        }
                    },
                    r * 1_000 * MS);
        }
        time.advance(600_000 * MS);
        assertThat(ok[0] + failed[0]).as("every call ended").isEqualTo(replicas * callsEach);
        assertThat(failed[0]).isZero();
        double perSecond = ok[0] / ((lastDone[0] - t0) / 1e9);
        assertThat(perSecond / limit)
                .as("share of the limit used, %d replicas", replicas)
                .isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void lateReleasesDoNotSlowThePaceDown() {
        maxQueued = 10_000;
        enterPacedWithBatch(64);
        calls(5_000).forEach(c -> gate.submit(c, false));
        time.lateBy = 10 * MS; // every timer runs 10 ms late (a busy machine)
        List<Long> releases = new ArrayList<>();
        long start = time.nanoTime();
        while (time.nanoTime() - start < 2_000 * MS) {
            time.advance(MS);
            if (!sent.isEmpty()) {
                releases.add(time.nanoTime());
                sent.clear(); // never answered, never refused: the batch only grows
            }
        }
        // 16 releases per period on the planned schedule; a timer that restarts from when it ran would give
        // 2000 / 72.5 = 27
        assertThat(releases).hasSizeGreaterThanOrEqualTo(31);
    }

    /** The batch after {@code releases} releases that each used their permits without a 429. */
    static int grown(int batch, int releases) {
        for (int i = 0; i < releases; i++) {
            batch += Math.max(1, batch / PacePolicy.GROWTH_DIVISOR);
        }
        return batch;
    }

    /** 429 from open, pause, slow start of FIRST_BATCH meets a 429 with {@code limit} accepted. */
    private void enterPacedWithBatch(int limit) {
        Call probe = new Call(-1);
        gate.submit(probe, false);
        gate.onTooManyRequests(ONE_SECOND, probe.lastSent());
        sent.clear();
        for (Call c : calls(PacePolicy.FIRST_BATCH)) {
            gate.submit(c, false);
        }
        time.advance(1_000 * MS);
        assertThat(sent).hasSize(PacePolicy.FIRST_BATCH);
        for (int i = 0; i < limit; i++) {
            gate.onSuccess(time.nanoTime());
        }
        gate.onTooManyRequests(ONE_SECOND, sent.get(0).lastSent());
        sent.clear();
        time.advance(124 * MS); // held one slice; the tick at its end starts pacing (the queue is empty)
        assertThat(gate.isPaced()).isFalse();
        time.advance(MS);
        assertThat(gate.isPaced()).isTrue();
        assertThat(gate.batch()).isEqualTo(limit);
    }

    @Test
    void theRefusedRetryIsNotChargedWhileFreshCallsSucceed() {
        // issue 15 §2: the exchange the gate releases first after each pause must not run out of attempts
        Call unlucky = new Call(0);
        gate.submit(unlucky, false);
        assertThat(gate.onTooManyRequests(ONE_SECOND, unlucky.lastSent())).isTrue();
        gate.submit(unlucky, true);
        int charged = 1;
        for (int round = 0; round < 10; round++) {
            sent.clear();
            time.advance(1_000 * MS);
            assertThat(sent).contains(unlucky);
            if (gate.onTooManyRequests(ONE_SECOND, unlucky.lastSent())) {
                charged++;
            }
            gate.submit(unlucky, true);
        }
        assertThat(unlucky.sentAt).hasSize(11);
        assertThat(charged)
                .as("only the 429 met while the gate was open counts against the exchange")
                .isEqualTo(1);
    }

    @Test
    void a429ToARequestInFlightBeforeThePauseExtendsItButTeachesNothing() {
        List<Call> inFlight = calls(3);
        inFlight.forEach(c -> gate.submit(c, false));
        gate.onTooManyRequests(ONE_SECOND, inFlight.get(0).lastSent());
        time.advance(300 * MS);
        assertThat(gate.onTooManyRequests(ONE_SECOND, inFlight.get(1).lastSent()))
                .isTrue();
        assertThat(pauses).as("one pause").isEqualTo(1);
        inFlight.forEach(c -> gate.submit(c, true));
        sent.clear();
        time.advance(999 * MS);
        assertThat(sent).as("extended to 1 s after the later 429").isEmpty();
        time.advance(MS);
        assertThat(sent).hasSize(3);
        assertThat(gate.isPaced()).as("still probing: nothing learned").isFalse();
    }

    @Test
    void opensAgainAfterAPeriodWithout429AndNobodyWaiting() {
        Call c = new Call(0);
        gate.submit(c, false);
        gate.onTooManyRequests(ONE_SECOND, c.lastSent());
        gate.submit(c, true);
        time.advance(1_000 * MS);
        succeedAllSent();
        time.advance(125 * MS);
        assertThat(gate.isOpen())
                .as("a period since the 429 and nobody waiting")
                .isTrue();
        assertThat(gate.queued()).isZero();
        assertThat(time.pending()).isZero();
        Call later = new Call(1);
        gate.submit(later, false);
        assertThat(later.sentAt).containsExactly(time.nanoTime());
    }

    @Test
    void beyondMaxQueuedCallsACallFailsAtOnceAfterFinishedOnesArePurged() {
        maxQueued = 3;
        Call c = new Call(0);
        gate.submit(c, false);
        gate.onTooManyRequests(ONE_SECOND, c.lastSent());
        List<Call> waiting = calls(3);
        waiting.forEach(w -> gate.submit(w, false));
        Call fourth = new Call(4);
        gate.submit(fourth, false);
        assertThat(fourth.rejected).isEqualTo(Rejection.QUEUE_FULL);
        assertThat(fourth.sentAt).isEmpty();
        waiting.get(1).finished = true; // e.g. its own call timeout fired
        Call fifth = new Call(5);
        gate.submit(fifth, false);
        assertThat(fifth.rejected).as("a finished entry made room").isNull();
        assertThat(gate.queued()).isEqualTo(3);
        sent.clear();
        time.advance(1_000 * MS);
        assertThat(sent)
                .as("the finished entry spends no permit")
                .containsExactly(waiting.get(0), waiting.get(2), fifth);
    }

    @Test
    void eachCallIsQueuedOnlyUnderItsOwnEndpointsBound() {
        Call c = new Call(0);
        gate.submit(c, false);
        gate.onTooManyRequests(ONE_SECOND, c.lastSent());
        maxQueued = 2; // an endpoint with maxQueuedCalls=2
        List<Call> small = calls(2);
        small.forEach(w -> gate.submit(w, false));
        Call smallFull = new Call(3);
        gate.submit(smallFull, false);
        assertThat(smallFull.rejected).as("2 wait: its own bound").isEqualTo(Rejection.QUEUE_FULL);
        maxQueued = 4; // another endpoint of the same teamspace, maxQueuedCalls=4
        List<Call> large = calls(2);
        large.forEach(w -> gate.submit(w, true));
        assertThat(large).allSatisfy(w -> assertThat(w.rejected).isNull());
        assertThat(gate.queued()).isEqualTo(4);
        Call largeFull = new Call(6);
        gate.submit(largeFull, false);
        assertThat(largeFull.rejected).isEqualTo(Rejection.QUEUE_FULL);
        maxQueued = 2;
        Call smallAgain = new Call(7);
        gate.submit(smallAgain, true);
        assertThat(smallAgain.rejected)
                .as("not the bound of whichever endpoint came first")
                .isEqualTo(Rejection.QUEUE_FULL);
        sent.clear();
        time.advanceMillis(1_000);
        assertThat(sent).as("retries first").containsExactly(large.get(0), large.get(1), small.get(0), small.get(1));
    }

    @Test
    void aCallWhoseDeadlineFallsInThePauseExpiresAtOnce() {
        Call c = new Call(0);
        gate.submit(c, false);
        gate.onTooManyRequests(ONE_SECOND, c.lastSent());
        Call tooShort = new Call(1);
        tooShort.deadline = time.nanoTime() + 500 * MS;
        gate.submit(tooShort, false);
        assertThat(tooShort.rejected).isEqualTo(Rejection.DEADLINE);
        Call longEnough = new Call(2);
        longEnough.deadline = time.nanoTime() + 1_500 * MS;
        gate.submit(longEnough, false);
        assertThat(longEnough.rejected).isNull();
        assertThat(gate.queued()).isEqualTo(1);
    }

    @Test
    void atEachReleaseTheCallsThatCannotWaitForTheNextOneExpire() {
        maxQueued = 10_000;
        enterPacedWithBatch(2);
        long t = time.nanoTime();
        List<Call> waiting = calls(8);
        waiting.get(6).deadline = t + 300 * MS;
        waiting.get(7).deadline = t + 10_000 * MS;
        waiting.forEach(c -> gate.submit(c, false));
        assertThat(sent).as("2 per period: one permit every eighth release").isEmpty();
        time.advance(249 * MS);
        assertThat(waiting.get(6).rejected).isNull();
        time.advance(MS);
        assertThat(waiting.get(6).rejected)
                .as("its deadline falls before the next release: fails now, not at its timer")
                .isEqualTo(Rejection.DEADLINE);
        time.advance(187_500_000L);
        assertThat(sent).as("the first permit, at the eighth sixteenth").containsExactly(waiting.get(0));
        assertThat(waiting.get(7).rejected).isNull();
        assertThat(gate.queued()).isEqualTo(6);
    }

    @Test
    void aTickThatCannotBeScheduledFailsTheWaitingCallsInsteadOfStalling() {
        Call c = new Call(0);
        gate.submit(c, false);
        gate.onTooManyRequests(ONE_SECOND, c.lastSent());
        List<Call> waiting = calls(3);
        waiting.forEach(w -> gate.submit(w, false));
        time.reject = true; // the clock refuses to schedule (it is shut down: the component stops)
        Call second = new Call(9);
        gate.submit(second, false);
        gate.onTooManyRequests(ONE_SECOND, c.lastSent()); // needs a new tick: refused
        assertThat(waiting).allSatisfy(w -> assertThat(w.rejected).isEqualTo(Rejection.CLOSED));
        assertThat(second.rejected).isNotNull();
        time.reject = false;
        Call after = new Call(10);
        gate.submit(after, false);
        assertThat(after.sentAt)
                .as("nothing stalls: later calls go to the server")
                .hasSize(1);
    }

    @Test
    void closeFailsTheWaitingCallsAndRefusesNewOnes() {
        Call c = new Call(0);
        gate.submit(c, false);
        gate.onTooManyRequests(ONE_SECOND, c.lastSent());
        Call waiting = new Call(1);
        gate.submit(waiting, false);
        gate.close();
        assertThat(waiting.rejected).isEqualTo(Rejection.CLOSED);
        Call late = new Call(2);
        gate.submit(late, false);
        assertThat(late.rejected).isEqualTo(Rejection.CLOSED);
        assertThat(late.sentAt).isEmpty();
        assertThat(time.pending()).isZero();
    }
}
