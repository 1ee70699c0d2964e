package dev.camelproto.component.proto.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.camelproto.component.proto.JdbcTicketJournal;
import dev.camelproto.component.proto.ProtoTicketJournal.State;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link JdbcTicketJournal}, run once per database (H2, PostgreSQL): pending from done, the ticket id
 * kept, release, an atomic claim across two journals on two DataSources, and store errors that are errors.
 */
abstract class JdbcTicketJournalContract {

    private static final AtomicInteger TABLES = new AtomicInteger();

    /** A new DataSource to the test's one database (each call a distinct object: another "process"). */
    abstract DataSource dataSource();

    String table;
    JdbcTicketJournal journal;

    @BeforeEach
    void newTable() {
        table = "journal_" + getClass().getSimpleName().toLowerCase() + "_" + TABLES.incrementAndGet();
        journal = journal(dataSource());
    }

    @AfterEach
    void stop() {
        journal.stop();
    }

    JdbcTicketJournal journal(DataSource dataSource) {
        JdbcTicketJournal j = new JdbcTicketJournal(dataSource, table);
        j.setCreateTable(true);
        j.start();
        return j;
    }

    @Test
    void aClaimedKeyIsPendingUntilDoneThenKeepsItsTicketId() {
        String key = "proto:T:ticket:provided_unique_id=c1:abc";
        assertThat(journal.state(key)).isEqualTo(State.ABSENT);
        assertThat(journal.contains(key)).isFalse();

        assertThat(journal.add(key)).isTrue();
        assertThat(journal.add(key)).isFalse();
        assertThat(journal.contains(key)).isTrue();
        assertThat(journal.state(key)).isEqualTo(State.PENDING);
        assertThat(journal.ticketId(key)).isNull();

        journal.done(key, "T1");
        assertThat(journal.state(key)).isEqualTo(State.DONE);
        assertThat(journal.ticketId(key)).isEqualTo("T1");
        assertThat(journal.add(key)).isFalse();

        // done without an id keeps the recorded one; confirm likewise
        journal.done(key, null);
        assertThat(journal.confirm(key)).isTrue();
        assertThat(journal.ticketId(key)).isEqualTo("T1");
        assertThat(journal.getSize()).isEqualTo(1);
    }

    @Test
    void confirmMarksDoneWithoutAnIdAndIsFalseForAnUnknownKey() {
        assertThat(journal.add("k")).isTrue();
        assertThat(journal.confirm("k")).isTrue();
        assertThat(journal.state("k")).isEqualTo(State.DONE);
        assertThat(journal.ticketId("k")).isNull();
        assertThat(journal.confirm("unknown")).isFalse();
        assertThat(journal.state("unknown")).isEqualTo(State.ABSENT);
    }

    @Test
    void doneOnAnUnclaimedKeyRecordsIt() {
        journal.done("k", "T9");
        assertThat(journal.state("k")).isEqualTo(State.DONE);
        assertThat(journal.ticketId("k")).isEqualTo("T9");
    }

    @Test
    void removeReleasesTheKeySoItCanBeClaimedAgainAndClearEmptiesTheTable() {
        assertThat(journal.add("a")).isTrue();
        assertThat(journal.remove("a")).isTrue();
        assertThat(journal.remove("a")).isFalse();
        assertThat(journal.state("a")).isEqualTo(State.ABSENT);
        assertThat(journal.add("a")).isTrue();

        journal.add("b");
        journal.done("b", "T2");
        journal.clear();
        assertThat(journal.getSize()).isZero();
        assertThat(journal.state("b")).isEqualTo(State.ABSENT);
    }

    @Test
    void theKeyColumnHoldsTheLongestKeyTheComponentStores() {
        String key = "k".repeat(JdbcTicketJournal.KEY_COLUMN_LENGTH);
        assertThat(journal.add(key)).isTrue();
        assertThat(journal.add(key)).isFalse();
        journal.done(key, "T3");
        assertThat(journal.ticketId(key)).isEqualTo("T3");
    }

    @Test
    void aKeyTooLongForTheColumnIsAnErrorNeverAlreadyClaimed() {
        String key = "k".repeat(JdbcTicketJournal.KEY_COLUMN_LENGTH + 1);
        assertThatThrownBy(() -> journal.add(key))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The JDBC ticket journal could not claim a key");
    }

    @Test
    void aMissingTableIsAnErrorNeverAlreadyClaimed() throws Exception {
        try (Connection c = dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE " + table);
        }
        assertThatThrownBy(() -> journal.add("k"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The JDBC ticket journal could not claim a key (table " + table + ")");
        assertThatThrownBy(() -> journal.state("k")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void createTableTwiceKeepsTheRows() {
        journal.add("k");
        JdbcTicketJournal second = journal(dataSource());
        second.createTable();
        assertThat(second.state("k")).isEqualTo(State.PENDING);
        second.stop();
    }

    @Test
    void anInvalidTableNameIsRefused() {
        assertThatThrownBy(() -> new JdbcTicketJournal(dataSource(), "t; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid ticket journal table name");
        new JdbcTicketJournal(dataSource(), "public.proto_journal"); // schema-qualified is fine
    }

    @Test
    void twoJournalsOnTwoDataSourcesRacingOneKeyFromTwentyThreadsLetExactlyOneWin() throws Exception {
        JdbcTicketJournal other = journal(dataSource());
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            for (int round = 0; round < 5; round++) {
                String key = "race-" + round;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> claims = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    JdbcTicketJournal j = i % 2 == 0 ? journal : other;
                    claims.add(pool.submit(() -> {
                        go.await();
                        return j.add(key);
                    }));
                }
                go.countDown();
                int won = 0;
                for (Future<Boolean> claim : claims) {
                    won += claim.get(60, TimeUnit.SECONDS) ? 1 : 0; // an error fails the test: never "claimed"
                }
                assertThat(won).as("winners of " + key).isEqualTo(1);
                assertThat(other.state(key)).isEqualTo(State.PENDING);
            }
        } finally {
            pool.shutdownNow();
            other.stop();
        }
    }
}
