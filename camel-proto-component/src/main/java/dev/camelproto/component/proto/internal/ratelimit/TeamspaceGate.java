package dev.camelproto.component.proto.internal.ratelimit;

import dev.camelproto.component.proto.internal.time.Clock;


import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;


/**
 * The shared back-off of one teamspace (per component, base URL and teamspace id).
 * <p>
 * <b>Open</b> (no 429 lately): every request is sent at once; the only cost is one volatile read.
 * <p>
 * A {@code 429} <b>pauses</b> every request to that teamspace until its {@code Retry-After} has passed: requests
 * submitted meanwhile wait in a queue (bounded by {@code maxQueuedCalls}; no thread is held; a scheduled tick
 * releases them, retries first). The longest pause seen is the gate's <em>period</em> (the server's window).
 * <p>
 * When the route was busy before the first {@code 429} (at least a first batch of successes in the second before it),
 * what the server accepted in that second is the first batch per period (see paced, below). A quiet route tells
 * nothing about the limit, so then the gate <b>probes fast</b>: it releases a small batch, then doubles the batch every eighth of a period (TCP's slow start,
 * clocked by the period instead of round trips). The first {@code 429} of a request it released in that phase tells
 * the limit: what the server accepted during the last period.
 * <p>
 * Then it is <b>paced</b>: the batch (requests per period) is spread over the period, a sixteenth at each release, so
 * that replicas sharing one limit interleave their requests instead of meeting at the edges of the server's window.
 * A {@code 429} to a request released at the current pace does <em>not</em> pause it: another replica (or this one)
 * filled the server's window, and pausing for the whole {@code Retry-After} would leave the window empty when the
 * replicas pause in turn. The refused request waits for the next release, first in line, and the batch shrinks to
 * what the server accepted from this gate in the last period (counted in 1/32 of a period; a bandwidth estimate, as
 * TCP Westwood does rather than halving blindly), never below half, at most once per period (the server's window
 * needs a period to show a new pace). Each release that used all its permits, with calls still waiting and no
 * {@code 429} since the previous release, grows the batch by a sixteenth (about 2.6 times per period), so a replica
 * whose peers stopped, or that joined late with a small share, takes the freed share within a period or two. A
 * fixed-window server costs at most the paced rate in refused requests until its window resets; they are the gate's
 * (below), and the callTimeout bounds each call. The gate opens completely once a whole period passed without a
 * {@code 429} and nobody waits.
 * <p>
 * A {@code 429} to a request the gate itself released is counted against the gate, not the exchange
 * ({@link #onTooManyRequests} returns false): the exchange that goes first after a pause is a probe and must not run
 * out of attempts while fresh calls succeed; its call timeout still bounds it.
 */
public final class TeamspaceGate {

    /** What an entry that cannot be released before its deadline was waiting for. */
    public static final String WAITING_FOR = "waiting in the teamspace's 429 back-off";

    /** Slow-start steps per period. */
    static final int SLICES = 8;
    /** Paced: releases per period (the batch is spread over the period, not sent at its start). */
    static final int PACE_TICKS = 16;
    /** Paced: the batch grows by 1/GROWTH at each release that used all its permits and met no 429. */
    static final int GROWTH = 16;
    /** Buckets per period counting the successes. */
    static final int BUCKETS = 32;
    /** While open: successes counted per eighth of a second, the last second kept. */
    private static final int OPEN_BUCKETS = 8;
    private static final long OPEN_BUCKET_NANOS = TimeUnit.MILLISECONDS.toNanos(125);
    /** The first slow-start batch. */
    static final int FIRST_BATCH = 16;
    private static final int MAX_BATCH = 1 << 24;

    private enum Mode { OPEN, SLOW_START, PACED }

    private final Clock clock;
    private final Runnable onPause;

    /** False while the gate is open: then submit() and onSuccess() take no lock. */
    private volatile boolean restricted;
    private final AtomicLongArray openTags = new AtomicLongArray(OPEN_BUCKETS);
    private final AtomicIntegerArray openCounts = new AtomicIntegerArray(OPEN_BUCKETS);

    // all below guarded by this
    private Mode mode = Mode.OPEN;
    /** Retries, released ahead of new calls; null while open: an open gate is a few fields. */
    private ArrayDeque<GateEntry> retries;
    private ArrayDeque<GateEntry> queue;
    private boolean closed;
    private boolean paused;
    private long pausedUntil;
    private long periodNanos;
    private long last429At;
    /** A 429 to a request released in the current slow start or batch: learn the limit at the next release. */
    private boolean learn;
    /** Sends allowed until the next tick. */
    private int permits;
    /** Slow start: the next batch; paced: the requests per period, released a sixteenth at a time. */
    private int batch;
    private int batchUsed;
    /** When the gate began releasing since it left OPEN (a 429 to a request sent after it is the gate's). */
    private long releasingSince;
    private boolean releasing;
    private long lastReleaseAt;
    /**
     * Successes per 1/32 of a period (time buckets tagged with their number): what the server accepted lately. Null
     * while open: an open gate is a few fields.
     */
    private int[] slices;
    private long[] sliceTags;
    /** At the first 429 of a round: the successes of the period before it; then those that came after it. */
    private int learnBase;
    private int learnTail;
    private Clock.Timer tickCancel;
    private long tickAt;
    /** Paced: releases since paced began (a period is PACE_TICKS of them). */
    private long paceTick;
    /** Paced: when the batch last shrank (or pacing began); a 429 to a request sent before it teaches nothing. */
    private long decreasedAt;
    /** Paced: when the next release is due. */
    private long paceNextAt;
    /** Paced: the permits of the last release. */
    private int allotted;

    public TeamspaceGate(Clock clock, Runnable onPause) {
        this.clock = Objects.requireNonNull(clock);
        this.onPause = onPause != null ? onPause : () -> {
        };
    }

    /**
     * Sends now when open (or a permit is left); else queues, retries ahead of new calls. Aborts with
     * {@link ProtoQueueFullException} when maxQueuedCalls entries already wait; expires the entry at once when it
     * cannot be released before its deadline.
     */
    public void submit(GateEntry entry, boolean retry) {
        if (!restricted) {
            entry.release(); // the common case: no 429 seen lately, nothing to coordinate
            return;
        }
        int outcome; // 0 send, 1 queued, 2 closed, 3 full, 4 expire
        synchronized (this) {
            if (closed) {
                outcome = 2;
            } else if (mode == Mode.OPEN) {
                outcome = 0;
            } else if (!paused && permits > 0 && queued() == 0) {
                permits--;
                batchUsed++;
                outcome = 0;
            } else if (entry.deadlineNanos() != Long.MAX_VALUE
                       && entry.deadlineNanos() - (paused ? pausedUntil : tickAt) < 0) {
                outcome = 4;
            } else {
                if (queue == null) {
                    queue = new ArrayDeque<>();
                    retries = new ArrayDeque<>();
                }
                if (queued() >= entry.maxQueued()) {
                    purgeFinished();
                }
                if (queued() >= entry.maxQueued()) {
                    outcome = 3;
                } else {
                    (retry ? retries : queue).addLast(entry);
                    outcome = 1;
                }
            }
        }
        switch (outcome) {
            case 0 -> entry.release();
            case 2 -> entry.reject(Rejection.CLOSED);
            case 3 -> entry.reject(Rejection.QUEUE_FULL);
            case 4 -> entry.reject(Rejection.DEADLINE);
            default -> {
            }
        }
    }

    /** A 2xx to a request sent at {@code sentAtNanos}: counted while restricted (what the server accepts). */
    public void onSuccess(long sentAtNanos) {
        if (!restricted) {
            // lock-free, approximate (a bucket's reset may race with an increment): only a first estimate
            long now = clock.nanoTime();
            long bucket = Math.floorDiv(now, OPEN_BUCKET_NANOS);
            int i = Math.floorMod(bucket, OPEN_BUCKETS);
            if (openTags.get(i) != bucket) {
                openTags.set(i, bucket);
                openCounts.set(i, 0);
            }
            openCounts.incrementAndGet(i);
            return;
        }
        synchronized (this) {
            if (mode != Mode.OPEN) {
                long bucket = Math.floorDiv(clock.nanoTime(), sliceNanos());
                int i = Math.floorMod(bucket, BUCKETS);
                if (sliceTags[i] != bucket) {
                    sliceTags[i] = bucket;
                    slices[i] = 0;
                }
                slices[i]++;
                learnTail++;
            }
        }
    }

    /**
     * A 429 with the given pause to a request sent at {@code sentAtNanos}: pauses every request to this teamspace.
     *
     * @return true when the exchange is charged an attempt for it (it was sent while the gate was open); false when the
     *         gate counts it against itself (a request the gate released after a pause)
     */
    public boolean onTooManyRequests(Duration pause, long sentAtNanos) {
        boolean newPause;
        boolean charged;
        List<GateEntry> failed;
        boolean reason;
        synchronized (this) {
            if (closed) {
                return true;
            }
            long now = clock.nanoTime();
            long pauseNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), saturatedNanos(pause));
            boolean gates = releasing && sentAtNanos - releasingSince >= 0;
            charged = !gates;
            if (mode == Mode.OPEN) {
                int seen = acceptedWhileOpen(now);
                if (seen >= FIRST_BATCH) {
                    // the route was busy: what the server took in the second before this 429 is its limit, for now
                    mode = Mode.PACED;
                    batch = seen;
                    // it grows from there while the server accepts more: the route may have sent less than the limit
                    startPacing(now);
                } else {
                    // a quiet route tells nothing about the limit: after the pause, probe from a small batch
                    mode = Mode.SLOW_START;
                    batch = FIRST_BATCH;
                }
                resetCounts();
                restricted = true;
            } else if (mode == Mode.PACED && gates && !paused) {
                // paced: this replica or others filled the server's window. No pause (that would leave the window
                // to the others and, when replicas pause in turn, idle): shrink to what the server accepted from
                // this gate in the last period, at most once per period and only for a request sent at the current
                // pace; the refused one waits for the next release (a sixteenth of a period), so a fixed-window
                // server costs at most the paced rate in refused probes until its window resets
                if (sentAtNanos - decreasedAt >= 0 && now - decreasedAt >= periodNanos) {
                    int accepted = acceptedInLastPeriod(now);
                    batch = Math.max(1, Math.max(batch / 2, Math.min(batch, accepted)));
                    decreasedAt = now;
                }
                last429At = now;
                permits = 0;
                return false;
            } else if (gates && !learn && mode == Mode.SLOW_START) {
                // the limit: what the server accepted in the period that ended with this 429, and the answers
                // still coming to requests it accepted
                learn = true;
                learnBase = acceptedInLastPeriod(now);
                learnTail = 0;
            }
            last429At = now;
            periodNanos = Math.max(periodNanos, pauseNanos);
            if (mode == Mode.SLOW_START && gates && learn && learnBase > 0) {
                // the server took some in the last period: the limit is known; pace from the next slice on
                pauseNanos = Math.min(pauseNanos, Math.max(1, periodNanos / SLICES));
            }
            long until = now + pauseNanos;
            newPause = !paused;
            if (!paused || until - pausedUntil > 0) {
                pausedUntil = until;
            }
            paused = true;
            permits = 0;
            reason = scheduleTick(pausedUntil - now);
            failed = reason ? List.of() : drain();
        }
        failed.forEach(e -> e.reject(Rejection.CLOSED));
        if (newPause) {
            onPause.run();
        }
        return charged;
    }

    /** Fails every queued entry with {@code reason} and refuses new ones. */
    public void close() {
        List<GateEntry> waiting;
        synchronized (this) {
            closed = true;
            restricted = true;
            cancelTick();
            waiting = drain();
        }
        waiting.forEach(e -> e.reject(Rejection.CLOSED));
    }

    /** True while no 429 restricts the gate and nobody waits (for the gate map: a gate that could be dropped). */
    public boolean isOpen() {
        return !restricted;
    }

    /** The entries waiting (for tests and metrics). */
    public synchronized int queued() {
        return queue == null ? 0 : retries.size() + queue.size();
    }

    /** Slow start: the next batch; paced: the batch per period; 0 when open (for tests). */
    synchronized int batch() {
        return mode == Mode.OPEN ? 0 : batch;
    }

    synchronized boolean isPaced() {
        return mode == Mode.PACED;
    }

    private void onTick() {
        List<GateEntry> release = new ArrayList<>();
        List<GateEntry> expired = new ArrayList<>();
        List<GateEntry> failed;
        boolean reason;
        synchronized (this) {
            tickCancel = null;
            if (closed) {
                return;
            }
            long now = clock.nanoTime();
            if (paused && now - pausedUntil < 0) {
                reason = scheduleTick(pausedUntil - now);
                failed = reason ? List.of() : drain();
            } else {
                paused = false;
                boolean waiting = purgeFinished();
                if (!waiting && !learn && now - last429At >= periodNanos) {
                    open(); // a whole period without a 429 and nobody waiting
                    return;
                }
                long next;
                if (mode == Mode.SLOW_START) {
                    slowStartStep();
                }
                if (mode == Mode.SLOW_START) {
                    next = now + Math.max(1, periodNanos / SLICES);
                    permits = batch;
                    batchUsed = 0;
                } else {
                    // paced: the batch spread over the period, a sixteenth at a time, so that replicas sharing
                    // the limit interleave instead of meeting at the edges of the server's window
                    int k = (int) (paceTick % PACE_TICKS);
                    if (paceTick > 0) {
                        pacedStep(now, waiting);
                    }
                    paceTick++;
                    permits = (int) ((long) batch * (k + 1) / PACE_TICKS - (long) batch * k / PACE_TICKS);
                    allotted = permits;
                    // on the planned schedule, not after the tick ran: a late tick (a busy scheduler) must not
                    // slow the pace down; one that is more than a release late starts over from now
                    long planned = paceTick == 1 || now - paceNextAt > tickNanos() ? now : paceNextAt;
                    paceNextAt = planned + tickNanos();
                    next = Math.max(now, paceNextAt);
                }
                releasingSince = releasing ? releasingSince : now;
                releasing = true;
                lastReleaseAt = now;
                while (permits > 0 && queued() > 0) {
                    GateEntry e = retries.isEmpty() ? queue.pollFirst() : retries.pollFirst();
                    if (!e.isFinished()) {
                        release.add(e);
                        permits--;
                        batchUsed++;
                    }
                }
                // whoever must wait beyond its deadline fails now rather than at its timer
                if (queue != null) {
                    expireBefore(retries, next, expired);
                    expireBefore(queue, next, expired);
                }
                reason = scheduleTick(next - now);
                failed = reason ? List.of() : drain();
            }
        }
        release.forEach(GateEntry::release);
        expired.forEach(e -> e.reject(Rejection.DEADLINE));
        failed.forEach(e -> e.reject(Rejection.CLOSED));
    }

    private void slowStartStep() {
        if (learn) {
            learn = false;
            int seen = learnBase + learnTail;
            if (seen > 0) {
                // the server accepted that many in the period that ended with the 429: its limit, for now
                mode = Mode.PACED;
                batch = seen;
                startPacing(clock.nanoTime());
                return;
            }
            batch = FIRST_BATCH; // nothing got through: probe again from the start
            return;
        }
        if (releasing && batchUsed >= batch) {
            batch = Math.min(MAX_BATCH, batch * 2);
        }
    }

    private void startPacing(long now) {
        paceTick = 0;
        batchUsed = 0;
        decreasedAt = now;
    }

    private long tickNanos() {
        return Math.max(1, periodNanos / PACE_TICKS);
    }

    /**
     * At each paced release: the last release's permits all used, calls still waiting, and no 429 since it (nor a
     * shrink in the last period, whose effect the server's window has not shown yet): a sixteenth more per release
     * (about 2.6 times per period), so that a replica whose peers stopped takes the freed share within a period or
     * two. Overshooting costs only 429s that the gate counts against itself.
     */
    private void pacedStep(long now, boolean waiting) {
        if (allotted > 0 && permits == 0 && waiting && last429At - lastReleaseAt < 0) {
            batch = (int) Math.min(MAX_BATCH, (long) batch + Math.max(1, batch / GROWTH));
        }
    }

    private void open() {
        mode = Mode.OPEN;
        restricted = false;
        releasing = false;
        periodNanos = 0;
        permits = 0;
        batch = 0;
        learn = false;
        queue = null;
        retries = null;
        resetCounts();
    }

    private void resetCounts() {
        learnBase = 0;
        learnTail = 0;
        if (mode == Mode.OPEN) {
            slices = null;
            sliceTags = null;
        } else {
            slices = new int[BUCKETS];
            sliceTags = new long[BUCKETS];
            java.util.Arrays.fill(sliceTags, Long.MIN_VALUE);
        }
    }

    private long sliceNanos() {
        return Math.max(1, periodNanos / BUCKETS);
    }

    /** The successes counted while open in the last second. */
    private int acceptedWhileOpen(long now) {
        long current = Math.floorDiv(now, OPEN_BUCKET_NANOS);
        int sum = 0;
        for (int i = 0; i < OPEN_BUCKETS; i++) {
            long tag = openTags.get(i);
            if (tag != 0 && current - tag < OPEN_BUCKETS) {
                sum += openCounts.get(i);
            }
        }
        return sum;
    }

    /** The successes counted in the last period (its last BUCKETS buckets, the current one included). */
    private int acceptedInLastPeriod(long now) {
        long current = Math.floorDiv(now, sliceNanos());
        int sum = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (sliceTags[i] != Long.MIN_VALUE && current - sliceTags[i] < BUCKETS) {
                sum += slices[i];
            }
        }
        return sum;
    }

    private static void expireBefore(ArrayDeque<GateEntry> entries, long next, List<GateEntry> expired) {
        for (Iterator<GateEntry> it = entries.iterator(); it.hasNext();) {
            GateEntry e = it.next();
            if (e.isFinished()) {
                it.remove();
            } else if (e.deadlineNanos() != Long.MAX_VALUE && e.deadlineNanos() - next < 0) {
                it.remove();
                expired.add(e);
            }
        }
    }

    /** Drops finished entries; true when some still wait. */
    private boolean purgeFinished() {
        if (queue == null) {
            return false;
        }
        retries.removeIf(GateEntry::isFinished);
        queue.removeIf(GateEntry::isFinished);
        return queued() > 0;
    }

    /** Everything queued, removed (to be failed outside the lock); the gate opens for later calls. */
    private List<GateEntry> drain() {
        List<GateEntry> all = new ArrayList<>();
        if (queue != null) {
            all.addAll(retries);
            all.addAll(queue);
            retries.clear();
            queue.clear();
        }
        if (!closed) {
            open(); // nothing can release a queue: later calls go straight to the server (and meet its 429s)
        }
        return all;
    }

    /** @return true when scheduled; false when the clock refused (the component stops): fail the waiting entries */
    private boolean scheduleTick(long delayNanos) {
        cancelTick();
        long delay = Math.max(0, delayNanos);
        try {
            tickCancel = clock.schedule(this::onTick, delay);
            tickAt = clock.nanoTime() + delay;
            return true;
        } catch (RejectedExecutionException e) {
            tickCancel = null;
            return false;
        }
    }

    private void cancelTick() {
        if (tickCancel != null) {
            tickCancel.cancel();
            tickCancel = null;
        }
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return d.isNegative() ? 0 : Long.MAX_VALUE / 4;
        }
    }
}
