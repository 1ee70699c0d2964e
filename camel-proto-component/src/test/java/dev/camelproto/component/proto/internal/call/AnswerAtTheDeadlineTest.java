package dev.camelproto.component.proto.internal.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.ProtoTransportException;
import dev.camelproto.component.proto.internal.ratelimit.TeamspaceGate;
import dev.camelproto.component.proto.internal.transport.Attempt;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.junit.jupiter.api.Test;

/**
 * An answer that arrives as the deadline sweep runs: ProtoCall.onAnswer clears {@code current} in its first
 * synchronized block but records "may have reached the server" only later (after gate.onSuccess for a 2xx, after the
 * retry decision for a 502/503/504). An expire (or a stop) in between computes the call's truth from a null attempt
 * and an unset flag: a POST the server answered 201 is reported as never processed.
 */
class AnswerAtTheDeadlineTest {

    @Test
    void aPostAnswered201WhileTheSweepExpiresItIsNotReportedAsUnprocessed() throws Exception {
        HostileHarness h = new HostileHarness();
        EndpointClient endpoint = h.endpoint(3, 5_000);
        h.send(endpoint, "GET"); // A: its 429 restricts the gate, so B's 2xx takes the gate lock
        h.send(endpoint, "POST"); // B
        Attempt a = h.transport.attempts.get(0);
        Attempt b = h.transport.attempts.get(1);
        assertThat(a.lease()).isTrue();
        assertThat(b.lease()).as("B is carried by a connection").isTrue();
        a.completed(new SimpleHttpResponse(429));
        TeamspaceGate gate = HostileHarness.gate(endpoint, h.runtime);
        assertThat(gate.isOpen()).isFalse();

        Thread io = new Thread(() -> b.completed(new SimpleHttpResponse(201)), "fake-io");
        synchronized (gate) { // another thread holds the gate lock a moment (a tick, a 429, a submit)
            io.start();
            while (io.getState() != Thread.State.BLOCKED) {
                Thread.onSpinWait();
            }
            h.clock.advanceMillis(5_100); // B's deadline passes; the sweep runs
        }
        io.join(5_000);

        CallResult bResult = h.results.stream()
                .filter(r -> r.request().method().equals("POST"))
                .findFirst()
                .orElseThrow();
        assertThat(bResult.failure()).isInstanceOf(ProtoTransportException.class);
        assertThat(((ProtoTransportException) bResult.failure()).mayHaveBeenProcessed())
                .as(
                        "B was leased and the server answered 201, yet: %s",
                        bResult.failure().getMessage())
                .isTrue();
    }
}
