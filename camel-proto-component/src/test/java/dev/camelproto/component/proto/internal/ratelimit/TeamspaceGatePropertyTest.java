package dev.camelproto.component.proto.internal.ratelimit;

import static dev.camelproto.component.proto.internal.time.FakeClock.MS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.internal.time.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * The gate's promises on random sequences of what its callers and the server do, on fake time (thousands of tries in
 * seconds): every entry is answered at most once, and exactly once by its deadline or the gate's close; nothing is
 * released after its deadline, after the entry finished elsewhere, or after close; a fresh call is never released
 * while a retry queued before it still waits; an entry is queued only under its own maxQueued, refused as full only
 * when that many really wait, and the queue never holds more than the largest bound of its entries.
 * <p>
 * The normal build runs {@link #promisesHoldForAnySequence} ({@value #TRIES} tries); {@code -Pproperty-soak}
 * ({@code -Dproto.propertySoak=true}) also runs {@link #soakPromisesHoldForAnySequence} with
 * {@value #SOAK_TRIES} tries. A failure prints the shrunk sequence of actions.
 */
class TeamspaceGatePropertyTest {

    static final int TRIES = 3_000;
    static final int SOAK_TRIES = 100_000;

    /** Runs a property only with -Dproto.propertySoak=true (set by the property-soak profile). */
    static final class SoakOnly implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return Boolean.getBoolean("proto.propertySoak")
                    ? SkipResult.doNotSkip()
                    : SkipResult.skip("soak run: mvn verify -Pproperty-soak");
        }
    }

    @Property(tries = TRIES)
    void promisesHoldForAnySequence(@ForAll("sequences") List<Action> actions) {
        new Run().play(actions);
    }

    @Property(tries = SOAK_TRIES)
    @AddLifecycleHook(SoakOnly.class)
    void soakPromisesHoldForAnySequence(@ForAll("sequences") List<Action> actions) {
        new Run().play(actions);
    }

    // ---- the actions ----

    sealed interface Action {}

    /** A call comes to the gate: fresh or a retry, with a deadline ms from now (none when null) and its bound. */
    record Submit(boolean retry, Long deadlineMillis, int maxQueued) implements Action {}

    /** Several fresh calls without a deadline at once (a busy route: what paces the gate). */
    record Burst(int calls, int maxQueued) implements Action {}

    /** The server accepts one request the gate released (the pick-th still in flight, modulo). */
    record Success(int pick) implements Action {}

    /** The server accepts every request in flight. */
    record SuccessAll() implements Action {}

    /** The server refuses a released request with a 429 asking for a pause; the call comes back as a retry. */
    record TooManyRequests(int pick, long pauseMillis) implements Action {}

    /** Time passes (the gate's ticks run on the way). */
    record Advance(long millis) implements Action {}

    /** A waiting call finishes elsewhere (its own timeout, or the exchange was stopped). */
    record FinishElsewhere(int pick) implements Action {}

    /** The component stops. */
    record Close() implements Action {}

    @Provide
    Arbitrary<List<Action>> sequences() {
        Arbitrary<Integer> bound = Arbitraries.integers().between(1, 12);
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 1_000);
        Arbitrary<Long> deadline = Arbitraries.longs().between(0, 3_000).injectNull(0.3);
        Arbitrary<Action> submit = Combinators.combine(Arbitraries.of(false, true), deadline, bound)
                .as(Submit::new);
        Arbitrary<Action> burst = Combinators.combine(
                        Arbitraries.integers().between(1, 40),
                        Arbitraries.integers().between(1, 60))
                .as(Burst::new);
        Arbitrary<Action> success = pick.map(Success::new);
        Arbitrary<Action> tooMany =
                Combinators.combine(pick, Arbitraries.longs().between(0, 2_000)).as(TooManyRequests::new);
        Arbitrary<Action> advance = Arbitraries.oneOf(
                        Arbitraries.longs().between(1, 200),
                        Arbitraries.of(62L, 63L, 125L, 999L, 1_000L, 1_001L),
                        Arbitraries.longs().between(200, 3_000))
                .map(Advance::new);
        Arbitrary<Action> finish = pick.map(FinishElsewhere::new);
        Arbitrary<Action> action = Arbitraries.<Action>frequencyOf(
                Tuple.of(30, submit),
                Tuple.of(5, burst),
                Tuple.of(15, success),
                Tuple.of(5, Arbitraries.<Action>just(new SuccessAll())),
                Tuple.of(15, tooMany),
                Tuple.of(25, advance),
                Tuple.of(6, finish),
                Tuple.of(1, Arbitraries.<Action>just(new Close())));
        return action.list().ofMinSize(1).ofMaxSize(60);
    }

    // ---- the harness: plays the actions against a gate on a fake clock and checks after each ----

    static final class Run {
        final FakeClock clock = new FakeClock();
        final TeamspaceGate gate = new TeamspaceGate(clock, null);
        final List<Entry> entries = new ArrayList<>();
        /** Released and not yet answered by the server. */
        final List<Entry> inFlight = new ArrayList<>();

        final List<String> violations = new ArrayList<>();
        /** Fresh entries released since the last check. */
        final List<Entry> freshReleased = new ArrayList<>();

        long seq;
        boolean closed;

        /** One submission of a call to the gate. */
        final class Entry implements GateEntry {
            final int id = entries.size();
            final boolean retry;
            final long deadline;
            final int maxQueued;
            final long submittedSeq = ++seq;
            long sentAt;
            int answers;
            /** When and in which order it was answered; Long.MAX_VALUE while not. */
            long answeredAt = Long.MAX_VALUE;

            long answeredSeq = Long.MAX_VALUE;
            boolean released;
            Rejection rejected;
            boolean finished;
            long finishedSeq = Long.MAX_VALUE;

            Entry(boolean retry, long deadline, int maxQueued) {
                this.retry = retry;
                this.deadline = deadline;
                this.maxQueued = maxQueued;
            }

            @Override
            public void release() {
                long now = clock.nanoTime();
                if (finished) {
                    violations.add(this + " released after it finished elsewhere");
                }
                if (closed) {
                    violations.add(this + " released after close");
                }
                if (deadline != Long.MAX_VALUE && now - deadline > 0) {
                    violations.add(this + " released " + (now - deadline) / MS + " ms after its deadline");
                }
                answered();
                released = true;
                sentAt = now;
                inFlight.add(this);
                if (!retry) {
                    freshReleased.add(this);
                }
            }

            @Override
            public void reject(Rejection why) {
                if (finished) {
                    return; // a no-op, as the contract says
                }
                answered();
                rejected = why;
                finished = true;
            }

            private void answered() {
                if (++answers > 1) {
                    violations.add(this + " answered " + answers + " times");
                }
                answeredAt = clock.nanoTime();
                answeredSeq = ++seq;
            }

            boolean waiting() {
                return answers == 0 && !finished;
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
                return maxQueued;
            }

            @Override
            public String toString() {
                return "entry " + id + (retry ? " (retry" : " (fresh") + ", maxQueued " + maxQueued + ")";
            }
        }

        void play(List<Action> actions) {
            for (Action action : actions) {
                apply(action);
                check(action);
                assertThat(violations).as("after %s in %s", action, actions).isEmpty();
            }
            clock.advance(10_000 * MS); // every deadline and pause runs out
            check(new Advance(10_000));
            gate.close();
            closed = true;
            check(new Close());
            assertThat(violations).as("at the end of %s", actions).isEmpty();
        }

        void apply(Action action) {
            if (action instanceof Submit s) {
                submit(
                        s.retry(),
                        s.deadlineMillis() == null ? Long.MAX_VALUE : clock.nanoTime() + s.deadlineMillis() * MS,
                        s.maxQueued());
            } else if (action instanceof Burst b) {
                for (int i = 0; i < b.calls(); i++) {
                    submit(false, Long.MAX_VALUE, b.maxQueued());
                }
            } else if (action instanceof Success s) {
                if (!inFlight.isEmpty()) {
                    Entry e = inFlight.remove(s.pick() % inFlight.size());
                    e.finished = true;
                    gate.onSuccess(e.sentAt);
                }
            } else if (action instanceof SuccessAll) {
                List<Entry> all = new ArrayList<>(inFlight);
                inFlight.clear();
                all.forEach(e -> {
                    e.finished = true;
                    gate.onSuccess(e.sentAt);
                });
            } else if (action instanceof TooManyRequests t) {
                if (!inFlight.isEmpty()) {
                    Entry e = inFlight.remove(t.pick() % inFlight.size());
                    e.finished = true;
                    gate.onTooManyRequests(Duration.ofMillis(t.pauseMillis()), e.sentAt);
                    submit(true, e.deadline, e.maxQueued); // the call comes back, first in line
                }
            } else if (action instanceof Advance a) {
                clock.advance(a.millis() * MS);
            } else if (action instanceof FinishElsewhere f) {
                List<Entry> waiting = entries.stream().filter(Entry::waiting).toList();
                if (!waiting.isEmpty()) {
                    Entry e = waiting.get(f.pick() % waiting.size());
                    e.finished = true;
                    e.finishedSeq = ++seq;
                }
            } else if (action instanceof Close) {
                gate.close();
                closed = true;
            }
        }

        void submit(boolean retry, long deadline, int maxQueued) {
            Entry e = new Entry(retry, deadline, maxQueued);
            entries.add(e);
            // what waits in the gate before this one (the gate may hold finished ones too, but never more)
            long waitingBefore = entries.stream()
                    .filter(w -> w != e && w.waiting() && !w.released)
                    .count();
            gate.submit(e, retry);
            if (e.answers == 0) {
                if (gate.queued() > maxQueued) {
                    violations.add(e + " queued with " + gate.queued() + " waiting, above its own bound");
                }
            } else if (e.rejected == Rejection.QUEUE_FULL && waitingBefore < maxQueued) {
                violations.add(e + " refused as full with only " + waitingBefore + " unfinished entries waiting");
            }
            if (closed && e.rejected != Rejection.CLOSED) {
                violations.add(e + " submitted after close: " + (e.released ? "released" : e.rejected));
            }
        }

        void check(Action after) {
            long now = clock.nanoTime();
            int largestBound = 0;
            for (Entry e : entries) {
                if (e.answers == 0) { // still in the gate's queue, or dropped by it
                    largestBound = Math.max(largestBound, e.maxQueued);
                }
                if (e.waiting() && closed) {
                    violations.add(e + " still unanswered after close");
                }
                if (e.waiting() && e.deadline != Long.MAX_VALUE && now - e.deadline > 0) {
                    violations.add(e + " still unanswered " + (now - e.deadline) / MS + " ms after its deadline");
                }
            }
            if (gate.queued() > largestBound) {
                violations.add(
                        gate.queued() + " queued, above the largest bound of the entries (" + largestBound + ")");
            }
            // retries first: no fresh call released while a retry submitted before it still waited
            for (Entry fresh : freshReleased) {
                for (Entry retry : entries) {
                    if (retry.retry
                            && retry.submittedSeq < fresh.answeredSeq
                            && retry.finishedSeq > fresh.answeredSeq
                            && retry.answeredAt > fresh.answeredAt) {
                        violations.add(fresh + " released while " + retry + " (queued before) still waited");
                    }
                }
            }
            freshReleased.clear();
        }
    }
}
