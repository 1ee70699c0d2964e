package dev.camelproto.component.proto;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * A {@link ProtoTicketJournal} in one database table, over a {@link DataSource} with plain JDBC: it tells a pending
 * key from a done one and keeps each ticket's id, and every process (replica) whose {@code DataSource} points at the
 * same database shares its keys. Works on H2 (embedded, file or server mode) and PostgreSQL; no dependency beyond the
 * JDBC driver the application already has (the component depends neither on camel-sql nor on Spring).
 * <p>
 * The table (name configurable, default {@value #DEFAULT_TABLE_NAME}):
 *
 * <pre>
 * CREATE TABLE IF NOT EXISTS proto_ticket_journal (
 *     journal_key VARCHAR(255) NOT NULL PRIMARY KEY, -- the stored key: proto:&lt;subcompanyId&gt;:&lt;key&gt;
 *     state       VARCHAR(16)  NOT NULL,             -- PENDING or DONE
 *     ticket_id   VARCHAR(255),                      -- the created ticket's id, once DONE
 *     updated_at  TIMESTAMP    NOT NULL)
 * </pre>
 *
 * The component stores keys of at most 200 characters (longer ones are hashed), so {@code VARCHAR(255)} holds every
 * key it writes; a longer key given to this class directly fails with an error, never reads as "already claimed".
 * {@link #setCreateTable(boolean) createTable} creates the table when the journal starts (off by default: a schema
 * managed by Flyway or Liquibase should hold the statement above).
 * <ul>
 * <li>{@link #add(String)} is one {@code INSERT} (state {@code PENDING}): atomic across every process, since the
 * database's primary key decides. A duplicate key (SQLState {@code 23505}, or another integrity violation while the
 * row is there) answers {@code false}; any other {@link SQLException} is thrown as an {@link IllegalStateException}.
 * <li>{@link #done(String, String)} and {@link #confirm(String)} update the row to {@code DONE} (with the ticket id);
 * {@link #remove(String)} deletes it; {@link #clear()} deletes every row.
 * </ul>
 * Each operation takes one connection from the {@code DataSource} (use a pool, such as HikariCP, for a server
 * database) and commits it when the connection is not in auto-commit mode. The endpoint starts the journal (and so
 * creates the table, with {@code createTable}) at its first exchange.
 * <p>
 * Replicas: every process must reach the same database. PostgreSQL (or an H2 server) is shared; an embedded H2 file
 * is opened by one process at a time (another one fails to connect, an error), unless its URL has
 * {@code AUTO_SERVER=TRUE}.
 */
@ManagedResource(description = "JDBC ticket journal of the proto component")
public class JdbcTicketJournal extends ServiceSupport implements IdempotentRepository, ProtoTicketJournal {

    /** The table name when none is set. */
    public static final String DEFAULT_TABLE_NAME = "proto_ticket_journal";

    /** The width of the key column: the component stores keys of at most 200 characters. */
    public static final int KEY_COLUMN_LENGTH = 255;

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    private DataSource dataSource;
    private String tableName = DEFAULT_TABLE_NAME;
    private boolean createTable;

    /** A journal whose {@code DataSource} is set later ({@link #setDataSource(DataSource)}), for bean definitions. */
    public JdbcTicketJournal() {}

    /** A journal in the table {@value #DEFAULT_TABLE_NAME} of {@code dataSource}. */
    public JdbcTicketJournal(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** A journal in the table {@code tableName} of {@code dataSource}. */
    public JdbcTicketJournal(DataSource dataSource, String tableName) {
        this(dataSource);
        setTableName(tableName);
    }

    public DataSource getDataSource() {
        return dataSource;
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @ManagedAttribute(description = "The journal's table")
    public String getTableName() {
        return tableName;
    }

    /** The table's name, optionally schema-qualified ({@code schema.table}): letters, digits and underscores only. */
    public void setTableName(String tableName) {
        if (tableName == null || !TABLE_NAME.matcher(tableName).matches()) {
            throw new IllegalArgumentException("Invalid ticket journal table name (letters, digits and underscores,"
                    + " optionally schema-qualified): " + tableName);
        }
        this.tableName = tableName;
    }

    public boolean isCreateTable() {
        return createTable;
    }

    /** Whether {@link #start()} creates the table when it does not exist ({@code CREATE TABLE IF NOT EXISTS}). */
    public void setCreateTable(boolean createTable) {
        this.createTable = createTable;
    }

    @Override
    protected void doStart() throws Exception {
        if (dataSource == null) {
            throw new IllegalStateException("The JDBC ticket journal has no DataSource (setDataSource)");
        }
        if (createTable) {
            createTable();
        }
    }

    /** Creates the table when it does not exist; the statement is the same on H2 and PostgreSQL. */
    public void createTable() {
        String ddl = "CREATE TABLE IF NOT EXISTS " + tableName + " (journal_key VARCHAR(" + KEY_COLUMN_LENGTH
                + ") NOT NULL PRIMARY KEY, state VARCHAR(16) NOT NULL, ticket_id VARCHAR(255),"
                + " updated_at TIMESTAMP NOT NULL)";
        try {
            run(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute(ddl);
                }
                return null;
            });
        } catch (IllegalStateException e) {
            // two processes creating the table at once: PostgreSQL may fail one of them; the table is there then
            if (!tableExists()) {
                throw e;
            }
        }
    }

    private boolean tableExists() {
        try {
            return run(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeQuery("SELECT 1 FROM " + tableName + " WHERE 1 = 0")
                            .close();
                }
                return true;
            });
        } catch (IllegalStateException e) {
            return false;
        }
    }

    @Override
    public boolean add(String key) {
        Objects.requireNonNull(key, "key");
        try {
            return inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO " + tableName
                                + " (journal_key, state, ticket_id, updated_at) VALUES (?, 'PENDING', NULL, CURRENT_TIMESTAMP)")) {
                    s.setString(1, key);
                    s.executeUpdate();
                }
                return true;
            });
        } catch (SQLException e) {
            if (isDuplicateKey(e)) {
                return false;
            }
            if (isIntegrityViolation(e) && contains(key)) {
                return false;
            }
            throw failed("claim a key", e);
        }
    }

    @Override
    public boolean contains(String key) {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM " + tableName + " WHERE journal_key = ?")) {
                s.setString(1, key);
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            }
        });
    }

    @Override
    public boolean remove(String key) {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + tableName + " WHERE journal_key = ?")) {
                s.setString(1, key);
                return s.executeUpdate() > 0;
            }
        });
    }

    /** Marks {@code key} done without a ticket id (an id already recorded is kept); false when the key is absent. */
    @Override
    public boolean confirm(String key) {
        return update(key, null) > 0;
    }

    @Override
    public void clear() {
        run(c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("DELETE FROM " + tableName);
            }
        });
    }

    @Override
    public State state(String key) {
        String state = column(key, "state");
        if (state == null) {
            return State.ABSENT;
        }
        return "DONE".equals(state.trim()) ? State.DONE : State.PENDING;
    }

    /** Marks {@code key} done with {@code ticketId} (null keeps an id already recorded); inserts the row if absent. */
    @Override
    public void done(String key, String ticketId) {
        if (update(key, ticketId) > 0) {
            return;
        }
        try {
            inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO " + tableName
                        + " (journal_key, state, ticket_id, updated_at) VALUES (?, 'DONE', ?, CURRENT_TIMESTAMP)")) {
                    s.setString(1, key);
                    s.setString(2, ticketId);
                    return s.executeUpdate();
                }
            });
        } catch (SQLException e) {
            if (!isIntegrityViolation(e) || update(key, ticketId) == 0) {
                throw failed("mark a key done", e);
            }
        }
    }

    @Override
    public String ticketId(String key) {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT ticket_id FROM " + tableName + " WHERE journal_key = ? AND state = 'DONE'")) {
                s.setString(1, key);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? r.getString(1) : null;
                }
            }
        });
    }

    @ManagedAttribute(description = "The number of keys held")
    public int getSize() {
        return run(c -> {
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + tableName)) {
                r.next();
                return r.getInt(1);
            }
        });
    }

    private int update(String key, String ticketId) {
        String sql = ticketId == null
                ? "UPDATE " + tableName + " SET state = 'DONE', updated_at = CURRENT_TIMESTAMP WHERE journal_key = ?"
                : "UPDATE " + tableName
                        + " SET state = 'DONE', ticket_id = ?, updated_at = CURRENT_TIMESTAMP WHERE journal_key = ?";
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                if (ticketId == null) {
                    s.setString(1, key);
                } else {
                    s.setString(1, ticketId);
                    s.setString(2, key);
                }
                return s.executeUpdate();
            }
        });
    }

    private String column(String key, String column) {
        return run(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT " + column + " FROM " + tableName + " WHERE journal_key = ?")) {
                s.setString(1, key);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? r.getString(1) : null;
                }
            }
        });
    }

    /** A unique (primary key) violation: SQLState 23505 on H2 and PostgreSQL alike. */
    static boolean isDuplicateKey(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Any integrity constraint violation: SQLState class 23. */
    static boolean isIntegrityViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    private IllegalStateException failed(String what, SQLException e) {
        return new IllegalStateException(
                "The JDBC ticket journal could not " + what + " (table " + tableName + "): " + e.getMessage(), e);
    }

    @FunctionalInterface
    private interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction; any SQLException is thrown as an IllegalStateException. */
    private <T> T run(Work<T> work) {
        try {
            return inTransaction(work);
        } catch (SQLException e) {
            throw failed("reach its table", e);
        }
    }

    /** Runs {@code work} on one connection, committed (or rolled back) when it is not in auto-commit mode. */
    private <T> T inTransaction(Work<T> work) throws SQLException {
        if (dataSource == null) {
            throw new IllegalStateException("The JDBC ticket journal has no DataSource (setDataSource)");
        }
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            try {
                T result = work.apply(c);
                if (!autoCommit) {
                    c.commit();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                if (!autoCommit) {
                    try {
                        c.rollback();
                    } catch (SQLException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            }
        }
    }
}
