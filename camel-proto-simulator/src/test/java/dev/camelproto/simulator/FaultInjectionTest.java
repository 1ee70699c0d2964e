package dev.camelproto.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {

    static String list(ProtoSimulator sim) {
        return "/v1/custom-fields/" + sim.subcompanyId() + "/list-custom-fields";
    }

    static List<Integer> statuses(ProtoSimulator sim, int n) throws Exception {
        TestHttp http = TestHttp.of(sim);
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(http.get(list(sim)).status());
        }
        return out;
    }

    @Test
    void statusRateWithinTolerance() throws Exception {
        Faults faults =
                Faults.builder().statusRate(503, 0.2).retryAfterSeconds(3).build();
        try (ProtoSimulator sim =
                ProtoSimulator.builder().seed(42L).faults(faults).start()) {
            List<Integer> s = statuses(sim, 2000);
            long injected = s.stream().filter(x -> x == 503).count();
            assertThat(injected).isBetween(320L, 480L); // 20% ± 4%
            assertThat(s.stream().filter(x -> x == 200).count()).isEqualTo(2000 - injected);
            Counters c = sim.counters();
            assertThat(c.total()).isEqualTo(2000);
            assertThat(c.status(503)).isEqualTo(injected);
            assertThat(c.fault(InjectedFault.STATUS)).isEqualTo(injected);
            assertThat(c.route("customField/list")).isEqualTo(2000);
            RecordedRequest r = sim.journal().stream()
                    .filter(x -> x.status() == 503)
                    .findFirst()
                    .orElseThrow();
            assertThat(r.fault()).isEqualTo(InjectedFault.STATUS);
        }
    }

    @Test
    void sameSeedGivesSameFaultSequenceAndResetRestartsIt() throws Exception {
        Faults faults =
                Faults.builder().statusRate(500, 0.25).statusRate(429, 0.25).build();
        List<Integer> first;
        try (ProtoSimulator sim =
                ProtoSimulator.builder().seed(7L).faults(faults).start()) {
            first = statuses(sim, 200);
            sim.reset();
            assertThat(statuses(sim, 200)).isEqualTo(first);
        }
        try (ProtoSimulator sim =
                ProtoSimulator.builder().seed(7L).faults(faults).start()) {
            assertThat(statuses(sim, 200)).isEqualTo(first);
        }
        try (ProtoSimulator sim =
                ProtoSimulator.builder().seed(8L).faults(faults).start()) {
            assertThat(statuses(sim, 200)).isNotEqualTo(first);
        }
        assertThat(first).contains(200, 500, 429).containsOnly(200, 500, 429);
    }

    @Test
    void injected429And503CarryRetryAfter() throws Exception {
        try (ProtoSimulator sim = ProtoSimulator.builder()
                .faults(Faults.builder()
                        .statusRate(429, 1.0)
                        .retryAfterSeconds(7)
                        .build())
                .start()) {
            TestHttp.Res r = TestHttp.of(sim).get(list(sim));
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.header("Retry-After")).isEqualTo("7");
        }
        try (ProtoSimulator sim = ProtoSimulator.builder()
                .faults(Faults.builder().statusRate(503, 1.0).build())
                .start()) {
            String path = "/v1/customers/" + sim.subcompanyId() + "/create-customer/x";
            TestHttp.Res r = TestHttp.of(sim).put(path, "{}");
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.header("Retry-After")).isEqualTo("1");
            assertThat(sim.snapshot().customers()).as("not processed").isEmpty();
        }
    }

    @Test
    void rateLimitPerSecret() throws Exception {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        try (ProtoSimulator sim = ProtoSimulator.builder()
                .teamspace("A", "sa")
                .teamspace("B", "sb")
                .faults(Faults.builder().rateLimitPerSecond(5).build())
                .nanoClock(now::get)
                .start()) {
            TestHttp a = new TestHttp(sim.baseUrl(), "sa");
            TestHttp b = new TestHttp(sim.baseUrl(), "sb");
            List<Integer> s = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                s.add(a.get("/v1/custom-fields/A/list-custom-fields").status());
            }
            assertThat(s).containsExactly(200, 200, 200, 200, 200, 429, 429, 429);
            TestHttp.Res limited = a.get("/v1/custom-fields/A/list-custom-fields");
            assertThat(limited.header("Retry-After")).isEqualTo("1");
            assertThat(b.get("/v1/custom-fields/B/list-custom-fields").status())
                    .as("other secret")
                    .isEqualTo(200);
            now.addAndGet(999_000_000L);
            assertThat(a.get("/v1/custom-fields/A/list-custom-fields").status()).isEqualTo(429);
            now.addAndGet(1_000_000L);
            assertThat(a.get("/v1/custom-fields/A/list-custom-fields").status()).isEqualTo(200);
            assertThat(sim.counters().fault(InjectedFault.RATE_LIMITED)).isEqualTo(5);
        }
    }

    @Test
    void connectionResetSendsNothingAndIsJournaled() throws Exception {
        try (ProtoSimulator sim = ProtoSimulator.builder()
                .faults(Faults.builder().connectionResetRate(1.0).build())
                .start()) {
            TestHttp http = new TestHttp(sim.baseUrl(), sim.secret(), HttpClient.newHttpClient());
            String path = "/v1/customers/" + sim.subcompanyId() + "/create-customer/x";
            assertThatThrownBy(() -> http.put(path, "{}")).isInstanceOf(IOException.class);
            assertThat(sim.snapshot().customers()).as("not processed").isEmpty();
            assertThat(sim.journal()).isNotEmpty().allSatisfy(r -> {
                assertThat(r.fault()).isEqualTo(InjectedFault.CONNECTION_RESET);
                assertThat(r.status()).isZero();
            });
        }
    }

    @Test
    void dropAfterWriteAppliesTheWrite() throws Exception {
        try (ProtoSimulator sim = ProtoSimulator.builder()
                .faults(Faults.builder().dropAfterWriteRate(1.0).build())
                .start()) {
            TestHttp http = new TestHttp(sim.baseUrl(), sim.secret(), HttpClient.newHttpClient());
            String ts = sim.subcompanyId();
            assertThatThrownBy(() -> http.put("/v1/customers/" + ts + "/create-customer/c1", "{\"name\":\"n\"}"))
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> http.post(
                            "/v1/conversations/" + ts + "/create-ticket",
                            "{\"subject\":\"s\",\"provided_unique_id\":\"c1\"}"))
                    .isInstanceOf(IOException.class);
            assertThat(sim.snapshot().customer("c1")).isPresent();
            assertThat(sim.snapshot().tickets()).hasSize(1);
            // reads are answered normally
            assertThat(http.get("/v1/customers/" + ts + "/customer/c1/get-customer")
                            .status())
                    .isEqualTo(200);
            assertThat(sim.journal().stream()
                            .filter(r -> r.method().equals("POST"))
                            .toList())
                    .hasSize(1)
                    .allSatisfy(r -> assertThat(r.fault()).isEqualTo(InjectedFault.DROP_AFTER_WRITE));
        }
    }

    @Test
    void fixedLatencyIsApplied() throws Exception {
        try (ProtoSimulator sim = ProtoSimulator.builder()
                .faults(Faults.builder().latency(60).build())
                .start()) {
            TestHttp http = TestHttp.of(sim);
            long t0 = System.nanoTime();
            assertThat(http.get(list(sim)).status()).isEqualTo(200);
            assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(60);
        }
    }

    @Test
    void invalidFaultSettingsAreRejected() {
        assertThatThrownBy(() -> Faults.builder().statusRate(503, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Faults.builder().statusRate(200, 0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Faults.builder().latency(10, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Faults.builder()
                        .statusRate(500, 0.6)
                        .connectionResetRate(0.6)
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
