package dev.camelproto.component.proto.internal.call;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a finished call's callback runs, and so where the route continues: never on an HttpClient I/O thread or the
 * timer thread, and never queued behind route code. Route code may block after a {@code proto:} call (a bean with a
 * ProducerTemplate, a nested proto call, a blocking enrich); a fixed pool then fills with blocked threads and the
 * answers they wait for queue behind them forever. So a completion is never queued: it is handed to an idle pooled
 * thread, or a new one. Up to {@link #MAX_POOLED} threads are pooled (those above {@code core} end after 60 s idle);
 * beyond that, each completion runs on a thread of its own (logged at WARN, at most once a minute). The number of
 * threads is thus bounded by the route's own concurrency, as with a synchronous producer, and an answer never waits
 * for a thread.
 */
final class Completions {

    private static final Logger LOG = LoggerFactory.getLogger(Completions.class);
    /** The most pooled completion threads; more blocked route code than this gets threads of its own. */
    static final int MAX_POOLED = 512;

    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final ThreadPoolExecutor pool;
    private final ThreadFactory threads;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    Completions(int core, ThreadFactory threads) {
        this.threads = threads;
        // a hand-off queue: a completion is never queued behind a thread that route code may be blocking
        this.pool = new ThreadPoolExecutor(
                core,
                MAX_POOLED,
                60,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                threads,
                (task, executor) -> overflow(task, executor.isShutdown()));
    }

    /** Runs the completion on another thread; never throws, never queues, never runs it on the caller. */
    void deliver(Runnable completion) {
        try {
            pool.execute(completion);
        } catch (RuntimeException | Error noThread) { // e.g. OutOfMemoryError: unable to create native thread
            try {
                overflow(completion, false);
            } catch (RuntimeException | Error stillNoThread) {
                // the last resort: an answer late on this thread beats an exchange never answered
                LOG.warn(
                        "No thread for a proto completion ({}): completing on {}",
                        stillNoThread.toString(),
                        Thread.currentThread().getName());
                completion.run();
            }
        }
    }

    private void overflow(Runnable completion, boolean shutDown) {
        if (!shutDown) {
            long last = lastWarning.get();
            long now = System.nanoTime();
            if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
                LOG.warn(
                        "All {} proto completion threads are busy (route code blocks after proto: calls):"
                                + " completing on a thread of its own",
                        MAX_POOLED);
            }
        }
        // a call that finished as the component stopped, or more blocked route code than MAX_POOLED: own thread
        Thread own = threads.newThread(completion);
        (own != null ? own : new Thread(completion, "ProtoResponse-own")).start();
    }

    /** Lets running completions finish; a completion delivered later gets a thread of its own. */
    void shutdown() {
        pool.shutdown();
    }
}
