package dev.camelproto.simulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelproto.simulator.internal.Api;
import dev.camelproto.simulator.internal.Connections;
import dev.camelproto.simulator.internal.FaultInjector;
import dev.camelproto.simulator.internal.Recorder;
import dev.camelproto.simulator.internal.SeedData;
import dev.camelproto.simulator.internal.SimulatorHandler;
import dev.camelproto.simulator.internal.SnapshotEndpoint;
import dev.camelproto.simulator.internal.TeamspaceState;
import dev.camelproto.simulator.internal.Ulids;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.apache.hc.core5.http.ExceptionListener;
import org.apache.hc.core5.http.impl.bootstrap.HttpServer;
import org.apache.hc.core5.http.impl.bootstrap.ServerBootstrap;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * A fast, offline, stateful, in-memory stand-in for the Proto AICX developer API, for tests, examples and
 * benchmarks.
 *
 * <pre>{@code
 * try (ProtoSimulator sim = ProtoSimulator.builder().seed(42L).start()) {
 *     // point the client at sim.baseUrl(), authenticate with "Bearer " + sim.secret(), use sim.subcompanyId()
 *     assertThat(sim.snapshot().customers()).isEmpty();
 * }
 * }</pre>
 *
 * <p>All methods are thread-safe. State is kept per teamspace; the first configured teamspace is the "default" one
 * used by {@link #subcompanyId()}, {@link #secret()} and {@link #snapshot()}.
 */
public final class ProtoSimulator implements AutoCloseable {

    /** The default path prefix, as in {@code https://v3-api.proto.cx/api/platform}. */
    public static final String DEFAULT_PATH_PREFIX = "/api/platform";
    /** The default number of journal entries kept. */
    public static final int DEFAULT_JOURNAL_CAPACITY = 2_000;

    private final String host;
    private final String pathPrefix;
    private final Map<String, TeamspaceState> teamspaces;
    private final SeedData seedData;
    private final long seed;
    private final Ulids ulids;
    private final FaultInjector faultInjector;
    private final Recorder recorder;
    private final Connections connections = new Connections();
    private final SimulatorHandler handler;
    private final HttpServer server;
    private final Object resetLock = new Object();
    private static final long ID_SEED_MIX = 0x5DEECE66DL;

    private ProtoSimulator(Builder b) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.host = b.host;
        this.pathPrefix = b.pathPrefix;
        this.seed = b.seed != null ? b.seed : new SecureRandom().nextLong();
        this.ulids = new Ulids(seed ^ ID_SEED_MIX);
        SeedData sd = SeedData.empty();
        if (b.seedData != null) {
            try (InputStream in = b.seedData.open()) {
                sd = SeedData.parse(mapper, in);
            }
        }
        this.seedData = sd;
        Map<String, String> secrets = new LinkedHashMap<>(b.teamspaces);
        sd.teamspaces().forEach((id, secret) -> {
            if (!secrets.containsKey(id) || secrets.get(id) == null) {
                secrets.put(id, secret);
            }
        });
        if (secrets.isEmpty()) {
            secrets.put(ulids.next(), null);
        }
        Map<String, TeamspaceState> states = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : secrets.entrySet()) {
            String secret = e.getValue() != null ? e.getValue() : ulids.secret();
            states.put(e.getKey(), new TeamspaceState(e.getKey(), secret, mapper));
        }
        this.teamspaces = Collections.unmodifiableMap(states);
        this.seedData.apply(teamspaces, ulids);
        this.faultInjector = new FaultInjector(b.faults, seed, b.nanoClock);
        this.recorder = new Recorder(b.journalCapacity);
        this.handler = new SimulatorHandler(
                pathPrefix,
                new Api(mapper, teamspaces, ulids),
                faultInjector,
                recorder,
                connections,
                new SnapshotEndpoint(mapper, teamspaces, recorder::counters));
        this.server = ServerBootstrap.bootstrap()
                .setLocalAddress(InetAddress.getByName(host))
                .setListenerPort(b.port)
                .setSocketConfig(SocketConfig.custom()
                        .setSoTimeout(Timeout.ofMinutes(2))
                        .setTcpNoDelay(true)
                        .setSoReuseAddress(true)
                        .setBacklogSize(1024)
                        .build())
                .setExceptionListener(ExceptionListener.NO_OP)
                .setConnectionFactory(connections)
                .setRequestRouter((request, context) -> handler)
                .create();
        server.start();
    }

    /** A new builder (ephemeral port on 127.0.0.1, one generated teamspace, no faults). */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts a simulator with all defaults. */
    public static ProtoSimulator start() {
        return builder().start();
    }

    /** {@code http://<host>:<port><pathPrefix>}, e.g. {@code http://127.0.0.1:41234/api/platform}. */
    public String baseUrl() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port() + pathPrefix;
    }

    /** The bound port. */
    public int port() {
        return server.getLocalPort();
    }

    /** The host (address) the server is bound to. */
    public String host() {
        return host;
    }

    /** The path prefix (default {@value #DEFAULT_PATH_PREFIX}). */
    public String pathPrefix() {
        return pathPrefix;
    }

    /** The seed in use (the configured one, or a random one when none was configured). */
    public long seed() {
        return seed;
    }

    /** The id of the default (first) teamspace. */
    public String subcompanyId() {
        return teamspaces.keySet().iterator().next();
    }

    /** The secret of the default (first) teamspace. */
    public String secret() {
        return secret(subcompanyId());
    }

    /** The secret of a teamspace. */
    public String secret(String subcompanyId) {
        return state(subcompanyId).secret();
    }

    /** All teamspace ids, the default one first. */
    public List<String> subcompanyIds() {
        return List.copyOf(teamspaces.keySet());
    }

    /** The fault settings in effect now. */
    public Faults faults() {
        return faultInjector.faults();
    }

    /**
     * Switches fault injection on this running simulator, for the requests that arrive from now on (requests in
     * flight keep the settings they started with). The random sequence continues (it is not restarted), and so do
     * the rate-limit windows. {@link #reset()} goes back to the settings given to the builder.
     *
     * @return this simulator
     */
    public ProtoSimulator faults(Faults faults) {
        faultInjector.faults(Objects.requireNonNull(faults));
        return this;
    }

    /**
     * The number of server-side HTTP connections open right now (accepted and not yet closed), for leak checks:
     * a client that released its connections brings this back to 0 shortly after (the server notices the close
     * when it next reads; keep-alive connections a client still pools stay open).
     */
    public int openConnections() {
        return connections.open();
    }

    /**
     * The last requests received (at most the journal capacity, default {@value #DEFAULT_JOURNAL_CAPACITY}), oldest
     * first (by arrival sequence). An immutable copy.
     */
    public List<RecordedRequest> journal() {
        return recorder.journal();
    }

    /** A consistent copy of the default teamspace's state. */
    public Snapshot snapshot() {
        return snapshot(subcompanyId());
    }

    /** A consistent copy of a teamspace's state. */
    public Snapshot snapshot(String subcompanyId) {
        return state(subcompanyId).snapshot();
    }

    /** Request counters since start or the last {@link #reset()}. */
    public Counters counters() {
        return recorder.counters();
    }

    /**
     * Back to the initial state: every teamspace holds exactly the seed data again, the journal and counters are
     * cleared, the fault settings are the builder's again (undoing {@link #faults(Faults)}), and the fault and id
     * generators restart from the seed (same seed → same sequences again). Teamspace ids and secrets are kept.
     */
    public void reset() {
        synchronized (resetLock) {
            ulids.reseed(seed ^ ID_SEED_MIX);
            seedData.apply(teamspaces, ulids);
            faultInjector.reset();
            recorder.clear();
        }
    }

    /**
     * Stops the server: open connections are closed, requests held by the "no response" fault are released (their
     * connections closed without a response). Returns promptly. Idempotent.
     */
    @Override
    public void close() {
        handler.shutdown();
        server.close(CloseMode.IMMEDIATE);
        try {
            server.awaitTermination(TimeValue.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ProtoSimulator[" + baseUrl() + ", teamspaces=" + teamspaces.keySet() + "]";
    }

    private TeamspaceState state(String subcompanyId) {
        TeamspaceState s = teamspaces.get(subcompanyId);
        if (s == null) {
            throw new IllegalArgumentException("unknown teamspace " + subcompanyId);
        }
        return s;
    }

    private interface SeedSource {
        InputStream open() throws IOException;
    }

    /** Builder of {@link ProtoSimulator}; {@link #start()} binds the port. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private String pathPrefix = DEFAULT_PATH_PREFIX;
        private final Map<String, String> teamspaces = new LinkedHashMap<>();
        private Long seed;
        private Faults faults = Faults.none();
        private SeedSource seedData;
        private int journalCapacity = DEFAULT_JOURNAL_CAPACITY;
        private LongSupplier nanoClock = System::nanoTime;

        private Builder() {}

        /** The address to bind (default {@code 127.0.0.1}). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** The port; 0 (default) = an ephemeral free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port);
            }
            this.port = port;
            return this;
        }

        /** The path prefix (default {@value #DEFAULT_PATH_PREFIX}); must start with '/', no trailing '/'. */
        public Builder pathPrefix(String pathPrefix) {
            String p = Objects.requireNonNull(pathPrefix);
            while (p.endsWith("/")) {
                p = p.substring(0, p.length() - 1);
            }
            if (!p.isEmpty() && !p.startsWith("/")) {
                p = "/" + p;
            }
            this.pathPrefix = p;
            return this;
        }

        /**
         * Adds a teamspace (sub-company) with its secret. Repeatable; the first one is the default. Without any
         * (and without seed-data teamspaces) one teamspace with a generated ULID and secret is created.
         */
        public Builder teamspace(String subcompanyId, String secret) {
            if (subcompanyId == null || subcompanyId.isEmpty() || secret == null || secret.isEmpty()) {
                throw new IllegalArgumentException("teamspace id and secret must be non-empty");
            }
            teamspaces.put(subcompanyId, secret);
            return this;
        }

        /** The seed of the fault and id generators (default: random). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Fault injection (default {@link Faults#none()}). */
        public Builder faults(Faults faults) {
            this.faults = Objects.requireNonNull(faults);
            return this;
        }

        /** Seed data from a JSON file (format: see the module README). */
        public Builder seedData(Path file) {
            Objects.requireNonNull(file);
            this.seedData = () -> Files.newInputStream(file);
            return this;
        }

        /** Seed data from JSON (read fully at {@link #start()}; the stream is closed). */
        public Builder seedData(InputStream json) {
            Objects.requireNonNull(json);
            this.seedData = () -> json;
            return this;
        }

        /** Seed data from a JSON string. */
        public Builder seedDataJson(String json) {
            Objects.requireNonNull(json);
            this.seedData =
                    () -> new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return this;
        }

        /** How many journal entries to keep (default {@value #DEFAULT_JOURNAL_CAPACITY}; 0 disables the journal). */
        public Builder journalCapacity(int capacity) {
            if (capacity < 0) {
                throw new IllegalArgumentException("journalCapacity must be >= 0");
            }
            this.journalCapacity = capacity;
            return this;
        }

        /** For tests of the rate limit: the nano-time source (default {@link System#nanoTime()}). */
        Builder nanoClock(LongSupplier nanoClock) {
            this.nanoClock = Objects.requireNonNull(nanoClock);
            return this;
        }

        /** Starts the simulator (binds the port). */
        public ProtoSimulator start() {
            try {
                return new ProtoSimulator(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the Proto simulator: " + e.getMessage(), e);
            }
        }
    }
}
