package dev.camelproto.component.proto.internal.time;

import java.util.PriorityQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A deterministic {@link Clock} for tests: time moves only by {@link #advance}, which runs each task due on the way at
 * its own time (optionally late, as a busy timer thread would). Single-threaded: tests drive it from one thread.
 */
public final class FakeClock implements Clock {

    public static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Any origin: code under test must only use differences. */
    private long now = 1_000_000 * MS;

    private final PriorityQueue<Task> tasks =
            new PriorityQueue<>((a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    private long seq;
    /** When true, schedule() throws as a shut-down scheduler does. */
    public boolean reject;
    /** How late each task runs (a busy timer thread). */
    public long lateBy;

    private static final class Task {
        final long due;
        final long seq;
        final Runnable run;
        boolean cancelled;

        Task(long due, long seq, Runnable run) {
            this.due = due;
            this.seq = seq;
            this.run = run;
        }
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Timer schedule(Runnable task, long delayNanos) {
        if (reject) {
            throw new RejectedExecutionException("the proto component is stopped");
        }
        Task t = new Task(now + Math.max(0, delayNanos), seq++, task);
        tasks.add(t);
        return () -> t.cancelled = true;
    }

    /** Timers scheduled and neither run nor cancelled. */
    public long pending() {
        return tasks.stream().filter(t -> !t.cancelled).count();
    }

    /** Moves the clock by {@code nanos}, running each task due on the way at its own time (plus {@link #lateBy}). */
    public void advance(long nanos) {
        long until = now + nanos;
        while (!tasks.isEmpty() && tasks.peek().due <= until) {
            Task t = tasks.poll();
            if (!t.cancelled) {
                now = Math.max(now, t.due + lateBy);
                t.run.run();
            }
        }
        now = Math.max(now, until);
    }

    public void advanceMillis(long millis) {
        advance(millis * MS);
    }
}
