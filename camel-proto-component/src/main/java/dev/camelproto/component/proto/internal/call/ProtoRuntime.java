package dev.camelproto.component.proto.internal.call;

import dev.camelproto.component.proto.internal.ratelimit.TeamspaceGate;
import dev.camelproto.component.proto.internal.time.Clock;
import dev.camelproto.component.proto.internal.transport.ProtoHttpClient;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What one start of the component owns: the HTTP client, the timer and response threads, the calls in flight and the
 * teamspace gates. A new one is made by every start and closed by the stop after it, so nothing of a stopped
 * component (a closed client, a gate tied to a shut-down scheduler) survives into the next start: an endpoint's
 * {@link ProtoApi} looks the current one up per call.
 */
public final class ProtoRuntime {

    final ProtoHttpClient client;
    final ScheduledExecutorService scheduler;
    /** The scheduler as the gates' clock (it throws RejectedExecutionException once shut down). */
    private final Clock clock;
    final Executor responseExecutor;
    final InFlightCalls inFlight = new InFlightCalls();
    private final Runnable onPause;
    /**
     * The teamspace gates, held weakly: a gate lives as long as an endpoint's bound {@link ProtoApi}, a call or its own
     * tick uses it, so the gates of teamspaces no longer used (e.g. through {@code toD}, whose endpoints are evicted)
     * are collected with their endpoints instead of piling up.
     */
    private final Map<String, GateRef> gates = new HashMap<>();
    private final ReferenceQueue<TeamspaceGate> collected = new ReferenceQueue<>();
    private boolean closed;

    public ProtoRuntime(ProtoHttpClient client, ScheduledExecutorService scheduler, Executor responseExecutor,
                        Runnable onPause) {
        this.client = client;
        this.scheduler = scheduler;
        this.clock = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public Timer schedule(Runnable task, long delayNanos) {
                Future<?> f = scheduler.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
                return () -> f.cancel(false);
            }
        };
        this.responseExecutor = responseExecutor;
        this.onPause = onPause;
    }

    /** The gate of a teamspace, made on first use; refused once this runtime is stopping (never tied to a dead pool). */
    synchronized TeamspaceGate gate(String key) {
        if (closed) {
            throw new ComponentStoppedException("the proto component is stopped");
        }
        expunge();
        GateRef ref = gates.get(key);
        TeamspaceGate gate = ref == null ? null : ref.get();
        if (gate == null) {
            gate = new TeamspaceGate(clock, onPause);
            gates.put(key, new GateRef(key, gate, collected));
        }
        return gate;
    }

    /** How many teamspace gates are still held (for tests). */
    public synchronized int gateCount() {
        expunge();
        return gates.size();
    }

    private void expunge() { // guarded by this
        for (Reference<? extends TeamspaceGate> r; (r = collected.poll()) != null;) {
            gates.remove(((GateRef) r).key, r);
        }
    }

    private static final class GateRef extends WeakReference<TeamspaceGate> {
        final String key;

        GateRef(String key, TeamspaceGate gate, ReferenceQueue<TeamspaceGate> queue) {
            super(gate, queue);
            this.key = key;
        }
    }

    /**
     * Refuses new gates and calls, fails the queued ones, waits up to {@code timeoutMillis} for those on the wire and
     * fails the rest with {@code reason}. The pools and the client are closed by the component afterwards.
     */
    public void stop(long timeoutMillis, Exception reason) throws InterruptedException {
        List<TeamspaceGate> open;
        synchronized (this) {
            closed = true;
            open = new ArrayList<>();
            for (GateRef ref : gates.values()) {
                TeamspaceGate g = ref.get();
                if (g != null) {
                    open.add(g);
                }
            }
            gates.clear();
        }
        inFlight.refuse();
        open.forEach(TeamspaceGate::close); // each rejects its queued calls: "the proto component is stopped"
        inFlight.stop(timeoutMillis, reason);
    }
}
