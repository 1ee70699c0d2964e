package dev.camelproto.examples.camelk;

import static dev.camelproto.examples.camelk.Manifests.at;
import static dev.camelproto.examples.camelk.Manifests.list;
import static dev.camelproto.examples.camelk.Manifests.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The structure of the manifests, as Camel K expects it; and no secret value in any of them. */
class ManifestsTest {

    @Test
    void integrationIsACamelKIntegrationWithAProtoFlow() throws Exception {
        Map<String, Object> it = Manifests.load(Manifests.INTEGRATION);

        assertThat(it).containsEntry("apiVersion", "camel.apache.org/v1").containsEntry("kind", "Integration");
        assertThat(at(it, "metadata", "name")).isEqualTo("proto-support-requests");
        assertThat(list(at(it, "spec", "dependencies")))
                .contains("mvn:dev.camelproto:camel-proto:0.1.0-SNAPSHOT", "camel:platform-http", "camel:jackson");
        assertThat(list(at(it, "spec", "traits", "mount", "configs"))).containsExactly("secret:proto-credentials");

        List<Object> flows = list(at(it, "spec", "flows"));
        assertThat(flows).hasSize(1);
        Map<String, Object> from = map(at(map(flows.get(0)), "route", "from"));
        assertThat(from.get("uri")).isEqualTo("platform-http:/support-requests");
        List<Object> endpoints = list(from.get("steps")).stream()
                .map(step -> map(step).get("to"))
                .filter(to -> to != null)
                .toList();
        assertThat(endpoints).containsExactly("proto:customer/create", "proto:ticket/create");
    }

    @Test
    void pipeWiresTimerSourceToTheProtoCustomerUpsertSinkKamelet() throws Exception {
        Map<String, Object> pipe = Manifests.load(Manifests.PIPE);

        assertThat(pipe).containsEntry("apiVersion", "camel.apache.org/v1").containsEntry("kind", "Pipe");
        assertThat(map(at(pipe, "metadata", "annotations")))
                .containsEntry("trait.camel.apache.org/mount.configs", "secret:proto-credentials");
        assertThat(map(at(pipe, "spec", "source", "ref")))
                .containsEntry("kind", "Kamelet")
                .containsEntry("apiVersion", "camel.apache.org/v1")
                .containsEntry("name", "timer-source");
        assertThat(map(at(pipe, "spec", "sink", "ref")))
                .containsEntry("kind", "Kamelet")
                .containsEntry("apiVersion", "camel.apache.org/v1")
                .containsEntry("name", "proto-customer-upsert-sink");
        assertThat(map(at(pipe, "spec", "sink", "properties")))
                .containsEntry("subcompanyId", "{{proto.subcompany-id}}")
                .containsEntry("takeoverSecret", "{{proto.secret}}")
                .containsEntry("providedUniqueId", "pipe-demo")
                .containsEntry("tags", "from-pipe,demo")
                .containsEntry("createIfNotExists", true);
    }

    @Test
    void theSinkKameletOfThePipeIsShippedInTheCamelProtoJar() throws Exception {
        try (var in =
                getClass().getClassLoader().getResourceAsStream("kamelets/proto-customer-upsert-sink.kamelet.yaml")) {
            assertThat(in)
                    .as("kamelets/proto-customer-upsert-sink.kamelet.yaml on the class path")
                    .isNotNull();
            Map<String, Object> kamelet = map(new org.snakeyaml.engine.v2.api.Load(
                            org.snakeyaml.engine.v2.api.LoadSettings.builder().build())
                    .loadFromInputStream(in));
            assertThat(kamelet).containsEntry("kind", "Kamelet");
            assertThat(map(at(kamelet, "metadata", "labels"))).containsEntry("camel.apache.org/kamelet.type", "sink");
            assertThat(list(at(kamelet, "spec", "definition", "required")))
                    .containsExactly("subcompanyId", "takeoverSecret");
            assertThat(map(at(kamelet, "spec", "definition", "properties", "takeoverSecret")))
                    .containsEntry("format", "password")
                    .containsEntry(
                            "x-descriptors",
                            List.of("urn:camel:group:credentials", "urn:alm:descriptor:com.tectonic.ui:password"));
            // every property the Pipe sets is one the Kamelet declares
            assertThat(map(at(kamelet, "spec", "definition", "properties")).keySet())
                    .containsAll(map(at(Manifests.load(Manifests.PIPE), "spec", "sink", "properties"))
                            .keySet());
            assertThat(list(at(kamelet, "spec", "dependencies")))
                    .contains("mvn:dev.camelproto:camel-proto:0.1.0-SNAPSHOT", "camel:kamelet", "camel:jackson");
        }
    }

    @Test
    void noManifestHoldsASecretValue() throws Exception {
        String integration = Files.readString(Manifests.INTEGRATION);
        String pipe = Files.readString(Manifests.PIPE);
        assertThat(integration).doesNotContain("takeover-secret=", "takeoverSecret");
        assertThat(pipe).contains("takeoverSecret: \"{{proto.secret}}\"");
        Map<String, Object> secret = Manifests.load(Manifests.SECRET_EXAMPLE);
        assertThat(secret).containsEntry("kind", "Secret");
        String properties = (String) at(secret, "stringData", "application.properties");
        assertThat(properties.lines().filter(l -> !l.startsWith("#")).map(l -> l.substring(l.indexOf('=') + 1)))
                .containsOnly("REPLACE_ME");
    }
}
