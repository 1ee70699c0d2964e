package dev.camelproto.component.proto.internal.ratelimit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The entries waiting for a gate's release, in two lines: retries (released first) and fresh calls, each in the order
 * they came. An entry is admitted only while fewer than its own {@link GateEntry#maxQueued()} entries wait (finished
 * ones purged first). Entries finished elsewhere are dropped whenever met. Not thread-safe: the gate holds its lock.
 */
final class WaitQueue {

    private final ArrayDeque<GateEntry> retries = new ArrayDeque<>();
    private final ArrayDeque<GateEntry> fresh = new ArrayDeque<>();

    /** The entries waiting, finished ones not yet purged included. */
    int size() {
        return retries.size() + fresh.size();
    }

    /** Queues the entry, a retry ahead of fresh calls; false (not queued) when its own bound is reached. */
    boolean offer(GateEntry entry, boolean retry) {
        if (size() >= entry.maxQueued()) {
            purgeFinished();
        }
        if (size() >= entry.maxQueued()) {
            return false;
        }
        (retry ? retries : fresh).addLast(entry);
        return true;
    }

    /** Drops the finished entries; true when some still wait. */
    boolean purgeFinished() {
        retries.removeIf(GateEntry::isFinished);
        fresh.removeIf(GateEntry::isFinished);
        return size() > 0;
    }

    /** The next unfinished entry, removed (retries first); finished ones met on the way are dropped; null when none. */
    GateEntry pollUnfinished() {
        for (GateEntry e; (e = retries.isEmpty() ? fresh.pollFirst() : retries.pollFirst()) != null; ) {
            if (!e.isFinished()) {
                return e;
            }
        }
        return null;
    }

    /**
     * Removes the unfinished entries whose deadline falls before {@code timeNanos} and returns them (retries first);
     * finished ones are dropped.
     */
    List<GateEntry> removeExpiring(long timeNanos) {
        List<GateEntry> expiring = new ArrayList<>();
        removeExpiring(retries, timeNanos, expiring);
        removeExpiring(fresh, timeNanos, expiring);
        return expiring;
    }

    private static void removeExpiring(ArrayDeque<GateEntry> line, long timeNanos, List<GateEntry> expiring) {
        for (Iterator<GateEntry> it = line.iterator(); it.hasNext(); ) {
            GateEntry e = it.next();
            if (e.isFinished()) {
                it.remove();
            } else if (e.deadlineNanos() != Long.MAX_VALUE && e.deadlineNanos() - timeNanos < 0) {
                it.remove();
                expiring.add(e);
            }
        }
    }

    /** Every entry, removed (retries first), finished ones included: the caller rejects them. */
    List<GateEntry> drain() {
        List<GateEntry> all = new ArrayList<>(size());
        all.addAll(retries);
        all.addAll(fresh);
        retries.clear();
        fresh.clear();
        return all;
    }
}
