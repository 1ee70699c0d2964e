package dev.camelproto.component.proto.internal.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.ProtoCallTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The hand-off of a finished call can throw an Error: Completions.deliver catches only RuntimeException, and
 * ThreadPoolExecutor.execute lets Thread.start()'s "OutOfMemoryError: unable to create native thread" through (the
 * very situation of route code blocking on many completion threads). When that happens in the sweep, the sweep task
 * dies (it reschedules itself only after a clean pass): from then on no call of this start is ever expired. And the
 * call being ended is marked finished with its answer lost.
 */
class SweepSurvivesAnErrorTest {

    @Test
    void oneFailedHandOffDoesNotStopEveryLaterCallTimeout() throws Exception {
        AtomicInteger deliveries = new AtomicInteger();
        HostileHarness h = new HostileHarness(task -> {
            if (deliveries.incrementAndGet() == 1) {
                throw new OutOfMemoryError("unable to create native thread: possibly out of memory");
            }
            task.run();
        });
        EndpointClient endpoint = h.endpoint(0, 1_000);
        h.send(endpoint, "GET"); // never answered: expired by the sweep, whose hand-off fails once
        try {
            h.clock.advanceMillis(1_100);
        } catch (OutOfMemoryError expected) {
            // a ScheduledThreadPoolExecutor swallows it into the sweep's future
        }
        assertThat(deliveries.get()).isEqualTo(1);

        h.send(endpoint, "GET"); // a later call, also never answered by the server
        h.clock.advanceMillis(5_000);
        assertThat(h.results).as("the later call expired at its callTimeout").hasSize(1);
        assertThat(h.results.get(0).failure()).isInstanceOf(ProtoCallTimeoutException.class);
    }
}
