package dev.camelproto.component.proto.internal.call;

import dev.camelproto.component.proto.internal.ratelimit.TeamspaceGate;
import dev.camelproto.component.proto.internal.time.Clock;
import dev.camelproto.component.proto.internal.time.SchedulerClock;
import dev.camelproto.component.proto.internal.transport.ProtoHttpClient;
import dev.camelproto.component.proto.internal.transport.Transport;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * What one start of the component owns, and the one owner of each: the HTTP client, the clock (time and the timer
 * thread), the completion threads, the calls in flight and the teamspaces. A new one is made by every start and
 * {@link #stop stopped} by the stop after it, which answers every call and then closes all of it, so nothing of a
 * stopped component survives into the next start: an endpoint's {@link EndpointClient} looks the current one up per
 * call. Every call's deadline and every attempt's wait for a pooled connection are enforced by one sweep per
 * {@link #SWEEP_MILLIS}, not by a timer each.
 */
public final class ProtoRuntime {

    /** How often the sweep runs: a call's callTimeout and an attempt's lease wait are enforced to within this. */
    static final long SWEEP_MILLIS = 100;

    final Transport transport;
    final Clock clock;
    final Executor completions;
    /** Sends the attempts the timer thread releases (never the timer itself: a DNS lookup may block). */
    final Executor sender;

    final InFlightCalls inFlight = new InFlightCalls();
    private final Runnable onPause;
    private final Runnable close;
    /** Run by every sweep after the calls: the completion pool's check for blocked threads. */
    private volatile Runnable housekeeping = () -> {};
    /**
     * The teamspaces, held weakly: one lives as long as an endpoint's bound {@link EndpointClient}, a call or its gate's
     * own tick uses it, so those no longer used (e.g. through {@code toD}, whose endpoints are evicted) are collected
     * with their endpoints instead of piling up.
     */
    private final Map<String, TeamspaceRef> teamspaces = new HashMap<>();

    private final ReferenceQueue<Teamspace> collected = new ReferenceQueue<>();
    private boolean closed;
    private volatile Clock.Timer sweep = Clock.NONE;

    /** A runtime on the given parts (tests use a fake clock, a fake transport and a direct executor). */
    ProtoRuntime(Transport transport, Clock clock, Executor completions, Runnable onPause, Runnable close) {
        this(transport, clock, completions, completions, onPause, close);
    }

    ProtoRuntime(
            Transport transport, Clock clock, Executor completions, Executor sender, Runnable onPause, Runnable close) {
        this.transport = transport;
        this.clock = clock;
        this.completions = completions;
        this.sender = sender;
        this.onPause = onPause;
        this.close = close;
        scheduleSweep();
    }

    /**
     * Starts the production runtime: the started client, one timer thread (see {@link SchedulerClock}), the completion
     * threads ({@link Completions}: {@code max(4, 2 x cores)} kept, more on demand) and two sender threads.
     */
    public static ProtoRuntime start(
            ProtoHttpClient client,
            ThreadFactory timerThreads,
            ThreadFactory completionThreads,
            ThreadFactory senderThreads,
            Runnable onPause) {
        SchedulerClock clock = new SchedulerClock(timerThreads);
        Completions completions =
                new Completions(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), completionThreads);
        // Sends the attempts that the timer thread releases (gate ticks, retry timers): HttpClient may resolve the host
        // name on the thread that calls execute, and the timer (deadlines, retries, releases) must never wait for DNS.
        // Two threads and an unbounded queue: a task is one released call, so the queue never holds more than the
        // calls the teamspaces hold (maxPendingCalls each); a task never blocks but on that lookup. Once shut down
        // (every call ended), a late task runs on the caller: it only finds its call finished.
        ThreadPoolExecutor sender = new ThreadPoolExecutor(
                2, 2, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), senderThreads, (task, pool) -> task.run());
        client.start();
        Runnable close = () -> {
            client.close();
            clock.shutdown(); // every call already finished: the timers left are cancelled ones and gate ticks
            completions.shutdown(); // running completions finish; a late one gets a thread of its own
            sender.shutdown();
        };
        ProtoRuntime runtime = new ProtoRuntime(client, clock, completions::deliver, sender, onPause, close);
        runtime.housekeeping = completions::unstick;
        return runtime;
    }

    private void scheduleSweep() {
        try {
            sweep = clock.schedule(
                    () -> {
                        try {
                            inFlight.sweep(clock.nanoTime());
                            housekeeping.run(); // the completion pool grows when route code blocks its threads
                        } finally {
                            scheduleSweep(); // whatever one call threw, the others' deadlines are still enforced
                        }
                    },
                    TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS));
        } catch (RejectedExecutionException stopped) {
            // the clock is shut down: no call is left to sweep
        }
    }

    /** The teamspace of a key, made on first use; null once this runtime is stopping (never tied to a dead clock). */
    synchronized Teamspace teamspace(String key) {
        if (closed) {
            return null;
        }
        expunge();
        TeamspaceRef ref = teamspaces.get(key);
        Teamspace teamspace = ref == null ? null : ref.get();
        if (teamspace == null) {
            teamspace = new Teamspace(new TeamspaceGate(clock, onPause));
            teamspaces.put(key, new TeamspaceRef(key, teamspace, collected));
        }
        return teamspace;
    }

    /** How many teamspaces are still held (for tests). */
    public synchronized int teamspaceCount() {
        expunge();
        return teamspaces.size();
    }

    private void expunge() { // guarded by this
        for (Reference<? extends Teamspace> r; (r = collected.poll()) != null; ) {
            teamspaces.remove(((TeamspaceRef) r).key, r);
        }
    }

    private static final class TeamspaceRef extends WeakReference<Teamspace> {
        final String key;

        TeamspaceRef(String key, Teamspace teamspace, ReferenceQueue<Teamspace> queue) {
            super(teamspace, queue);
            this.key = key;
        }
    }

    /**
     * Refuses new calls, fails the queued and waiting ones at once, waits up to {@code timeoutMillis} for those on the
     * wire and fails the rest (each with its own exception), then closes the client, the timer and the threads.
     */
    public void stop(long timeoutMillis) throws InterruptedException {
        List<Teamspace> open;
        synchronized (this) {
            closed = true;
            open = new ArrayList<>();
            for (TeamspaceRef ref : teamspaces.values()) {
                Teamspace t = ref.get();
                if (t != null) {
                    open.add(t);
                }
            }
            teamspaces.clear();
        }
        inFlight.refuse();
        open.forEach(t -> t.gate.close());
        try {
            inFlight.stop(timeoutMillis);
        } finally {
            sweep.cancel();
            close.run();
        }
    }
}
