package dev.camelproto.component.proto.internal.call;

import dev.camelproto.component.proto.internal.transport.Attempt;
import dev.camelproto.component.proto.internal.transport.Transport;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;

/** A transport whose attempts the test leases, answers and fails by hand; it records what was handed to it. */
final class FakeTransport implements Transport {

    record Sent(Attempt attempt, String method, String path) {}

    final List<Sent> sent = new CopyOnWriteArrayList<>();
    /** The attempts handed over, in order. */
    final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    /** When set, execute throws it (a client that is closing). */
    RuntimeException refuse;

    @Override
    public void execute(
            Attempt attempt,
            String method,
            HttpHost host,
            String pathAndQuery,
            byte[] body,
            Header authorization,
            RequestConfig config,
            long maxResponseSize) {
        if (refuse != null) {
            throw refuse;
        }
        sent.add(new Sent(attempt, method, pathAndQuery));
        attempts.add(attempt);
    }

    Attempt last() {
        return sent.get(sent.size() - 1).attempt();
    }
}
