package dev.camelproto.component.proto.internal.once;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.JdbcTicketJournal;
import dev.camelproto.component.proto.ProtoComponent;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.ProtoTicketJournal.State;
import dev.camelproto.component.proto.ProtoUncertainException;
import dev.camelproto.component.proto.testsupport.ProtoApiStub;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ticket/create exactly once through {@code proto:ticket/create?idempotentRepository=#journal} with a
 * {@link JdbcTicketJournal} on an H2 file: the journal outlives the Camel context, so after a "restart" (a new context,
 * a new journal, a new DataSource on the same file) a done key is answered as a duplicate with the earlier ticket id and
 * an uncertain one fails without sending.
 */
class ProtoTicketOnceJdbcTest {

    static final String URI = "proto:ticket/create?idempotentRepository=#journal";
    static final Map<String, Object> HI = Map.of(ProtoConstants.SUBJECT, "Hi", ProtoConstants.PROVIDED_UNIQUE_ID, "c1");

    @TempDir
    Path dir;

    ProtoApiStub stub;
    CamelContext context;
    JdbcTicketJournal journal;

    @BeforeEach
    void startStub() throws Exception {
        stub = new ProtoApiStub();
    }

    @AfterEach
    void stopAll() {
        if (context != null) {
            context.stop();
        }
        stub.close();
    }

    /** A new Camel context with a new journal over a new DataSource on the H2 file: what a restarted process has. */
    private void start() {
        if (context != null) {
            context.stop();
        }
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("journal").toAbsolutePath());
        ds.setUser("sa");
        journal = new JdbcTicketJournal(ds);
        journal.setCreateTable(true);
        context = new DefaultCamelContext();
        ProtoComponent proto = new ProtoComponent();
        proto.getConfiguration().setSubcompanyId(ProtoTestSupport.TEAMSPACE);
        proto.getConfiguration().setTakeoverSecret(ProtoTestSupport.SECRET);
        proto.getConfiguration().setBaseUrl(stub.baseUrl());
        context.addComponent("proto", proto);
        context.getRegistry().bind("journal", journal);
        context.start();
    }

    private Exchange hi(Map<String, Object> extra) {
        Map<String, Object> headers = new HashMap<>(HI);
        headers.putAll(extra);
        return context.createProducerTemplate()
                .send(URI, exchange -> exchange.getIn().setHeaders(headers));
    }

    private static String key(Exchange exchange) {
        return exchange.getMessage().getHeader(ProtoConstants.IDEMPOTENT_KEY, String.class);
    }

    @Test
    void aDoneKeyIsADuplicateWithTheEarlierTicketIdAfterARestart() {
        start();
        stub.reply(201, "{\"id\":\"T1\"}");
        Exchange first = hi(Map.of());
        assertThat(first.getException()).isNull();
        assertThat(first.getMessage().getHeader(ProtoConstants.ID)).isEqualTo("T1");
        assertThat(first.getMessage().getHeader(ProtoConstants.DUPLICATE)).isEqualTo(false);
        assertThat(journal.state(key(first))).isEqualTo(State.DONE);

        start(); // restart: a new context, journal and DataSource on the same H2 file
        Exchange again = hi(Map.of());
        assertThat(again.getException()).isNull();
        assertThat(again.getMessage().getHeader(ProtoConstants.DUPLICATE)).isEqualTo(true);
        assertThat(again.getMessage().getHeader(ProtoConstants.ID)).isEqualTo("T1");
        assertThat(key(again)).isEqualTo(key(first));
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void anUncertainKeyStaysUncertainAfterARestartAndSendsNothing() {
        start();
        stub.reply(503, "{\"error\":\"down\"}");
        Exchange failed = hi(Map.of());
        assertThat(failed.getException()).isNotNull();
        int sent = stub.requests().size();
        assertThat(journal.state(key(failed))).isEqualTo(State.PENDING);

        start();
        Exchange again = hi(Map.of());
        assertThat(again.getException()).isInstanceOf(ProtoUncertainException.class);
        assertThat(stub.requests()).hasSize(sent);

        // checked in Proto: the ticket is missing, so resend this one key; then it is done, with its id
        stub.reply(201, "{\"id\":\"T2\"}");
        Exchange resent = hi(Map.of(ProtoConstants.RESEND_UNCERTAIN, true));
        assertThat(resent.getException()).isNull();
        assertThat(resent.getMessage().getHeader(ProtoConstants.ID)).isEqualTo("T2");
        assertThat(stub.requests()).hasSize(sent + 1);
        start();
        assertThat(journal.state(key(resent))).isEqualTo(State.DONE);
        assertThat(journal.ticketId(key(resent))).isEqualTo("T2");
    }

    @Test
    void aDatabaseErrorFailsTheExchangeAndSendsNothing() throws Exception {
        start();
        journal.createTable();
        journal.setCreateTable(false); // the endpoint starts the journal at its first exchange: keep the table dropped
        try (var c = journal.getDataSource().getConnection();
                var s = c.createStatement()) {
            s.execute("DROP TABLE " + JdbcTicketJournal.DEFAULT_TABLE_NAME);
        }
        stub.reply(201, "{\"id\":\"T1\"}");
        Exchange failed = hi(Map.of());
        assertThat(failed.getException())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The JDBC ticket journal could not claim a key");
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void markCreatedRecordsTheTicketFoundInProtoWithoutSending() {
        start();
        stub.reply(503, "{\"error\":\"down\"}");
        Exchange failed = hi(Map.of());
        int sent = stub.requests().size();

        start();
        Exchange marked = hi(Map.of(ProtoConstants.MARK_CREATED, "T7"));
        assertThat(marked.getException()).isNull();
        assertThat(marked.getMessage().getHeader(ProtoConstants.DUPLICATE)).isEqualTo(true);
        assertThat(journal.state(key(failed))).isEqualTo(State.DONE);
        assertThat(journal.ticketId(key(failed))).isEqualTo("T7");
        assertThat(stub.requests()).hasSize(sent);
    }
}
