package dev.camelproto.component.proto.internal.transport;

import dev.camelproto.component.proto.internal.retry.TransportFailure;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.RequestNotExecutedException;
import org.apache.hc.core5.util.DeadlineTimeoutException;

/** Reads HttpClient's failures as {@link TransportFailure}: before the request left this JVM, or after. */
public final class TransportFailures {

    private TransportFailures() {}

    /**
     * {@link TransportFailure#NOT_SENT} for connect refused, connect timeout, unknown host, no pooled connection within
     * connectionRequestTimeout (the pool's {@link DeadlineTimeoutException}, or our own {@link PoolTimeoutException}),
     * or a request HttpClient reports as not executed; {@link TransportFailure#MAY_HAVE_BEEN_SENT} otherwise.
     */
    public static TransportFailure classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof ConnectTimeoutException
                    || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException
                    || t instanceof RequestNotExecutedException
                    || t instanceof DeadlineTimeoutException
                    || t instanceof PoolTimeoutException) {
                return TransportFailure.NOT_SENT;
            }
        }
        return TransportFailure.MAY_HAVE_BEEN_SENT;
    }
}
