package dev.camelproto.examples.quickstart;

import dev.camelproto.component.proto.ProtoApiException;
import dev.camelproto.component.proto.ProtoUpsertException;
import dev.camelproto.component.proto.ProtoValidationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
 * HTTP status such as 401/404/409/429/5xx, a network error, an unreadable file) is unexpected: exit code 1. A failed
 * customer/upsert ({@link ProtoUpsertException}) is classified by the failure of its failed step, and the steps it
 * applied before are counted.
 *
 * <p>Rows are imported in parallel, at most {@code concurrency} at a time ({@link #rowStarted()} waits for a free
 * slot, {@link #rowImported()} / {@link #rowFailed(Exchange)} free it), and a progress line (rows done, rate,
 * failures) is printed every {@code progressIntervalMillis} while the import runs, and once more at the end.
 */
public class ImportReport {

    private static final Logger LOG = LoggerFactory.getLogger(ImportReport.class);

    /** A ticket created for a customer. */
    public record CreatedTicket(String id, String providedUniqueId, String subject, long line) {}

    /** How many tickets and failed rows the summary lists (all are counted, and kept by the accessors). */
    static final int TICKETS_LISTED = 10;

    static final int FAILURES_LISTED = 100;

    /** The steps of customer/upsert (a row whose upsert went through applied all of them). */
    private static final List<String> UPSERT_STEPS =
            List.of("customer/create", "customer/addTags", "customer/addCustomFields");

    /** A ticket the journal says was created by an earlier run (or another importer), so not sent again. */
    public record SkippedTicket(String ticketId, String providedUniqueId, String subject, long line) {}

    /** A ticket left pending in the journal: it may or may not exist. */
    public record UncertainTicket(String providedUniqueId, String subject, long line, String pendingSince) {}

    /** A row that was not (fully) imported. */
    public record FailedRow(long line, String providedUniqueId, String reason, boolean expected) {}

    private final List<String> customers = new ArrayList<>();
    private final List<CreatedTicket> tickets = new ArrayList<>();
    private final List<FailedRow> failedRows = new ArrayList<>();
    private final List<String> progressLines = new ArrayList<>();
    private final List<SkippedTicket> skippedTickets = new ArrayList<>();
    private final List<UncertainTicket> uncertainTickets = new ArrayList<>();
    private final List<CreatedTicket> resentTickets = new ArrayList<>();
    private final List<CreatedTicket> ticketsToCreate = new ArrayList<>();
    private ImportJournal journal;
    private boolean dryRun;
    private int customersToUpsert;
    private int tagsToApply;
    private final int concurrency;
    private final long progressIntervalMillis;
    private final Semaphore slots;
    private ScheduledExecutorService progressTimer;
    private long startNanos;
    private long endNanos;
    private int rowsRead;
    private int rowsDone;
    private int inFlight;
    private int maxInFlight;
    private int tagsApplied;
    private int fieldsSet;
    private String planField = "not checked";
    private String aborted;
    private Runnable onFinish = () -> {};

    public ImportReport() {
        this(1, 2_000);
    }

    public ImportReport(int concurrency, long progressIntervalMillis) {
        if (concurrency < 1 || progressIntervalMillis < 1) {
            throw new IllegalArgumentException("concurrency and progress interval must be positive");
        }
        this.concurrency = concurrency;
        this.progressIntervalMillis = progressIntervalMillis;
        this.slots = new Semaphore(concurrency);
    }

    /** The journal (for its location in the summary and, in a dry run, to tell what would be skipped). */
    void journal(ImportJournal journal, boolean dryRun) {
        this.journal = journal;
        this.dryRun = dryRun;
    }

    void onFinish(Runnable onFinish) {
        this.onFinish = Objects.requireNonNull(onFinish);
    }

    // ---- called by the routes (each step of the split is sequential, but keep it safe)

    public synchronized void planField(@Header("planFieldStatus") String status, @Header("CamelProtoId") String id) {
        planField = "-".equals(id) ? status + " (dry run)" : status + " (id " + id + ")";
    }

    /** The CSV was read: starts the clock and the progress line. */
    public synchronized void rowsRead(List<?> rows) {
        rowsRead = rows.size();
        startNanos = System.nanoTime();
        progressTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "import-progress");
            t.setDaemon(true);
            return t;
        });
        progressTimer.scheduleAtFixedRate(
                this::progress, progressIntervalMillis, progressIntervalMillis, TimeUnit.MILLISECONDS);
    }

    /** A row starts: waits until fewer than {@code concurrency} rows are in flight. */
    public void rowStarted() throws InterruptedException {
        slots.acquire();
        synchronized (this) {
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
        }
    }

    /** A row went through every call. */
    public void rowImported() {
        rowDone();
    }

    private void rowDone() {
        synchronized (this) {
            rowsDone++;
            inFlight--;
        }
        slots.release();
    }

    /** customer/upsert went through: the customer, its tags (exchange property {@code tags}) and its Plan. */
    public synchronized void upserted(
            @ExchangeProperty("row") Map<String, Object> row, @ExchangeProperty("tags") List<?> tags) {
        countSteps(row, tags, UPSERT_STEPS);
    }

    /** Counts the steps of customer/upsert that were applied (all of them, or those before the failed one). */
    private void countSteps(Map<?, ?> row, List<?> tags, List<String> applied) {
        if (applied.contains("customer/create")) {
            customers.add((String) row.get("provided_unique_id"));
        }
        if (applied.contains("customer/addTags") && tags != null) {
            tagsApplied += tags.size();
        }
        if (applied.contains("customer/addCustomFields")) {
            fieldsSet++;
        }
    }

    public synchronized void ticketCreated(
            @ExchangeProperty("row") Map<String, Object> row, @Header("CamelProtoId") String ticketId) {
        tickets.add(new CreatedTicket(
                ticketId, (String) row.get("provided_unique_id"), (String) row.get("complaint"), (Long)
                        row.get("line")));
    }

    /** The journal has this row's ticket as done: not sent again. */
    public synchronized void ticketSkipped(Map<String, Object> row, String ticketId) {
        skippedTickets.add(new SkippedTicket(
                ticketId, (String) row.get("provided_unique_id"), (String) row.get("complaint"), (Long)
                        row.get("line")));
    }

    /** The journal has this row's ticket as pending: uncertain, not sent again. */
    public synchronized void ticketUncertain(Map<String, Object> row, java.sql.Timestamp pendingSince) {
        uncertainTickets.add(new UncertainTicket(
                (String) row.get("provided_unique_id"),
                (String) row.get("complaint"),
                (Long) row.get("line"),
                pendingSince == null ? "?" : pendingSince.toInstant().toString()));
    }

    /** The journal has this row's ticket as pending and --resend-uncertain was given: sent again. */
    public synchronized void ticketResent(Map<String, Object> row) {
        resentTickets.add(new CreatedTicket(
                null, (String) row.get("provided_unique_id"), (String) row.get("complaint"), (Long) row.get("line")));
    }

    /** Dry run: the row is valid; count what would be sent and look its ticket up in the journal (reads only). */
    public void dryRunRow(@ExchangeProperty("row") Map<String, Object> row) {
        List<?> tags = (List<?>) new CustomerRows().upsert(row).get("tags");
        String ticket = ((String) row.get("complaint")).isEmpty()
                ? null
                : journal != null ? journal.dryRunTicket(row) : "create";
        synchronized (this) {
            customersToUpsert++;
            tagsToApply += tags.size();
            if (ticket != null) {
                switch (ticket) {
                    case "skip" ->
                        skippedTickets.add(new SkippedTicket(
                                null, (String) row.get("provided_unique_id"), (String) row.get("complaint"), (Long)
                                        row.get("line")));
                    case "uncertain" ->
                        uncertainTickets.add(new UncertainTicket(
                                (String) row.get("provided_unique_id"),
                                (String) row.get("complaint"),
                                (Long) row.get("line"),
                                "an earlier run"));
                    default ->
                        ticketsToCreate.add(new CreatedTicket(
                                null, (String) row.get("provided_unique_id"), (String) row.get("complaint"), (Long)
                                        row.get("line")));
                }
            }
        }
        rowDone();
    }

    /** The row in exchange property {@code row} failed with the caught exception. */
    public void rowFailed(Exchange exchange) {
        try {
            recordFailure(exchange);
        } finally {
            rowDone();
        }
    }

    private synchronized void recordFailure(Exchange exchange) {
        Map<?, ?> row = exchange.getProperty("row", Map.class);
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        // a failed upsert: count what it applied before the failed step, and classify the step's own failure
        String operation = null;
        if (e instanceof ProtoUpsertException upsert) {
            countSteps(row, exchange.getProperty("tags", List.class), upsert.getAppliedSteps());
            operation = upsert.getFailedStep();
            if (upsert.getCause() instanceof Exception cause) {
                e = cause;
            }
        }
        boolean expected = e instanceof InvalidRowException
                || e instanceof ProtoValidationException
                || e instanceof ProtoApiException api && api.getStatusCode() == 422;
        String reason = e instanceof InvalidRowException
                ? e.getMessage()
                : e instanceof ProtoApiException api
                        ? (operation != null ? operation : api.getOperation()) + " rejected (HTTP "
                                + api.getStatusCode() + "): " + api.getResponseBody()
                        : e.getClass().getSimpleName() + ": " + e.getMessage();
        String id = (String) row.get("provided_unique_id");
        failedRows.add(new FailedRow((Long) row.get("line"), id.isEmpty() ? null : id, reason, expected));
    }

    /** The import itself failed (Plan field, file, authentication...). */
    public synchronized void aborted(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        aborted = e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Prints a progress line: rows done, rate and failures so far. */
    public void progress() {
        String line;
        synchronized (this) {
            long now = endNanos != 0 ? endNanos : System.nanoTime();
            double seconds = Math.max((now - startNanos) / 1e9, 1e-3);
            line = String.format(
                    Locale.ROOT,
                    "Progress: %d/%d rows (%d%%), %.0f rows/s, %d failed, %d in flight",
                    rowsDone,
                    rowsRead,
                    rowsRead == 0 ? 100 : rowsDone * 100L / rowsRead,
                    rowsDone / seconds,
                    failedRows.size(),
                    inFlight);
            progressLines.add(line);
        }
        LOG.info(line);
    }

    /** Prints the last progress line and the summary, then lets the application stop. */
    public void finish() {
        try {
            boolean started;
            synchronized (this) {
                started = progressTimer != null;
                if (started) {
                    progressTimer.shutdownNow();
                    endNanos = System.nanoTime();
                }
            }
            if (started) {
                progress();
            }
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

    /** The tickets created, in file order. */
    public synchronized List<CreatedTicket> tickets() {
        return tickets.stream()
                .sorted(Comparator.comparingLong(CreatedTicket::line))
                .toList();
    }

    /** The failed rows, in file order. */
    public synchronized List<FailedRow> failedRows() {
        return failedRows.stream()
                .sorted(Comparator.comparingLong(FailedRow::line))
                .toList();
    }

    /** Every progress line printed, in order (the last one is printed by {@link #finish()}). */
    public synchronized List<String> progressLines() {
        return List.copyOf(progressLines);
    }

    /** The most rows that were in flight at the same time (at most {@code concurrency}). */
    public synchronized int maxInFlight() {
        return maxInFlight;
    }

    public synchronized List<SkippedTicket> skippedTickets() {
        return skippedTickets.stream()
                .sorted(Comparator.comparingLong(SkippedTicket::line))
                .toList();
    }

    public synchronized List<UncertainTicket> uncertainTickets() {
        return uncertainTickets.stream()
                .sorted(Comparator.comparingLong(UncertainTicket::line))
                .toList();
    }

    /** Dry run: the tickets that would be created, in file order. */
    public synchronized List<CreatedTicket> ticketsToCreate() {
        return ticketsToCreate.stream()
                .sorted(Comparator.comparingLong(CreatedTicket::line))
                .toList();
    }

    public synchronized int rowsDone() {
        return rowsDone;
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

    private static void appendTickets(StringBuilder sb, List<CreatedTicket> sortedTickets) {
        for (CreatedTicket t : sortedTickets.subList(0, Math.min(TICKETS_LISTED, sortedTickets.size()))) {
            sb.append("  ")
                    .append(t.id() != null ? t.id() + "  " : "")
                    .append(t.providedUniqueId())
                    .append("  \"")
                    .append(t.subject())
                    .append("\"\n");
        }
        if (sortedTickets.size() > TICKETS_LISTED) {
            sb.append("  ... and ")
                    .append(sortedTickets.size() - TICKETS_LISTED)
                    .append(" more\n");
        }
    }

    public synchronized String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append("\n===== Proto customer import: summary =====\n");
        if (aborted != null) {
            sb.append("IMPORT ABORTED: ").append(aborted).append('\n');
        }
        if (dryRun) {
            sb.append("DRY RUN             : nothing was sent (reads only: customField/list, the journal)\n");
        }
        sb.append("Journal             : ")
                .append(journal == null ? "none" : journal.description())
                .append('\n');
        sb.append("Plan custom field   : ").append(planField).append('\n');
        sb.append("Rows read           : ").append(rowsRead).append('\n');
        if (startNanos != 0) {
            double seconds = Math.max(((endNanos != 0 ? endNanos : System.nanoTime()) - startNanos) / 1e9, 1e-3);
            sb.append(String.format(
                    Locale.ROOT,
                    "Rows processed      : %d in %.1f s (%.0f rows/s, up to %d in parallel)\n",
                    rowsDone,
                    seconds,
                    rowsDone / seconds,
                    concurrency));
        }
        if (dryRun) {
            sb.append("Customers to upsert : ").append(customersToUpsert).append('\n');
            sb.append("Tags to apply       : ").append(tagsToApply).append('\n');
            sb.append("Fields to set (Plan): ").append(customersToUpsert).append('\n');
            sb.append("Tickets to create   : ").append(ticketsToCreate.size()).append('\n');
            appendTickets(sb, ticketsToCreate());
        } else {
            sb.append("Customers upserted  : ").append(customers.size()).append('\n');
            sb.append("Tags applied        : ").append(tagsApplied).append('\n');
            sb.append("Fields set (Plan)   : ").append(fieldsSet).append('\n');
            sb.append("Tickets created     : ").append(tickets.size()).append('\n');
            appendTickets(sb, tickets());
            if (!resentTickets.isEmpty()) {
                sb.append("  (")
                        .append(resentTickets.size())
                        .append(" of them re-sent: uncertain, --resend-uncertain)\n");
            }
        }
        if (journal != null && journal.enabled()) {
            sb.append("Tickets skipped (created by an earlier run): ")
                    .append(skippedTickets.size())
                    .append('\n');
            List<UncertainTicket> uncertain = uncertainTickets();
            sb.append("Tickets uncertain   : ").append(uncertain.size());
            if (!uncertain.isEmpty()) {
                sb.append(" (pending in the journal: a run died before the answer, or another importer is sending"
                        + " it now; may exist in Proto; not re-sent without --resend-uncertain)");
            }
            sb.append('\n');
            for (UncertainTicket u : uncertain.subList(0, Math.min(FAILURES_LISTED, uncertain.size()))) {
                sb.append("  line ")
                        .append(u.line())
                        .append(" (")
                        .append(u.providedUniqueId())
                        .append(") pending since ")
                        .append(u.pendingSince())
                        .append("  \"")
                        .append(u.subject())
                        .append("\"\n");
            }
            if (uncertain.size() > FAILURES_LISTED) {
                sb.append("  ... and ")
                        .append(uncertain.size() - FAILURES_LISTED)
                        .append(" more\n");
            }
        }
        long unexpected = failedRows.stream().filter(f -> !f.expected()).count();
        sb.append("Rows failed         : ")
                .append(failedRows.size())
                .append(" (bad input data: ")
                .append(failedRows.size() - unexpected)
                .append(", unexpected: ")
                .append(unexpected)
                .append(")\n");
        List<FailedRow> sortedFailures = failedRows();
        for (FailedRow f : sortedFailures.subList(0, Math.min(FAILURES_LISTED, sortedFailures.size()))) {
            sb.append("  line ").append(f.line());
            if (f.providedUniqueId() != null) {
                sb.append(" (").append(f.providedUniqueId()).append(')');
            }
            sb.append(f.expected() ? ": " : ": UNEXPECTED: ").append(f.reason()).append('\n');
        }
        if (sortedFailures.size() > FAILURES_LISTED) {
            sb.append("  ... and ")
                    .append(sortedFailures.size() - FAILURES_LISTED)
                    .append(" more\n");
        }
        sb.append("Exit code           : ")
                .append(exitCode())
                .append(exitCode() == 0 ? " (only bad input rows failed, if any)" : " (unexpected failures)");
        return sb.toString();
    }
}
