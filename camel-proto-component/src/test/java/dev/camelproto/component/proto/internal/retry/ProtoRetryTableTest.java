package dev.camelproto.component.proto.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.ProtoApiException;
import dev.camelproto.component.proto.ProtoComponent;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.ProtoTransportException;
import dev.camelproto.component.proto.testsupport.ProtoApiStub;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import dev.camelproto.component.proto.testsupport.ScriptedServer;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The retry table (docs/user-guide.md, "Retries"), one test per row, with the exact requests that went out. */
class ProtoRetryTableTest extends ProtoTestSupport {

    /** One operation per HTTP method, with what it sends. */
    record Op(
            String name,
            String method,
            String path,
            Map<String, Object> headers,
            Object body,
            String wireBody,
            String okJson) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final Op GET = new Op(
            "customField/list",
            "GET",
            "/v1/custom-fields/" + TEAMSPACE + "/list-custom-fields",
            Map.of(),
            null,
            null,
            "[]");
    static final Op PUT = new Op(
            "customer/addTags",
            "PUT",
            "/v1/customers/" + TEAMSPACE + "/customer/c1/add-tags",
            Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "c1"),
            List.of("vip"),
            "{\"tags\":[\"vip\"],\"create_if_not_exists\":false}",
            "{\"id\":\"C1\",\"tags\":[\"vip\"]}");
    static final Op DELETE = new Op(
            "customField/delete",
            "DELETE",
            "/v1/custom-fields/" + TEAMSPACE + "/custom-field/F1/delete-custom-fields",
            Map.of(ProtoConstants.CUSTOM_FIELD_ID, "F1"),
            null,
            null,
            "{\"id\":\"F1\",\"deleted\":true}");
    static final Op POST = new Op(
            "ticket/create",
            "POST",
            "/v1/conversations/" + TEAMSPACE + "/create-ticket",
            Map.of(ProtoConstants.SUBJECT, "Hi", ProtoConstants.PROVIDED_UNIQUE_ID, "c1"),
            null,
            "{\"subject\":\"Hi\",\"provided_unique_id\":\"c1\"}",
            "{\"id\":\"T1\"}");

    static Stream<Op> idempotent() {
        return Stream.of(GET, PUT, DELETE);
    }

    static Stream<Op> all() {
        return Stream.of(GET, PUT, DELETE, POST);
    }

    private Exchange call(Op op, String options) {
        return send("proto:" + op.name() + "?retryDelay=10" + options, op.body(), op.headers());
    }

    /** The first {@code failures} requests get {@code first}, the rest the operation's 200. */
    private void firstThenOk(Op op, int failures, ProtoApiStub.Reply first) {
        AtomicInteger n = new AtomicInteger();
        stub.reply(r -> n.getAndIncrement() < failures ? first : ProtoApiStub.Reply.json(200, op.okJson()));
    }

    private void assertSentTimes(Op op, int times) {
        assertThat(stub.requests()).hasSize(times).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo(op.method());
            assertThat(r.path()).isEqualTo(path(op.path()));
            assertThat(r.body()).isEqualTo(op.wireBody());
            assertThat(r.header("authorization")).isEqualTo("Bearer " + SECRET);
        });
    }

    private static void assertOk(Exchange out, int attempts) {
        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader(ProtoConstants.ATTEMPTS)).isEqualTo(attempts);
        assertThat(out.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
    }

    private static String httpDate(Duration from) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plus(from));
    }

    // ---- first success ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("all")
    void firstSuccessIsOneAttempt(Op op) {
        stub.reply(200, op.okJson());
        Exchange out = call(op, "");
        assertOk(out, 1);
        assertSentTimes(op, 1);
    }

    // ---- 429: always retried -----------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("all")
    void tooManyRequestsWithRetryAfterSecondsIsRetried(Op op) {
        firstThenOk(
                op, 1, new ProtoApiStub.Reply(429, "{\"detail\":\"Too Many Requests\"}", Map.of("Retry-After", "1")));
        Exchange out = call(op, "");
        assertOk(out, 2);
        assertSentTimes(op, 2);
    }

    @ParameterizedTest
    @MethodSource("all")
    void tooManyRequestsWithRetryAfterHttpDateIsRetried(Op op) {
        AtomicInteger n = new AtomicInteger();
        stub.reply(r -> n.getAndIncrement() < 1
                ? new ProtoApiStub.Reply(
                        429,
                        "{\"detail\":\"Too Many Requests\"}",
                        Map.of("Retry-After", httpDate(Duration.ofSeconds(1))))
                : ProtoApiStub.Reply.json(200, op.okJson()));
        Exchange out = call(op, "");
        assertOk(out, 2);
        assertSentTimes(op, 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"120", "date"})
    void retryAfterLongerThanRetryMaxDelayFailsAtOnce(String form) {
        String value = form.equals("date") ? httpDate(Duration.ofSeconds(120)) : form;
        stub.reply(
                r -> new ProtoApiStub.Reply(429, "{\"detail\":\"Too Many Requests\"}", Map.of("Retry-After", value)));
        Exchange out = call(GET, "");
        assertThat(out.getException()).isInstanceOf(ProtoApiException.class);
        ProtoApiException e = (ProtoApiException) out.getException();
        assertThat(e.getStatusCode()).isEqualTo(429);
        assertThat(e.getRetryAfter())
                .hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(110), Duration.ofSeconds(120)));
        assertThat(out.getMessage().getHeader(ProtoConstants.ATTEMPTS)).isEqualTo(1);
        assertSentTimes(GET, 1);
    }

    @Test
    void retryAfterLongerThanRetryMaxDelayOn503FailsAtOnce() {
        stub.reply(r -> new ProtoApiStub.Reply(503, "{\"detail\":\"busy\"}", Map.of("Retry-After", "5")));
        Exchange out = call(GET, "&retryMaxDelay=1000");
        ProtoApiException e = (ProtoApiException) out.getException();
        assertThat(e.getStatusCode()).isEqualTo(503);
        assertThat(e.getRetryAfter()).hasValue(Duration.ofSeconds(5));
        assertSentTimes(GET, 1);
    }

    // ---- connect refused: always retried -------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("all")
    void connectRefusedIsRetried(Op op) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Exchange out = send(
                "proto:" + op.name() + "?retryDelay=10&baseUrl=RAW(http://127.0.0.1:" + port + "/api/platform)",
                op.body(),
                op.headers());
        assertThat(out.getException()).isInstanceOf(ProtoTransportException.class);
        ProtoTransportException e = (ProtoTransportException) out.getException();
        assertThat(e.getAttempts()).isEqualTo(4);
        assertThat(e.mayHaveBeenProcessed()).isFalse();
        assertThat(out.getMessage().getHeader(ProtoConstants.ATTEMPTS)).isEqualTo(4);
        assertThat(((ProtoComponent) context.getComponent("proto")).getMetrics().totalRetries())
                .isEqualTo(3);
    }

    // ---- 502/504 and 503 without Retry-After: idempotent only unless opted in ---------------------------------

    static Stream<Arguments> gatewayStatusesIdempotent() {
        return idempotent().flatMap(op -> Stream.of(502, 503, 504).map(s -> Arguments.of(op, s)));
    }

    @ParameterizedTest
    @MethodSource("gatewayStatusesIdempotent")
    void gatewayErrorsAreRetriedForIdempotentMethods(Op op, int status) {
        firstThenOk(op, 2, ProtoApiStub.Reply.json(status, "{\"detail\":\"gateway\"}"));
        Exchange out = call(op, "");
        assertOk(out, 3);
        assertSentTimes(op, 3);
    }

    @ParameterizedTest
    @ValueSource(ints = {502, 503, 504})
    void gatewayErrorsAreNotRetriedForPost(int status) {
        firstThenOk(POST, 1, ProtoApiStub.Reply.json(status, "{\"detail\":\"gateway\"}"));
        Exchange out = call(POST, "");
        assertThat(out.getException()).isInstanceOf(ProtoApiException.class);
        assertThat(((ProtoApiException) out.getException()).getStatusCode()).isEqualTo(status);
        assertThat(out.getMessage().getHeader(ProtoConstants.ATTEMPTS)).isEqualTo(1);
        assertSentTimes(POST, 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {502, 503, 504})
    void gatewayErrorsAreRetriedForPostWhenOptedIn(int status) {
        firstThenOk(POST, 1, ProtoApiStub.Reply.json(status, "{\"detail\":\"gateway\"}"));
        Exchange out = call(POST, "&retryNonIdempotent=true");
        assertOk(out, 2);
        assertThat(out.getMessage().getHeader(ProtoConstants.ID)).isEqualTo("T1");
        assertSentTimes(POST, 2);
    }

    // ---- 503 with Retry-After: a refusal, retried for every method ----------------------------------------------

    @ParameterizedTest
    @MethodSource("all")
    void serviceUnavailableWithRetryAfterIsRetriedForEveryMethod(Op op) {
        firstThenOk(op, 1, new ProtoApiStub.Reply(503, "{\"detail\":\"busy\"}", Map.of("Retry-After", "1")));
        Exchange out = call(op, "");
        assertOk(out, 2);
        assertSentTimes(op, 2);
    }

    @Test
    void delete404AfterOnlyA503WithRetryAfterIsAFailure() {
        // a 503 with Retry-After was refused, not processed: a 404 after it is a real "not found"
        AtomicInteger n = new AtomicInteger();
        stub.reply(r -> n.getAndIncrement() == 0
                ? new ProtoApiStub.Reply(503, "{}", Map.of("Retry-After", "0"))
                : ProtoApiStub.Reply.json(404, "{\"detail\":\"Custom field not found\"}"));
        Exchange out = call(DELETE, "");
        assertThat(((ProtoApiException) out.getException()).getStatusCode()).isEqualTo(404);
        assertSentTimes(DELETE, 2);
    }

    @Test
    void retriesStopAfterMaxRetries() {
        stub.reply(503, "{\"detail\":\"down\"}");
        Exchange out = call(GET, "&maxRetries=2");
        assertThat(((ProtoApiException) out.getException()).getStatusCode()).isEqualTo(503);
        assertThat(out.getMessage().getHeader(ProtoConstants.ATTEMPTS)).isEqualTo(3);
        assertSentTimes(GET, 3);
    }

    @ParameterizedTest
    @ValueSource(ints = {503, 429})
    void maxRetriesZeroIsOneAttempt(int status) {
        stub.reply(r -> new ProtoApiStub.Reply(status, "{\"detail\":\"x\"}", Map.of("Retry-After", "1")));
        Exchange out = call(GET, "&maxRetries=0");
        assertThat(((ProtoApiException) out.getException()).getStatusCode()).isEqualTo(status);
        assertThat(out.getMessage().getHeader(ProtoConstants.ATTEMPTS)).isEqualTo(1);
        assertSentTimes(GET, 1);
    }

    // ---- any other status: final --------------------------------------------------------------------------------

    static Stream<Arguments> finalStatuses() {
        return all().flatMap(
                        op -> Stream.of(400, 401, 403, 404, 405, 409, 422, 500).map(s -> Arguments.of(op, s)));
    }

    @ParameterizedTest
    @MethodSource("finalStatuses")
    void otherStatusesAreNeverRetried(Op op, int status) {
        stub.reply(status, "{\"detail\":\"no\"}");
        Exchange out = call(op, "&retryNonIdempotent=true");
        assertThat(out.getException()).isInstanceOf(ProtoApiException.class);
        assertThat(((ProtoApiException) out.getException()).getStatusCode()).isEqualTo(status);
        assertThat(out.getMessage().getHeader(ProtoConstants.ATTEMPTS)).isEqualTo(1);
        assertSentTimes(op, 1);
    }

    // ---- DELETE answered 404 after an attempt that may have reached the server ----------------------------------

    @ParameterizedTest
    @ValueSource(ints = {502, 503, 504})
    void deleteGone404AfterGatewayErrorIsSuccess(int status) {
        AtomicInteger n = new AtomicInteger();
        stub.reply(r -> n.getAndIncrement() == 0
                ? ProtoApiStub.Reply.json(status, "{\"detail\":\"gateway\"}")
                : ProtoApiStub.Reply.json(404, "{\"detail\":\"Custom field not found\"}"));
        Exchange out = call(DELETE, "");
        assertThat(out.getException()).isNull();
        assertThat(out.getMessage().getHeader(ProtoConstants.ATTEMPTS)).isEqualTo(2);
        assertThat(out.getMessage().getBody()).isEqualTo(Map.of("id", "F1", "deleted", true));
        assertSentTimes(DELETE, 2);
    }

    @Test
    void delete404OnTheFirstAttemptIsAFailure() {
        stub.reply(404, "{\"detail\":\"Custom field not found\"}");
        Exchange out = call(DELETE, "");
        assertThat(((ProtoApiException) out.getException()).getStatusCode()).isEqualTo(404);
        assertSentTimes(DELETE, 1);
    }

    @Test
    void delete404AfterOnlyA429IsAFailure() {
        // a 429 was refused, not processed: a 404 after it is a real "not found"
        AtomicInteger n = new AtomicInteger();
        stub.reply(r -> n.getAndIncrement() == 0
                ? new ProtoApiStub.Reply(429, "{}", Map.of("Retry-After", "0"))
                : ProtoApiStub.Reply.json(404, "{\"detail\":\"Custom field not found\"}"));
        Exchange out = call(DELETE, "");
        assertThat(((ProtoApiException) out.getException()).getStatusCode()).isEqualTo(404);
        assertSentTimes(DELETE, 2);
    }

    // ---- transport failures after sending (scripted raw server) ----------------------------------------------

    private Exchange callScripted(ScriptedServer server, Op op, String options) {
        return send(
                "proto:" + op.name() + "?retryDelay=10&baseUrl=RAW(" + server.baseUrl() + ")" + options,
                op.body(),
                op.headers());
    }

    private static void assertScriptedSent(ScriptedServer server, Op op, int times) {
        assertThat(server.requests()).hasSize(times).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo(op.method());
            assertThat(r.path()).isEqualTo(path(op.path()));
            assertThat(r.body()).isEqualTo(op.wireBody());
        });
    }

    static Stream<Arguments> lostAfterSending() {
        return Stream.of("reset", "timeout").flatMap(k -> all().map(op -> Arguments.of(op, k)));
    }

    private static ScriptedServer.Action lost(String kind) {
        return kind.equals("reset") ? new ScriptedServer.Reset() : new ScriptedServer.Hang();
    }

    @ParameterizedTest
    @MethodSource("lostAfterSending")
    void lostAfterSendingIsRetriedForIdempotentOnly(Op op, String kind) throws Exception {
        try (ScriptedServer server = new ScriptedServer()) {
            server.script(i -> i == 0 ? lost(kind) : ScriptedServer.json(200, op.okJson()));
            Exchange out = callScripted(server, op, "&responseTimeout=500");
            if (op == POST) {
                assertThat(out.getException()).isInstanceOf(ProtoTransportException.class);
                ProtoTransportException e = (ProtoTransportException) out.getException();
                assertThat(e.mayHaveBeenProcessed()).isTrue();
                assertThat(e.getAttempts()).isEqualTo(1);
                assertThat(e.getMessage()).contains("not idempotent");
                assertScriptedSent(server, op, 1);
            } else {
                assertOk(out, 2);
                assertScriptedSent(server, op, 2);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"reset", "timeout"})
    void lostAfterSendingIsRetriedForPostWhenOptedIn(String kind) throws Exception {
        try (ScriptedServer server = new ScriptedServer()) {
            server.script(i -> i == 0 ? lost(kind) : ScriptedServer.json(200, POST.okJson()));
            Exchange out = callScripted(server, POST, "&responseTimeout=500&retryNonIdempotent=true");
            assertOk(out, 2);
            assertScriptedSent(server, POST, 2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"reset", "timeout"})
    void deleteGone404AfterLostResponseIsSuccess(String kind) throws Exception {
        try (ScriptedServer server = new ScriptedServer()) {
            server.script(
                    i -> i == 0 ? lost(kind) : ScriptedServer.json(404, "{\"detail\":\"Custom field not found\"}"));
            Exchange out = callScripted(server, DELETE, "&responseTimeout=500");
            assertThat(out.getException()).isNull();
            assertThat(out.getMessage().getHeader(ProtoConstants.ATTEMPTS)).isEqualTo(2);
            assertThat(out.getMessage().getBody()).isEqualTo(Map.of("id", "F1", "deleted", true));
            assertScriptedSent(server, DELETE, 2);
        }
    }

    @Test
    void resetEveryTimeFailsAfterAllAttemptsOnTheSimulator() throws Exception {
        try (var sim = dev.camelproto.simulator.ProtoSimulator.builder()
                .teamspace(TEAMSPACE, SECRET)
                .seed(3)
                .faults(dev.camelproto.simulator.Faults.builder()
                        .connectionResetRate(1.0)
                        .build())
                .start()) {
            String base = "&baseUrl=RAW(" + sim.baseUrl() + ")";
            Exchange get = send("proto:customField/list?retryDelay=10" + base, null, Map.of());
            assertThat(get.getException()).isInstanceOf(ProtoTransportException.class);
            assertThat(((ProtoTransportException) get.getException()).getAttempts())
                    .isEqualTo(4);
            assertThat(sim.counters().resets()).isEqualTo(4);
            Exchange post = send("proto:ticket/create?retryDelay=10" + base, null, POST.headers());
            assertThat(post.getException()).isInstanceOf(ProtoTransportException.class);
            assertThat(((ProtoTransportException) post.getException()).getAttempts())
                    .isEqualTo(1);
            assertThat(sim.counters().resets()).isEqualTo(5);
            assertThat(sim.counters().route("ticket/create")).isEqualTo(1);
        }
    }
}
