package dev.camelproto.component.proto;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * An in-memory {@link IdempotentRepository} that is also a {@link ProtoTicketJournal}: it tells pending keys from done
 * ones and keeps each ticket's id. For tests and single-process use only: nothing survives a restart, and another
 * process does not see its keys. Unbounded: every key stays until removed or {@link #clear()}.
 */
@ManagedResource(description = "Memory ticket journal of the proto component")
public class MemoryTicketJournal extends ServiceSupport implements IdempotentRepository, ProtoTicketJournal {

    private record Entry(State state, String ticketId) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public boolean add(String key) {
        return entries.putIfAbsent(key, new Entry(State.PENDING, null)) == null;
    }

    @Override
    public boolean contains(String key) {
        return entries.containsKey(key);
    }

    @Override
    public boolean remove(String key) {
        return entries.remove(key) != null;
    }

    @Override
    public boolean confirm(String key) {
        done(key, null);
        return true;
    }

    @Override
    public void clear() {
        entries.clear();
    }

    @Override
    public State state(String key) {
        Entry entry = entries.get(key);
        return entry == null ? State.ABSENT : entry.state();
    }

    @Override
    public void done(String key, String ticketId) {
        entries.compute(
                key,
                (k, old) -> new Entry(State.DONE, ticketId != null ? ticketId : old == null ? null : old.ticketId()));
    }

    @Override
    public String ticketId(String key) {
        Entry entry = entries.get(key);
        return entry == null || entry.state() != State.DONE ? null : entry.ticketId();
    }

    @ManagedAttribute(description = "The number of keys held")
    public int getSize() {
        return entries.size();
    }
}
