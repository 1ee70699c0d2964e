package dev.camelproto.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.ProtoApiException;
import dev.camelproto.component.proto.ProtoTransportException;
import dev.camelproto.simulator.ProtoSimulator;
import dev.camelproto.simulator.ProtoSimulatorExtension;
import dev.camelproto.simulator.Ticket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The journal and --dry-run of the quickstart, in this JVM against the simulator. */
class QuickstartJournalTest {

    private static final String CSV =
            Path.of("data/customers.csv").toAbsolutePath().toString();
    private static final List<String> COMPLAINING =
            List.of("cust-1003", "cust-1007", "cust-1013", "cust-1018", "cust-1026");

    @RegisterExtension
    static ProtoSimulatorExtension proto = ProtoSimulatorExtension.create(b -> b.seed(5L));

    @Test
    void aDryRunSendsOnlyReadsAndAnEditedComplaintIsANewTicket() throws Exception {
        ProtoSimulator sim = proto.simulator();
        Map<String, String> props = properties(journal(), CSV);

        Map<String, String> dry = new HashMap<>(props);
        dry.put("quickstart.dry-run", "true");
        ImportReport preview = QuickstartApplication.run(dry);
        // only customField/list was sent; nothing exists
        assertThat(sim.counters().byRoute()).isEqualTo(Map.of("customField/list", 1L));
        assertThat(sim.snapshot().customers()).isEmpty();
        assertThat(sim.snapshot().customFields()).isEmpty();
        assertThat(preview.exitCode()).isZero();
        assertThat(preview.ticketsToCreate())
                .extracting(ImportReport.CreatedTicket::providedUniqueId)
                .containsExactlyElementsOf(COMPLAINING);
        assertThat(preview.failedRows())
                .extracting(ImportReport.FailedRow::line)
                .containsExactly(11L, 16L, 24L);
        assertThat(preview.summary())
                .contains("DRY RUN             : nothing was sent")
                .contains("Plan custom field   : would be created")
                .contains("Customers to upsert : 27\n")
                .contains("Tags to apply       : 32\n")
                .contains("Tickets to create   : 5\n")
                .contains("Tickets skipped (created by an earlier run): 0\n");

        ImportReport first = QuickstartApplication.run(props);
        assertThat(first.tickets()).hasSize(5);
        long ticketCalls = sim.counters().route("ticket/create");

        // a dry run after it: every ticket would be skipped, still nothing written
        ImportReport preview2 = QuickstartApplication.run(dry);
        assertThat(preview2.ticketsToCreate()).isEmpty();
        assertThat(preview2.skippedTickets()).hasSize(5);
        assertThat(sim.counters().route("ticket/create")).isEqualTo(ticketCalls);
        assertThat(sim.counters().route("customer/create")).isEqualTo(27);

        // cust-1003 edits its complaint: that is a new ticket, the four others are skipped
        Path edited = Path.of("target", "journals", "edited-" + System.nanoTime() + ".csv");
        Files.writeString(
                edited,
                Files.readString(Path.of(CSV), StandardCharsets.UTF_8)
                        .replace("The mobile app logs me out every few minutes", "The mobile app still logs me out"));
        ImportReport second = QuickstartApplication.run(properties(props.get("quickstart.journal"), edited.toString()));
        assertThat(second.tickets())
                .extracting(ImportReport.CreatedTicket::providedUniqueId)
                .containsExactly("cust-1003");
        assertThat(second.skippedTickets()).hasSize(4);
        assertThat(sim.snapshot().tickets())
                .extracting(Ticket::subject)
                .contains("The mobile app logs me out every few minutes", "The mobile app still logs me out")
                .hasSize(6);
    }

    @Test
    void aPendingRowIsUncertainListedAndOnlyResentWhenAsked() throws Exception {
        ProtoSimulator sim = proto.simulator();
        String journal = journal();
        // as a run killed while cust-1007's ticket was on the wire leaves it: pending
        Map<String, Object> row =
                Map.of("provided_unique_id", "cust-1007", "complaint", "Invoice for March was charged twice");
        JdbcConnectionPool pool = JdbcConnectionPool.create(
                "jdbc:h2:file:" + Path.of(journal).toAbsolutePath() + ";WRITE_DELAY=0", "sa", "");
        TicketJournalRepository repo = new TicketJournalRepository(pool, sim.baseUrl() + " " + sim.subcompanyId());
        repo.start();
        assertThat(repo.add(ImportJournal.key(row))).isTrue();
        repo.stop();
        pool.dispose();

        ImportReport first = QuickstartApplication.run(properties(journal, CSV));
        assertThat(first.tickets())
                .extracting(ImportReport.CreatedTicket::providedUniqueId)
                .containsExactly("cust-1003", "cust-1013", "cust-1018", "cust-1026");
        assertThat(first.uncertainTickets())
                .extracting(ImportReport.UncertainTicket::providedUniqueId, ImportReport.UncertainTicket::line)
                .containsExactly(org.assertj.core.api.Assertions.tuple("cust-1007", 8L));
        assertThat(first.summary())
                .contains("Tickets uncertain   : 1 (pending in the journal")
                .contains("  line 8 (cust-1007) pending since ")
                .contains("\"Invoice for March was charged twice\"");
        assertThat(sim.snapshot().tickets())
                .extracting(Ticket::providedUniqueId)
                .doesNotContain("cust-1007");

        // still uncertain on the next run: not re-sent
        ImportReport second = QuickstartApplication.run(properties(journal, CSV));
        assertThat(second.tickets()).isEmpty();
        assertThat(second.uncertainTickets()).hasSize(1);
        assertThat(second.skippedTickets()).hasSize(4);

        // --resend-uncertain: sent, and done from then on
        Map<String, String> resend = new HashMap<>(properties(journal, CSV));
        resend.put("quickstart.resend-uncertain", "true");
        ImportReport third = QuickstartApplication.run(resend);
        assertThat(third.tickets())
                .extracting(ImportReport.CreatedTicket::providedUniqueId)
                .containsExactly("cust-1007");
        assertThat(third.summary()).contains("(1 of them re-sent");
        ImportReport fourth = QuickstartApplication.run(properties(journal, CSV));
        assertThat(fourth.uncertainTickets()).isEmpty();
        assertThat(fourth.skippedTickets()).hasSize(5);
        assertThat(sim.snapshot().tickets()).hasSize(5);
        assertThat(sim.counters().route("ticket/create")).isEqualTo(5);
    }

    @Test
    void aTicketTheApiRejectedIsForgottenAnUnknownOutcomeStaysPending() throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        Properties p = new Properties();
        p.put("camel.component.proto.base-url", "http://127.0.0.1:1/api/platform/");
        p.put("camel.component.proto.subcompany-id", "TS");
        context.getPropertiesComponent().setInitialProperties(p);
        ImportJournal journal = new ImportJournal(journal(), false, new ImportReport());
        journal.open(context);
        try {
            int n = 0;
            for (Map.Entry<Exception, Boolean> c : Map.<Exception, Boolean>of(
                            new ProtoApiException("ticket/create", "u", 422, "Unprocessable", Map.of(), "{}"), false,
                            new ProtoApiException("ticket/create", "u", 404, "Not Found", Map.of(), "{}"), false,
                            new ProtoTransportException("ticket/create", 1, false, "connection refused", null), false,
                            new ProtoApiException("ticket/create", "u", 502, "Bad Gateway", Map.of(), "{}"), true,
                            new ProtoTransportException("ticket/create", 1, true, "read timed out", null), true,
                            new IllegalStateException("anything else"), true)
                    .entrySet()) {
                Map<String, Object> row =
                        new HashMap<>(Map.of("provided_unique_id", "c" + n++, "complaint", "x", "line", 2L));
                assertThat(journal.beforeTicket(row)).isEqualTo(ImportJournal.SEND);
                Exchange exchange = new DefaultExchange(context);
                exchange.setProperty("row", row);
                exchange.setProperty("ticketAction", ImportJournal.SEND);
                exchange.setProperty(Exchange.EXCEPTION_CAUGHT, c.getKey());
                journal.rowFailed(exchange);
                assertThat(journal.dryRunTicket(row))
                        .as(c.getKey().toString())
                        .isEqualTo(c.getValue() ? "uncertain" : "create");
            }
        } finally {
            journal.close();
        }
    }

    private static String journal() {
        return Path.of("target", "journals", "journal-test-" + System.nanoTime())
                .toString();
    }

    private static Map<String, String> properties(String journal, String csv) {
        return Map.of(
                "quickstart.journal", journal,
                "camel.component.proto.base-url", proto.baseUrl(),
                "camel.component.proto.subcompany-id", proto.subcompanyId(),
                "camel.component.proto.takeover-secret", proto.simulator().secret(),
                "quickstart.csv-file", csv);
    }
}
