package dev.camelproto.component.proto.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw-socket HTTP/1.1 server on 127.0.0.1 that plays a script of {@link Move}s, one per accepted connection in
 * arrival order (every answer says {@code Connection: close}, so one connection carries one request), and answers
 * {@code 200} once the script is used up. Drops, stalls and resets are real TCP events. It records every request it
 * read with the move it played, and counts the connections still open.
 */
public final class ChaosServer implements AutoCloseable {

    /** What the server does with one connection. */
    public sealed interface Move
            permits Respond, DropBeforeRead, DropAfterRead, Stall, ResetMidBody, Oversize, SlowAnswer {
        /** True when the server may have acted on the request (it read it and did not refuse it). */
        boolean processes();
    }

    /** A complete answer with this status and Retry-After. */
    public record Respond(int status, RetryAfterValue retryAfter) implements Move {
        @Override
        public boolean processes() {
            // 429, and 503 with a Retry-After, are refusals: the request was not acted on (docs/proto-api.md). A
            // Retry-After that cannot be read (negative, garbage) is no Retry-After to the component, so such a 503
            // counts as the gateway error it then is: it may have been processed
            return !(status == 429 || status == 503 && retryAfter.readable());
        }

        @Override
        public String toString() {
            return status + (retryAfter == RetryAfterValue.ABSENT ? "" : " Retry-After " + retryAfter);
        }
    }

    /** Closes the connection before reading a byte of the request. */
    public record DropBeforeRead() implements Move {
        @Override
        public boolean processes() {
            return false;
        }

        @Override
        public String toString() {
            return "drop before reading";
        }
    }

    /** Reads the request, then closes the connection without answering. */
    public record DropAfterRead() implements Move {
        @Override
        public boolean processes() {
            return true;
        }

        @Override
        public String toString() {
            return "drop after reading";
        }
    }

    /** Reads the request and never answers (until the client closes). */
    public record Stall() implements Move {
        @Override
        public boolean processes() {
            return true;
        }

        @Override
        public String toString() {
            return "stall";
        }
    }

    /** Sends a 200 head announcing 1,000 body bytes, 100 of them, then resets the connection (RST). */
    public record ResetMidBody() implements Move {
        @Override
        public boolean processes() {
            return true;
        }

        @Override
        public String toString() {
            return "reset mid-body";
        }
    }

    /** A 200 whose body is larger than the endpoints' maxResponseSize ({@link #OVERSIZE_BYTES}). */
    public record Oversize() implements Move {
        @Override
        public boolean processes() {
            return true;
        }

        @Override
        public String toString() {
            return "oversize body";
        }
    }

    /** Reads the request, waits {@code millis}, then answers 200 (a slow server: it holds its connection). */
    public record SlowAnswer(int millis) implements Move {
        @Override
        public boolean processes() {
            return true;
        }

        @Override
        public String toString() {
            return "200 after " + millis + " ms";
        }
    }

    public static final int OVERSIZE_BYTES = 16 * 1024;

    /** Retry-After header values, from absent to hostile. */
    public enum RetryAfterValue {
        ABSENT(null),
        NEGATIVE("-1"),
        ZERO("0"),
        ONE("1"),
        HUGE("10000000000000000"),
        DIGITS_25("1234567890123456789012345"),
        GARBAGE("soon, maybe"),
        PAST_DATE(null),
        FUTURE_DATE(null);

        private final String literal;

        RetryAfterValue(String literal) {
            this.literal = literal;
        }

        /** Whether a client can read it as a delay (seconds or an HTTP date, however far). */
        boolean readable() {
            return this != ABSENT && this != NEGATIVE && this != GARBAGE;
        }

        String header() {
            return switch (this) {
                case PAST_DATE ->
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(
                            ZonedDateTime.now(ZoneOffset.UTC).minusHours(1));
                case FUTURE_DATE ->
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(
                            ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
                default -> literal;
            };
        }

        @Override
        public String toString() {
            return switch (this) {
                case PAST_DATE -> "<HTTP date 1 h ago>";
                case FUTURE_DATE -> "<HTTP date in 2 s>";
                case DIGITS_25 -> "<25 digits>";
                default -> literal == null ? "absent" : literal;
            };
        }
    }

    /** A request the server read, with the move it played. */
    public record Arrival(int connection, String method, String path, String body, Move move) {}

    private volatile ServerSocket server;
    private final int port;
    /** Close the listening port after this many accepted connections (-1: never); endScript() opens it again. */
    private final int closePortAfter;
    /** Accepted connections on which no complete request was read (the client sent nothing, or gave up mid-way). */
    private final AtomicInteger unread = new AtomicInteger();

    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "chaos-server");
        t.setDaemon(true);
        return t;
    });
    private final List<Move> script;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    /** Connections whose request was read and not yet answered, dropped or reset. */
    private final Set<Socket> busy = ConcurrentHashMap.newKeySet();

    private volatile boolean scriptOver;

    public ChaosServer(List<Move> script) throws IOException {
        this(script, -1);
    }

    /** As above, closing its port (every later connect is refused) after {@code closePortAfter} connections. */
    public ChaosServer(List<Move> script, int closePortAfter) throws IOException {
        this.script = List.copyOf(script);
        this.closePortAfter = closePortAfter;
        server = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
        port = server.getLocalPort();
        if (closePortAfter == 0) {
            server.close();
        } else {
            ServerSocket listening = server;
            pool.execute(() -> acceptLoop(listening));
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/api/platform";
    }

    /** Accepted connections that carried no complete request the server read. */
    public int unreadConnections() {
        return unread.get();
    }

    /** Whether the script closed the port (the connections then queued in its backlog were reset, never accepted). */
    public boolean portClosedByScript() {
        return closePortAfter >= 0 && connections.get() >= closePortAfter;
    }

    /** Connections accepted so far. */
    public int acceptedConnections() {
        return connections.get();
    }

    public List<Arrival> arrivals() {
        return new ArrayList<>(arrivals);
    }

    public int openConnections() {
        return open.size();
    }

    /** Requests read and still being served (a stall the client has not given up on); idle connections not counted. */
    public int requestsInProgress() {
        return busy.size();
    }

    /** From now on every connection gets a 200, whatever is left of the script. */
    public void endScript() {
        scriptOver = true;
        if (server.isClosed() && !pool.isShutdown()) { // the port was closed by the script: open it again
            try {
                ServerSocket again = new ServerSocket();
                again.setReuseAddress(true);
                again.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                server = again;
                pool.execute(() -> acceptLoop(again));
            } catch (IOException taken) {
                throw new java.io.UncheckedIOException("could not listen on port " + port + " again", taken);
            }
        }
    }

    private void acceptLoop(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket s = listening.accept();
                open.add(s);
                int index = connections.getAndIncrement();
                if (!scriptOver && closePortAfter > 0 && index + 1 == closePortAfter) {
                    listening.close(); // from now on every connect is refused (this connection is served)
                }
                Move move = !scriptOver && index < script.size()
                        ? script.get(index)
                        : new Respond(200, RetryAfterValue.ABSENT);
                pool.execute(() -> handle(s, index, move));
            } catch (IOException closed) {
                return;
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                return;
            }
        }
    }

    private void handle(Socket socket, int index, Move move) {
        boolean read = false;
        try (socket) {
            if (move instanceof DropBeforeRead) {
                return;
            }
            InputStream in = socket.getInputStream();
            String head = ScriptedServer.readHead(in);
            if (head == null) {
                return;
            }
            String[] lines = head.split("\r\n");
            String[] first = lines[0].split(" ");
            int length = 0;
            for (String line : lines) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            byte[] body = in.readNBytes(length);
            if (body.length < length) {
                return; // the client went away mid-body: not read
            }
            read = true;
            busy.add(socket);
            arrivals.add(new Arrival(
                    index, first[0], first[1], length == 0 ? null : new String(body, StandardCharsets.UTF_8), move));
            OutputStream out = socket.getOutputStream();
            if (move instanceof DropAfterRead) {
                return;
            }
            if (move instanceof Stall) {
                while (in.read() >= 0) {
                    // until the client gives up and closes, or the server closes
                }
                return;
            }
            if (move instanceof ResetMidBody) {
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n"
                                + "Connection: close\r\n\r\n{\"id\":\"")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write("x".repeat(94).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                socket.setSoLinger(true, 0); // close sends RST
                return;
            }
            if (move instanceof SlowAnswer slow) {
                Thread.sleep(slow.millis());
                writeAnswer(out, 200, null, "{\"id\":\"X" + index + "\"}");
                return;
            }
            if (move instanceof Oversize) {
                String filler = "{\"id\":\"" + "x".repeat(OVERSIZE_BYTES) + "\"}";
                writeAnswer(out, 200, null, filler);
                return;
            }
            Respond r = (Respond) move;
            writeAnswer(
                    out,
                    r.status(),
                    r.retryAfter().header(),
                    r.status() == 204
                            ? null
                            : r.status() < 300
                                    ? "{\"id\":\"X" + index + "\"}"
                                    : "{\"detail\":\"scripted " + r.status() + "\"}");
        } catch (IOException ignored) {
            // the client went away
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
        } finally {
            if (!read) {
                unread.incrementAndGet();
            }
            busy.remove(socket);
            open.remove(socket);
        }
    }

    private static void writeAnswer(OutputStream out, int status, String retryAfter, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(" Scripted\r\n");
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ")
                    .append(bytes.length)
                    .append("\r\n");
        }
        if (retryAfter != null) {
            head.append("Retry-After: ").append(retryAfter).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
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
