package dev.camelproto.examples.kamelets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The Kamelet files shipped in the camel-proto jar, read from the component's sources. */
final class KameletFiles {

    static final Path DIR = Path.of("..", "..", "camel-proto-component", "src", "main", "resources", "kamelets");

    private KameletFiles() {}

    /** The shipped Kamelet files, sorted by name. */
    static List<Path> all() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".kamelet.yaml"))
                    .sorted()
                    .toList();
        }
    }

    static String name(Path file) {
        String f = file.getFileName().toString();
        return f.substring(0, f.length() - ".kamelet.yaml".length());
    }

    static Map<String, Object> load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return map(new Load(LoadSettings.builder().build()).loadFromInputStream(in));
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    static Object at(Map<String, Object> root, String... path) {
        Object o = root;
        for (String p : path) {
            if (!(o instanceof Map<?, ?> m)) {
                return null;
            }
            o = m.get(p);
        }
        return o;
    }
}
