package dev.camelproto.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConcurrencyTest {

    @RegisterExtension
    static ProtoSimulatorExtension proto = ProtoSimulatorExtension.create();

    static List<Integer> runParallel(int threads, int perThread, Callable<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<List<Integer>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    List<Integer> statuses = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        statuses.add(call.call());
                    }
                    return statuses;
                }));
            }
            go.countDown();
            List<Integer> all = new ArrayList<>();
            for (Future<List<Integer>> f : futures) {
                all.addAll(f.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void parallelUpsertsOfOneIdLeaveOneRecord() throws Exception {
        TestHttp http = new TestHttp(proto.baseUrl(), proto.secret());
        String path = "/v1/customers/" + proto.subcompanyId() + "/create-customer/same";
        List<Integer> statuses =
                runParallel(16, 50, () -> http.put(path, "{\"name\":\"n\"}").status());
        assertThat(statuses).hasSize(800).containsOnly(200);
        assertThat(proto.simulator().snapshot().customers()).hasSize(1);
        assertThat(proto.simulator().counters().route("customer/create")).isEqualTo(800);
        Set<String> ids = new HashSet<>();
        proto.simulator()
                .journal()
                .forEach(r -> ids.add(TestHttp.json(r.responseBody()).get("id").asText()));
        assertThat(ids).hasSize(1);
    }

    @Test
    void parallelTagAdditionsGiveTheUnion() throws Exception {
        TestHttp http = new TestHttp(proto.baseUrl(), proto.secret());
        String base = "/v1/customers/" + proto.subcompanyId();
        assertThat(http.put(base + "/create-customer/tagged", "{}").status()).isEqualTo(200);
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        List<Integer> statuses = runParallel(
                16,
                10,
                () -> http.put(
                                base + "/customer/tagged/add-tags",
                                "{\"tags\":[\"tag-" + n.getAndIncrement()
                                        + "\",\"common\"],\"create_if_not_exists\":true}")
                        .status());
        assertThat(statuses).hasSize(160).containsOnly(200);
        Customer c = proto.simulator().snapshot().customer("tagged").orElseThrow();
        assertThat(c.tags()).hasSize(161).contains("common", "tag-0", "tag-159");
        assertThat(proto.simulator().snapshot().tags()).hasSize(161);
    }
}
