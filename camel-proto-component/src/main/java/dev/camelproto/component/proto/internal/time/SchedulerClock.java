package dev.camelproto.component.proto.internal.time;

import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The production clock: {@link System#nanoTime()} and one timer thread. Its delay queue is unbounded by design: it
 * holds at most one retry timer per call in flight (bounded by maxPendingCalls) plus one tick per teamspace and the
 * runtime's sweep; cancelled timers leave it at once. It rejects only after {@link #shutdown()}, and every caller turns
 * that rejection into a "component stopped" failure of its call.
 */
public final class SchedulerClock implements Clock {

    private final ScheduledThreadPoolExecutor timers;
    private volatile Thread timerThread;

    public SchedulerClock(ThreadFactory threads) {
        ThreadFactory remembered = task -> {
            Thread t = threads.newThread(task);
            timerThread = t;
            return t;
        };
        timers = new ScheduledThreadPoolExecutor(1, remembered, (task, pool) -> {
            throw new RejectedExecutionException("the proto component is stopped");
        });
        timers.setRemoveOnCancelPolicy(true);
        timers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public boolean onTimerThread() {
        return Thread.currentThread() == timerThread;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Timer schedule(Runnable task, long delayNanos) {
        Future<?> f = timers.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    /** Runs a task every {@code periodNanos}, for the runtime's sweep. */
    public Timer scheduleAtFixedRate(Runnable task, long periodNanos) {
        Future<?> f = timers.scheduleAtFixedRate(task, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    /** Drops every pending timer: called once every call has finished. */
    public void shutdown() {
        timers.shutdownNow();
    }
}
