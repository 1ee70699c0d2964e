package dev.camelproto.component.proto.internal.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls of one component start ({@link ProtoRuntime}) that have not completed yet, so that stopping the component completes every one of them
 * (answered, or failed with "component stopped") and none is left without its callback.
 */
public final class InFlightCalls {

    private final Set<ProtoCall> calls = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    boolean add(ProtoCall call) {
        calls.add(call);
        if (stopping) {
            calls.remove(call);
            return false;
        }
        return true;
    }

    void remove(ProtoCall call) {
        calls.remove(call);
        synchronized (this) {
            if (calls.isEmpty()) {
                notifyAll();
            }
        }
    }

    /** Refuses new calls from now on. */
    void refuse() {
        stopping = true;
    }

    /**
     * Refuses new calls, fails those waiting for a retry at once, waits up to {@code timeoutMillis} for those on the
     * wire to be answered, then fails the rest with {@code reason}.
     */
    public void stop(long timeoutMillis, Exception reason) throws InterruptedException {
        stopping = true;
        for (ProtoCall call : new ArrayList<>(calls)) {
            call.abortIfWaiting(reason);
        }
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        synchronized (this) {
            while (!calls.isEmpty()) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    break;
                }
                wait(Math.min(left, 50));
            }
        }
        List<ProtoCall> rest = new ArrayList<>(calls);
        rest.forEach(c -> c.abort(reason));
    }
}
