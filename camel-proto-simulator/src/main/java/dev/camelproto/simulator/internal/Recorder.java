package dev.camelproto.simulator.internal;

import dev.camelproto.simulator.Counters;
import dev.camelproto.simulator.InjectedFault;
import dev.camelproto.simulator.RecordedRequest;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/** The bounded journal and the counters. */
public final class Recorder {
    public static final String UNMATCHED = "(unmatched)";

    private final int capacity;
    /** Lock-free ring: entry with sequence n lives at slot n % capacity (a later entry overwrites). */
    private volatile AtomicReferenceArray<Entry> ring;

    private final AtomicLong sequence = new AtomicLong();
    private final LongAdder total = new LongAdder();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byRoute = new ConcurrentHashMap<>();
    private final Map<InjectedFault, LongAdder> byFault = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> injectedByStatus = new ConcurrentHashMap<>();

    public Recorder(int capacity) {
        this.capacity = capacity;
        this.ring = new AtomicReferenceArray<>(Math.max(1, capacity));
    }

    public long nextSequence() {
        return sequence.incrementAndGet();
    }

    public boolean journalEnabled() {
        return capacity > 0;
    }

    /**
     * A cheap journal entry: raw arrays are kept and only turned into a {@link RecordedRequest} when the journal is
     * read.
     */
    public record Entry(
            long sequence,
            long epochMillis,
            String method,
            String path,
            String query,
            List<String> segments,
            String route,
            org.apache.hc.core5.http.Header[] headers,
            byte[] body,
            int status,
            byte[] responseBody,
            InjectedFault fault) {

        RecordedRequest toRecordedRequest() {
            Map<String, List<String>> h = new java.util.LinkedHashMap<>();
            for (org.apache.hc.core5.http.Header x : headers) {
                h.computeIfAbsent(x.getName(), k -> new java.util.ArrayList<>(1))
                        .add(x.getValue());
            }
            h.replaceAll((k, v) -> List.copyOf(v));
            return new RecordedRequest(
                    sequence,
                    java.time.Instant.ofEpochMilli(epochMillis),
                    method,
                    path,
                    query,
                    segments,
                    route,
                    java.util.Collections.unmodifiableMap(h),
                    new String(body, java.nio.charset.StandardCharsets.UTF_8),
                    status,
                    new String(responseBody, java.nio.charset.StandardCharsets.UTF_8),
                    fault);
        }
    }

    public void record(Entry r) {
        total.increment();
        increment(byStatus, r.status());
        increment(byRoute, r.route() == null ? UNMATCHED : r.route());
        if (r.fault() != null) {
            increment(byFault, r.fault());
            if (r.fault() == InjectedFault.STATUS) {
                increment(injectedByStatus, r.status());
            }
        }
        if (capacity > 0) {
            AtomicReferenceArray<Entry> a = ring;
            int slot = (int) ((r.sequence() - 1) % capacity);
            // never replace a newer entry by an older one (slow writers under heavy concurrency)
            a.accumulateAndGet(slot, r, (old, neu) -> old != null && old.sequence() > neu.sequence() ? old : neu);
        }
    }

    private static <K> void increment(Map<K, LongAdder> map, K key) {
        LongAdder a = map.get(key);
        if (a == null) {
            a = map.computeIfAbsent(key, k -> new LongAdder());
        }
        a.increment();
    }

    /** The journal ordered by sequence (completion order may differ under concurrency). */
    public List<RecordedRequest> journal() {
        AtomicReferenceArray<Entry> a = ring;
        List<Entry> copy = new java.util.ArrayList<>();
        for (int i = 0; i < capacity; i++) {
            Entry e = a.get(i);
            if (e != null) {
                copy.add(e);
            }
        }
        copy.sort(java.util.Comparator.comparingLong(Entry::sequence));
        List<RecordedRequest> out = new java.util.ArrayList<>(copy.size());
        for (Entry e : copy) {
            out.add(e.toRecordedRequest());
        }
        return java.util.Collections.unmodifiableList(out);
    }

    public Counters counters() {
        Map<Integer, Long> s = new TreeMap<>();
        byStatus.forEach((k, v) -> s.put(k, v.sum()));
        Map<String, Long> r = new TreeMap<>();
        byRoute.forEach((k, v) -> r.put(k, v.sum()));
        Map<InjectedFault, Long> f = new EnumMap<>(InjectedFault.class);
        byFault.forEach((k, v) -> f.put(k, v.sum()));
        Map<Integer, Long> i = new TreeMap<>();
        injectedByStatus.forEach((k, v) -> i.put(k, v.sum()));
        return new Counters(
                total.sum(),
                java.util.Collections.unmodifiableMap(s),
                java.util.Collections.unmodifiableMap(r),
                java.util.Collections.unmodifiableMap(f),
                java.util.Collections.unmodifiableMap(i));
    }

    public void clear() {
        ring = new AtomicReferenceArray<>(Math.max(1, capacity));
        sequence.set(0);
        total.reset();
        byStatus.clear();
        byRoute.clear();
        byFault.clear();
        injectedByStatus.clear();
    }
}
