package dev.camelproto.component.proto.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The shared back-off of one teamspace (per component, base URL and teamspace id). A {@code 429} pauses every request
 * to that teamspace until its {@code Retry-After} has passed: requests submitted meanwhile wait in a queue (no thread
 * is held; a scheduled tick releases them). After a pause the gate releases, per {@code Retry-After} period (plus a
 * twentieth, so a release never meets the tail of the previous batch in the server's window), as many requests as the
 * server accepted in the period that ended with a 429, retries first. For every period without a 429 the budget
 * doubles back up to that learned limit (so a lone 429 that was no rate limit costs a few periods), then grows by a
 * quarter to probe above it; the gate opens completely once its queue is empty. So a server limit is met at about its
 * own rate instead of each in-flight exchange retrying on its own and failing after {@code maxRetries}.
 */
public final class TeamspaceGate {

    /** A request waiting for the gate (see the gate contract: the gate branch owns this class). */
    public interface Entry {
        void send();

        void abort(Exception reason);

        void expire(String waitingFor);

        long deadlineNanos();

        boolean isFinished();

        String operation();

        int attempts();
    }

    /** Production construction. (maxQueuedCalls is enforced by the gate branch's rewrite of this class.) */
    public static TeamspaceGate create(ScheduledExecutorService scheduler, int maxQueuedCalls, Runnable onPause) {
        return new TeamspaceGate(scheduler, onPause);
    }

    private static final int WINDOW = 8192; // a power of two


    private final ScheduledExecutorService scheduler;
    private final Runnable onPause;
    private final Deque<Entry> queue = new ArrayDeque<>();
    private final long[] successTimes = new long[WINDOW];
    private final java.util.concurrent.atomic.AtomicInteger successCount = new java.util.concurrent.atomic.AtomicInteger();
    /** False while the gate is fully open: then submit() sends without taking the lock. */
    private volatile boolean restricted;

    private long pausedUntil;
    private boolean paused;
    private long limitSeenAt;
    private boolean limitSeen;
    private long periodNanos;
    /** Sends allowed until the next tick; -1 while the gate is fully open. */
    private int permits = -1;
    private int budget;
    private int ceiling;
    private long lastReleaseAt;
    private ScheduledFuture<?> tick;
    private boolean closed;

    public TeamspaceGate(ScheduledExecutorService scheduler, Runnable onPause) {
        this.scheduler = scheduler;
        this.onPause = onPause;
    }

    /** Sends now when the gate is open, else queues; retries go to the front of the queue. */
    public void submit(Entry entry, boolean retry) {
        if (!restricted) {
            entry.send(); // the common case: no 429 seen lately, nothing to coordinate
            return;
        }
        boolean sendNow;
        synchronized (this) {
            if (closed) {
                sendNow = false;
            } else if (!paused && permits != 0) {
                if (permits > 0) {
                    permits--;
                }
                sendNow = true;
            } else {
                if (retry) {
                    queue.addFirst(entry);
                } else {
                    queue.addLast(entry);
                }
                return;
            }
        }
        if (sendNow) {
            entry.send();
        } else {
            entry.abort(new ComponentStoppedException("the proto component is stopped"));
        }
    }

    /** A 2xx answer: counted, so the budget after a pause matches what the server accepted. */
    public void onSuccess(long sentAtNanos) {
        successTimes[successCount.getAndIncrement() & (WINDOW - 1)] = System.nanoTime();
    }

    /**
     * A 429 to a request sent at {@code sentAtNanos} ({@link System#nanoTime()}): pause every request to this teamspace
     * for {@code pause}. Only a 429 to a request released in the current period tells the server's limit; one to a
     * request sent before it (still in flight when the pause began) extends the pause but does not shrink the budget.
     */
    public boolean onTooManyRequests(Duration pause, long sentAtNanos) {
        boolean newPause;
        synchronized (this) {
            if (closed) {
                return true;
            }
            long now = System.nanoTime();
            long pauseNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), pause.toNanos());
            newPause = !paused;
            boolean fresh = permits == -1 || sentAtNanos - lastReleaseAt >= 0;
            if (fresh && !limitSeen) {
                limitSeen = true;
                limitSeenAt = now;
            }
            periodNanos = Math.max(periodNanos, pauseNanos);
            long until = now + pauseNanos;
            if (!paused || until - pausedUntil > 0) {
                pausedUntil = until;
            }
            paused = true;
            restricted = true;
            permits = 0;
            scheduleTick(pausedUntil - now);
        }
        if (newPause) {
            onPause.run();
        }
        return true;
    }

    /** Fails every queued request and refuses new ones. */
    public void close(Exception reason) {
        List<Entry> waiting;
        synchronized (this) {
            closed = true;
            restricted = true;
            if (tick != null) {
                tick.cancel(false);
            }
            waiting = new ArrayList<>(queue);
            queue.clear();
        }
        waiting.forEach(e -> e.abort(reason));
    }

    private void onTick() {
        List<Entry> release = new ArrayList<>();
        synchronized (this) {
            tick = null;
            if (closed) {
                return;
            }
            long now = System.nanoTime();
            if (paused && now - pausedUntil < 0) {
                scheduleTick(pausedUntil - now);
                return;
            }
            paused = false;
            if (limitSeen) {
                int accepted = successesSince(limitSeenAt - periodNanos);
                budget = Math.max(1, accepted);
                // what the server took in the period that ended with a 429; nothing taken tells no limit
                ceiling = accepted > 0 ? accepted : Integer.MAX_VALUE;
                limitSeen = false;
            } else if (queue.isEmpty()) {
                permits = -1; // a whole period without a 429 and nobody waiting: fully open again
                periodNanos = 0;
                restricted = false;
                return;
            } else {
                // as TCP does: double back up to the budget that last met a 429 (a lone 429 that was no rate
                // limit costs a few periods), then probe above it by a quarter per period
                budget = budget < ceiling ? Math.min(ceiling, budget * 2)
                        : budget > Integer.MAX_VALUE / 2 ? budget : budget + Math.max(1, budget / 4);
            }
            permits = budget;
            lastReleaseAt = now;
            while (permits > 0 && !queue.isEmpty()) {
                release.add(queue.pollFirst());
                permits--;
            }
            // a little later than the period: the server counts a request from when it arrived, so releasing exactly
            // one period after the last release would meet the tail of the previous batch and cost a whole pause
            scheduleTick(periodNanos + periodNanos / 20);
        }
        release.forEach(Entry::send);
    }

    private int successesSince(long since) {
        int total = successCount.get();
        int n = total < 0 || total >= WINDOW ? WINDOW : total; // negative once the counter wrapped
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (successTimes[i] - since >= 0) {
                count++;
            }
        }
        return count;
    }

    private void scheduleTick(long delayNanos) {
        if (tick != null) {
            tick.cancel(false);
        }
        try {
            tick = scheduler.schedule(this::onTick, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) { // the component's scheduler rejects only once shut down
            tick = null;
            closed = true;
            List<Entry> waiting = new ArrayList<>(queue);
            queue.clear();
            ComponentStoppedException reason = new ComponentStoppedException("the proto component is stopped"
                                                                             + " (the back-off timer was refused)");
            waiting.forEach(e -> e.abort(reason)); // an abort only completes the call (it takes no gate lock)
        }
    }
}
