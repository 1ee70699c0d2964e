package dev.camelproto.examples.camelk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/** Reads the manifests of this example (module folder) with snakeyaml-engine, the YAML library of camel-yaml-dsl. */
final class Manifests {

    static final Path INTEGRATION = Path.of("proto-support-requests.integration.yaml");
    static final Path PIPE = Path.of("proto-customer-upsert.pipe.yaml");
    static final Path SECRET_EXAMPLE = Path.of("proto-credentials.secret.example.yaml");

    private Manifests() {}

    static Map<String, Object> load(Path file) throws IOException {
        return map(new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file)));
    }

    static String dump(Object yaml) {
        return new Dump(DumpSettings.builder()
                        .setDefaultFlowStyle(FlowStyle.BLOCK)
                        .build())
                .dumpToString(yaml);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    /** Follows a path of map keys, e.g. {@code at(pipe, "spec", "sink", "ref")}. */
    static Object at(Map<String, Object> root, String... keys) {
        Object current = root;
        for (String key : keys) {
            current = current instanceof Map<?, ?> m ? m.get(key) : null;
        }
        return current;
    }
}
