package dev.camelproto.component.proto.internal.ratelimit;

import java.util.concurrent.TimeUnit;

/**
 * The pace of one teamspace's gate: whether a 429 pauses it, how many calls each release may send and when the next
 * release is due. Plain state and arithmetic: no lock (the gate mutates it under its own), no clock (every method is
 * given now), no timer (the gate schedules a release at {@link #nextReleaseAt()} and calls {@link #release}).
 * <p>
 * Phases: {@link Phase#OPEN OPEN} (no 429 lately: the gate does not consult it), {@link Phase#SLOW_START SLOW_START}
 * (the limit unknown: a batch that doubles at each step until a 429 shows the limit) and {@link Phase#PACED PACED}
 * (a batch per period, spread over it; shrunk by a 429, grown while all permits are used). A 429 pauses until its
 * Retry-After, except one to a paced release. Inputs: successes, 429s, releases and the permits spent; outputs: whether
 * a 429 is charged to the exchange, each release's permits and time, and when the gate may open. The reasons for the
 * numbers are in {@code docs/rate-limiting.md}.
 */
final class PacePolicy {

    /** The first slow-start batch; and the fewest successes in the second before a first 429 that tell a limit. */
    static final int FIRST_BATCH = 16;
    /** Slow start: steps per period (the batch doubles at each). */
    static final int SLOW_START_STEPS = 8;
    /** Paced: releases per period (the batch is spread over the period, not sent at its start). */
    static final int RELEASES_PER_PERIOD = 16;
    /** Paced: the batch grows by 1/GROWTH_DIVISOR at each release that followed a fully used one with no 429. */
    static final int GROWTH_DIVISOR = 16;
    /** Buckets per period of the window counting what the server accepted. */
    static final int WINDOW_BUCKETS = 32;

    static final int MAX_BATCH = 1 << 24;
    static final long MIN_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    enum Phase {
        OPEN,
        SLOW_START,
        PACED
    }

    /** What a 429 did: charged to the exchange; started a pause (it was not paused); moved the next release. */
    record Refusal(boolean charged, boolean pauseStarted, boolean nextReleaseMoved) {}

    /** A release: the gate opens (no more pacing); or {@code permits} to send now and the next release's time. */
    record Release(boolean opens, int permits, long nextAtNanos) {
        static final Release OPENS = new Release(true, 0, 0);
    }

    private Phase phase = Phase.OPEN;
    /** The server's window: the longest pause a 429 asked for. */
    private long periodNanos;

    private boolean paused;
    private long pausedUntil;
    private long last429At;
    /** When the first release since the gate left OPEN happened: a 429 to a request sent since is the gate's. */
    private boolean releasing;

    private long releasingSince;
    private long lastReleaseAt;
    /** The time of the next release when not paused. */
    private long releaseAt;
    /** Sends allowed until the next release. */
    private int permits;
    /** Slow start: the next step's batch; paced: the calls per period. */
    private int batch;
    /** Slow start: permits of the current step used. */
    private int usedOfBatch;
    /** What the server accepted lately: successes of the last period, in WINDOW_BUCKETS buckets; null while OPEN. */
    private SuccessWindow accepted;
    /** Slow start met the limit: a 429 to a request it released; the limit is read at the next release. */
    private boolean limitMet;
    /** At that 429: what the server accepted in the period before it. */
    private int acceptedBefore429;
    /** The successes since then (answers to requests the server accepted before the 429). */
    private int acceptedAfter429;
    /** Paced: releases since pacing began (a period is RELEASES_PER_PERIOD of them). */
    private long pacedReleases;
    /** Paced: when the next release is planned (on schedule even when a release ran late). */
    private long pacedNextAt;
    /** Paced: the permits granted at the last release. */
    private int lastAllotment;
    /** Paced: when the batch last shrank, or pacing began; a 429 to a request sent before it teaches nothing. */
    private long shrunkAt;

    Phase phase() {
        return phase;
    }

    boolean isOpen() {
        return phase == Phase.OPEN;
    }

    /** Slow start: the next batch; paced: the batch per period; 0 when open. */
    int batch() {
        return phase == Phase.OPEN ? 0 : batch;
    }

    long periodNanos() {
        return periodNanos;
    }

    /** When the next release is due: the end of the pause, else the time the last release set. */
    long nextReleaseAt() {
        return paused ? pausedUntil : releaseAt;
    }

    /** True while a pause holds every release. */
    boolean isPausedAt(long now) {
        return paused && now - pausedUntil < 0;
    }

    /** A permit of the current release is left (and no pause holds it). */
    boolean hasPermit() {
        return !paused && permits > 0;
    }

    /** One call sent on a permit ({@link #hasPermit()} must be true). */
    void spendPermit() {
        permits--;
        usedOfBatch++;
    }

    /** A 2xx: what the server accepts (counted once the gate left OPEN). */
    void onSuccess(long now) {
        if (phase != Phase.OPEN) {
            accepted.record(now);
            acceptedAfter429++;
        }
    }

    /**
     * A 429 asking for {@code pauseNanos} to a request sent at {@code sentAtNanos}.
     *
     * @param acceptedWhileOpen the successes in the second before it, counted while OPEN (read only when OPEN)
     */
    Refusal on429(long now, long pauseNanos, long sentAtNanos, int acceptedWhileOpen) {
        long pause = Math.max(MIN_PAUSE_NANOS, pauseNanos);
        boolean releasedByGate = releasing && sentAtNanos - releasingSince >= 0;
        if (phase == Phase.OPEN) {
            if (acceptedWhileOpen >= FIRST_BATCH) {
                // the route was busy: what the server took in the second before this 429 is its limit, for now
                phase = Phase.PACED;
                batch = acceptedWhileOpen;
                startPacing(now);
            } else {
                // a quiet route tells nothing about the limit: after the pause, probe from a small batch
                phase = Phase.SLOW_START;
                batch = FIRST_BATCH;
            }
            accepted = null; // counted again from now, in buckets of the period's width
            acceptedBefore429 = 0;
            acceptedAfter429 = 0;
        } else if (phase == Phase.PACED && releasedByGate && !paused) {
            // another replica (or this one) filled the server's window: no pause, the refused call waits for the
            // next release; shrink to what the server accepted from this gate, at most once per period
            if (sentAtNanos - shrunkAt >= 0 && now - shrunkAt >= periodNanos) {
                batch = Math.max(1, Math.max(batch / 2, Math.min(batch, accepted.sum(now))));
                shrunkAt = now;
            }
            last429At = now;
            permits = 0;
            return new Refusal(false, false, false);
        } else if (phase == Phase.SLOW_START && releasedByGate && !limitMet) {
            // the limit: what the server accepted in the period that ended with this 429, plus the answers still
            // coming to requests it accepted
            limitMet = true;
            acceptedBefore429 = accepted.sum(now);
            acceptedAfter429 = 0;
        }
        last429At = now;
        lengthenPeriod(now, pause);
        if (phase == Phase.SLOW_START && releasedByGate && limitMet && acceptedBefore429 > 0) {
            // the limit is known: pace from the next slow-start step, not after the whole Retry-After
            pause = Math.min(pause, Math.max(1, periodNanos / SLOW_START_STEPS));
        }
        long until = now + pause;
        boolean pauseStarted = !paused;
        if (!paused || until - pausedUntil > 0) {
            pausedUntil = until;
        }
        paused = true;
        permits = 0;
        return new Refusal(!releasedByGate, pauseStarted, true);
    }

    /**
     * The release due now (never while {@link #isPausedAt paused}). {@code waiting}: calls still wait. Opens once a
     * whole period passed without a 429 and nobody waits; else grants the release's permits.
     */
    Release release(long now, boolean waiting) {
        paused = false;
        if (!waiting && !limitMet && now - last429At >= periodNanos) {
            return Release.OPENS;
        }
        long next;
        if (phase == Phase.SLOW_START) {
            slowStartStep(now);
        }
        if (phase == Phase.SLOW_START) {
            next = now + Math.max(1, periodNanos / SLOW_START_STEPS);
            permits = batch;
            usedOfBatch = 0;
        } else {
            int k = (int) (pacedReleases % RELEASES_PER_PERIOD);
            if (pacedReleases > 0) {
                growIfAllUsed(waiting);
            }
            pacedReleases++;
            // the k-th sixteenth of the batch: the batch spread over the period
            permits = (int) ((long) batch * (k + 1) / RELEASES_PER_PERIOD - (long) batch * k / RELEASES_PER_PERIOD);
            lastAllotment = permits;
            // on the planned schedule, not from when this release ran: a late one must not slow the pace down; one
            // more than a release interval late starts over from now
            long planned = pacedReleases == 1 || now - pacedNextAt > releaseInterval() ? now : pacedNextAt;
            pacedNextAt = planned + releaseInterval();
            next = Math.max(now, pacedNextAt);
        }
        if (!releasing) {
            releasing = true;
            releasingSince = now;
        }
        lastReleaseAt = now;
        releaseAt = next;
        return new Release(false, permits, next);
    }

    private void slowStartStep(long now) {
        if (limitMet) {
            limitMet = false;
            int limit = acceptedBefore429 + acceptedAfter429;
            if (limit > 0) {
                phase = Phase.PACED;
                batch = limit;
                startPacing(now);
            } else {
                batch = FIRST_BATCH; // nothing got through: probe again from the start
            }
        } else if (releasing && usedOfBatch >= batch) {
            batch = Math.min(MAX_BATCH, batch * 2);
        }
    }

    /** The last release's permits all used, calls still waiting, no 429 since it: a sixteenth more. */
    private void growIfAllUsed(boolean waiting) {
        if (lastAllotment > 0 && permits == 0 && waiting && last429At - lastReleaseAt < 0) {
            batch = (int) Math.min(MAX_BATCH, (long) batch + Math.max(1, batch / GROWTH_DIVISOR));
        }
    }

    private void startPacing(long now) {
        pacedReleases = 0;
        usedOfBatch = 0;
        shrunkAt = now;
    }

    private long releaseInterval() {
        return Math.max(1, periodNanos / RELEASES_PER_PERIOD);
    }

    private void lengthenPeriod(long now, long pause) {
        periodNanos = Math.max(periodNanos, pause);
        long bucketNanos = Math.max(1, periodNanos / WINDOW_BUCKETS);
        if (accepted == null) {
            accepted = new SuccessWindow(WINDOW_BUCKETS, bucketNanos);
        } else if (accepted.bucketNanos() != bucketNanos) {
            accepted = accepted.rescaled(now, bucketNanos);
        }
    }
}
