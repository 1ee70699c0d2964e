package dev.camelproto.component.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** Reads the MANIFEST of the built jar: an OSGi bundle exporting only the public API package. */
class BundleManifestIT {

    @Test
    void manifestIsAnOsgiBundleExportingOnlyThePublicApi() throws Exception {
        String jar = System.getProperty("bundle.jar");
        assertThat(jar).as("failsafe passes the built jar's path").isNotBlank();
        assertThat(new File(jar)).exists();
        try (JarFile file = new JarFile(jar)) {
            Attributes main = file.getManifest().getMainAttributes();
            assertThat(main.getValue("Bundle-SymbolicName")).isEqualTo("dev.camelproto.camel-proto");
            assertThat(main.getValue("Bundle-ManifestVersion")).isEqualTo("2");
            String exports = main.getValue("Export-Package");
            assertThat(exports).startsWith("dev.camelproto.component.proto;").contains("version=\"0.1.0.SNAPSHOT\"");
            assertThat(exports).doesNotContain("dev.camelproto.component.proto.internal");
            assertThat(file.getEntry("dev/camelproto/component/proto/internal/request/ProtoOperation.class"))
                    .as("internals are inside, private")
                    .isNotNull();
            String imports = main.getValue("Import-Package");
            assertThat(imports)
                    .contains("org.apache.camel;version=\"[4.18,5)\"")
                    .contains("org.apache.hc.client5.http.impl.async;version=\"[5.5,6)\"")
                    .doesNotContain("dev.camelproto.component.proto.internal");
            // Micrometer is optional: every io.micrometer package is imported with resolution:=optional
            java.util.List<String> micrometer = java.util.Arrays.stream(imports.split(",(?=[a-z])"))
                    .filter(p -> p.startsWith("io.micrometer"))
                    .toList();
            assertThat(micrometer)
                    .as("Micrometer packages imported")
                    .isNotEmpty()
                    .anySatisfy(p -> assertThat(p).startsWith("io.micrometer.core.instrument;"))
                    .allSatisfy(p -> assertThat(p).contains("resolution:=optional"));
            // the generated Camel metadata is inside the bundle
            assertThat(file.getEntry("META-INF/services/org/apache/camel/component/proto"))
                    .isNotNull();
            assertThat(file.getEntry("META-INF/dev/camelproto/component/proto/proto.json"))
                    .isNotNull();
            assertThat(file.getEntry("dev/camelproto/component/proto/ProtoEndpointConfigurer.class"))
                    .isNotNull();
        }
    }
}
