package dev.camelproto.simulator;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Command line: {@code java -jar camel-proto-simulator-<version>.jar --port 8089}. Run with {@code --help} for the
 * flags. Stops on Ctrl-C.
 */
public final class ProtoSimulatorMain {

    /** The default port of the command line (the Java API defaults to an ephemeral port). */
    public static final int DEFAULT_CLI_PORT = 8089;

    static final String USAGE = String.join(
            System.lineSeparator(),
            "Usage: java -jar camel-proto-simulator.jar [options]",
            "  Offline in-memory simulator of the Proto AICX developer API.",
            "Options:",
            "  --host <address>            address to bind (default 127.0.0.1)",
            "  --port <port>               port (default 8089; 0 = any free port)",
            "  --path-prefix <prefix>      path prefix (default /api/platform)",
            "  --teamspace <id>            teamspace (subcompany) id (default: generated ULID)",
            "  --secret <secret>           its bearer secret (default: generated)",
            "  --seed-data <file.json>     seed data (customers, tags, custom fields)",
            "  --seed <long>               seed of the fault and id generators (reproducible runs)",
            "  --latency <ms>|<min>-<max>  added latency, fixed or uniformly random",
            "  --status-rate <code>=<rate> inject this status at this rate 0..1 (repeatable), e.g. 503=0.1",
            "  --reset-rate <rate>         close the connection without a response at this rate",
            "  --rate-limit <n>            at most n requests per second per secret, then 429 + Retry-After",
            "  --drop-after-write-rate <r> apply a write, then close the connection without a response",
            "  --no-response-rate <rate>   read a request and never answer it, at this rate",
            "  --retry-after <seconds>     Retry-After of injected 429/503 (default 1)",
            "  --retry-after-http-date     send Retry-After as an HTTP date instead of seconds",
            "  --journal-capacity <n>      requests kept in the journal (default 2000)",
            "  --help                      this text");

    private ProtoSimulatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        ProtoSimulator sim;
        try {
            sim = start(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        } catch (java.io.UncheckedIOException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (sim == null) {
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            sim.close();
                            System.out.println("Proto simulator stopped.");
                            stopped.countDown();
                        },
                        "proto-simulator-shutdown"));
        stopped.await();
    }

    /**
     * Parses the flags, starts the simulator and prints its coordinates to {@code out}.
     *
     * @return the running simulator (the caller closes it), or {@code null} after {@code --help}
     * @throws IllegalArgumentException on bad flags
     */
    public static ProtoSimulator start(String[] args, PrintStream out) {
        ProtoSimulator.Builder b = ProtoSimulator.builder().port(DEFAULT_CLI_PORT);
        Faults.Builder f = Faults.builder();
        String teamspace = null;
        String secret = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String flag = a;
            String inline = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                flag = a.substring(0, eq);
                inline = a.substring(eq + 1);
            }
            if (flag.equals("--help") || flag.equals("-h")) {
                out.println(USAGE);
                return null;
            }
            if (flag.equals("--retry-after-http-date")) {
                f.retryAfterHttpDate(inline == null || Boolean.parseBoolean(inline));
                continue;
            }
            String v = inline != null ? inline : value(args, ++i, flag);
            switch (flag) {
                case "--host" -> b.host(v);
                case "--port" -> b.port(parseInt(flag, v));
                case "--path-prefix" -> b.pathPrefix(v);
                case "--teamspace" -> teamspace = v;
                case "--secret" -> secret = v;
                case "--seed-data" -> {
                    Path p = Path.of(v);
                    if (!Files.isReadable(p)) {
                        throw new IllegalArgumentException("cannot read seed data file " + v);
                    }
                    b.seedData(p);
                }
                case "--seed" -> b.seed(parseLong(flag, v));
                case "--latency" -> {
                    int dash = v.indexOf('-', 1);
                    if (dash > 0) {
                        f.latency(parseLong(flag, v.substring(0, dash)), parseLong(flag, v.substring(dash + 1)));
                    } else {
                        f.latency(parseLong(flag, v));
                    }
                }
                case "--status-rate" -> {
                    int e = v.indexOf('=');
                    if (e < 0) {
                        throw new IllegalArgumentException("--status-rate needs <code>=<rate>, got " + v);
                    }
                    f.statusRate(parseInt(flag, v.substring(0, e)), parseDouble(flag, v.substring(e + 1)));
                }
                case "--reset-rate" -> f.connectionResetRate(parseDouble(flag, v));
                case "--rate-limit" -> f.rateLimitPerSecond(parseInt(flag, v));
                case "--drop-after-write-rate" -> f.dropAfterWriteRate(parseDouble(flag, v));
                case "--no-response-rate" -> f.noResponseRate(parseDouble(flag, v));
                case "--retry-after" -> f.retryAfterSeconds(parseInt(flag, v));
                case "--journal-capacity" -> b.journalCapacity(parseInt(flag, v));
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (secret != null && teamspace == null) {
            throw new IllegalArgumentException("--secret needs --teamspace");
        }
        if (teamspace != null) {
            b.teamspace(teamspace, secret != null ? secret : generatedSecret());
        }
        Faults faults = f.build();
        b.faults(faults);
        ProtoSimulator sim = b.start();
        out.println("Proto simulator listening on " + sim.baseUrl());
        out.println("  teamspace (subcompany_id): " + sim.subcompanyId());
        out.println("  secret:                    " + sim.secret());
        for (String other : sim.subcompanyIds().subList(1, sim.subcompanyIds().size())) {
            out.println("  other teamspace:           " + other + " secret " + sim.secret(other));
        }
        out.println("  seed:                      " + sim.seed());
        out.println("  faults:                    " + faults);
        out.println("Try:");
        out.println("  curl -s -H \"Authorization: Bearer " + sim.secret() + "\" " + sim.baseUrl()
                + "/v1/custom-fields/" + sim.subcompanyId() + "/list-custom-fields");
        out.println("State of the teamspace (read-only, JSON):");
        out.println("  curl -s -H \"Authorization: Bearer " + sim.secret() + "\" " + root(sim)
                + "/_simulator/teamspaces/" + sim.subcompanyId() + "/snapshot");
        out.println("Stop with Ctrl-C.");
        out.flush();
        return sim;
    }

    /** The base URL without the path prefix: where the inspection endpoints are. */
    private static String root(ProtoSimulator sim) {
        String base = sim.baseUrl();
        return base.substring(0, base.length() - sim.pathPrefix().length());
    }

    private static String generatedSecret() {
        byte[] bytes = new byte[16];
        new java.security.SecureRandom().nextBytes(bytes);
        StringBuilder sb = new StringBuilder("sim-");
        for (byte x : bytes) {
            sb.append(String.format("%02x", x));
        }
        return sb.toString();
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static int parseInt(String flag, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + ": not an integer: " + v);
        }
    }

    private static long parseLong(String flag, String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + ": not a number: " + v);
        }
    }

    private static double parseDouble(String flag, String v) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + ": not a number: " + v);
        }
    }
}
