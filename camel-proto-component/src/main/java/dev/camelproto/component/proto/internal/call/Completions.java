package dev.camelproto.component.proto.internal.call;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a finished call's callback runs, and so where the route continues: never on an HttpClient I/O thread or the
 * timer thread, and never stuck behind route code. Route code may block after a {@code proto:} call (a bean with a
 * ProducerTemplate, a nested proto call, a blocking enrich); a fixed pool then fills with blocked threads and the
 * answers they wait for queue behind them forever. So the pool is elastic: {@code core} threads take completions from
 * a queue (cheap while route code is quick), and the runtime's sweep calls {@link #unstick()} every tick: when
 * completions wait and no completion finished since the last tick, every thread is busy (blocked, or working long), so
 * the pool grows by at least {@code core} threads, up to {@link #MAX_POOLED}; beyond that the waiting completions run
 * on threads of their own (logged at WARN, at most once a minute). Once the queue is empty and fewer than {@code core}
 * threads work, the pool shrinks back. A completion thus waits at most about a sweep tick for a thread, and the number
 * of threads is bounded by the route's own concurrency, as with a synchronous producer.
 */
final class Completions {

    private static final Logger LOG = LoggerFactory.getLogger(Completions.class);
    /** The most pooled completion threads; more blocked route code than this gets threads of its own. */
    static final int MAX_POOLED = 512;

    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final int core;
    private final ThreadPoolExecutor pool;
    private final ThreadFactory threads;
    /** Completed tasks at the last sweep (only the sweep's thread reads and writes it). */
    private long completedAtLastSweep = -1;

    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    Completions(int core, ThreadFactory threads) {
        this.core = core;
        this.threads = threads;
        // an unbounded queue, watched by unstick(): it holds at most one completion per call that finished and, while
        // route code blocks, only until the next sweep adds threads; it rejects only after shutdown (then: own thread)
        this.pool = new ThreadPoolExecutor(
                core,
                core,
                60,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                threads,
                (task, executor) -> overflow(task, executor.isShutdown()));
    }

    /**
     * Called by the runtime's sweep, on its timer thread: grows the pool when completions wait and none finished since
     * the last sweep (every thread is busy), shrinks it back once nothing waits.
     */
    void unstick() {
        long completed = pool.getCompletedTaskCount();
        int waiting = pool.getQueue().size();
        int size = pool.getMaximumPoolSize();
        if (waiting > 0 && completed == completedAtLastSweep) {
            if (size < MAX_POOLED) {
                int grown = Math.min(MAX_POOLED, size + Math.max(core, waiting));
                pool.setMaximumPoolSize(grown);
                pool.setCorePoolSize(grown);
                pool.prestartAllCoreThreads();
            } else {
                for (Runnable task; (task = pool.getQueue().poll()) != null; ) {
                    overflow(task, false);
                }
            }
        } else if (waiting == 0 && size > core && pool.getActiveCount() < core) {
            pool.setCorePoolSize(core); // the threads above it end when idle
            pool.setMaximumPoolSize(core);
        }
        completedAtLastSweep = completed;
    }

    /** Runs the completion on another thread; never throws, never runs it on the caller while the pool lives. */
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
