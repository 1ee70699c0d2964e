package dev.camelproto.component.proto.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The component's Micrometer meters: {@code proto.calls} and {@code proto.call.duration} (tags {@code operation} and
 * {@code outcome}), {@code proto.retries} (tag {@code operation}), {@code proto.rate_limit.pauses} and
 * {@code proto.calls.in_flight}. Tag values are operation names and outcomes only: never a teamspace id, URL or secret.
 * Only {@link MicrometerSupport} refers to this class, once Micrometer is known to be on the class path.
 */
final class MicrometerBinding implements CallObserver {

    /** The bean name camel-micrometer looks up first; used here too when the registry holds several. */
    static final String REGISTRY_NAME = "metricsRegistry";

    private static final Logger LOG = LoggerFactory.getLogger(MicrometerBinding.class);

    /** The meters of one operation, registered at its first event. */
    private record OperationMeters(Map<Outcome, Counter> calls, Map<Outcome, Timer> durations, Counter retries) {}

    private final MeterRegistry registry;
    private final Map<String, OperationMeters> operations = new ConcurrentHashMap<>();
    private final Counter pauses;
    private final Gauge inFlight;

    private MicrometerBinding(MeterRegistry registry, ProtoMetrics metrics) {
        this.registry = registry;
        this.pauses = Counter.builder("proto.rate_limit.pauses")
                .description("Pauses of the shared per-teamspace back-off started by a 429 answer")
                .register(registry);
        this.inFlight = Gauge.builder("proto.calls.in_flight", metrics, ProtoMetrics::totalInFlight)
                .description("Proto API calls started and not finished (on the wire or waiting for a retry)")
                .register(registry);
    }

    static CallObserver bind(CamelContext context, ProtoMetrics metrics) {
        MeterRegistry registry = find(context);
        return registry == null ? null : new MicrometerBinding(registry, metrics);
    }

    /**
     * The bean named {@value #REGISTRY_NAME}, else the only {@code MeterRegistry}, else the only composite among
     * several (Spring Boot's when it exports to several systems); null (and a warning) when that is still ambiguous.
     */
    static MeterRegistry find(CamelContext context) {
        MeterRegistry named = context.getRegistry().lookupByNameAndType(REGISTRY_NAME, MeterRegistry.class);
        if (named != null) {
            return named;
        }
        Set<MeterRegistry> all = context.getRegistry().findByType(MeterRegistry.class);
        if (all == null || all.isEmpty()) {
            return null;
        }
        if (all.size() == 1) {
            return all.iterator().next();
        }
        List<MeterRegistry> composites =
                all.stream().filter(CompositeMeterRegistry.class::isInstance).toList();
        if (composites.size() == 1) {
            return composites.get(0);
        }
        LOG.warn(
                "The Camel registry holds {} Micrometer registries ({}) and none named '{}': the proto component"
                        + " registers no meters. Name the one to use '{}'.",
                all.size(),
                all.stream().map(r -> r.getClass().getSimpleName()).collect(Collectors.joining(", ")),
                REGISTRY_NAME,
                REGISTRY_NAME);
        return null;
    }

    @Override
    public void finished(String operation, Outcome outcome, long durationNanos) {
        OperationMeters m = meters(operation);
        // the duration first: a reader that sees the count sees its duration too
        m.durations().get(outcome).record(durationNanos, TimeUnit.NANOSECONDS);
        m.calls().get(outcome).increment();
    }

    @Override
    public void retried(String operation) {
        meters(operation).retries().increment();
    }

    @Override
    public void paused() {
        pauses.increment();
    }

    /** Removes the gauge, which reads the component's live state; the counters and timers stay (they only grow). */
    @Override
    public void close() {
        registry.remove((Meter) inFlight);
    }

    private OperationMeters meters(String operation) {
        return operations.computeIfAbsent(operation, this::register);
    }

    private OperationMeters register(String operation) {
        Map<Outcome, Counter> calls = new java.util.EnumMap<>(Outcome.class);
        Map<Outcome, Timer> durations = new java.util.EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            calls.put(
                    outcome,
                    Counter.builder("proto.calls")
                            .description("Proto API calls finished, by operation and outcome (after all retries)")
                            .tag("operation", operation)
                            .tag("outcome", outcome.tag())
                            .register(registry));
            durations.put(
                    outcome,
                    Timer.builder("proto.call.duration")
                            .description("Time from the start of a Proto API call to its outcome, retries and back-off"
                                    + " waits included")
                            .tag("operation", operation)
                            .tag("outcome", outcome.tag())
                            .register(registry));
        }
        Counter retries = Counter.builder("proto.retries")
                .description("Proto API requests sent again (retries and re-sends after a 429), by operation")
                .tag("operation", operation)
                .register(registry);
        return new OperationMeters(calls, durations, retries);
    }
}
