package dev.camelproto.component.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.camelproto.component.proto.testsupport.ProtoApiStub;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.Test;

/**
 * The producer health check never blocks its caller on the probe, a 429 is UP ("rate limited"), and a teamspace
 * paused by a 429 is not reported DOWN.
 */
class ProtoHealthCheckProbeTest extends ProtoTestSupport {

    /** How long the test lets a check call run before calling it a hang (the old probe blocked for 71 s here). */
    private static final long HANG_SECONDS = 15;

    @Test
    void aProbeTheServerHasNotAnsweredNeverBlocksTheCheck() throws Exception {
        // connectTimeout + responseTimeout + 1 s = 71 s: as long as the old synchronized probe blocked its caller
        String uri = "proto:customField/list?connectTimeout=10000&responseTimeout=60000";
        send(uri, null, Map.of());
        stub.reset();
        stub.reply(200, "[]");
        stub.hold(); // the server reads the probe and does not answer until open()

        CompletableFuture<HealthCheck.Result> check = CompletableFuture.supplyAsync(this::producerCheck);
        HealthCheck.Result pending = check.get(HANG_SECONDS, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> stub.requests().size() == 1);
        assertThat(pending.getState())
                .as("no answer yet: not known, and not DOWN")
                .isEqualTo(HealthCheck.State.UNKNOWN);
        // asked again while the probe is still on the wire: answered at once, and no second probe is sent
        assertThat(CompletableFuture.supplyAsync(this::producerCheck)
                        .get(HANG_SECONDS, TimeUnit.SECONDS)
                        .getState())
                .isEqualTo(HealthCheck.State.UNKNOWN);
        assertThat(stub.requests()).hasSize(1);

        stub.open();
        await().atMost(Duration.ofSeconds(30)).until(() -> producerCheck().getState() == HealthCheck.State.UP);
        assertThat(stub.requests()).as("one probe").hasSize(1);
        assertThat(stub.lastRequest().path()).isEqualTo(path("/v1/custom-fields/" + TEAMSPACE + "/list-custom-fields"));
    }

    @Test
    void aTooManyRequestsAnswerIsUpRateLimited() {
        send("proto:customField/list", null, Map.of());
        stub.reset();
        stub.reply(r -> new ProtoApiStub.Reply(429, "{\"detail\":\"Too Many Requests\"}", Map.of("Retry-After", "1")));

        HealthCheck.Result result = settledCheck();
        assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("rate limited"));
        assertThat(result.getDetails()).containsEntry("http.status.code", 429).containsEntry("rate.limited", true);
        assertThat(result.getMessage().orElse("") + result.getDetails()).doesNotContain(SECRET);
    }

    @Test
    void aTeamspacePausedByA429IsNotReportedDown() throws Exception {
        // short attempt timeouts: the old probe gave up after connectTimeout + responseTimeout + 1 s = 2 s and said
        // DOWN, while the probe was only waiting behind the teamspace's 5 s back-off
        String options = "?connectTimeout=500&responseTimeout=500&retryMaxDelay=60000&maxRetries=0";
        send("proto:customField/list" + options, null, Map.of());
        stub.reset();
        AtomicInteger seen = new AtomicInteger();
        stub.reply(r -> seen.getAndIncrement() == 0
                ? new ProtoApiStub.Reply(429, "{\"detail\":\"Too Many Requests\"}", Map.of("Retry-After", "5"))
                : ProtoApiStub.Reply.json(200, "[]"));
        // a route's call meets the 429: every request to the teamspace now waits about 5 s
        Exchange limited = send("proto:customField/list" + options, null, Map.of());
        assertThat(limited.getException()).isInstanceOf(ProtoApiException.class);
        assertThat(stub.requests()).hasSize(1);

        // while paused: answered at once and never DOWN
        CompletableFuture<HealthCheck.Result> check = CompletableFuture.supplyAsync(this::producerCheck);
        HealthCheck.Result duringPause = check.get(HANG_SECONDS, TimeUnit.SECONDS);
        assertThat(duringPause.getState()).isNotEqualTo(HealthCheck.State.DOWN);
        // asked again and again until the pause ends and the probe goes out: never DOWN (a DOWN fails at once)
        await("the probe sent after the pause")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    assertThat(producerCheck().getState())
                            .as("while the teamspace is paused")
                            .isNotEqualTo(HealthCheck.State.DOWN);
                    return stub.requests().size() > 1;
                });
        // after the pause the probe goes out and the answer is UP
        await().atMost(Duration.ofSeconds(30)).until(() -> producerCheck().getState() == HealthCheck.State.UP);
        assertThat(stub.requests()).hasSize(2);
    }

    /** The producer check's result once its probe has answered (the first call may find it still running). */
    private HealthCheck.Result settledCheck() {
        HealthCheck.Result[] last = new HealthCheck.Result[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            last[0] = producerCheck();
            return last[0].getState() != HealthCheck.State.UNKNOWN;
        });
        return last[0];
    }

    private HealthCheck.Result producerCheck() {
        // Camel keeps the producers repository off unless asked (camel.health.producers-enabled=true)
        HealthCheckHelper.getHealthCheckRepository(context, "producers").setEnabled(true);
        return HealthCheckHelper.invoke(context).stream()
                .filter(r -> r.getCheck().getId().startsWith("proto-" + TEAMSPACE))
                .findFirst()
                .orElseThrow(() ->
                        new AssertionError("no proto producer health check in " + HealthCheckHelper.invoke(context)));
    }
}
