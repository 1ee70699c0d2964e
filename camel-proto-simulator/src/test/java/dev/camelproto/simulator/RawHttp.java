package dev.camelproto.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** One HTTP/1.1 request on a fresh socket, reporting exactly what came back on the wire. */
final class RawHttp {

    /** What the client saw: the raw bytes received, and how the read ended. */
    record Outcome(byte[] received, Ending ending) {
        String text() {
            return new String(received, StandardCharsets.ISO_8859_1);
        }

        int status() {
            String t = text();
            return t.startsWith("HTTP/1.1 ") ? Integer.parseInt(t.substring(9, 12)) : 0;
        }
    }

    enum Ending {
        /** The server closed the connection (FIN) — after a full response or without any. */
        EOF,
        /** The connection was reset (RST). */
        RESET,
        /** Nothing more arrived within the read timeout (the client then gave up and closed). */
        TIMEOUT
    }

    private RawHttp() {}

    static Outcome exchange(ProtoSimulator sim, String method, String relativePath, String body, int readTimeoutMs)
            throws IOException {
        byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + sim.pathPrefix() + relativePath + " HTTP/1.1\r\n"
                + "Host: " + sim.host() + ":" + sim.port() + "\r\n"
                + "Authorization: Bearer " + sim.secret() + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + b.length + "\r\n"
                + "Connection: close\r\n\r\n";
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(sim.host(), sim.port()), 5_000);
            s.setSoTimeout(readTimeoutMs);
            s.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().write(b);
            s.getOutputStream().flush();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    got.write(buf, 0, n);
                }
                return new Outcome(got.toByteArray(), Ending.EOF);
            } catch (SocketTimeoutException e) {
                return new Outcome(got.toByteArray(), Ending.TIMEOUT);
            } catch (SocketException e) {
                return new Outcome(got.toByteArray(), Ending.RESET);
            }
        }
    }
}
