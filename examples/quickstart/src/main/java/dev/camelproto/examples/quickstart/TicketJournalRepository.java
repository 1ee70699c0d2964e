package dev.camelproto.examples.quickstart;

import java.sql.Timestamp;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Camel's JDBC idempotent repository ({@link JdbcMessageIdRepository}, an
 * {@link org.apache.camel.spi.IdempotentRepository}) on its own table with a status column, so one row of the journal
 * holds the two states of a ticket:
 * <ul>
 *   <li>{@link #add(String)} inserts the key as {@code pending} (before the ticket is sent). The table's primary key
 *   (processorName, messageId) makes the insert atomic across processes: of two importers sharing a PostgreSQL
 *   journal, exactly one gets {@code true}, the other {@code false} (the standard table has no key: both would);</li>
 *   <li>{@link #markDone(String, String)} turns it {@code done} with the ticket id (after the answer);</li>
 *   <li>{@link #remove(String)} forgets it (the API answered that the ticket was NOT created);</li>
 *   <li>{@link #lookup(String)} reads the state back.</li>
 * </ul>
 * The processor name is the target (base URL and teamspace), so one table serves every teamspace.
 */
public class TicketJournalRepository extends JdbcMessageIdRepository {

    static final String TABLE = "PROTO_IMPORT_JOURNAL";
    static final String PENDING = "pending";
    static final String DONE = "done";

    /** A key's state: {@code pending} or {@code done} (then with the ticket id), and when it was first marked. */
    public record Entry(String status, String ticketId, Timestamp createdAt) {
        public boolean done() {
            return DONE.equals(status);
        }
    }

    public TicketJournalRepository(DataSource dataSource, String target) {
        super(dataSource, target);
        setCreateTableIfNotExists(false); // created in doStart, tolerating a replica doing the same at once
        setTableExistsString("SELECT 1 FROM " + TABLE + " WHERE 1 = 0");
        setCreateString("CREATE TABLE IF NOT EXISTS " + TABLE + " (processorName VARCHAR(512) NOT NULL,"
                + " messageId VARCHAR(255) NOT NULL, createdAt TIMESTAMP, status VARCHAR(16) NOT NULL,"
                + " ticketId VARCHAR(64), doneAt TIMESTAMP, PRIMARY KEY (processorName, messageId))");
        setQueryString("SELECT COUNT(*) FROM " + TABLE + " WHERE processorName = ? AND messageId = ?");
        setInsertString("INSERT INTO " + TABLE + " (processorName, messageId, createdAt, status) VALUES (?, ?, ?, '"
                + PENDING + "')");
        setDeleteString("DELETE FROM " + TABLE + " WHERE processorName = ? AND messageId = ?");
        setClearString("DELETE FROM " + TABLE + " WHERE processorName = ?");
    }

    @Override
    protected void doStart() throws Exception {
        try {
            jdbcTemplate.execute(getCreateString());
        } catch (DataAccessException e) {
            // PostgreSQL: two CREATE TABLE IF NOT EXISTS at the same moment can fail on its catalog's unique index;
            // fine if the table is there now
            jdbcTemplate.execute(getTableExistsString());
        }
        super.doStart();
    }

    /** Marks the key pending; false if it is already in the journal (done, or pending: by an earlier run or now). */
    @Override
    public boolean add(String key) {
        try {
            return super.add(key);
        } catch (DataIntegrityViolationException e) {
            // another importer inserted the same key between our check and our insert: the primary key refused ours
            return false;
        }
    }

    /** Marks a pending key done with the id of the ticket the API created. */
    public boolean markDone(String key, String ticketId) {
        return jdbcTemplate.update(
                        "UPDATE " + TABLE + " SET status = '" + DONE + "', ticketId = ?, doneAt = ?"
                                + " WHERE processorName = ? AND messageId = ?",
                        ticketId,
                        new Timestamp(System.currentTimeMillis()),
                        processorName,
                        key)
                == 1;
    }

    /** The key's state, or null when it is not in the journal. */
    public Entry lookup(String key) {
        List<Entry> found = jdbcTemplate.query(
                "SELECT status, ticketId, createdAt FROM " + TABLE + " WHERE processorName = ? AND messageId = ?",
                (rs, i) -> new Entry(rs.getString(1), rs.getString(2), rs.getTimestamp(3)),
                processorName,
                key);
        return found.isEmpty() ? null : found.get(0);
    }
}
