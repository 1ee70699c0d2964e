package dev.camelproto.examples.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;

import dev.camelproto.component.proto.ProtoComponent;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexReader;
import org.jboss.jandex.IndexView;
import org.junit.jupiter.api.Test;

/**
 * Camel Quarkus finds components at build time through the Jandex index of their jar: without
 * {@code META-INF/jandex.idx} in camel-proto the application fails to start ("cannot find component with name proto").
 * The component's build writes the index (camel-component-maven-plugin) and packages it (maven-bundle-plugin's
 * Include-Resource); this checks the artifact the application actually uses.
 */
class ComponentJarIndexTest {

    @Test
    void componentArtifactCarriesAJandexIndexOfTheComponent() throws Exception {
        URL location = ProtoComponent.class.getProtectionDomain().getCodeSource().getLocation();
        Path artifact = Path.of(location.toURI());
        IndexView index;
        if (Files.isDirectory(artifact)) { // a reactor build that stopped before "package" resolves target/classes
            try (InputStream in = Files.newInputStream(artifact.resolve("META-INF/jandex.idx"))) {
                index = new IndexReader(in).read();
            }
        } else {
            try (JarFile jar = new JarFile(artifact.toFile())) {
                assertThat(jar.getEntry("META-INF/jandex.idx")).as("META-INF/jandex.idx in " + artifact).isNotNull();
                try (InputStream in = jar.getInputStream(jar.getEntry("META-INF/jandex.idx"))) {
                    index = new IndexReader(in).read();
                }
            }
        }
        assertThat(index.getClassByName(DotName.createSimple(ProtoComponent.class.getName()))).isNotNull();
        assertThat(index.getClassByName(DotName.createSimple("dev.camelproto.component.proto.ProtoComponentConfigurer")))
                .isNotNull();
    }
}
