package dev.camelproto.component.proto.internal.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.internal.retry.TransportFailure;
import dev.camelproto.component.proto.internal.transport.Attempt;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Attempt.lease() moves WAITING to SENDING by CAS and only then writes {@code leased = true}. ProtoCall.end() calls
 * cancel() (which sees SENDING and moves to DONE) and then maySendOrHaveSent(), which may still read false: the call
 * ends "nothing was sent" while lease() returned true and the interceptor proceeds to send the request.
 */
class LeaseCancelRaceTest {

    private static final Attempt.Listener NONE = new Attempt.Listener() {
        @Override
        public void answered(Attempt attempt, SimpleHttpResponse response) {}

        @Override
        public void failed(Attempt attempt, Exception failure, TransportFailure sent) {}
    };

    private volatile Attempt current;
    private volatile int round;
    private volatile boolean leaseWon;

    @Test
    void anAttemptLeasedAsItIsCancelledIsAlwaysReportedAsMaybeSent() throws Exception {
        int rounds = 300_000;
        AtomicInteger lies = new AtomicInteger();
        AtomicInteger leasedRounds = new AtomicInteger();
        int[] leaserDone = new int[1];
        Thread leaser = new Thread(() -> {
            for (int r = 1; r <= rounds; r++) {
                while (round != r) {
                    Thread.onSpinWait();
                }
                leaseWon = current.lease();
                synchronized (leaserDone) {
                    leaserDone[0] = r;
                    leaserDone.notifyAll();
                }
            }
        });
        leaser.setDaemon(true);
        leaser.start();
        for (int r = 1; r <= rounds; r++) {
            Attempt a = new Attempt(NONE, Long.MAX_VALUE, 1000);
            current = a;
            round = r;
            for (int spin = r % 64; spin > 0; spin--) {
                Thread.onSpinWait();
            }
            boolean givenUpUnsent = a.cancel();
            boolean may = a.maySendOrHaveSent();
            synchronized (leaserDone) {
                while (leaserDone[0] != r) {
                    leaserDone.wait();
                }
            }
            if (leaseWon) {
                leasedRounds.incrementAndGet();
                assertThat(givenUpUnsent).isFalse();
                if (!may) {
                    lies.incrementAndGet();
                }
            }
        }
        System.out.println("lease won " + leasedRounds + " rounds; reported unsent after a won lease: " + lies);
        assertThat(lies.get())
                .as("rounds where lease() returned true but maySendOrHaveSent() said false after cancel()")
                .isZero();
    }
}
