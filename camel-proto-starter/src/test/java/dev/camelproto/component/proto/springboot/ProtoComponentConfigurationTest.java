package dev.camelproto.component.proto.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Sanitizer;

/**
 * The starter's properties and the component's catalog options are the same set, with the same descriptions and
 * defaults, so they cannot drift apart. No Spring context here.
 */
class ProtoComponentConfigurationTest {

    private static final String PREFIX = "camel.component.proto.";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** componentProperties of proto.json, read from the camel-proto jar on the classpath. */
    private static Map<String, JsonNode> catalogOptions() throws Exception {
        try (InputStream in = ProtoComponentConfigurationTest.class
                .getClassLoader()
                .getResourceAsStream("META-INF/dev/camelproto/component/proto/proto.json")) {
            assertThat(in).as("proto.json of the camel-proto jar").isNotNull();
            Map<String, JsonNode> options = new TreeMap<>();
            JSON.readTree(in)
                    .get("componentProperties")
                    .fields()
                    .forEachRemaining(e -> options.put(e.getKey(), e.getValue()));
            return options;
        }
    }

    /** The properties of the generated spring-configuration-metadata.json (this module's output), by camelCase name. */
    private static Map<String, JsonNode> springMetadata() throws Exception {
        Map<String, JsonNode> properties = new TreeMap<>();
        var urls = ProtoComponentConfigurationTest.class
                .getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json");
        while (urls.hasMoreElements()) {
            try (InputStream in = urls.nextElement().openStream()) {
                for (JsonNode p : JSON.readTree(in).get("properties")) {
                    String name = p.get("name").asText();
                    if (name.startsWith(PREFIX)) {
                        properties.put(camelCase(name.substring(PREFIX.length())), p);
                    }
                }
            }
        }
        // the two switches every Camel starter has, not component options
        properties.remove("enabled");
        properties.remove("customizer.enabled");
        return properties;
    }

    private static String camelCase(String kebab) {
        StringBuilder b = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
    }

    @Test
    void fieldsOfTheConfigurationClassAreExactlyTheCatalogOptions() throws Exception {
        var fields = Arrays.stream(ProtoComponentConfiguration.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()))
                .map(Field::getName)
                .filter(n -> !n.equals("enabled"))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        assertThat(fields).containsExactlyElementsOf(catalogOptions().keySet());
        assertThat(catalogOptions()).hasSize(31);
    }

    @Test
    void generatedSpringMetadataHasEveryCatalogOptionWithItsDescriptionAndDefault() throws Exception {
        Map<String, JsonNode> catalog = catalogOptions();
        Map<String, JsonNode> metadata = springMetadata();
        assertThat(metadata.keySet()).containsExactlyElementsOf(catalog.keySet());

        Map<String, String> mismatches = new LinkedHashMap<>();
        catalog.forEach((name, option) -> {
            JsonNode p = metadata.get(name);
            String description = option.get("description").asText();
            if (!p.path("description").asText().startsWith(description)) {
                mismatches.put(name + ".description", p.path("description").asText());
            }
            String expectedDefault =
                    option.has("defaultValue") ? option.get("defaultValue").asText() : null;
            String actualDefault = p.has("defaultValue") ? p.get("defaultValue").asText() : null;
            if ("duration".equals(option.get("type").asText()) && actualDefault != null) {
                // Spring writes a Duration default as "10000ms"; the catalog as milliseconds
                actualDefault = actualDefault.replace("ms", "");
            }
            if (expectedDefault == null ? actualDefault != null : !expectedDefault.equals(actualDefault)) {
                mismatches.put(name + ".defaultValue", expectedDefault + " != " + actualDefault);
            }
        });
        assertThat(mismatches).isEmpty();

        assertThat(metadata.get("takeoverSecret").get("description").asText())
                .isEqualTo("The takeover secret of the teamspace, sent as the Bearer token. Set it from a property"
                        + " placeholder or the environment, never in a route.");
        assertThat(metadata.get("takeoverSecret").get("type").asText()).isEqualTo("java.lang.String");
        assertThat(metadata.get("connectTimeout").get("type").asText()).isEqualTo("java.time.Duration");
    }

    @Test
    void springBoot35DoesNotMaskBySecretLikeKeysOnceValuesAreShownButTheStarterFunctionDoes() {
        SanitizableData data = new SanitizableData(null, "camel.component.proto.takeover-secret", "s3cr3t-value");
        // show-values=NEVER (the default): everything masked
        assertThat(new Sanitizer().sanitize(data, false)).isEqualTo("******");
        // show-values=ALWAYS/WHEN_AUTHORIZED without any SanitizingFunction: Spring Boot 3 shows the raw value
        assertThat(new Sanitizer().sanitize(data, true)).isEqualTo("s3cr3t-value");
        // with the starter's function
        Sanitizer withStarter = new Sanitizer(
                java.util.List.of(new ProtoActuatorAutoConfiguration().protoTakeoverSecretSanitizingFunction()));
        assertThat(withStarter.sanitize(data, true)).isEqualTo("******");
        assertThat(withStarter.sanitize(
                        new SanitizableData(null, "CAMEL_COMPONENT_PROTO_TAKEOVER_SECRET", "s3cr3t-value"), true))
                .isEqualTo("******");
        assertThat(withStarter.sanitize(new SanitizableData(null, "takeoverSecret", "s3cr3t-value"), true))
                .isEqualTo("******");
        assertThat(withStarter.sanitize(
                        new SanitizableData(null, "camel.component.proto.base-url", "http://localhost:1"), true))
                .isEqualTo("http://localhost:1");
    }
}
