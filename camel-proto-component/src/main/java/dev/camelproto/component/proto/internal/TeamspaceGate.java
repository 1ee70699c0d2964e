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
 * is held; a scheduled tick releases them). After a pause the gate releases, per {@code Retry-After} period, as many
 * requests as the server accepted in the period before the 429 (retries first), doubling that budget for every period
 * that passes without a 429 (so a lone 429 that was not a rate limit costs a few periods, not minutes), and opens
 * completely once its queue is empty. So a server limit is met at
 * about its own rate instead of each in-flight exchange retrying on its own and failing after {@code maxRetries}.
 */
public final class TeamspaceGate {

    /** A request waiting for the gate. */
    public interface Entry {
        void send();

        void abort(Exception reason);
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
    public void onSuccess() {
        successTimes[successCount.getAndIncrement() & (WINDOW - 1)] = System.nanoTime();
    }

    /** A 429: pause every request to this teamspace for {@code pause}. */
    public void onTooManyRequests(Duration pause) {
        boolean newPause;
        synchronized (this) {
            if (closed) {
                return;
            }
            long now = System.nanoTime();
            long pauseNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), pause.toNanos());
            newPause = !paused;
            if (!limitSeen) {
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
                budget = Math.max(1, successesSince(limitSeenAt - periodNanos));
                limitSeen = false;
            } else if (queue.isEmpty()) {
                permits = -1; // a whole period without a 429 and nobody waiting: fully open again
                periodNanos = 0;
                restricted = false;
                return;
            } else {
                budget = budget > Integer.MAX_VALUE / 2 ? budget : budget * 2; // slow start: a lone 429 costs little
            }
            permits = budget;
            while (permits > 0 && !queue.isEmpty()) {
                release.add(queue.pollFirst());
                permits--;
            }
            scheduleTick(periodNanos);
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
        } catch (RejectedExecutionException stopping) {
            tick = null;
        }
    }
}
