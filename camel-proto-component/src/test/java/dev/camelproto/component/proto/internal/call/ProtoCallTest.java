package dev.camelproto.component.proto.internal.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.camelproto.component.proto.ProtoCallTimeoutException;
import dev.camelproto.component.proto.ProtoComponentStoppedException;
import dev.camelproto.component.proto.internal.metrics.CallObserver;
import dev.camelproto.component.proto.internal.metrics.ProtoMetrics;
import dev.camelproto.component.proto.internal.request.ProtoRequest;
import dev.camelproto.component.proto.internal.retry.RetryPolicy;
import dev.camelproto.component.proto.internal.time.FakeClock;
import dev.camelproto.component.proto.internal.transport.Attempt;
import dev.camelproto.component.proto.internal.transport.ProtoHttpClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.core5.http.Header;
import org.junit.jupiter.api.Test;

/**
 * The call's rules on fake time, with a fake transport: its deadline, its retry timer, the wait for a pooled
 * connection, the truth of "may have been processed", and that it always ends once, whatever its callbacks meet.
 */
class ProtoCallTest {

    private final FakeClock clock = new FakeClock();
    private final FakeTransport transport = new FakeTransport();
    private final ProtoMetrics metrics = new ProtoMetrics();
    private final ProtoRuntime runtime = new ProtoRuntime(transport, clock, Runnable::run, () -> {}, () -> {});
    private final List<CallResult> results = new CopyOnWriteArrayList<>();

    private EndpointClient endpoint(int maxRetries, boolean retryNonIdempotent, long callTimeout) {
        return new EndpointClient(
                () -> runtime,
                "http://127.0.0.1:1/api",
                "T",
                ProtoHttpClient.authorization("s"),
                new EndpointClient.Timeouts(1000, 1000, 1000, callTimeout),
                new EndpointClient.Bounds(10, 100),
                1024,
                new RetryPolicy(maxRetries, 10, 1000, retryNonIdempotent),
                metrics);
    }

    private void send(EndpointClient endpoint, String method) {
        endpoint.send(new ProtoRequest("op", method, "/x", null, null), results::add);
    }

    private CallResult only() {
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    @Test
    void anUnansweredAttemptOnTheWireExpiresAtTheDeadlineAsMaybeProcessed() {
        send(endpoint(3, false, 5_000), "POST");
        assertThat(transport.last().lease()).isTrue();
        clock.advanceMillis(4_900);
        assertThat(results).isEmpty();
        clock.advanceMillis(200); // the next sweep after the deadline
        CallResult r = only();
        assertThat(r.failure())
                .isInstanceOf(ProtoCallTimeoutException.class)
                .hasMessageContaining("waiting for the answer to attempt 1");
        assertThat(((ProtoCallTimeoutException) r.failure()).mayHaveBeenProcessed())
                .isTrue();
        assertThat(r.mayHaveBeenProcessed()).isTrue();
        assertThat(transport.last().state()).isEqualTo(Attempt.State.DONE);
    }

    @Test
    void anAttemptStillWaitingForAConnectionIsGivenUpUnsentAndRetried() {
        send(endpoint(3, false, 60_000), "POST");
        Attempt first = transport.last();
        clock.advanceMillis(1_900);
        assertThat(transport.sent).hasSize(1);
        clock.advanceMillis(200); // connectionRequestTimeout + connectTimeout = 2 s: given up at the sweep
        assertThat(first.state()).isEqualTo(Attempt.State.GIVEN_UP);
        assertThat(first.lease()).as("a given-up attempt is never sent late").isFalse();
        clock.advanceMillis(11); // the retry timer: retryDelay 10 ms with full jitter
        assertThat(transport.sent).as("never sent, so retried even for a POST").hasSize(2);
        transport.last().completed(new SimpleHttpResponse(201));
        assertThat(only().isSuccess()).isTrue();
        assertThat(only().attempts()).isEqualTo(2);
    }

    @Test
    void aCallThatNeverLeftThePoolTimesOutAsNotProcessed() {
        send(endpoint(0, false, 1_500), "POST");
        clock.advanceMillis(1_600);
        CallResult r = only();
        assertThat(r.failure()).isInstanceOf(ProtoCallTimeoutException.class);
        assertThat(((ProtoCallTimeoutException) r.failure()).mayHaveBeenProcessed())
                .isFalse();
        assertThat(transport.last().lease()).isFalse();
    }

    @Test
    void theRetryTimerWaitsAndThenSendsAgain() {
        send(endpoint(3, false, 60_000), "GET");
        transport.last().lease();
        transport.last().completed(new SimpleHttpResponse(502));
        assertThat(transport.sent).hasSize(1);
        assertThat(clock.pending()).as("the retry timer and the sweep").isEqualTo(2);
        clock.advanceMillis(1_001); // retryDelay 10 ms, full jitter: within [0, 10] ms
        assertThat(transport.sent).hasSize(2);
        transport.last().lease();
        transport.last().completed(new SimpleHttpResponse(200));
        assertThat(only().isSuccess()).isTrue();
    }

    @Test
    void onceAnAttemptMayHaveBeenProcessedTheAnswerSaysSoWhateverLaterAttemptsDid() {
        send(endpoint(3, true, 60_000), "POST");
        transport.last().lease();
        transport.last().failed(new SocketException("Connection reset")); // read by the server, then reset
        for (int i = 0; i < 3; i++) {
            clock.advanceMillis(1_001);
            transport.last().failed(new ConnectException("Connection refused")); // never leased: not sent
        }
        CallResult r = only();
        assertThat(r.attempts()).isEqualTo(4);
        assertThat(r.mayHaveBeenProcessed()).isTrue();
    }

    @Test
    void attemptsRefusedBeforeTheyLeftThePoolAreNotProcessed() {
        send(endpoint(2, true, 60_000), "POST");
        for (int i = 0; i < 3; i++) {
            transport.last().failed(new ConnectException("Connection refused"));
            clock.advanceMillis(1_001);
        }
        assertThat(only().mayHaveBeenProcessed()).isFalse();
    }

    @Test
    void aCallWaitingForARetryIsStoppedAtOnceWithItsOwnException() throws Exception {
        EndpointClient endpoint = endpoint(3, false, 60_000);
        send(endpoint, "GET");
        send(endpoint, "GET");
        for (FakeTransport.Sent s : List.copyOf(transport.sent)) {
            s.attempt().lease();
            s.attempt().completed(new SimpleHttpResponse(502)); // waiting for their retry timers
        }
        runtime.stop(0);
        assertThat(results).hasSize(2).allSatisfy(r -> {
            assertThat(r.failure()).isInstanceOf(ProtoComponentStoppedException.class);
            assertThat(r.mayHaveBeenProcessed())
                    .as("a 502: the server may have processed it")
                    .isTrue();
        });
        assertThat(results.get(0).failure()).isNotSameAs(results.get(1).failure());
    }

    @Test
    void aCallWaitingForAConnectionIsStoppedAsNeverSent() throws Exception {
        send(endpoint(3, false, 60_000), "POST");
        runtime.stop(10_000); // not on the wire: no wait
        assertThat(only().failure()).isInstanceOf(ProtoComponentStoppedException.class);
        assertThat(((ProtoComponentStoppedException) only().failure()).mayHaveBeenProcessed())
                .isFalse();
        assertThat(transport.last().lease()).isFalse();
    }

    @Test
    void anUnexpectedErrorReadingTheAnswerFinishesTheCall() {
        send(endpoint(3, false, 60_000), "GET");
        SimpleHttpResponse hostile = new SimpleHttpResponse(503);
        hostile.setHeader(new Header() {
            @Override
            public boolean isSensitive() {
                return false;
            }

            @Override
            public String getName() {
                return "Retry-After";
            }

            @Override
            public String getValue() {
                throw new IllegalStateException("boom");
            }
        });
        transport.last().lease();
        assertThatCode(() -> transport.last().completed(hostile)).doesNotThrowAnyException();
        assertThat(only().failure()).hasMessage("boom");
        transport.last().completed(new SimpleHttpResponse(200)); // a late callback changes nothing
        assertThat(results).hasSize(1);
    }

    @Test
    void aFailureThatCannotBeReadFinishesAPostAsMaybeProcessed() {
        send(endpoint(3, false, 60_000), "POST");
        Exception hostile = new IOException("reset") {
            @Override
            public synchronized Throwable getCause() {
                throw new IllegalStateException("bad cause");
            }
        };
        transport.last().lease();
        assertThatCode(() -> transport.last().failed(hostile)).doesNotThrowAnyException();
        assertThat(only().failure()).isSameAs(hostile);
        assertThat(only().mayHaveBeenProcessed()).isTrue();
    }

    @Test
    void aCancelledAttemptFinishesOnce() {
        send(endpoint(0, false, 60_000), "GET");
        assertThatCode(transport.last()::cancelled).doesNotThrowAnyException();
        assertThatCode(transport.last()::cancelled).doesNotThrowAnyException();
        assertThat(results).hasSize(1);
    }

    @Test
    void aThrowingObserverNeverCostsTheAnswer() {
        metrics.setObserver(new CallObserver() {
            @Override
            public void finished(String operation, Outcome outcome, long durationNanos) {
                throw new IllegalStateException("the registry refuses this meter");
            }

            @Override
            public void retried(String operation) {
                throw new IllegalStateException("the registry refuses this meter");
            }

            @Override
            public void paused() {
                throw new IllegalStateException("the registry refuses this meter");
            }
        });
        EndpointClient endpoint = endpoint(3, false, 60_000);
        send(endpoint, "GET");
        transport.last().lease();
        transport.last().completed(new SimpleHttpResponse(502)); // retried: the observer throws
        clock.advanceMillis(1_001);
        transport.last().lease();
        transport.last().completed(new SimpleHttpResponse(200));
        assertThat(only().isSuccess()).isTrue();
        assertThat(metrics.totalInFlight()).isZero();
    }

    @Test
    void aTransportThatRefusesTheAttemptEndsTheCallAsNotSent() {
        transport.refuse = new IllegalStateException("I/O reactor has been shut down");
        send(endpoint(0, true, 60_000), "POST");
        AtomicReference<CallResult> r = new AtomicReference<>(only());
        assertThat(r.get().failure()).hasMessageContaining("shut down");
        assertThat(r.get().mayHaveBeenProcessed()).isFalse();
    }
}
