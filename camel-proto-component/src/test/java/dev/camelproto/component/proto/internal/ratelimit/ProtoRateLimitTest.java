package dev.camelproto.component.proto.internal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.ProtoComponent;
import dev.camelproto.simulator.Faults;
import dev.camelproto.simulator.ProtoSimulator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * The shared per-teamspace back-off against a server rate limit: every exchange answered, none failed, each 429 retried
 * (the rate reached is measured in benchmarks/, RateLimitBench: no rate or wall-time assertion here).
 */
class ProtoRateLimitTest {

    @Test
    void callsAtConcurrency64AgainstFiftyPerSecondAllSucceed() throws Exception {
        int limit = 50;
        int calls = 400;
        try (ProtoSimulator sim = ProtoSimulator.builder()
                        .seed(11)
                        .faults(Faults.builder().rateLimitPerSecond(limit).build())
                        .start();
                CamelContext context = new DefaultCamelContext()) {
            ProtoComponent proto = context.getComponent("proto", ProtoComponent.class);
            proto.getConfiguration().setSubcompanyId(sim.subcompanyId());
            proto.getConfiguration().setTakeoverSecret(sim.secret());
            proto.getConfiguration().setBaseUrl(sim.baseUrl());
            context.start();
            ProducerTemplate template = context.createProducerTemplate();

            Semaphore window = new Semaphore(64);
            CountDownLatch done = new CountDownLatch(calls);
            AtomicInteger ok = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int i = 0; i < calls; i++) {
                window.acquire();
                Exchange exchange = new DefaultExchange(context);
                template.asyncSend("proto:customField/list", exchange).whenComplete((e, t) -> {
                    if (e.getException() == null) {
                        ok.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        failures.add(e.getException());
                    }
                    window.release();
                    done.countDown();
                });
            }
            assertThat(done.await(180, TimeUnit.SECONDS))
                    .as("all calls completed")
                    .isTrue();
            System.out.printf(
                    "[rate-limit %d/s] sent=%d ok=%d failed=%d 429s(simulator)=%d requests(simulator)=%d"
                            + " retries=%d pauses=%d%n",
                    limit,
                    calls,
                    ok.get(),
                    failed.get(),
                    sim.counters().rateLimited(),
                    sim.counters().total(),
                    proto.getMetrics().totalRetries(),
                    proto.getMetrics().rateLimitPauses());
            assertThat(failures).as("no failed exchange").isEmpty();
            assertThat(ok).hasValue(calls);
            assertThat(sim.counters().route("customField/list"))
                    .isEqualTo(calls + sim.counters().rateLimited());
            assertThat(sim.counters().rateLimited())
                    .as("the limit was met, so the back-off was exercised")
                    .isPositive();
            assertThat(proto.getMetrics().rateLimitPauses()).isPositive();
        }
    }
}
