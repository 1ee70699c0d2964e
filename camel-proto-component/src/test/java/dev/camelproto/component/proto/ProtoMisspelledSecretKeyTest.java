package dev.camelproto.component.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the user guide's caveat on misspelled keys says, pinned against Camel Main 4.18: a key Camel cannot bind
 * ({@code camel.component.proto.takeover-secrett}) fails start-up with a {@code PropertyBindingException} whose message
 * holds the <em>resolved</em> value twice. A property placeholder ({@code {{env:...}}}/{@code {{sys:...}}}), a
 * {@code #property:} reference and Camel's sensitive keywords (which include {@code secret}) do not change that: Camel
 * resolves the value before it reports the binding error and does not mask it (Camel 4.18, and 4.22 in CI's matrix). If
 * a later Camel masks it, this test fails and the caveat in docs/user-guide.md can go.
 */
class ProtoMisspelledSecretKeyTest {

    private static final String SECRET = "s3cr3t-VALUE-42";
    private static final String SYS = "proto.misspelled.test.secret";

    @AfterEach
    void clear() {
        System.clearProperty(SYS);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "camel.component.proto.takeover-secrett | s3cr3t-VALUE-42",
                "camel.component.proto.takeover-secrett | {{sys:proto.misspelled.test.secret}}",
                "camel.component.proto.takeover-secrett | #property:proto.secret",
                "camel.component.proto.takeoverSecrett  | {{sys:proto.misspelled.test.secret}}",
                "camel.component.proto.secret           | {{sys:proto.misspelled.test.secret}}"
            })
    void aMisspelledKeyPutsTheResolvedSecretTwiceInCamelMainsBindingError(String key, String value) {
        System.setProperty(SYS, SECRET);
        Properties properties = new Properties();
        properties.setProperty("camel.component.proto.subcompany-id", "01HSWE652DMW6REJ1FB1135PRZ");
        properties.setProperty("proto.secret", "{{sys:" + SYS + "}}");
        properties.setProperty(key, value);
        Main main = new Main();
        main.setInitialProperties(properties);

        List<String> messages = new ArrayList<>();
        try {
            main.start();
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                messages.add(t.getClass().getSimpleName() + ": " + t.getMessage());
            }
        } finally {
            main.stop();
        }

        assertThat(messages).as("start-up fails on the unknown key").isNotEmpty();
        assertThat(messages.get(0)).startsWith("PropertyBindingException: Error binding property (");
        assertThat(messages.get(0).split(SECRET, -1))
                .as("the secret, twice: (key=value) and 'with value: value'")
                .hasSize(3);
    }
}
