package dev.camelproto.component.proto;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.camelproto.simulator.Faults;
import dev.camelproto.simulator.ProtoSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared per-teamspace back-off meets a server rate limit at about its rate, without failed exchanges. */
class ProtoRateLimitTest {

    @Test
    void thousandCallsAtConcurrency64AgainstFiftyPerSecond() throws Exception {
        int limit = 50;
        int calls = 1_000;
        try (ProtoSimulator sim = ProtoSimulator.builder().seed(11)
                .faults(Faults.builder().rateLimitPerSecond(limit).build()).start();
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
            long start = System.nanoTime();
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
            assertThat(done.await(180, TimeUnit.SECONDS)).as("all calls completed").isTrue();
            double wall = (System.nanoTime() - start) / 1e9;
            double goodput = ok.get() / wall;
            System.out.printf("[rate-limit %d/s] sent=%d ok=%d failed=%d 429s(simulator)=%d requests(simulator)=%d"
                              + " retries=%d pauses=%d wall=%.2f s goodput=%.1f/s (%.0f%% of the limit)%n",
                    limit, calls, ok.get(), failed.get(), sim.counters().rateLimited(), sim.counters().total(),
                    proto.getMetrics().totalRetries(), proto.getMetrics().rateLimitPauses(), wall, goodput,
                    100 * goodput / limit);
            assertThat(failures).as("no failed exchange").isEmpty();
            assertThat(ok).hasValue(calls);
            assertThat(sim.counters().route("customField/list")).isEqualTo(calls + sim.counters().rateLimited());
            assertThat(goodput).as("goodput >= 90% of the limit").isGreaterThanOrEqualTo(0.9 * limit);
        }
    }
}
