package dev.camelproto.examples.kamelets;

import static dev.camelproto.examples.kamelets.KameletFiles.at;
import static dev.camelproto.examples.kamelets.KameletFiles.list;
import static dev.camelproto.examples.kamelets.KameletFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A structural check of every shipped Kamelet against what the Kamelet CRD ({@code camel.apache.org/v1}) and the
 * Camel K / camel-kamelets conventions require, without a cluster: required fields, JSON-schema property types and
 * defaults, the secret marked as a password credential, {@code spec.dataTypes} (not the deprecated
 * {@code spec.types}), and a template that starts from {@code kamelet:source}.
 */
class KameletStructureTest {

    private static final Set<String> JSON_SCHEMA_TYPES =
            Set.of("string", "boolean", "integer", "number", "object", "array");
    private static final Set<String> KAMELET_TYPES = Set.of("source", "sink", "action");

    static List<Path> kamelets() throws Exception {
        return KameletFiles.all();
    }

    @Test
    void theThreeSinksAreShipped() throws Exception {
        assertThat(kamelets())
                .extracting(KameletFiles::name)
                .containsExactly("proto-customer-tags-sink", "proto-customer-upsert-sink", "proto-ticket-create-sink");
        for (Path file : kamelets()) {
            assertThat(getClass().getClassLoader().getResource("kamelets/" + file.getFileName()))
                    .as(file.getFileName() + " in the camel-proto jar")
                    .isNotNull();
        }
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void matchesTheKameletCrdStructure(Path file) throws Exception {
        List<String> errors = validate(KameletFiles.name(file), KameletFiles.load(file));
        assertThat(errors).as(file.getFileName().toString()).isEmpty();
    }

    @Test
    void theValidatorCatchesMistakes() {
        Map<String, Object> broken = Map.of(
                "apiVersion",
                "camel.apache.org/v1alpha1",
                "kind",
                "Kamelet",
                "metadata",
                Map.of("name", "other-name", "labels", Map.of("camel.apache.org/kamelet.type", "sinc")),
                "spec",
                Map.of(
                        "definition",
                                Map.of(
                                        "title",
                                        "T",
                                        "description",
                                        "D",
                                        "required",
                                        List.of("missing"),
                                        "properties",
                                        Map.of(
                                                "secret", Map.of("title", "S", "description", "S", "type", "string"),
                                                "flag",
                                                        Map.of(
                                                                "title",
                                                                "F",
                                                                "description",
                                                                "F",
                                                                "type",
                                                                "bool",
                                                                "default",
                                                                "yes"))),
                        "types", Map.of(),
                        "template", Map.of("from", Map.of("uri", "timer:x"))));
        assertThat(validate("proto-x-sink", broken))
                .contains(
                        "apiVersion must be camel.apache.org/v1, is camel.apache.org/v1alpha1",
                        "metadata.name other-name does not match the file name proto-x-sink",
                        "metadata.labels.camel.apache.org/kamelet.type must be one of [source, sink, action]",
                        "required property missing is not declared",
                        "property flag: type bool is not a JSON-schema type",
                        "spec.types is deprecated: use spec.dataTypes",
                        "spec.dataTypes is missing",
                        "spec.template.from.uri must be kamelet:source for a sink, is timer:x",
                        "no property is a secret (format: password)");
    }

    /** Every way {@code kamelet} departs from the structure the CRD and the catalog conventions expect. */
    static List<String> validate(String fileName, Map<String, Object> kamelet) {
        List<String> errors = new ArrayList<>();
        if (!"camel.apache.org/v1".equals(kamelet.get("apiVersion"))) {
            errors.add("apiVersion must be camel.apache.org/v1, is " + kamelet.get("apiVersion"));
        }
        if (!"Kamelet".equals(kamelet.get("kind"))) {
            errors.add("kind must be Kamelet, is " + kamelet.get("kind"));
        }
        Object name = at(kamelet, "metadata", "name");
        if (!fileName.equals(name)) {
            errors.add("metadata.name " + name + " does not match the file name " + fileName);
        }
        if (name instanceof String n && !n.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
            errors.add("metadata.name " + n + " is not a Kubernetes name (RFC 1123 label)");
        }
        Object type = at(kamelet, "metadata", "labels") instanceof Map<?, ?> labels
                ? labels.get("camel.apache.org/kamelet.type")
                : null;
        if (type == null || !KAMELET_TYPES.contains(type)) {
            errors.add("metadata.labels.camel.apache.org/kamelet.type must be one of [source, sink, action]");
        }

        // spec.definition: a JSON schema of the properties
        Map<String, Object> definition = at(kamelet, "spec", "definition") instanceof Map<?, ?> d ? map(d) : Map.of();
        for (String key : List.of("title", "description")) {
            if (!(definition.get(key) instanceof String s) || s.isBlank()) {
                errors.add("spec.definition." + key + " is missing");
            }
        }
        Map<String, Object> properties = definition.get("properties") instanceof Map<?, ?> p ? map(p) : Map.of();
        if (properties.isEmpty()) {
            errors.add("spec.definition.properties is missing");
        }
        if (definition.containsKey("type") && !"object".equals(definition.get("type"))) {
            errors.add("spec.definition.type must be object");
        }
        if (definition.get("required") instanceof List<?> required) {
            for (Object r : required) {
                if (!properties.containsKey(r)) {
                    errors.add("required property " + r + " is not declared");
                }
            }
        } else {
            errors.add("spec.definition.required is missing");
        }
        boolean secret = false;
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            String p = "property " + e.getKey();
            if (!(e.getValue() instanceof Map<?, ?> raw)) {
                errors.add(p + " is not an object");
                continue;
            }
            Map<String, Object> property = map(raw);
            for (String key : List.of("title", "description")) {
                if (!(property.get(key) instanceof String s) || s.isBlank()) {
                    errors.add(p + ": " + key + " is missing");
                }
            }
            Object t = property.get("type");
            if (t == null || !JSON_SCHEMA_TYPES.contains(t)) {
                errors.add(p + ": type " + t + " is not a JSON-schema type");
            } else {
                for (String key : List.of("default", "example")) {
                    if (property.containsKey(key) && !hasType(property.get(key), (String) t)) {
                        errors.add(p + ": " + key + " " + property.get(key) + " is not of type " + t);
                    }
                }
            }
            if ("password".equals(property.get("format"))) {
                secret = true;
                Object descriptors = property.get("x-descriptors");
                if (!(descriptors instanceof List<?> l)
                        || !l.contains("urn:camel:group:credentials")
                        || !l.contains("urn:alm:descriptor:com.tectonic.ui:password")) {
                    errors.add(p + ": a password needs x-descriptors urn:camel:group:credentials and"
                            + " urn:alm:descriptor:com.tectonic.ui:password");
                }
                if (property.containsKey("default") || property.containsKey("example")) {
                    errors.add(p + ": a password has no default or example");
                }
            }
            if (e.getKey().toLowerCase().contains("secret") && !"password".equals(property.get("format"))) {
                errors.add(p + ": looks like a secret but is not format: password");
            }
        }
        if (!secret) {
            errors.add("no property is a secret (format: password)");
        }

        // spec.dataTypes (the current spec) rather than spec.types (deprecated)
        if (at(kamelet, "spec", "types") != null) {
            errors.add("spec.types is deprecated: use spec.dataTypes");
        }
        Object dataTypes = at(kamelet, "spec", "dataTypes");
        if (!(dataTypes instanceof Map<?, ?> dt)) {
            errors.add("spec.dataTypes is missing");
        } else {
            for (Map.Entry<?, ?> slot : dt.entrySet()) {
                String s = "spec.dataTypes." + slot.getKey();
                if (!Set.of("in", "out", "error").contains(slot.getKey())) {
                    errors.add(s + ": the slots are in, out and error");
                }
                if (!(slot.getValue() instanceof Map<?, ?> spec)
                        || !(spec.get("types") instanceof Map<?, ?> types)
                        || types.isEmpty()) {
                    errors.add(s + ".types is missing");
                    continue;
                }
                if (spec.get("default") != null && !types.containsKey(spec.get("default"))) {
                    errors.add(s + ".default " + spec.get("default") + " is not one of its types");
                }
                for (Map.Entry<?, ?> dataType : types.entrySet()) {
                    if (!(dataType.getValue() instanceof Map<?, ?> d)
                            || !(d.get("format") instanceof String)
                            || !(d.get("mediaType") instanceof String)) {
                        errors.add(s + ".types." + dataType.getKey() + " needs a format and a mediaType");
                    }
                }
            }
        }

        // spec.template: a route from kamelet:source (a source Kamelet ends in kamelet:sink instead)
        Object from = at(kamelet, "spec", "template", "from", "uri");
        if (fileName.endsWith("-sink") || fileName.endsWith("-action")) {
            type = fileName.substring(fileName.lastIndexOf('-') + 1);
        }
        if ("sink".equals(type) || "action".equals(type)) {
            if (!"kamelet:source".equals(from)) {
                errors.add("spec.template.from.uri must be kamelet:source for a " + type + ", is " + from);
            }
            if (!(at(kamelet, "spec", "template", "from", "steps") instanceof List<?> steps) || steps.isEmpty()) {
                errors.add("spec.template.from.steps is missing");
            }
        }
        if (at(kamelet, "spec", "dependencies") instanceof List<?> deps) {
            for (Object dep : deps) {
                if (!(dep instanceof String s) || !s.matches("(camel:|mvn:|github:)\\S+")) {
                    errors.add("dependency " + dep + " is not camel:, mvn: or github:");
                }
            }
        }
        return errors;
    }

    private static boolean hasType(Object value, String type) {
        return switch (type) {
            case "string" -> value instanceof String;
            case "boolean" -> value instanceof Boolean;
            case "integer" -> value instanceof Integer || value instanceof Long;
            case "number" -> value instanceof Number;
            case "array" -> value instanceof List<?>;
            default -> value instanceof Map<?, ?>;
        };
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void everyTemplatePlaceholderIsADeclaredProperty(Path file) throws Exception {
        Map<String, Object> kamelet = KameletFiles.load(file);
        String template = String.valueOf(at(kamelet, "spec", "template"));
        Set<String> declared =
                map(at(kamelet, "spec", "definition", "properties")).keySet();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\\{\\{\\??([A-Za-z0-9]+)}}").matcher(template);
        List<String> used = new ArrayList<>();
        while (m.find()) {
            used.add(m.group(1));
        }
        assertThat(used).isNotEmpty();
        assertThat(declared).containsAll(used);
        // every optional property without a default is referenced as {{?name}}, so it may be left unset
        for (String p : declared) {
            Map<String, Object> property =
                    map(map(at(kamelet, "spec", "definition", "properties")).get(p));
            boolean required =
                    list(at(kamelet, "spec", "definition", "required")).contains(p);
            if (!required && !property.containsKey("default")) {
                assertThat(template).as(p).doesNotContain("{{" + p + "}}");
            }
        }
    }
}
