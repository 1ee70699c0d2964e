package dev.camelproto.examples.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Starts the quickstart (or the standalone simulator) as a child JVM with the module's runtime class path. */
final class ChildJvm {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private ChildJvm() {}

    static String classPath() throws IOException {
        String deps = Files.readString(
                        Path.of(System.getProperty("quickstart.runtime-classpath", "target/runtime-classpath.txt")))
                .strip();
        return System.getProperty("quickstart.classes", "target/classes") + java.io.File.pathSeparator + deps;
    }

    static Process start(String mainClass, List<String> args, Map<String, String> env, Path output) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classPath(),
                mainClass));
        command.addAll(args);
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().remove("PROTO_BASE_URL");
        pb.environment().remove("PROTO_SUBCOMPANY_ID");
        pb.environment().remove("PROTO_TAKEOVER_SECRET");
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Waits (at most timeoutSeconds) until a line of the output matches; returns it. */
    static String awaitLine(Process p, Path output, Predicate<String> matches, long timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
                if (matches.test(line)) {
                    return line;
                }
            }
            if (!p.isAlive()) {
                throw new AssertionError(
                        "process ended (" + p.exitValue() + ") before the line came:\n" + Files.readString(output));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("timed out waiting for a line; output so far:\n" + Files.readString(output));
    }

    static int awaitExit(Process p, Path output, long timeoutSeconds) throws Exception {
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(
                    "process did not finish in " + timeoutSeconds + " s; output:\n" + Files.readString(output));
        }
        return p.exitValue();
    }

    /** GET /_simulator/teamspaces/{id}/snapshot of a simulator seen only over HTTP. */
    static JsonNode snapshot(String root, String teamspace, String secret) throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> r = client.send(
                java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create(root + "/_simulator/teamspaces/" + teamspace + "/snapshot"))
                        .header("Authorization", "Bearer " + secret)
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("snapshot: HTTP " + r.statusCode() + " " + r.body());
        }
        return MAPPER.readTree(r.body());
    }
}
