package dev.camelproto.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * Samples live JVM threads (ThreadMXBean) every 2 ms, counting the client's threads only: the in-process simulator's
 * server threads ({@code HTTP-listener-*}, {@code HTTP-worker-*}) and the sampler itself are left out.
 */
public final class ThreadSampler implements AutoCloseable {

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile int peak;
    private volatile int peakTotal;

    private ThreadSampler() {
        MX.resetPeakThreadCount();
        thread = new Thread(this::loop, "bench-thread-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    public static ThreadSampler start() {
        return new ThreadSampler();
    }

    /** Live client threads now (simulator and sampler excluded). */
    public static int clientThreads() {
        int n = 0;
        for (ThreadInfo info : MX.getThreadInfo(MX.getAllThreadIds())) {
            if (info != null && isClient(info.getThreadName())) {
                n++;
            }
        }
        return n;
    }

    public static boolean isClient(String name) {
        return !(name.startsWith("HTTP-listener")
                || name.startsWith("HTTP-worker")
                || name.startsWith("bench-thread-sampler"));
    }

    private void loop() {
        while (running) {
            int n = clientThreads();
            if (n > peak) {
                peak = n;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Peak live client threads seen. */
    public int peak() {
        return peak;
    }

    /** ThreadMXBean's own peak (all threads, the simulator's included) since start. */
    public int peakAllThreads() {
        return Math.max(peakTotal, MX.getPeakThreadCount());
    }

    @Override
    public void close() throws InterruptedException {
        peakTotal = MX.getPeakThreadCount();
        running = false;
        thread.join();
    }
}
