package dev.camelproto.component.proto.internal.call;

import dev.camelproto.component.proto.internal.ratelimit.TeamspaceGate;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the component holds for one teamspace in one start: its 429 gate, and the count of its calls held from start
 * to finish (queued in the gate, waiting for a pooled connection, on the wire, waiting for a retry), bounded per
 * endpoint by {@code maxPendingCalls}.
 */
final class Teamspace {

    final TeamspaceGate gate;
    private final AtomicInteger pending = new AtomicInteger();

    Teamspace(TeamspaceGate gate) {
        this.gate = gate;
    }

    /** Takes a place for one more call if fewer than {@code max} are held. */
    boolean tryHold(int max) {
        for (int n = pending.get(); n < max; n = pending.get()) {
            if (pending.compareAndSet(n, n + 1)) {
                return true;
            }
        }
        return false;
    }

    void release() {
        pending.decrementAndGet();
    }

    /** The calls held now (for tests and the dev console). */
    int pending() {
        return pending.get();
    }
}
