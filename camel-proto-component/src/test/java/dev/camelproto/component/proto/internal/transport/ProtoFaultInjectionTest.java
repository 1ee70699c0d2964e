package dev.camelproto.component.proto.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.ProtoComponent;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.simulator.Faults;
import dev.camelproto.simulator.ProtoSimulator;
import dev.camelproto.simulator.Snapshot;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Mixed operations against 10% 503, 5% 429, 2% resets, 1% drop-after-write: the final state matches the outcomes. */
class ProtoFaultInjectionTest {

    @Test
    void shortRun() throws Exception {
        run(600, false);
    }

    @Test
    void shortRunRetryingNonIdempotent() throws Exception {
        run(600, true);
    }

    @Test
    @EnabledIfSystemProperty(named = "proto.faults.full", matches = "true")
    void fullRun() throws Exception {
        run(10_000, false);
    }

    private void run(int ops, boolean retryNonIdempotent) throws Exception {
        StringBuilder seed =
                new StringBuilder("{\"teamspaces\":[{\"id\":\"01HSWE652DMW6REJ1FB1135PRZ\",\"secret\":\"s3\","
                        + "\"custom_fields\":[{\"name\":\"Plan\",\"type\":\"text\"}],\"customers\":[");
        for (int i = 0; i < ops; i++) {
            seed.append(i == 0 ? "" : ",")
                    .append("{\"provided_unique_id\":\"s-")
                    .append(i)
                    .append("\",\"name\":\"S\"}");
        }
        seed.append("]}]}");
        Faults faults = Faults.builder()
                .statusRate(503, 0.10)
                .statusRate(429, 0.05)
                .connectionResetRate(0.02)
                .dropAfterWriteRate(0.01)
                .retryAfterSeconds(1)
                .build();
        try (ProtoSimulator sim = ProtoSimulator.builder()
                .seed(42)
                .seedDataJson(seed.toString())
                .journalCapacity(0)
                .faults(faults)
                .start()) {
            int baselineThreads = liveThreads();
            CamelContext context = new DefaultCamelContext();
            ProtoComponent proto = context.getComponent("proto", ProtoComponent.class);
            proto.getConfiguration().setSubcompanyId(sim.subcompanyId());
            proto.getConfiguration().setTakeoverSecret(sim.secret());
            proto.getConfiguration().setBaseUrl(sim.baseUrl());
            proto.getConfiguration().setRetryDelay(5);
            proto.getConfiguration().setRetryNonIdempotent(retryNonIdempotent);
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            Semaphore window = new Semaphore(32);
            CountDownLatch done = new CountDownLatch(ops);
            Exchange[] results = new Exchange[ops];
            long start = System.nanoTime();
            for (int i = 0; i < ops; i++) {
                window.acquire();
                Exchange e = new DefaultExchange(context);
                String s = "s-" + i;
                String uri = switch (i % 6) {
                    case 0 -> {
                        e.getIn().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, "new-" + i);
                        e.getIn().setBody(Map.of("name", "N " + i));
                        yield "proto:customer/create";
                    }
                    case 1 -> {
                        e.getIn().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, s);
                        e.getIn().setBody(List.of("tag-" + i));
                        yield "proto:customer/addTags?createIfNotExists=true";
                    }
                    case 2 -> {
                        e.getIn().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, s);
                        e.getIn().setBody(Map.of("Plan", "v-" + i));
                        yield "proto:customer/addCustomFields";
                    }
                    case 3 -> {
                        e.getIn().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, s);
                        yield "proto:customer/get";
                    }
                    case 4 -> {
                        e.getIn().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, s);
                        e.getIn().setHeader(ProtoConstants.SUBJECT, "subj-" + i);
                        yield "proto:ticket/create";
                    }
                    default -> "proto:customField/list";
                };
                results[i] = e;
                template.asyncSend(uri, e).whenComplete((x, t) -> {
                    window.release();
                    done.countDown();
                });
            }
            assertThat(done.await(120 + ops / 10, TimeUnit.SECONDS)).isTrue();
            double wall = (System.nanoTime() - start) / 1e9;
            Snapshot state = sim.snapshot();
            int completed = 0;
            int failed = 0;
            Set<String> completedSubjects = new java.util.HashSet<>();
            Set<String> failedSubjects = new java.util.HashSet<>();
            for (int i = 0; i < ops; i++) {
                Exchange e = results[i];
                if (e.getException() != null) {
                    failed++;
                    if (i % 6 == 4) {
                        failedSubjects.add("subj-" + i);
                    }
                    continue;
                }
                completed++;
                final int n = i;
                String s = "s-" + i;
                switch (i % 6) {
                    case 0 ->
                        assertThat(state.customer("new-" + i))
                                .hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("N " + n));
                    case 1 -> assertThat(state.customer(s).orElseThrow().tags()).contains("tag-" + i);
                    case 2 ->
                        assertThat(state.customer(s).orElseThrow().customFields())
                                .containsEntry("Plan", "v-" + i);
                    case 3 ->
                        assertThat(e.getMessage().getHeader(ProtoConstants.ID))
                                .isEqualTo(state.customer(s).orElseThrow().id());
                    case 4 -> {
                        String id = e.getMessage().getHeader(ProtoConstants.ID, String.class);
                        assertThat(state.tickets()).anySatisfy(t -> {
                            assertThat(t.id()).isEqualTo(id);
                            assertThat(t.subject()).isEqualTo("subj-" + n);
                        });
                        completedSubjects.add("subj-" + i);
                    }
                    default -> assertThat((List<?>) e.getMessage().getBody()).isNotEmpty();
                }
            }
            Map<String, Long> bySubject =
                    state.tickets().stream().collect(Collectors.groupingBy(t -> t.subject(), Collectors.counting()));
            long duplicates = bySubject.values().stream().mapToLong(n -> n - 1).sum();
            long droppedFailed =
                    failedSubjects.stream().filter(bySubject::containsKey).count();
            System.out.printf(
                    "[faults ops=%d retryNonIdempotent=%s] sent=%d completed=%d failed=%d retries=%d"
                            + " tickets=%d (completed creates %d + failed-but-applied %d) duplicates=%d"
                            + " sim: 503=%d 429=%d resets=%d drops=%d wall=%.1f s%n",
                    ops,
                    retryNonIdempotent,
                    ops,
                    completed,
                    failed,
                    proto.getMetrics().totalRetries(),
                    state.tickets().size(),
                    completedSubjects.size(),
                    droppedFailed,
                    duplicates,
                    sim.counters().injectedStatus(503),
                    sim.counters().injectedStatus(429),
                    sim.counters().resets(),
                    sim.counters().dropsAfterWrite(),
                    wall);
            assertThat(completed + failed).isEqualTo(ops);
            Set<String> attempted = new java.util.HashSet<>(completedSubjects);
            attempted.addAll(failedSubjects);
            assertThat(bySubject.keySet())
                    .as("no ticket that no exchange attempted")
                    .isSubsetOf(attempted);
            if (!retryNonIdempotent) {
                assertThat(duplicates).as("no duplicate ticket").isZero();
                assertThat(state.tickets()).hasSize(completedSubjects.size() + (int) droppedFailed);
            }
            context.stop();
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(sim.openConnections()).isZero());
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(liveThreads())
                            .as("client threads back to baseline")
                            .isLessThanOrEqualTo(baselineThreads));
        }
    }

    /** Live threads other than the simulator's own (one per connection) and JUnit/Awaitility helpers. */
    private static int liveThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> !n.startsWith("HTTP-") && !n.startsWith("awaitility") && !n.contains("ForkJoinPool"))
                .count();
    }
}
