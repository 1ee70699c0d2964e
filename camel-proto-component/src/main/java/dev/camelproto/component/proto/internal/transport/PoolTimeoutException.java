package dev.camelproto.component.proto.internal.transport;

import java.util.concurrent.TimeoutException;

/** No pooled connection within connectionRequestTimeout: the attempt was given up before anything was sent. */
public final class PoolTimeoutException extends TimeoutException {

    private static final long serialVersionUID = 1L;

    public PoolTimeoutException(long connectionRequestTimeoutMillis) {
        super("no pooled connection within connectionRequestTimeout (" + connectionRequestTimeoutMillis
                + " ms); nothing was sent");
    }
}
