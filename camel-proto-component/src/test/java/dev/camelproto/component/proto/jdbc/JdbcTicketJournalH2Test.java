package dev.camelproto.component.proto.jdbc;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The journal's contract on H2 (embedded, in memory; two DataSources to one database). */
class JdbcTicketJournalH2Test extends JdbcTicketJournalContract {

    @Override
    DataSource dataSource() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:jdbc-ticket-journal;DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return ds;
    }
}
