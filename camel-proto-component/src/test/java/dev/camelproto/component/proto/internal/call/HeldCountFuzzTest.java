package dev.camelproto.component.proto.internal.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.internal.request.ProtoRequest;
import dev.camelproto.component.proto.internal.retry.RetryPolicy;
import dev.camelproto.component.proto.internal.transport.Attempt;
import dev.camelproto.component.proto.internal.transport.ProtoHttpClient;
import java.lang.reflect.Field;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random server behaviour on fake time (429 with and without Retry-After, 503+Retry-After, 502, 404, resets, refused
 * connects, silence, leases given up), two endpoints with different bounds on one teamspace, then a stop: every call
 * answered exactly once, and the teamspace's held count back to zero (every hold released exactly once).
 */
class HeldCountFuzzTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void everyHoldIsReleasedOnceAndEveryCallAnsweredOnce(long seed) throws Exception {
        Random random = new Random(seed);
        HostileHarness h = new HostileHarness();
        EndpointClient a = endpoint(h, 3, 4_000, 20, 40);
        EndpointClient b = endpoint(h, 1, 2_500, 5, 15);
        Map<Integer, Integer> answers = new HashMap<>();
        int sent = 0;
        for (int step = 0; step < 3_000; step++) {
            int action = random.nextInt(10);
            if (action < 3) {
                int id = sent++;
                String method = List.of("GET", "POST", "DELETE").get(random.nextInt(3));
                (random.nextBoolean() ? a : b)
                        .send(
                                new ProtoRequest("op", method, "/x/" + id, null, null),
                                r -> answers.merge(id, 1, Integer::sum));
            } else if (action < 7 && !h.transport.attempts.isEmpty()) {
                Attempt at = h.transport.attempts.get(random.nextInt(h.transport.attempts.size()));
                int what = random.nextInt(9);
                if (what > 1) {
                    at.lease();
                }
                switch (what) {
                    case 0 -> at.failed(new ConnectException("refused"));
                    case 1 -> {} // left waiting for a pooled connection
                    case 2 -> at.failed(new SocketException("Connection reset"));
                    case 3 -> at.completed(response(429, null));
                    case 4 -> at.completed(response(429, "1"));
                    case 5 -> at.completed(response(503, "0"));
                    case 6 -> at.completed(response(502, null));
                    case 7 -> at.completed(response(404, null));
                    default -> at.completed(response(200, null));
                }
            } else {
                h.clock.advanceMillis(random.nextInt(300));
            }
        }
        h.runtime.stop(0);
        for (int id = 0; id < sent; id++) {
            assertThat(answers.get(id))
                    .as("answers of call %d (seed %d)", id, seed)
                    .isEqualTo(1);
        }
        assertThat(HostileHarness.pending(a, h.runtime))
                .as("held count after every call ended")
                .isZero();
        assertThat(h.metrics.totalInFlight()).isZero();
        Field f = ProtoRuntime.class.getDeclaredField("inFlight");
        f.setAccessible(true);
        Object inFlight = f.get(h.runtime);
        var size = inFlight.getClass().getDeclaredMethod("size");
        size.setAccessible(true);
        assertThat((int) size.invoke(inFlight)).isZero();
    }

    private static EndpointClient endpoint(
            HostileHarness h, int maxRetries, long callTimeout, int maxQueued, int maxPending) {
        return new EndpointClient(
                () -> h.runtime,
                "http://127.0.0.1:1/api",
                "T",
                ProtoHttpClient.authorization("s"),
                new EndpointClient.Timeouts(300, 300, 300, callTimeout),
                new EndpointClient.Bounds(maxQueued, maxPending),
                1024,
                new RetryPolicy(maxRetries, 10, 1000, false),
                h.metrics);
    }

    private static SimpleHttpResponse response(int status, String retryAfter) {
        SimpleHttpResponse r = new SimpleHttpResponse(status);
        if (retryAfter != null) {
            r.addHeader("Retry-After", retryAfter);
        }
        return r;
    }
}
