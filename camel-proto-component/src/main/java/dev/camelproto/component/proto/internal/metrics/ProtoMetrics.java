package dev.camelproto.component.proto.internal.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the component counts, per operation: calls, successes, failures by status class, retries and calls in flight;
 * and per component the 429 pauses of the shared back-off. Read by JMX and the {@code proto} dev console. Holds no
 * secret and no payload. An optional {@link CallObserver} (Micrometer, when present) is told each event as it is counted.
 */
public final class ProtoMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(ProtoMetrics.class);

    /** The counters of one operation. */
    public static final class OperationStats {
        final LongAdder calls = new LongAdder();
        final LongAdder succeeded = new LongAdder();
        final LongAdder failed4xx = new LongAdder();
        final LongAdder failed5xx = new LongAdder();
        final LongAdder failedTransport = new LongAdder();
        final LongAdder retries = new LongAdder();
        final AtomicInteger inFlight = new AtomicInteger();

        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("calls", calls.sum());
            m.put("succeeded", succeeded.sum());
            m.put("failed4xx", failed4xx.sum());
            m.put("failed5xx", failed5xx.sum());
            m.put("failedTransport", failedTransport.sum());
            m.put("retries", retries.sum());
            m.put("inFlight", inFlight.get());
            return m;
        }
    }

    private final Map<String, OperationStats> operations = new ConcurrentHashMap<>();
    private final LongAdder pauses = new LongAdder();
    private volatile CallObserver observer;
    private final AtomicBoolean observerFailed = new AtomicBoolean();

    /** Sets (or, with null, removes) the observer told of every finished call, retry and pause from now on. */
    public void setObserver(CallObserver observer) {
        this.observer = observer;
    }

    OperationStats of(String operation) {
        return operations.computeIfAbsent(operation, k -> new OperationStats());
    }

    public void started(String operation) {
        OperationStats s = of(operation);
        s.calls.increment();
        s.inFlight.incrementAndGet();
    }

    public void retried(String operation) {
        of(operation).retries.increment();
        CallObserver o = observer;
        if (o != null) {
            tell(() -> o.retried(operation));
        }
    }

    /**
     * Counts the final outcome of a call that started at {@code startNanos} ({@link System#nanoTime()}): a status (0 for
     * a transport failure) and whether it counts as success. Only counters: it cannot fail, so the call updates them
     * before its callback; the observer is told afterwards, by {@link #observeFinished}.
     */
    public CallObserver.Outcome finished(String operation, int status, boolean success) {
        OperationStats s = of(operation);
        s.inFlight.decrementAndGet();
        CallObserver.Outcome outcome = CallObserver.Outcome.of(status, success);
        switch (outcome) {
            case SUCCESS -> s.succeeded.increment();
            case SERVER_ERROR -> s.failed5xx.increment();
            case CLIENT_ERROR -> s.failed4xx.increment();
            default -> s.failedTransport.increment();
        }
        return outcome;
    }

    /** Tells the observer of a finished call (after its callback was handed over); its failures are ignored. */
    public void observeFinished(String operation, CallObserver.Outcome outcome, long startNanos) {
        CallObserver o = observer;
        if (o != null) {
            tell(() -> o.finished(operation, outcome, System.nanoTime() - startNanos));
        }
    }

    public void paused() {
        pauses.increment();
        CallObserver o = observer;
        if (o != null) {
            tell(o::paused);
        }
    }

    /**
     * Tells the observer, whose failure (a meter registry that refuses a meter, say) must never cost a call its answer:
     * the first failure is logged at WARN, later ones at DEBUG, and all are ignored.
     */
    private void tell(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException | LinkageError | AssertionError failure) {
            if (observerFailed.compareAndSet(false, true)) {
                LOG.warn(
                        "The proto metrics observer failed ({}); its failures are ignored from now on (DEBUG logs"
                                + " each)",
                        failure.toString());
            } else {
                LOG.debug("The proto metrics observer failed again: {}", failure.toString());
            }
        }
    }

    public long totalCalls() {
        return operations.values().stream().mapToLong(s -> s.calls.sum()).sum();
    }

    public long totalSucceeded() {
        return operations.values().stream().mapToLong(s -> s.succeeded.sum()).sum();
    }

    public long totalFailed() {
        return operations.values().stream()
                .mapToLong(s -> s.failed4xx.sum() + s.failed5xx.sum() + s.failedTransport.sum())
                .sum();
    }

    public long totalRetries() {
        return operations.values().stream().mapToLong(s -> s.retries.sum()).sum();
    }

    public int totalInFlight() {
        return operations.values().stream().mapToInt(s -> s.inFlight.get()).sum();
    }

    public long rateLimitPauses() {
        return pauses.sum();
    }

    /** Per operation (sorted by name): calls, succeeded, failed4xx, failed5xx, failedTransport, retries, inFlight. */
    public Map<String, Map<String, Object>> byOperation() {
        Map<String, Map<String, Object>> m = new TreeMap<>();
        operations.forEach((k, v) -> m.put(k, v.asMap()));
        return m;
    }
}
