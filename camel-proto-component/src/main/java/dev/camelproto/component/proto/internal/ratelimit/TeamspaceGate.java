package dev.camelproto.component.proto.internal.ratelimit;

import dev.camelproto.component.proto.internal.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The shared 429 back-off of one teamspace. While <b>open</b> (no 429 lately) {@link #submit} releases every entry at
 * once, with one volatile read and no lock. A 429 ({@link #onTooManyRequests}) restricts it: entries wait in a
 * {@link WaitQueue} (each within its own {@link GateEntry#maxQueued()}; retries first) and a tick on the {@link Clock}
 * releases them at the pace the {@link PacePolicy} sets; an entry that cannot be released before its deadline is
 * rejected with {@link Rejection#DEADLINE}. The gate opens again when the policy says so. {@link #close} rejects every
 * waiting entry with {@link Rejection#CLOSED} and refuses new ones; so does a clock that refuses to schedule a tick
 * (the gate then opens: later calls go straight to the server). Every entry is answered at most once; the gate decides
 * under its lock and calls entries outside it.
 */
public final class TeamspaceGate {

    /** While open: successes counted per eighth of a second, the last second kept (a first estimate of the limit). */
    private static final int OPEN_WINDOW_BUCKETS = 8;

    private static final long OPEN_BUCKET_NANOS = TimeUnit.MILLISECONDS.toNanos(125);

    /** What {@link #submit} decided for an entry. */
    private enum Admission {
        RELEASED(null),
        QUEUED(null),
        CLOSED(Rejection.CLOSED),
        QUEUE_FULL(Rejection.QUEUE_FULL),
        PAST_DEADLINE(Rejection.DEADLINE);

        final Rejection rejection;

        Admission(Rejection rejection) {
            this.rejection = rejection;
        }
    }

    private final Clock clock;
    private final Runnable onPause;
    /** False while open: then submit() and onSuccess() take no lock. */
    private volatile boolean restricted;

    private final SuccessWindow acceptedWhileOpen = new SuccessWindow(OPEN_WINDOW_BUCKETS, OPEN_BUCKET_NANOS);

    // guarded by this
    private PacePolicy policy = new PacePolicy();
    private final WaitQueue waiting = new WaitQueue();
    private boolean closed;
    private Clock.Timer tick = Clock.NONE;

    /**
     * @param clock   time and the timer of the releases
     * @param onPause run (outside the lock) each time a 429 starts a pause
     */
    public TeamspaceGate(Clock clock, Runnable onPause) {
        this.clock = Objects.requireNonNull(clock);
        this.onPause = onPause != null ? onPause : () -> {};
    }

    /** Releases the entry now when open (or a permit is left and nobody waits); else queues or rejects it. */
    public void submit(GateEntry entry, boolean retry) {
        if (!restricted) {
            entry.release(); // the common case: no 429 seen lately, nothing to coordinate
            return;
        }
        Admission admission;
        synchronized (this) {
            admission = admit(entry, retry);
        }
        if (admission == Admission.RELEASED) {
            entry.release();
        } else if (admission.rejection != null) {
            entry.reject(admission.rejection);
        }
    }

    private Admission admit(GateEntry entry, boolean retry) { // guarded by this
        if (closed) {
            return Admission.CLOSED;
        }
        if (policy.isOpen()) {
            return Admission.RELEASED;
        }
        if (policy.hasPermit() && waiting.size() == 0) {
            policy.spendPermit();
            return Admission.RELEASED;
        }
        if (entry.deadlineNanos() != Long.MAX_VALUE && entry.deadlineNanos() - policy.nextReleaseAt() < 0) {
            return Admission.PAST_DEADLINE;
        }
        return waiting.offer(entry, retry) ? Admission.QUEUED : Admission.QUEUE_FULL;
    }

    /** A 2xx to a request sent at {@code sentAtNanos}: what the server accepts. */
    public void onSuccess(long sentAtNanos) {
        long now = clock.nanoTime();
        if (!restricted) {
            acceptedWhileOpen.record(now); // lock-free, approximate: only a first estimate
            return;
        }
        synchronized (this) {
            policy.onSuccess(now);
        }
    }

    /**
     * A 429 asking for {@code pause} to a request sent at {@code sentAtNanos}: pauses the teamspace (or, when paced,
     * slows it down).
     *
     * @return true when the exchange is charged an attempt for it; false when the gate counts it against itself (a
     *         request the gate released)
     */
    public boolean onTooManyRequests(Duration pause, long sentAtNanos) {
        PacePolicy.Refusal refusal;
        List<GateEntry> refused;
        List<GateEntry> expired = List.of();
        synchronized (this) {
            if (closed) {
                return true;
            }
            long now = clock.nanoTime();
            int whileOpen = policy.isOpen() ? acceptedWhileOpen.sum(now) : 0;
            refusal = policy.on429(now, saturatedNanos(pause), sentAtNanos, whileOpen);
            restricted = true;
            refused = refusal.nextReleaseMoved() ? scheduleTick(now) : List.of();
            if (refusal.nextReleaseMoved()) {
                // a longer pause: whoever cannot wait for its end is rejected now rather than past its deadline
                expired = waiting.removeExpiring(policy.nextReleaseAt());
            }
        }
        expired.forEach(e -> e.reject(Rejection.DEADLINE));
        refused.forEach(e -> e.reject(Rejection.CLOSED));
        if (refusal.pauseStarted()) {
            onPause.run();
        }
        return refusal.charged();
    }

    /** Rejects every waiting entry with {@link Rejection#CLOSED} and refuses new ones. */
    public void close() {
        List<GateEntry> refused;
        synchronized (this) {
            closed = true;
            restricted = true;
            tick.cancel();
            tick = Clock.NONE;
            refused = waiting.drain();
        }
        refused.forEach(e -> e.reject(Rejection.CLOSED));
    }

    /** True while no 429 restricts the gate and nobody waits. */
    public boolean isOpen() {
        return !restricted;
    }

    /** The entries waiting (for tests and metrics). */
    public synchronized int queued() {
        return waiting.size();
    }

    /** Slow start: the next batch; paced: the batch per period; 0 when open (for tests). */
    synchronized int batch() {
        return policy.batch();
    }

    synchronized boolean isPaced() {
        return policy.phase() == PacePolicy.Phase.PACED;
    }

    private void onTick() {
        List<GateEntry> released = new ArrayList<>();
        List<GateEntry> expired = new ArrayList<>();
        List<GateEntry> refused;
        synchronized (this) {
            tick = Clock.NONE;
            if (closed) {
                return;
            }
            long now = clock.nanoTime();
            if (policy.isPausedAt(now)) {
                refused = scheduleTick(now);
            } else {
                PacePolicy.Release release = policy.release(now, waiting.purgeFinished());
                if (release.opens()) {
                    open();
                    return;
                }
                for (GateEntry e; policy.hasPermit() && (e = waiting.pollUnfinished()) != null; ) {
                    if (e.deadlineNanos() != Long.MAX_VALUE && e.deadlineNanos() - now < 0) {
                        expired.add(e); // a late tick: never released after its deadline, no permit spent
                    } else {
                        policy.spendPermit();
                        released.add(e);
                    }
                }
                // whoever must wait beyond its deadline is rejected now rather than at its own timer
                expired.addAll(waiting.removeExpiring(release.nextAtNanos()));
                refused = scheduleTick(now);
            }
        }
        released.forEach(GateEntry::release);
        expired.forEach(e -> e.reject(Rejection.DEADLINE));
        refused.forEach(e -> e.reject(Rejection.CLOSED));
    }

    /**
     * Schedules the tick at the policy's next release (guarded by this).
     *
     * @return the entries to reject when the clock refused (it is stopping): the gate then opens, since nothing can
     *         release a queue, and later calls go straight to the server (and meet its 429s)
     */
    private List<GateEntry> scheduleTick(long now) {
        tick.cancel();
        try {
            tick = clock.schedule(this::onTick, Math.max(0, policy.nextReleaseAt() - now));
            return List.of();
        } catch (RejectedExecutionException stopping) {
            tick = Clock.NONE;
            List<GateEntry> all = waiting.drain();
            open();
            return all;
        }
    }

    private void open() { // guarded by this
        policy = new PacePolicy();
        restricted = false;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return d.isNegative() ? 0 : Long.MAX_VALUE / 4;
        }
    }
}
