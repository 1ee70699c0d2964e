package dev.camelproto.component.proto.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What one start of the component owns: the HTTP client, the timer and response threads, the calls in flight and the
 * teamspace gates. A new one is made by every start and closed by the stop after it, so nothing of a stopped
 * component (a closed client, a gate tied to a shut-down scheduler) survives into the next start: an endpoint's
 * {@link ProtoApi} looks the current one up per call.
 */
public final class ProtoRuntime {

    final ProtoHttpClient client;
    final ScheduledExecutorService scheduler;
    final Executor responseExecutor;
    final InFlightCalls inFlight = new InFlightCalls();
    private final Runnable onPause;
    private final Map<String, TeamspaceGate> gates = new HashMap<>();
    private boolean closed;

    public ProtoRuntime(ProtoHttpClient client, ScheduledExecutorService scheduler, Executor responseExecutor,
                        Runnable onPause) {
        this.client = client;
        this.scheduler = scheduler;
        this.responseExecutor = responseExecutor;
        this.onPause = onPause;
    }

    /** The gate of a teamspace, made on first use; refused once this runtime is stopping (never tied to a dead pool). */
    synchronized TeamspaceGate gate(String key, int maxQueuedCalls) {
        if (closed) {
            throw new ComponentStoppedException("the proto component is stopped");
        }
        return gates.computeIfAbsent(key, k -> TeamspaceGate.create(scheduler, maxQueuedCalls, onPause));
    }

    /**
     * Refuses new gates and calls, fails the queued ones, waits up to {@code timeoutMillis} for those on the wire and
     * fails the rest with {@code reason}. The pools and the client are closed by the component afterwards.
     */
    public void stop(long timeoutMillis, Exception reason) throws InterruptedException {
        List<TeamspaceGate> open;
        synchronized (this) {
            closed = true;
            open = new ArrayList<>(gates.values());
            gates.clear();
        }
        inFlight.refuse();
        open.forEach(g -> g.close(reason));
        inFlight.stop(timeoutMillis, reason);
    }
}
