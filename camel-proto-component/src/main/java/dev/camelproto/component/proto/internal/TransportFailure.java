package dev.camelproto.component.proto.internal;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.RequestNotExecutedException;
import org.apache.hc.core5.util.DeadlineTimeoutException;

/** Whether a transport failure happened before the request left this JVM, or after it may have reached the server. */
public enum TransportFailure {

    /**
     * Connect refused, connect timeout, unknown host, no pooled connection within connectionRequestTimeout (the pool's
     * {@link DeadlineTimeoutException}: the request never left the pool), or a request HttpClient reports as not
     * executed.
     */
    NOT_SENT,
    /** Connection reset or closed, response timeout: the server may have processed the request. */
    MAY_HAVE_BEEN_SENT;

    public static TransportFailure of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof ConnectTimeoutException
                || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                || t instanceof RequestNotExecutedException || t instanceof DeadlineTimeoutException
                || t instanceof PoolTimeoutException) {
                return NOT_SENT;
            }
        }
        return MAY_HAVE_BEEN_SENT;
    }
}
