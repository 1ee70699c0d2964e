package dev.camelproto.component.proto.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import dev.camelproto.component.proto.ProtoQueueFullException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rule of the teamspace gate, on a fake clock and a fake scheduler: no real time, no sleeps. */
class TeamspaceGateTest {

    static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    static final Duration ONE_SECOND = Duration.ofSeconds(1);

    /** A clock and a scheduler that move only when told. */
    static final class FakeTime implements TeamspaceGate.Scheduler {
        long now = 1_000_000 * MS; // any origin: the gate must only use differences
        final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> Long.compare(a.due, b.due));
        boolean reject;
        long seq;

        record Task(long due, long seq, Runnable run, boolean[] cancelled) {
        }

        @Override
        public Runnable schedule(Runnable task, long delayNanos) {
            if (reject) {
                throw new RejectedExecutionException("queue capacity reached");
            }
            Task t = new Task(now + delayNanos, seq++, task, new boolean[1]);
            tasks.add(t);
            return () -> t.cancelled()[0] = true;
        }

        long pending() {
            return tasks.stream().filter(t -> !t.cancelled()[0]).count();
        }

        /** Moves the clock by {@code nanos}, running each task due on the way at its own time. */
        void advance(long nanos) {
            long until = now + nanos;
            while (!tasks.isEmpty() && tasks.peek().due() <= until) {
                Task t = tasks.poll();
                if (!t.cancelled()[0]) {
                    now = Math.max(now, t.due());
                    t.run().run();
                }
            }
            now = until;
        }
    }

    /** A call: records when it was sent, and how it ended. */
    final class Call implements TeamspaceGate.Entry {
        final int id;
        long deadline = Long.MAX_VALUE;
        final List<Long> sentAt = new ArrayList<>();
        Exception aborted;
        String expired;
        boolean finished;

        Call(int id) {
            this.id = id;
        }

        @Override
        public void send() {
            sentAt.add(time.now);
            sent.add(this);
        }

        @Override
        public void abort(Exception reason) {
            if (!finished) {
                finished = true;
                aborted = reason;
            }
        }

        @Override
        public void expire(String waitingFor) {
            if (!finished) {
                finished = true;
                expired = waitingFor;
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
        public String operation() {
            return "customer/get";
        }

        @Override
        public int attempts() {
            return sentAt.size();
        }

        long lastSent() {
            return sentAt.get(sentAt.size() - 1);
        }
    }

    final FakeTime time = new FakeTime();
    final List<Call> sent = new ArrayList<>();
    int pauses;
    TeamspaceGate gate = new TeamspaceGate(() -> time.now, time, 1_000, () -> pauses++);

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
        gate.onSuccess(time.now);
        assertThat(c.sentAt).containsExactly(time.now);
        assertThat(gate.isOpen()).isTrue();
        assertThat(gate.queued()).isZero();
        assertThat(time.pending()).as("no tick while open").isZero();
    }

    @Test
    void a429PausesEveryRequestForItsRetryAfterThenRetriesGoFirst() {
        Call first = new Call(0);
        gate.submit(first, false);
        long sentAt = first.lastSent();
        assertThat(gate.onTooManyRequests(ONE_SECOND, sentAt)).as("sent while open: charged").isTrue();
        assertThat(pauses).isEqualTo(1);
        List<Call> fresh = calls(3);
        fresh.forEach(c -> gate.submit(c, false));
        gate.submit(first, true); // the refused one retries
        sent.clear();
        time.advance(999 * MS);
        assertThat(sent).as("nothing before Retry-After has passed").isEmpty();
        time.advance(1 * MS);
        assertThat(sent).as("after the pause: the retry first, then in order")
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
        long pauseEnd = time.now + 200 * MS;
        time.advance(200 * MS);
        assertThat(sent).as("first slow-start batch").hasSize(TeamspaceGate.FIRST_BATCH);
        int released = 0;
        while (released < 200 && time.now - pauseEnd < 2_000 * MS) {
            released += sent.size();
            succeedAllSent(); // the server is healthy again
            time.advance(MS);
        }
        assertThat(burst).allSatisfy(c -> assertThat(c.sentAt).hasSize(1));
        long lastRelease = burst.stream().mapToLong(Call::lastSent).max().orElseThrow();
        assertThat(lastRelease - pauseEnd).as("all 200 released within one period after the pause")
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
        assertThat(gate.isPaced()).as("no slow start: the second before the 429 tells the limit").isTrue();
        assertThat(gate.batch()).isEqualTo(60);
        sent.clear();
        calls(200).forEach(c -> gate.submit(c, false));
        time.advance(1_000 * MS);
        assertThat(sent).hasSize(60);
        succeedAllSent();
        time.advance(1_050 * MS);
        assertThat(sent).as("probing a quarter above").hasSize(75);
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
        assertThat(gate.batch()).isEqualTo(TeamspaceGate.FIRST_BATCH);
    }

    @Test
    void slowStartLearnsTheLimitFromWhatTheServerAcceptedThenPacesOneBatchPerPeriod() {
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
                        .as("a request the gate released: the 429 is the gate's, not the exchange's").isFalse();
                gate.submit(c, true);
            }
        }
        time.advance(999 * MS);
        assertThat(sent).as("paused").isEmpty();
        time.advance(MS);
        assertThat(gate.isPaced()).isTrue();
        assertThat(sent).as("the learned limit: 16 + 32 + 12").hasSize(60);
        assertThat(sent.subList(0, 52)).as("the refused ones first, in order")
                .containsExactlyElementsOf(batch.subList(12, 64));
        succeedAllSent();
        time.advance(1_049 * MS);
        assertThat(sent).as("one batch per period plus a twentieth").isEmpty();
        time.advance(MS);
        assertThat(sent).as("probing a quarter above the learned limit").hasSize(75);
        succeedAllSent();
        time.advance(1_050 * MS);
        assertThat(sent).as("the 5 left").hasSize(200 - 112 - 8 - 75);
        assertThat(gate.batch()).as("then a half above").isEqualTo(112);
    }

    @Test
    void pacedBatchShrinksToWhatWasAcceptedAndGrowsFasterTheLongerNo429Comes() {
        gate = new TeamspaceGate(() -> time.now, time, 10_000, null);
        enterPacedWithBatch(40);
        List<Call> backlog = calls(5_000);
        backlog.forEach(c -> gate.submit(c, false));
        assertThat(sent).as("the permits of this period").hasSize(40);
        succeedAllSent();
        // no 429: +1/4, +1/2, then doubling
        int[] expected = {50, 75, 150, 300};
        for (int want : expected) {
            time.advance(1_050 * MS);
            assertThat(sent).hasSize(want);
            succeedAllSent();
        }
        // the next batch (600) meets a 429 after 100 accepted: it shrinks to 100, then probes a quarter above
        time.advance(1_050 * MS);
        List<Call> batch = new ArrayList<>(sent);
        sent.clear();
        assertThat(batch).hasSize(600);
        for (int i = 0; i < batch.size(); i++) {
            if (i < 100) {
                gate.onSuccess(batch.get(i).lastSent());
            } else {
                assertThat(gate.onTooManyRequests(ONE_SECOND, batch.get(i).lastSent())).isFalse();
                gate.submit(batch.get(i), true);
            }
        }
        time.advance(1_050 * MS);
        assertThat(sent).hasSize(100);
        succeedAllSent();
        time.advance(1_050 * MS);
        assertThat(sent).hasSize(125);
    }

    /** 429 from open, pause, slow start of FIRST_BATCH meets a 429 with {@code limit} accepted. */
    private void enterPacedWithBatch(int limit) {
        Call probe = new Call(-1);
        gate.submit(probe, false);
        gate.onTooManyRequests(ONE_SECOND, probe.lastSent());
        sent.clear();
        for (Call c : calls(TeamspaceGate.FIRST_BATCH)) {
            gate.submit(c, false);
        }
        time.advance(1_000 * MS);
        assertThat(sent).hasSize(TeamspaceGate.FIRST_BATCH);
        for (int i = 0; i < limit; i++) {
            gate.onSuccess(time.now);
        }
        gate.onTooManyRequests(ONE_SECOND, sent.get(0).lastSent());
        sent.clear();
        time.advance(999 * MS); // the pause; the tick at its end releases the (empty) queue as paced
        assertThat(gate.isOpen()).isFalse();
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
        assertThat(charged).as("only the 429 met while the gate was open counts against the exchange").isEqualTo(1);
    }

    @Test
    void a429ToARequestInFlightBeforeThePauseExtendsItButTeachesNothing() {
        List<Call> inFlight = calls(3);
        inFlight.forEach(c -> gate.submit(c, false));
        gate.onTooManyRequests(ONE_SECOND, inFlight.get(0).lastSent());
        time.advance(300 * MS);
        assertThat(gate.onTooManyRequests(ONE_SECOND, inFlight.get(1).lastSent())).isTrue();
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
        assertThat(gate.isOpen()).as("a period since the 429 and nobody waiting")
                .isTrue();
        assertThat(gate.queued()).isZero();
        assertThat(time.pending()).isZero();
        Call later = new Call(1);
        gate.submit(later, false);
        assertThat(later.sentAt).containsExactly(time.now);
    }

    @Test
    void beyondMaxQueuedCallsACallFailsAtOnceAfterFinishedOnesArePurged() {
        gate = new TeamspaceGate(() -> time.now, time, 3, null);
        Call c = new Call(0);
        gate.submit(c, false);
        gate.onTooManyRequests(ONE_SECOND, c.lastSent());
        List<Call> waiting = calls(3);
        waiting.forEach(w -> gate.submit(w, false));
        Call fourth = new Call(4);
        gate.submit(fourth, false);
        assertThat(fourth.aborted).isInstanceOf(ProtoQueueFullException.class)
                .hasMessageContaining("maxQueuedCalls is 3");
        assertThat(((ProtoQueueFullException) fourth.aborted).getMaxQueuedCalls()).isEqualTo(3);
        assertThat(fourth.sentAt).isEmpty();
        waiting.get(1).finished = true; // e.g. its own call timeout fired
        Call fifth = new Call(5);
        gate.submit(fifth, false);
        assertThat(fifth.aborted).as("a finished entry made room").isNull();
        assertThat(gate.queued()).isEqualTo(3);
        sent.clear();
        time.advance(1_000 * MS);
        assertThat(sent).as("the finished entry spends no permit")
                .containsExactly(waiting.get(0), waiting.get(2), fifth);
    }

    @Test
    void aCallWhoseDeadlineFallsInThePauseExpiresAtOnce() {
        Call c = new Call(0);
        gate.submit(c, false);
        gate.onTooManyRequests(ONE_SECOND, c.lastSent());
        Call tooShort = new Call(1);
        tooShort.deadline = time.now + 500 * MS;
        gate.submit(tooShort, false);
        assertThat(tooShort.expired).isEqualTo("waiting in the teamspace's 429 back-off");
        Call longEnough = new Call(2);
        longEnough.deadline = time.now + 1_500 * MS;
        gate.submit(longEnough, false);
        assertThat(longEnough.expired).isNull();
        assertThat(gate.queued()).isEqualTo(1);
    }

    @Test
    void atEachReleaseTheCallsThatCannotWaitForTheNextOneExpire() {
        gate = new TeamspaceGate(() -> time.now, time, 10_000, null);
        enterPacedWithBatch(2);
        long t = time.now;
        List<Call> waiting = calls(8);
        waiting.get(6).deadline = t + 1_500 * MS; // its release would be at 2.1 s
        waiting.get(7).deadline = t + 2_500 * MS;
        waiting.forEach(c -> gate.submit(c, false));
        assertThat(sent).as("the permits left in this period").containsExactly(waiting.get(0), waiting.get(1));
        sent.clear();
        time.advance(1_050 * MS);
        assertThat(sent).as("the batch grew by one").containsExactlyElementsOf(waiting.subList(2, 5));
        assertThat(waiting.get(6).expired).as("cannot be released before its deadline: fails now, not at its timer")
                .isEqualTo(TeamspaceGate.WAITING_FOR);
        assertThat(waiting.get(7).expired).isNull();
        sent.clear();
        time.advance(1_050 * MS);
        assertThat(sent).containsExactly(waiting.get(5), waiting.get(7));
    }

    @Test
    void aTickThatCannotBeScheduledFailsTheWaitingCallsInsteadOfStalling() {
        Call c = new Call(0);
        gate.submit(c, false);
        gate.onTooManyRequests(ONE_SECOND, c.lastSent());
        List<Call> waiting = calls(3);
        waiting.forEach(w -> gate.submit(w, false));
        time.reject = true; // the scheduler refuses (queue full, or shutting down)
        Call second = new Call(9);
        gate.submit(second, false);
        gate.onTooManyRequests(ONE_SECOND, c.lastSent()); // needs a new tick: refused
        assertThat(waiting).allSatisfy(w -> assertThat(w.aborted).isInstanceOf(ComponentStoppedException.class)
                .hasMessageContaining("could not schedule").hasMessageContaining("queue capacity reached"));
        assertThat(second.aborted).isNotNull();
        time.reject = false;
        Call after = new Call(10);
        gate.submit(after, false);
        assertThat(after.sentAt).as("nothing stalls: later calls go to the server").hasSize(1);
    }

    @Test
    void closeFailsTheWaitingCallsAndRefusesNewOnes() {
        Call c = new Call(0);
        gate.submit(c, false);
        gate.onTooManyRequests(ONE_SECOND, c.lastSent());
        Call waiting = new Call(1);
        gate.submit(waiting, false);
        ComponentStoppedException stopped = new ComponentStoppedException("the proto component is stopped");
        gate.close(stopped);
        assertThat(waiting.aborted).isSameAs(stopped);
        Call late = new Call(2);
        gate.submit(late, false);
        assertThat(late.aborted).isInstanceOf(ComponentStoppedException.class);
        assertThat(late.sentAt).isEmpty();
        assertThat(time.pending()).isZero();
    }
}
