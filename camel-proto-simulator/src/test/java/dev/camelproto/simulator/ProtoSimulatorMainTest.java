package dev.camelproto.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProtoSimulatorMainTest {

    @Test
    void startsInProcessWithFlags() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Path seed = Path.of(getClass().getResource("/seed-data.json").toURI());
        try (ProtoSimulator sim = ProtoSimulatorMain.start(
                new String[] {
                    "--port",
                    "0",
                    "--teamspace",
                    "TS",
                    "--secret",
                    "sec",
                    "--seed",
                    "5",
                    "--latency",
                    "0-1",
                    "--status-rate",
                    "503=0",
                    "--status-rate=429=0",
                    "--reset-rate",
                    "0",
                    "--rate-limit",
                    "1000",
                    "--drop-after-write-rate",
                    "0",
                    "--seed-data",
                    seed.toString()
                },
                new PrintStream(buf, true, StandardCharsets.UTF_8))) {
            String out = buf.toString(StandardCharsets.UTF_8);
            assertThat(out)
                    .contains("listening on " + sim.baseUrl())
                    .contains("teamspace (subcompany_id): TS")
                    .contains("secret:                    sec")
                    .contains("curl -s -H \"Authorization: Bearer sec\" " + sim.baseUrl()
                            + "/v1/custom-fields/TS/list-custom-fields");
            assertThat(sim.seed()).isEqualTo(5L);
            assertThat(sim.faults().statusRates()).containsOnlyKeys(429, 503);
            assertThat(sim.faults().rateLimitPerSecond()).isEqualTo(1000);
            assertThat(sim.faults().latencyMaxMs()).isEqualTo(1);
            assertThat(sim.subcompanyIds()).containsExactly("TS", "01HSWE652DMW6REJ1FB1135PRZ", "TS-OTHER");
            TestHttp.Res r = new TestHttp(sim.baseUrl(), "sec").get("/v1/custom-fields/TS/list-custom-fields");
            assertThat(r.body()).isEqualTo("[]");
            // the printed snapshot command works as printed
            String root = "http://127.0.0.1:" + sim.port();
            assertThat(out)
                    .contains(
                            "curl -s -H \"Authorization: Bearer sec\" " + root + "/_simulator/teamspaces/TS/snapshot");
            TestHttp.Res snapshot = new TestHttp(root, "sec").get("/_simulator/teamspaces/TS/snapshot");
            assertThat(snapshot.status()).isEqualTo(200);
            assertThat(snapshot.json().get("subcompany_id").asText()).isEqualTo("TS");
        }
    }

    @Test
    void helpAndBadFlags() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        assertThat(ProtoSimulatorMain.start(
                        new String[] {"--help"}, new PrintStream(buf, true, StandardCharsets.UTF_8)))
                .isNull();
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("--status-rate <code>=<rate>");
        PrintStream out = new PrintStream(new ByteArrayOutputStream());
        assertThatThrownBy(() -> ProtoSimulatorMain.start(new String[] {"--bogus", "1"}, out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--bogus");
        assertThatThrownBy(() -> ProtoSimulatorMain.start(new String[] {"--status-rate", "503"}, out))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProtoSimulatorMain.start(new String[] {"--port"}, out))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProtoSimulatorMain.start(new String[] {"--secret", "x"}, out))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void realMainInAChildJvmAnswersAndStopsOnSignal() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        ProtoSimulatorMain.class.getName(),
                        "--port",
                        "0")
                .redirectErrorStream(true)
                .start();
        try {
            java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    String l;
                    while ((l = in.readLine()) != null) {
                        lines.add(l);
                    }
                } catch (java.io.IOException e) {
                    lines.add("<" + e + ">");
                }
                lines.add("<EOF>");
            });
            reader.setDaemon(true);
            reader.start();
            String baseUrl = null;
            String ts = null;
            String secret = null;
            Pattern url = Pattern.compile("listening on (\\S+)");
            String line;
            while ((line = lines.poll(20, TimeUnit.SECONDS)) != null && !line.equals("<EOF>")) {
                Matcher m = url.matcher(line);
                if (m.find()) {
                    baseUrl = m.group(1);
                } else if (line.contains("teamspace (subcompany_id):")) {
                    ts = line.substring(line.indexOf(':') + 1).trim();
                } else if (line.trim().startsWith("secret:")) {
                    secret = line.substring(line.indexOf(':') + 1).trim();
                } else if (line.startsWith("Stop with Ctrl-C")) {
                    break;
                }
            }
            assertThat(baseUrl).startsWith("http://127.0.0.1:");
            TestHttp.Res r = new TestHttp(baseUrl, secret).get("/v1/custom-fields/" + ts + "/list-custom-fields");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("[]");
            assertThat(new TestHttp(baseUrl, "wrong")
                            .get("/v1/custom-fields/" + ts + "/list-custom-fields")
                            .status())
                    .isEqualTo(401);
            p.toHandle().destroy(); // SIGTERM → shutdown hook (Process.destroy() would close our pipe)
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
            assertThat(List.copyOf(lines)).contains("Proto simulator stopped.");
        } finally {
            p.destroyForcibly();
        }
    }
}
