package dev.camelproto.component.proto.internal.time;

import java.util.concurrent.RejectedExecutionException;

/**
 * Time and timers, as one seam: what the call and the gate read instead of {@link System#nanoTime()} and a scheduler,
 * so that every timer rule is tested on fake time. The runtime owns the one production clock.
 */
public interface Clock {

    /** Now, in nanoseconds on a monotonic scale with an arbitrary origin: only differences mean anything. */
    long nanoTime();

    /**
     * Runs {@code task} once, {@code delayNanos} from now (at once when not positive), on the clock's timer thread. The
     * task must be short and must not block.
     *
     * @return a handle that cancels the task (a no-op once it ran)
     * @throws RejectedExecutionException when the clock is shut down (the component stops)
     */
    Timer schedule(Runnable task, long delayNanos);

    /**
     * True on the clock's own timer thread: work that may block (an HTTP client's DNS lookup when it opens a
     * connection) must leave it, or every other timer (deadlines, retries, releases) waits behind it.
     */
    default boolean onTimerThread() {
        return false;
    }

    /** A scheduled task. */
    @FunctionalInterface
    interface Timer {
        /** Cancels the task if it has not started; never interrupts it. */
        void cancel();
    }

    /** A timer that is never due: for "no timer yet". */
    Timer NONE = () -> {};
}
