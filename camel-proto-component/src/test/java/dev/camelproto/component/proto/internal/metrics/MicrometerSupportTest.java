package dev.camelproto.component.proto.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** Which MeterRegistry the component binds to, and the guard that keeps Micrometer optional. */
class MicrometerSupportTest {

    @Test
    void micrometerIsSeenThroughALoaderThatHasIt() {
        assertThat(MicrometerSupport.micrometerPresent(getClass().getClassLoader()))
                .isTrue();
    }

    @Test
    void micrometerIsAbsentThroughALoaderThatHidesIt() {
        ClassLoader hiding = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("io.micrometer.")) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }
        };
        assertThat(MicrometerSupport.micrometerPresent(hiding)).isFalse();
    }

    @Test
    void noMeterRegistryNoObserver() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            ProtoMetrics metrics = new ProtoMetrics();
            assertThat(MicrometerSupport.bind(context, metrics)).isNull();
        }
    }

    @Test
    void theOnlyRegistryIsUsed() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            SimpleMeterRegistry only = new SimpleMeterRegistry();
            context.getRegistry().bind("anyName", only);
            assertThat(MicrometerBinding.find(context)).isSameAs(only);
        }
    }

    @Test
    void amongSeveralTheOneNamedMetricsRegistryWins() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            SimpleMeterRegistry named = new SimpleMeterRegistry();
            context.getRegistry().bind("other", new SimpleMeterRegistry());
            context.getRegistry().bind("composite", new CompositeMeterRegistry());
            context.getRegistry().bind("metricsRegistry", named);
            assertThat(MicrometerBinding.find(context)).isSameAs(named);
        }
    }

    @Test
    void amongSeveralTheOnlyCompositeWins() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            SimpleMeterRegistry child = new SimpleMeterRegistry();
            CompositeMeterRegistry composite = new CompositeMeterRegistry().add(child);
            context.getRegistry().bind("child", child);
            context.getRegistry().bind("composite", composite);
            assertThat(MicrometerBinding.find(context)).isSameAs(composite);
        }
    }

    @Test
    void severalPlainRegistriesAreAmbiguousAndNothingIsBound() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("a", new SimpleMeterRegistry());
            context.getRegistry().bind("b", new SimpleMeterRegistry());
            ProtoMetrics metrics = new ProtoMetrics();
            assertThat(MicrometerSupport.bind(context, metrics)).isNull();
        }
    }

    @Test
    void theObserverSeesWhatTheCountersCount() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            context.getRegistry().bind("m", meters);
            ProtoMetrics metrics = new ProtoMetrics();
            CallObserver observer = MicrometerSupport.bind(context, metrics);
            assertThat(observer).isNotNull();
            metrics.started("ticket/create");
            metrics.started("ticket/create");
            assertThat(meters.get("proto.calls.in_flight").gauge().value()).isEqualTo(2);
            metrics.retried("ticket/create");
            long start = System.nanoTime() - 5_000_000;
            metrics.observeFinished("ticket/create", metrics.finished("ticket/create", 201, true), start);
            metrics.observeFinished("ticket/create", metrics.finished("ticket/create", 409, false), start);
            metrics.paused();
            assertThat(meters.get("proto.calls")
                            .tags("operation", "ticket/create", "outcome", "success")
                            .counter()
                            .count())
                    .isEqualTo(1);
            assertThat(meters.get("proto.calls")
                            .tags("operation", "ticket/create", "outcome", "client_error")
                            .counter()
                            .count())
                    .isEqualTo(1);
            assertThat(meters.get("proto.call.duration")
                            .tags("operation", "ticket/create", "outcome", "success")
                            .timer()
                            .totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
                    .isGreaterThanOrEqualTo(5);
            assertThat(meters.get("proto.retries")
                            .tag("operation", "ticket/create")
                            .counter()
                            .count())
                    .isEqualTo(1);
            assertThat(meters.get("proto.rate_limit.pauses").counter().count()).isEqualTo(1);
            assertThat(meters.get("proto.calls.in_flight").gauge().value()).isZero();
            assertThat(metrics.totalSucceeded()).isEqualTo(1);
            assertThat(metrics.totalFailed()).isEqualTo(1);
        }
    }
}
