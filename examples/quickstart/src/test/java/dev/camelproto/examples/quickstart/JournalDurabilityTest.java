package dev.camelproto.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;

/**
 * The embedded journal keeps every done mark a process wrote before it died without closing anything: a child JVM
 * marks 200 tickets pending then done through {@link TicketJournalRepository} on {@link ImportJournal#h2Url}, and
 * halts ({@code Runtime.halt}: no shutdown hook, no close, like {@code kill -9} for the files). With H2's default
 * write delay this loses the last marks (tried: 1 to 37 of 50 rows survived); with {@code WRITE_DELAY=0} none.
 */
class JournalDurabilityTest {

    private static final int KEYS = 200;

    /** The child: marks KEYS tickets done, prints "marked", then halts. */
    public static void main(String[] args) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(ImportJournal.h2Url(Path.of(args[0])), "sa", "");
        TicketJournalRepository repo = new TicketJournalRepository(pool, "target");
        repo.start();
        for (int k = 0; k < KEYS; k++) {
            repo.add("row-" + k);
            repo.markDone("row-" + k, "ticket-" + k);
        }
        System.out.println("marked " + KEYS);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    @Test
    void everyDoneMarkSurvivesAProcessThatDiesWithoutClosing() throws Exception {
        Path dir = Files.createDirectories(
                Path.of("target", "durability-" + System.nanoTime()).toAbsolutePath());
        Path journal = dir.resolve("journal");
        Path out = dir.resolve("child.out");
        String cp = ChildJvm.classPath()
                + java.io.File.pathSeparator
                + System.getProperty("quickstart.test-classes", "target/test-classes");
        Process child = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        cp,
                        JournalDurabilityTest.class.getName(),
                        journal.toString()))
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        assertThat(ChildJvm.awaitExit(child, out, 120))
                .as(Files.readString(out))
                .isZero();
        assertThat(Files.readString(out)).contains("marked " + KEYS);

        JdbcConnectionPool pool = JdbcConnectionPool.create(ImportJournal.h2Url(journal), "sa", "");
        TicketJournalRepository repo = new TicketJournalRepository(pool, "target");
        repo.start();
        try {
            for (int k = 0; k < KEYS; k++) {
                assertThat(repo.lookup("row-" + k))
                        .as("row-" + k)
                        .isNotNull()
                        .extracting(TicketJournalRepository.Entry::status, TicketJournalRepository.Entry::ticketId)
                        .containsExactly("done", "ticket-" + k);
            }
        } finally {
            repo.stop();
            pool.dispose();
        }
    }
}
