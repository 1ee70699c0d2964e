package dev.camelproto.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.simulator.Customer;
import dev.camelproto.simulator.ProtoSimulator;
import dev.camelproto.simulator.Snapshot;
import dev.camelproto.simulator.Ticket;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code camel run route.yaml application.properties <camel-proto jars> --max-messages=1} with the Camel CLI
 * (camel-jbang-core 4.17.0, in its own JVM) against an in-memory simulator, and asserts the simulator's state.
 *
 * <p>The camel-proto jar is the one this build resolved (the reactor's in {@code ./mvnw verify}), passed as jar files
 * with its HttpClient 5 jars, so the test never runs a stale {@code 0.1.0-SNAPSHOT} from {@code ~/.m2}. At run time
 * the CLI resolves the Camel modules the route needs (camel-yaml-dsl, camel-timer...) from {@code ~/.m2} or Maven
 * Central.
 */
class CamelCliRunTest {

    private static final Path TARGET = Path.of("target");

    @Test
    void camelRunCreatesCustomerAndTicket() throws Exception {
        Path work = Files.createDirectories(TARGET.resolve("cli-run"));
        for (String file : List.of("route.yaml", "application.properties")) {
            Files.copy(Path.of(file), work.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        String cliClasspath =
                Files.readString(TARGET.resolve("camel-cli.classpath")).strip()
                        + File.pathSeparator
                        + TARGET.resolve("test-classes").toAbsolutePath();
        List<String> protoJars = List.of(Files.readString(TARGET.resolve("camel-proto.classpath"))
                .strip()
                .split(File.pathSeparator));
        assertThat(protoJars).anySatisfy(jar -> assertThat(jar).contains("camel-proto"));

        try (ProtoSimulator simulator = ProtoSimulator.builder().start()) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    cliClasspath,
                    CamelCli.class.getName(),
                    "run",
                    "route.yaml",
                    "application.properties"));
            command.addAll(protoJars);
            command.addAll(List.of("--max-messages=1", "--max-seconds=90"));
            Path log = TARGET.resolve("camel-cli-run.log").toAbsolutePath();
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(work.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().put("PROTO_BASE_URL", simulator.baseUrl());
            pb.environment().put("PROTO_SUBCOMPANY_ID", simulator.subcompanyId());
            pb.environment().put("PROTO_TAKEOVER_SECRET", simulator.secret());

            Process camel = pb.start();
            boolean exited = camel.waitFor(120, TimeUnit.SECONDS);
            if (!exited) {
                camel.destroyForcibly();
            }
            String output = Files.readString(log);
            assertThat(exited)
                    .as("camel run exited in time; output:%n%s", output)
                    .isTrue();
            assertThat(camel.exitValue()).as("exit code; output:%n%s", output).isZero();

            Snapshot state = simulator.snapshot();
            assertThat(state.customers()).hasSize(1);
            Customer customer = state.customer("cli-customer").orElseThrow();
            assertThat(customer.name()).isEqualTo("Cli User");
            assertThat(customer.email()).isEqualTo("cli@example.com");
            assertThat(state.tickets()).hasSize(1);
            Ticket ticket = state.tickets().get(0);
            assertThat(ticket.subject()).isEqualTo("Hello from the Camel CLI");
            assertThat(ticket.customerId()).isEqualTo(customer.id());
            assertThat(output).contains("Ticket " + ticket.id() + " created");
        }
    }
}
