package dev.camelproto.component.proto.internal.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.camelproto.component.proto.ProtoComponent;
import dev.camelproto.simulator.Faults;
import dev.camelproto.simulator.ProtoSimulator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stopping with 200 calls in flight: every callback happens, threads and connections are released. */
class ProtoShutdownTest {

    /** Live threads, minus the test harness's own (Camel's ProducerTemplate async pool, Awaitility's poller). */
    private static int threads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(n -> !n.contains("ProducerTemplate") && !n.startsWith("awaitility"))
                .count();
    }

    @ParameterizedTest
    @ValueSource(strings = {"component", "context"})
    void stoppingWithTwoHundredCallsInFlight(String what) throws Exception {
        int calls = 200;
        try (ProtoSimulator sim = ProtoSimulator.builder()
                .seed(9)
                .faults(Faults.builder().latency(200).build())
                .start()) {
            CamelContext context = new DefaultCamelContext();
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            template.start();
            // a pause, not a wait for a condition: threads the context and the template start lazily appear before
            // the baseline is counted
            Thread.sleep(200);
            int baseline = threads();
            System.out.println("[shutdown] baseline threads: "
                    + Thread.getAllStackTraces().keySet().stream()
                            .map(Thread::getName)
                            .sorted()
                            .toList());

            ProtoComponent proto = new ProtoComponent();
            proto.getConfiguration().setSubcompanyId(sim.subcompanyId());
            proto.getConfiguration().setTakeoverSecret(sim.secret());
            proto.getConfiguration().setBaseUrl(sim.baseUrl());
            context.addComponent("proto", proto);

            CountDownLatch done = new CountDownLatch(calls);
            List<Exchange> finished = new CopyOnWriteArrayList<>();
            for (int i = 0; i < calls; i++) {
                Exchange exchange = new DefaultExchange(context);
                template.asyncSend("proto:customField/list", exchange).whenComplete((e, t) -> {
                    finished.add(exchange);
                    done.countDown();
                });
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> sim.counters().total() >= 64);
            if (what.equals("component")) {
                context.getComponent("proto").stop();
            } else {
                context.stop();
            }
            assertThat(done.await(60, TimeUnit.SECONDS))
                    .as("every callback happened")
                    .isTrue();
            long ok = finished.stream().filter(e -> e.getException() == null).count();
            List<Exchange> failed =
                    finished.stream().filter(e -> e.getException() != null).toList();
            System.out.printf(
                    "[shutdown %s] %d in flight: %d answered, %d failed 'stopped'%n", what, calls, ok, failed.size());
            assertThat(finished).hasSize(calls);
            assertThat(failed).allSatisfy(e -> assertThat(e.getException()).hasMessageContaining("stopped"));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(sim.openConnections())
                            .as("open connections")
                            .isZero());
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(threads())
                            .as(
                                    "threads back to the baseline: %s",
                                    Thread.getAllStackTraces().keySet().stream()
                                            .map(Thread::getName)
                                            .sorted()
                                            .toList())
                            .isLessThanOrEqualTo(baseline));
            context.stop();
        }
    }
}
