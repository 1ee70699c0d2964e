package dev.camelproto.component.proto.internal.transport;

import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;

/** Sends one attempt; its {@link Attempt} hears the outcome. {@link ProtoHttpClient} in production, fakes in tests. */
public interface Transport {

    /**
     * Hands the attempt to the client without blocking. It calls {@link Attempt#lease()} when a connection is about to
     * carry the request (and sends nothing if that returns false), then tells the attempt its answer or failure.
     */
    void execute(
            Attempt attempt,
            String method,
            HttpHost host,
            String pathAndQuery,
            byte[] body,
            Header authorization,
            RequestConfig config,
            long maxResponseSize);
}
