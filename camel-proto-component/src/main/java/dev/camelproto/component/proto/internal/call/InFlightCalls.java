package dev.camelproto.component.proto.internal.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls of one start ({@link ProtoRuntime}) that have not finished, so that stopping the component answers every
 * one of them, and so that one sweep per tick enforces every call's deadline and every attempt's wait for a pooled
 * connection: no timer per call or per attempt (a call is cheap when it is fast; only a slow one costs a retry timer).
 */
final class InFlightCalls {

    private final Set<ProtoCall> calls = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    /** Registers a starting call; false once stopping (the call is then refused). */
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
        if (stopping) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    int size() {
        return calls.size();
    }

    /** Expires the calls past their deadline and gives up attempts past their lease deadline, at {@code now}. */
    void sweep(long nowNanos) {
        for (ProtoCall call : calls) {
            call.sweep(nowNanos);
        }
    }

    /** Refuses new calls from now on. */
    void refuse() {
        stopping = true;
    }

    /**
     * Refuses new calls, fails at once those not on a connection (waiting for a retry, in a queue, for a pooled
     * connection), waits up to {@code timeoutMillis} for those on the wire to be answered, then fails the rest. Every
     * call gets its own exception.
     */
    void stop(long timeoutMillis) throws InterruptedException {
        stopping = true;
        for (ProtoCall call : new ArrayList<>(calls)) {
            call.stopIfNotOnTheWire();
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
        rest.forEach(ProtoCall::stopNow);
    }
}
