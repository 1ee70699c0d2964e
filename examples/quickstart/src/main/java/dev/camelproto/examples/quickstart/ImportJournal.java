package dev.camelproto.examples.quickstart;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.camelproto.component.proto.ProtoApiException;
import dev.camelproto.component.proto.ProtoTransportException;
import dev.camelproto.component.proto.ProtoValidationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The import journal: which complaint already became a ticket in which teamspace, so a re-run (after a crash, a
 * {@code kill -9}, fixed bad rows, a restarted pod) never opens the same ticket twice. Registered as bean
 * {@code importJournal}.
 *
 * <p>Keyed by the target (base URL + teamspace: the repository's processor name) and the row
 * ({@code provided_unique_id} + a hash of the complaint, so an edited complaint is a new ticket). Before
 * {@code ticket/create} the key is marked <b>pending</b>; after the answer <b>done</b> with the ticket id. On a re-run
 * a done row is skipped; a pending row is <b>uncertain</b> (the process died while the ticket was on the wire, or
 * another importer is sending it right now) and not re-sent unless {@code --resend-uncertain}.
 *
 * <p>Storage: {@link TicketJournalRepository}, camel-sql's {@code JdbcMessageIdRepository} on
 * <ul>
 *   <li>an embedded H2 database in file mode (the default; {@code --journal <path>}), opened with
 *   {@code WRITE_DELAY=0} so every commit is written to the file before the call returns: a done mark survives
 *   {@code kill -9} (the OS has the bytes; a power cut is another matter, as there is no fsync);</li>
 *   <li>any JDBC URL ({@code --journal jdbc:postgresql://host/db?user=...&password=...}): PostgreSQL for several
 *   importers (replicas) working on one source: the primary key makes exactly one of them claim each ticket;</li>
 *   <li>{@code --journal none}: off (every complaint becomes a ticket on every run).</li>
 * </ul>
 * Customers, tags and fields are upserts and are re-applied on every run; only tickets are journaled.
 */
public class ImportJournal {

    private static final Logger LOG = LoggerFactory.getLogger(ImportJournal.class);
    static final String NONE = "none";

    /** What to do with a row's ticket (exchange property {@code ticketAction}). */
    public static final String SEND = "send";

    public static final String SKIP = "skip";

    private final String spec;
    private final boolean resendUncertain;
    private final ImportReport report;
    private TicketJournalRepository repository;
    private AutoCloseable closeable;
    private String description;
    private boolean opened;

    public ImportJournal(String spec, boolean resendUncertain, ImportReport report) {
        this.spec = spec == null || spec.isBlank() ? NONE : spec.strip();
        this.resendUncertain = resendUncertain;
        this.report = report;
        this.description = this.spec.equalsIgnoreCase(NONE)
                ? "none (off: every complaint becomes a ticket on every run)"
                : "not opened yet";
    }

    /** Where the journal is, for the start line and the summary (a JDBC URL without its password). */
    public synchronized String description() {
        return description;
    }

    /** Whether the journal was opened for this import (still true after {@link #close()}). */
    public synchronized boolean enabled() {
        return opened;
    }

    /** Opens the journal for the target the proto component is configured with (first step of the import). */
    public synchronized void open(CamelContext context) throws Exception {
        String baseUrl = context.resolvePropertyPlaceholders("{{camel.component.proto.base-url}}")
                .strip();
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        String teamspace = context.resolvePropertyPlaceholders("{{camel.component.proto.subcompany-id}}")
                .strip();
        String target = baseUrl + " " + teamspace;
        if (!spec.equalsIgnoreCase(NONE) && repository == null) {
            DataSource dataSource;
            if (spec.startsWith("jdbc:") && !spec.startsWith("jdbc:h2:")) {
                dataSource = pool(spec);
                closeable = (AutoCloseable) dataSource;
                description = masked(spec) + " (shared)";
            } else {
                String url;
                if (spec.startsWith("jdbc:h2:")) {
                    url = spec;
                    description = "H2 " + masked(spec);
                } else {
                    Path file = Path.of(
                                    spec.startsWith("~/") ? System.getProperty("user.home") + spec.substring(1) : spec)
                            .toAbsolutePath()
                            .normalize();
                    Files.createDirectories(file.getParent());
                    url = h2Url(file);
                    description = "H2 file " + file + ".mv.db (embedded)";
                }
                JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
                closeable = pool::dispose;
                dataSource = pool;
            }
            TicketJournalRepository repo = new TicketJournalRepository(dataSource, target);
            repo.start();
            repository = repo;
            opened = true;
        }
        LOG.info(
                "Import journal: {}{}",
                description,
                repository != null ? " (target " + baseUrl + ", teamspace " + teamspace + ")" : "");
    }

    /** Closes the embedded database (a no-op when off). */
    public synchronized void close() {
        if (repository != null) {
            repository.stop();
            repository = null;
        }
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Closing the journal failed: {}", e.toString());
            }
            closeable = null;
        }
    }

    /** The row's key: {@code provided_unique_id} + ':' + SHA-256 (hex, first 32 digits) of the complaint. */
    static String key(Map<?, ?> row) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(((String) row.get("complaint")).getBytes(StandardCharsets.UTF_8));
            return row.get("provided_unique_id") + ":" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Before {@code ticket/create}: marks the row pending and returns {@link #SEND}, or returns {@link #SKIP} when the
     * journal has the row already (done: counted as skipped; pending: counted as uncertain, unless
     * {@code --resend-uncertain}, then SEND).
     */
    public String beforeTicket(@ExchangeProperty("row") Map<String, Object> row) {
        TicketJournalRepository repo;
        synchronized (this) {
            repo = repository;
        }
        if (repo == null) {
            return SEND;
        }
        String key = key(row);
        if (repo.add(key)) {
            return SEND;
        }
        TicketJournalRepository.Entry entry = repo.lookup(key);
        if (entry == null) {
            // removed between our add and our lookup (a failed send elsewhere): claim it again
            return repo.add(key) ? SEND : SKIP;
        }
        if (entry.done()) {
            report.ticketSkipped(row, entry.ticketId());
            return SKIP;
        }
        if (resendUncertain) {
            report.ticketResent(row);
            return SEND;
        }
        report.ticketUncertain(row, entry.createdAt());
        return SKIP;
    }

    /** After the answer of {@code ticket/create}: the row is done, with the ticket id. */
    public void ticketCreated(
            @ExchangeProperty("row") Map<String, Object> row, @Header("CamelProtoId") String ticketId) {
        TicketJournalRepository repo;
        synchronized (this) {
            repo = repository;
        }
        if (repo != null) {
            repo.markDone(key(row), ticketId);
        }
    }

    /**
     * A row failed. If its ticket was being sent and the failure says the API did NOT create it (an HTTP answer
     * below 500, a local validation error, or a transport error before anything reached the server), the pending
     * mark is removed so that a re-run sends it. Otherwise (5xx, time-out or connection lost after sending) the
     * outcome is unknown and the mark stays: the next run reports the row as uncertain.
     */
    public void rowFailed(Exchange exchange) {
        TicketJournalRepository repo;
        synchronized (this) {
            repo = repository;
        }
        Map<?, ?> row = exchange.getProperty("row", Map.class);
        if (repo == null || !SEND.equals(exchange.getProperty("ticketAction"))) {
            return; // failed before its ticket was claimed (bad row, failed upsert), or no journal
        }
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        boolean notCreated = e instanceof ProtoValidationException
                || e instanceof ProtoApiException api && api.getStatusCode() < 500
                || e instanceof ProtoTransportException t && !t.mayHaveBeenProcessed();
        if (notCreated) {
            repo.remove(key(row));
        }
    }

    /** For a dry run: what would happen to the row's ticket (no write). */
    public String dryRunTicket(Map<?, ?> row) {
        TicketJournalRepository repo;
        synchronized (this) {
            repo = repository;
        }
        TicketJournalRepository.Entry entry = repo == null ? null : repo.lookup(key(row));
        return entry == null ? "create" : entry.done() ? "skip" : resendUncertain ? "resend" : "uncertain";
    }

    /**
     * The embedded journal's URL: H2 in file mode with {@code WRITE_DELAY=0}. H2's default (500 ms) keeps commits in
     * memory until a background writer stores them: a {@code kill -9} then loses the last done marks, and a re-run
     * would send those tickets again ({@code JournalDurabilityTest}).
     */
    static String h2Url(Path file) {
        return "jdbc:h2:file:" + file.toAbsolutePath() + ";WRITE_DELAY=0";
    }

    /** A small pool for a server database (user and password in the URL's parameters, as the driver reads them). */
    static HikariDataSource pool(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("import-journal");
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        return new HikariDataSource(config);
    }

    /** A JDBC URL with the value of any password parameter replaced by ***. */
    static String masked(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public String toString() {
        return "ImportJournal[" + description() + "]";
    }
}
