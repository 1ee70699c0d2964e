package dev.camelproto.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Keeps the harness working in the normal build: every scenario with tiny sizes, no JMH, output under target/. */
class HarnessSmokeTest {

    @Test
    void allScenariosRunAndTheReportIsWritten() throws Exception {
        BenchmarkMain.Config cfg =
                new BenchmarkMain.Config(0, 1, new int[] {1, 4}, 60, 30, 64, 32, 20, 80, 16, 50, 1000, 8, false);
        Path out = Path.of("target/smoke-docs");
        Report report = BenchmarkMain.run(cfg, out, null);

        assertThat(out.resolve("performance.md")).exists();
        assertThat(Files.size(out.resolve("performance-throughput.png"))).isGreaterThan(1000);
        assertThat(Files.readString(out.resolve("performance.md")))
                .contains("Scenario 4")
                .contains("A/C");
        assertThat(report.s1.failures).as("scenario 1 calls all 2xx").isEmpty();
        assertThat(report.s2).allSatisfy(r -> assertThat(r.result().failed()).isZero());
        assertThat(report.s4.failed()).isZero();
        // scenario 3: the simulator does limit (some 2xx, some 429 beyond 50/s)
        assertThat(report.s3).allSatisfy(r -> assertThat(r.result().ok()).isPositive());
    }
}
