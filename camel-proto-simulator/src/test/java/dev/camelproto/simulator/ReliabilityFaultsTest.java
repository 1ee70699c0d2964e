package dev.camelproto.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.simulator.internal.FaultInjector;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The faults the component's reliability tests rely on, checked on the wire. */
class ReliabilityFaultsTest {

    static final String IMF_FIXDATE = "[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT";

    static String list(ProtoSimulator sim) {
        return "/v1/custom-fields/" + sim.subcompanyId() + "/list-custom-fields";
    }

    static String create(ProtoSimulator sim, String id) {
        return "/v1/customers/" + sim.subcompanyId() + "/create-customer/" + id;
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }

    static void assertHttpDate(String header, long expectedSecondsFromNow) {
        assertThat(header).matches(IMF_FIXDATE);
        Instant at = ZonedDateTime.parse(header, DateTimeFormatter.RFC_1123_DATE_TIME)
                .toInstant();
        long now = System.currentTimeMillis();
        assertThat(at.toEpochMilli())
                .isBetween(now + expectedSecondsFromNow * 1000 - 2000, now + expectedSecondsFromNow * 1000 + 1000);
    }

    @Test
    void retryAfterAsHttpDateOnInjectedStatusesAndRateLimit() throws Exception {
        Faults f = Faults.builder()
                .statusRate(503, 1.0)
                .retryAfterSeconds(30)
                .retryAfterHttpDate(true)
                .build();
        try (ProtoSimulator sim = ProtoSimulator.builder().faults(f).start()) {
            TestHttp.Res r = TestHttp.of(sim).get(list(sim));
            assertThat(r.status()).isEqualTo(503);
            assertHttpDate(r.header("Retry-After"), 30);
        }
        f = Faults.builder().rateLimitPerSecond(1).retryAfterHttpDate(true).build();
        try (ProtoSimulator sim = ProtoSimulator.builder()
                .faults(f)
                .nanoClock(() -> 5_000_000_000L)
                .start()) {
            TestHttp http = TestHttp.of(sim);
            assertThat(http.get(list(sim)).status()).isEqualTo(200);
            TestHttp.Res r = http.get(list(sim));
            assertThat(r.status()).isEqualTo(429);
            assertHttpDate(r.header("Retry-After"), 1);
        }
    }

    @Test
    void rateLimitAnswers429WithSecondsUntilTheWindowFreesAndDoesNotProcess() throws Exception {
        AtomicLong now = new AtomicLong(10_000_000_000L);
        try (ProtoSimulator sim = ProtoSimulator.builder()
                .faults(Faults.builder().rateLimitPerSecond(2).build())
                .nanoClock(now::get)
                .start()) {
            TestHttp http = TestHttp.of(sim);
            assertThat(http.put(create(sim, "a"), "{}").status()).isEqualTo(200);
            now.addAndGet(300_000_000L);
            assertThat(http.put(create(sim, "b"), "{}").status()).isEqualTo(200);
            now.addAndGet(100_000_000L);
            TestHttp.Res r = http.put(create(sim, "c"), "{}");
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.json().get("detail").asText()).isEqualTo("Too Many Requests");
            assertThat(r.header("Retry-After"))
                    .as("0.6 s until the first slot frees, rounded up")
                    .isEqualTo("1");
            now.addAndGet(599_000_000L);
            assertThat(http.put(create(sim, "c"), "{}").header("Retry-After"))
                    .as("at least 1")
                    .isEqualTo("1");
            assertThat(sim.snapshot().customer("c")).as("not processed").isEmpty();
            now.addAndGet(1_000_000L);
            assertThat(http.put(create(sim, "c"), "{}").status()).isEqualTo(200);
            Counters c = sim.counters();
            assertThat(c.rateLimited()).isEqualTo(2);
            assertThat(c.status(429)).isEqualTo(2);
            assertThat(c.injectedStatus(429))
                    .as("rate limit is not an injected status")
                    .isZero();
            assertThat(c.total()).isEqualTo(5);
        }
    }

    @Test
    void connectionResetSendsNoByteAndProcessesNothing() throws Exception {
        try (ProtoSimulator sim = ProtoSimulator.builder()
                .faults(Faults.builder().connectionResetRate(1.0).build())
                .start()) {
            RawHttp.Outcome o = RawHttp.exchange(sim, "PUT", create(sim, "x"), "{}", 5_000);
            assertThat(o.received()).isEmpty();
            assertThat(o.ending()).isIn(RawHttp.Ending.RESET, RawHttp.Ending.EOF);
            assertThat(sim.snapshot().customers()).isEmpty();
            assertThat(sim.counters().resets()).isEqualTo(1);
            assertThat(sim.counters().status(0)).isEqualTo(1);
        }
    }

    @Test
    void dropAfterWriteAppliesThenSendsNoByte() throws Exception {
        try (ProtoSimulator sim = ProtoSimulator.builder()
                .faults(Faults.builder().dropAfterWriteRate(1.0).build())
                .start()) {
            RawHttp.Outcome o = RawHttp.exchange(sim, "PUT", create(sim, "x"), "{\"name\":\"n\"}", 5_000);
            assertThat(o.received()).isEmpty();
            assertThat(o.ending()).isIn(RawHttp.Ending.RESET, RawHttp.Ending.EOF);
            assertThat(sim.snapshot().customer("x")).isPresent();
            assertThat(RawHttp.exchange(sim, "GET", list(sim), null, 5_000).status())
                    .as("reads answered")
                    .isEqualTo(200);
            assertThat(sim.counters().dropsAfterWrite()).isEqualTo(1);
        }
    }

    @Test
    void noResponseHoldsTheRequestUnprocessedUntilTheClientGivesUp() throws Exception {
        try (ProtoSimulator sim = ProtoSimulator.builder()
                .faults(Faults.builder().noResponseRate(1.0).build())
                .start()) {
            RawHttp.Outcome o = RawHttp.exchange(sim, "PUT", create(sim, "x"), "{}", 400);
            assertThat(o.ending()).isEqualTo(RawHttp.Ending.TIMEOUT);
            assertThat(o.received()).isEmpty();
            assertThat(sim.snapshot().customers()).as("not processed").isEmpty();
            Counters c = sim.counters();
            assertThat(c.noResponses()).isEqualTo(1);
            assertThat(c.total()).isEqualTo(1);
            assertThat(c.status(0)).isEqualTo(1);
            assertThat(sim.journal()).singleElement().satisfies(r -> {
                assertThat(r.fault()).isEqualTo(InjectedFault.NO_RESPONSE);
                assertThat(r.status()).isZero();
                assertThat(r.route()).isEqualTo("customer/create");
            });
            await(() -> sim.openConnections() == 0, "the server to notice that the client gave up");
        }
    }

    @Test
    void closeReturnsPromptlyWhileRequestsHang() throws Exception {
        ProtoSimulator sim = ProtoSimulator.builder()
                .faults(Faults.builder().noResponseRate(1.0).build())
                .start();
        // two threads of our own: the common pool has a single thread on a 2-core machine, and these calls block
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(2);
        CompletableFuture<RawHttp.Outcome> a =
                CompletableFuture.supplyAsync(() -> uncheckedExchange(sim, list(sim)), clients);
        CompletableFuture<RawHttp.Outcome> b =
                CompletableFuture.supplyAsync(() -> uncheckedExchange(sim, create(sim, "y")), clients);
        await(() -> sim.counters().noResponses() == 2, "both requests to hang");
        assertThat(sim.openConnections()).isEqualTo(2);
        long t0 = System.nanoTime();
        sim.close();
        // close() cuts the hanging exchanges instead of waiting for them (which would be forever): a hang detector,
        // not a timing target, so it holds on a busy machine
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(20_000);
        for (RawHttp.Outcome o : new RawHttp.Outcome[] {a.get(5, TimeUnit.SECONDS), b.get(5, TimeUnit.SECONDS)}) {
            assertThat(o.received()).isEmpty();
            assertThat(o.ending()).isIn(RawHttp.Ending.RESET, RawHttp.Ending.EOF);
        }
        assertThat(sim.openConnections()).isZero();
        assertThat(sim.snapshot().customers()).isEmpty();
        clients.shutdownNow();
    }

    static RawHttp.Outcome uncheckedExchange(ProtoSimulator sim, String path) {
        try {
            return RawHttp.exchange(
                    sim,
                    path.contains("create-customer") ? "PUT" : "GET",
                    path,
                    path.contains("create-customer") ? "{}" : null,
                    20_000);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void openConnectionsCountsServerSideConnections() throws Exception {
        try (ProtoSimulator sim = ProtoSimulator.start()) {
            assertThat(sim.openConnections()).isZero();
            try (Socket s1 = new Socket();
                    Socket s2 = new Socket()) {
                s1.connect(new InetSocketAddress(sim.host(), sim.port()));
                s2.connect(new InetSocketAddress(sim.host(), sim.port()));
                await(() -> sim.openConnections() == 2, "two open connections");
            }
            await(() -> sim.openConnections() == 0, "the connections to be closed");
            assertThat(RawHttp.exchange(sim, "GET", list(sim), null, 5_000).status())
                    .isEqualTo(200);
            await(() -> sim.openConnections() == 0, "Connection: close to close it");
        }
    }

    @Test
    void faultsCanBeSwitchedOnARunningSimulatorAndResetRestoresThem() throws Exception {
        Faults initial = Faults.builder().statusRate(500, 1.0).build();
        try (ProtoSimulator sim =
                ProtoSimulator.builder().seed(1L).faults(initial).start()) {
            TestHttp http = TestHttp.of(sim);
            assertThat(http.get(list(sim)).status()).isEqualTo(500);
            assertThat(sim.faults(Faults.none())).isSameAs(sim);
            assertThat(http.get(list(sim)).status()).isEqualTo(200);
            sim.faults(
                    Faults.builder().statusRate(503, 1.0).retryAfterSeconds(4).build());
            TestHttp.Res r = http.get(list(sim));
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.header("Retry-After")).isEqualTo("4");
            Counters c = sim.counters();
            assertThat(c.injectedByStatus()).containsExactly(Map.entry(500, 1L), Map.entry(503, 1L));
            assertThat(c.fault(InjectedFault.STATUS)).isEqualTo(2);
            assertThat(c.total()).isEqualTo(3);
            sim.reset();
            assertThat(sim.faults()).isSameAs(initial);
            assertThat(http.get(list(sim)).status()).isEqualTo(500);
        }
    }

    @Test
    void observedProportionsOnTheWireMatchTheConfiguredRates() throws Exception {
        Faults f = Faults.builder()
                .connectionResetRate(0.05)
                .statusRate(503, 0.10)
                .statusRate(500, 0.05)
                .build();
        int n = 2_000;
        try (ProtoSimulator sim = ProtoSimulator.builder()
                .seed(2024L)
                .faults(f)
                .journalCapacity(0)
                .start()) {
            Map<Integer, Long> seen = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                RawHttp.Outcome o = RawHttp.exchange(sim, "GET", list(sim), null, 5_000);
                seen.merge(o.status(), 1L, Long::sum); // 0 = no response byte (reset)
            }
            // ± about 4 standard deviations
            assertThat(seen.getOrDefault(0, 0L)).as("resets %s", seen).isBetween(60L, 140L);
            assertThat(seen.getOrDefault(503, 0L)).as("503 %s", seen).isBetween(145L, 255L);
            assertThat(seen.getOrDefault(500, 0L)).as("500 %s", seen).isBetween(60L, 140L);
            assertThat(seen.keySet()).containsOnly(0, 200, 500, 503);
            Counters c = sim.counters();
            assertThat(c.total()).isEqualTo(n);
            assertThat(c.resets()).isEqualTo(seen.get(0));
            assertThat(c.injectedStatus(503)).isEqualTo(seen.get(503));
            assertThat(c.injectedStatus(500)).isEqualTo(seen.get(500));
            assertThat(c.status(200)).isEqualTo(seen.get(200));
        }
    }

    @Test
    void decisionProportionsIncludingNoResponseAndDropAfterWrite() {
        Faults f = Faults.builder()
                .connectionResetRate(0.05)
                .noResponseRate(0.05)
                .statusRate(429, 0.10)
                .dropAfterWriteRate(0.20)
                .build();
        FaultInjector injector = new FaultInjector(f, 99L, System::nanoTime);
        int n = 20_000;
        Map<InjectedFault, Integer> seen = new EnumMap<>(InjectedFault.class);
        for (int i = 0; i < n; i++) {
            FaultInjector.Decision d = injector.decide();
            if (d.reset()) {
                seen.merge(InjectedFault.CONNECTION_RESET, 1, Integer::sum);
            } else if (d.noResponse()) {
                seen.merge(InjectedFault.NO_RESPONSE, 1, Integer::sum);
            } else if (d.status() == 429) {
                seen.merge(InjectedFault.STATUS, 1, Integer::sum);
            }
            if (d.dropAfterWrite()) {
                seen.merge(InjectedFault.DROP_AFTER_WRITE, 1, Integer::sum);
            }
        }
        assertThat(seen.get(InjectedFault.CONNECTION_RESET)).isBetween(850, 1150);
        assertThat(seen.get(InjectedFault.NO_RESPONSE)).isBetween(850, 1150);
        assertThat(seen.get(InjectedFault.STATUS)).isBetween(1800, 2200);
        assertThat(seen.get(InjectedFault.DROP_AFTER_WRITE)).isBetween(3700, 4300);
    }
}
