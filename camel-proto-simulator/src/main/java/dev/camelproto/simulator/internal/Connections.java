package dev.camelproto.simulator.internal;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.core5.http.EndpointDetails;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpServerConnection;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.io.CloseMode;

/** The server-side connections that are open now (for leak checks and for noticing a client that gave up). */
public final class Connections implements HttpConnectionFactory<DefaultBHttpServerConnection> {

    private final Map<SocketAddress, Tracked> open = new ConcurrentHashMap<>();

    /** The number of server-side connections accepted and not yet closed. */
    public int open() {
        return open.size();
    }

    @Override
    public DefaultBHttpServerConnection createConnection(Socket socket) throws IOException {
        Tracked c = new Tracked();
        c.bind(socket);
        return c;
    }

    /** The open connection a request arrived on (by remote address), or null. */
    Tracked lookup(EndpointDetails details) {
        if (details == null || details.getRemoteAddress() == null) {
            return null;
        }
        return open.get(details.getRemoteAddress());
    }

    final class Tracked extends DefaultBHttpServerConnection {
        private volatile SocketAddress remote;

        Tracked() {
            super("http", Http1Config.DEFAULT);
        }

        @Override
        public void bind(Socket socket) throws IOException {
            super.bind(socket);
            remote = socket.getRemoteSocketAddress();
            if (remote != null) {
                open.put(remote, this);
            }
        }

        /** True when the peer closed the connection (or it is closed here); waits at most ~1 ms. */
        boolean peerGone() {
            try {
                return !isOpen() || isStale();
            } catch (IOException e) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                forget();
            }
        }

        @Override
        public void close(CloseMode mode) {
            try {
                super.close(mode);
            } finally {
                forget();
            }
        }

        private void forget() {
            SocketAddress r = remote;
            if (r != null) {
                open.remove(r, this);
            }
        }
    }
}
