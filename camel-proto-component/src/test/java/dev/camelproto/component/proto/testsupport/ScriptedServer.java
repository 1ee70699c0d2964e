package dev.camelproto.component.proto.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/**
 * A raw-socket HTTP/1.1 server for transport faults the stub cannot produce: per request number (0-based) it answers,
 * resets the connection (RST before any byte), never answers, or streams a huge body. One request per connection.
 */
public final class ScriptedServer implements AutoCloseable {

    public sealed interface Action permits Answer, Reset, Hang, Stream {}

    public record Answer(int status, String contentType, String body) implements Action {}

    public record Reset() implements Action {}

    public record Hang() implements Action {}

    /** Streams {@code bytes} bytes of JSON-ish filler, chunked when {@code chunked}, else with Content-Length. */
    public record Stream(long bytes, boolean chunked) implements Action {}

    public record Request(String method, String path, String body) {}

    public static Answer json(int status, String body) {
        return new Answer(status, "application/json", body);
    }

    private final ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scripted-server");
        t.setDaemon(true);
        return t;
    });
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile IntFunction<Action> script = i -> json(200, "{}");
    private volatile long streamedBytes;

    public ScriptedServer() throws IOException {
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        pool.execute(this::acceptLoop);
    }

    public ScriptedServer script(IntFunction<Action> script) {
        this.script = script;
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/api/platform";
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    /** Closes the listening socket only: from now on a connect is refused; open connections stay as they are. */
    public void stopListening() {
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    public long streamedBytes() {
        return streamedBytes;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                pool.execute(() -> handle(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void handle(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String[] lines = head.split("\r\n");
            String[] first = lines[0].split(" ");
            long length = 0;
            for (String line : lines) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Long.parseLong(line.substring(15).trim());
                }
            }
            byte[] body = in.readNBytes((int) length);
            int index;
            synchronized (requests) {
                index = requests.size();
                requests.add(
                        new Request(first[0], first[1], length == 0 ? null : new String(body, StandardCharsets.UTF_8)));
            }
            Action action = script.apply(index);
            OutputStream out = socket.getOutputStream();
            if (action instanceof Reset) {
                socket.setSoLinger(true, 0);
            } else if (action instanceof Hang) {
                while (in.read() >= 0) {
                    // until the client gives up and closes
                }
            } else if (action instanceof Answer a) {
                byte[] bytes = a.body() == null ? new byte[0] : a.body().getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 " + a.status() + " X\r\nContent-Type: " + a.contentType() + "\r\nContent-Length: "
                                + bytes.length + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.flush();
            } else if (action instanceof Stream st) {
                stream(out, st);
            }
        } catch (IOException ignored) {
            // the client went away
        } finally {
            open.remove(socket);
        }
    }

    private void stream(OutputStream out, Stream st) throws IOException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                        + (st.chunked() ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + st.bytes() + "\r\n")
                        + "Connection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        long left = st.bytes();
        while (left > 0) {
            int n = (int) Math.min(chunk.length, left);
            if (st.chunked()) {
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk, 0, n);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write(chunk, 0, n);
            }
            left -= n;
            streamedBytes += n;
        }
        if (st.chunked()) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
    }

    /** Reads a request head up to and including its blank line (ISO-8859-1); null at end of stream. */
    public static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2))
                    ? state + 1
                    : (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (state == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
        pool.shutdownNow();
    }
}
