package dev.camelproto.examples.quickstart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.camelproto.component.proto.ProtoApiException;
import dev.camelproto.component.proto.ProtoValidationException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what the import did, classifies failures and prints the summary. Registered as bean {@code importReport}.
 *
 * <p>Exit-code rule: a row rejected because of its DATA is an expected failure (exit code 0): rejected locally
 * ({@link InvalidRowException}, {@link ProtoValidationException}) or by the API with 422. Anything else (another
 * HTTP status such as 401/404/409/429/5xx, a network error, an unreadable file) is unexpected: exit code 1.
 */
public class ImportReport {

    private static final Logger LOG = LoggerFactory.getLogger(ImportReport.class);

    /** A ticket created for a customer. */
    public record CreatedTicket(String id, String providedUniqueId, String subject) {}

    /** A row that was not (fully) imported. */
    public record FailedRow(long line, String providedUniqueId, String reason, boolean expected) {}

    private final List<String> customers = new ArrayList<>();
    private final List<CreatedTicket> tickets = new ArrayList<>();
    private final List<FailedRow> failedRows = new ArrayList<>();
    private int rowsRead;
    private int tagsApplied;
    private int fieldsSet;
    private String planField = "not checked";
    private String aborted;
    private Runnable onFinish = () -> {};

    void onFinish(Runnable onFinish) {
        this.onFinish = Objects.requireNonNull(onFinish);
    }

    // ---- called by the routes (each step of the split is sequential, but keep it safe)

    public synchronized void planField(@Header("planFieldStatus") String status, @Header("CamelProtoId") String id) {
        planField = status + " (id " + id + ")";
    }

    public synchronized void rowsRead(List<?> rows) {
        rowsRead = rows.size();
    }

    public synchronized void customerUpserted(@ExchangeProperty("row") Map<String, Object> row) {
        customers.add((String) row.get("provided_unique_id"));
    }

    public synchronized void tagsApplied(@ExchangeProperty("tags") List<?> tags) {
        tagsApplied += tags.size();
    }

    public synchronized void fieldSet() {
        fieldsSet++;
    }

    public synchronized void ticketCreated(@ExchangeProperty("row") Map<String, Object> row,
                                           @Header("CamelProtoId") String ticketId) {
        tickets.add(new CreatedTicket(ticketId, (String) row.get("provided_unique_id"), (String) row.get("complaint")));
    }

    /** The row in exchange property {@code row} failed with the caught exception. */
    public synchronized void rowFailed(Exchange exchange) {
        Map<?, ?> row = exchange.getProperty("row", Map.class);
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        boolean expected = e instanceof InvalidRowException || e instanceof ProtoValidationException
                || e instanceof ProtoApiException api && api.getStatusCode() == 422;
        String reason = e instanceof InvalidRowException ? e.getMessage()
                : e instanceof ProtoApiException api ? api.getOperation() + " rejected (HTTP " + api.getStatusCode()
                        + "): " + api.getResponseBody()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        String id = (String) row.get("provided_unique_id");
        failedRows.add(new FailedRow((Long) row.get("line"), id.isEmpty() ? null : id, reason, expected));
    }

    /** The import itself failed (Plan field, file, authentication...). */
    public synchronized void aborted(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        aborted = e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Prints the summary, then lets the application stop. */
    public void finish() {
        try {
            LOG.info(summary());
        } finally {
            onFinish.run();
        }
    }

    // ---- results

    public synchronized int exitCode() {
        return aborted != null || failedRows.stream().anyMatch(f -> !f.expected()) ? 1 : 0;
    }

    public synchronized List<String> customers() {
        return List.copyOf(customers);
    }

    public synchronized List<CreatedTicket> tickets() {
        return List.copyOf(tickets);
    }

    public synchronized List<FailedRow> failedRows() {
        return List.copyOf(failedRows);
    }

    public synchronized int tagsApplied() {
        return tagsApplied;
    }

    public synchronized int fieldsSet() {
        return fieldsSet;
    }

    public synchronized String aborted() {
        return aborted;
    }

    public synchronized String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append("\n===== Proto customer import: summary =====\n");
        if (aborted != null) {
            sb.append("IMPORT ABORTED: ").append(aborted).append('\n');
        }
        sb.append("Plan custom field   : ").append(planField).append('\n');
        sb.append("Rows read           : ").append(rowsRead).append('\n');
        sb.append("Customers upserted  : ").append(customers.size()).append('\n');
        sb.append("Tags applied        : ").append(tagsApplied).append('\n');
        sb.append("Fields set (Plan)   : ").append(fieldsSet).append('\n');
        sb.append("Tickets created     : ").append(tickets.size()).append('\n');
        for (CreatedTicket t : tickets) {
            sb.append("  ").append(t.id()).append("  ").append(t.providedUniqueId()).append("  \"")
                    .append(t.subject()).append("\"\n");
        }
        long unexpected = failedRows.stream().filter(f -> !f.expected()).count();
        sb.append("Rows failed         : ").append(failedRows.size()).append(" (bad input data: ")
                .append(failedRows.size() - unexpected).append(", unexpected: ").append(unexpected).append(")\n");
        for (FailedRow f : failedRows) {
            sb.append("  line ").append(f.line());
            if (f.providedUniqueId() != null) {
                sb.append(" (").append(f.providedUniqueId()).append(')');
            }
            sb.append(f.expected() ? ": " : ": UNEXPECTED: ").append(f.reason()).append('\n');
        }
        sb.append("Exit code           : ").append(exitCode())
                .append(exitCode() == 0 ? " (only bad input rows failed, if any)" : " (unexpected failures)");
        return sb.toString();
    }
}
