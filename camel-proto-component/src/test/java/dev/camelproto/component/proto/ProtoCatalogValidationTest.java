package dev.camelproto.component.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.catalog.CamelCatalog;
import org.apache.camel.catalog.DefaultCamelCatalog;
import org.apache.camel.catalog.EndpointValidationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated catalog must accept every proto: URI the docs and examples show. Before the rework
 * subcompanyId and takeoverSecret were required ENDPOINT options, so the catalog (and tooling such as camel-jbang's
 * validate or the IDE plugins) flagged every one of them with "Missing required option".
 */
class ProtoCatalogValidationTest {

    /** A proto: endpoint URI in Markdown, YAML, XML or Java; stops at quotes, whitespace, brackets and backticks. */
    private static final Pattern URI = Pattern.compile("(?<![A-Za-z0-9.-])proto:[A-Za-z][^\\s\"'<>()`\\]}]*");

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static CamelCatalog catalog;

    @BeforeAll
    static void loadCatalog() throws IOException {
        String json = Files.readString(
                Path.of("src/generated/resources/META-INF/dev/camelproto/component/proto/proto.json"),
                StandardCharsets.UTF_8);
        catalog = new DefaultCamelCatalog();
        catalog.addComponent("proto", ProtoComponent.class.getName(), json);
    }

    static Map<String, Path> documentedUris() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(files::add);
        }
        try (Stream<Path> examples = Files.walk(ROOT.resolve("examples"))) {
            examples.filter(Files::isRegularFile)
                    .filter(p -> !p.toString().contains("/target/"))
                    .filter(p -> p.toString().matches(".*\\.(ya?ml|xml|java|md)$"))
                    .filter(p -> !p.getFileName().toString().equals("pom.xml"))
                    .forEach(files::add);
        }
        Map<String, Path> uris = new TreeMap<>();
        for (Path file : files) {
            Matcher m = URI.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (m.find()) {
                String uri = m.group().replaceAll("[.,;:]+$", "").replace("&amp;", "&");
                if (uri.contains("{{") || uri.contains("${")) {
                    continue; // property placeholders are resolved at runtime, not by the catalog
                }
                uris.putIfAbsent(uri, file);
            }
        }
        return uris;
    }

    @Test
    void everyDocumentedUriIsValid() throws IOException {
        Map<String, Path> uris = documentedUris();
        assertThat(uris)
                .as("proto: URIs found")
                .hasSizeGreaterThanOrEqualTo(8)
                .containsKeys("proto:ticket/create", "proto:customer/create", "proto:customer/upsert", "proto:raw");
        for (Map.Entry<String, Path> e : uris.entrySet()) {
            EndpointValidationResult result = catalog.validateEndpointProperties(e.getKey());
            assertThat(result.isSuccess())
                    .as(
                            "%s (from %s): %s",
                            e.getKey(), ROOT.relativize(e.getValue()), result.summaryErrorMessage(false))
                    .isTrue();
            assertThat(result.getRequired()).as(e.getKey()).isNullOrEmpty();
        }
    }

    @Test
    void typoOptionAndUnknownOperationAreFlagged() {
        EndpointValidationResult typo =
                catalog.validateEndpointProperties("proto:customer/addTags?createIfNotExist=true");
        assertThat(typo.isSuccess()).isFalse();
        assertThat(typo.getUnknown()).containsExactly("createIfNotExist");

        EndpointValidationResult badEnum = catalog.validateEndpointProperties("proto:customer/delete");
        assertThat(badEnum.isSuccess()).isFalse();
        assertThat(badEnum.getInvalidEnum()).containsKey("operation");

        EndpointValidationResult ok =
                catalog.validateEndpointProperties("proto:raw?method=GET&path=/v1/custom-fields/x/list-custom-fields");
        assertThat(ok.isSuccess()).as(ok.summaryErrorMessage(false)).isTrue();
    }
}
