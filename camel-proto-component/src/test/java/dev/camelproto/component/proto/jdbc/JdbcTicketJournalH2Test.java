package dev.camelproto.component.proto.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.camelproto.component.proto.JdbcTicketJournal;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The journal's contract on H2 (embedded, in memory; two DataSources to one database), and store failures. */
class JdbcTicketJournalH2Test extends JdbcTicketJournalContract {

    @Override
    DataSource dataSource() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:jdbc-ticket-journal;DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return ds;
    }

    /** A DataSource whose connections fail every statement with {@code failure}. */
    private static DataSource failing(SQLException failure) {
        Connection connection = (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getAutoCommit":
                            return true;
                        case "close":
                            return null;
                        default:
                            throw failure;
                    }
                });
        return (DataSource) Proxy.newProxyInstance(
                DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return connection;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aDatabaseThatIsDownIsAnErrorNeverAlreadyClaimed() {
        JdbcTicketJournal down = new JdbcTicketJournal(failing(new SQLException("connection refused", "08001")));
        assertThatThrownBy(() -> down.add("k"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not claim a key")
                .hasMessageContaining("connection refused");
        assertThatThrownBy(() -> down.state("k")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> down.done("k", "T1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> down.remove("k")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anIntegrityViolationOtherThanADuplicateKeyIsAnErrorWhenTheRowIsNotThere() {
        JdbcTicketJournal broken =
                new JdbcTicketJournal(failing(new SQLIntegrityConstraintViolationException("check failed", "23514")));
        assertThatThrownBy(() -> broken.add("k")).isInstanceOf(IllegalStateException.class);
        JdbcTicketJournal duplicate =
                new JdbcTicketJournal(failing(new SQLIntegrityConstraintViolationException("duplicate", "23505")));
        assertThat(duplicate.add("k")).isFalse();
    }

    @Test
    void aJournalWithoutADataSourceSaysSo() {
        JdbcTicketJournal none = new JdbcTicketJournal();
        assertThatThrownBy(none::start).hasMessageContaining("The JDBC ticket journal has no DataSource");
        assertThatThrownBy(() -> none.add("k")).hasMessageContaining("The JDBC ticket journal has no DataSource");
    }
}
