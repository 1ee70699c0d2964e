package dev.camelproto.component.proto;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The takeover secret set the documented way on Camel Main ({@code camel.component.proto.takeover-secret} in
 * {@code application.properties}, as a literal, as a {@code {{env:...}}}/{@code {{sys:...}}} placeholder or as a
 * {@code {{key}}} placeholder naming another property of the file whose name ends in a sensitive word) and every
 * logger at TRACE.
 * <p>
 * Camel core (4.18 and 4.22 alike) writes the value at DEBUG/TRACE in loggers that consult no list of sensitive keys,
 * so neither the keyword this component registers nor {@code camel.main.additionalSensitiveKeywords} can mask it: the
 * literal in {@code BaseMainSupport} (twice) and {@code MainHelper}, the resolved placeholder in
 * {@code DefaultPropertiesParser}, {@code PropertiesComponent}, {@code DefaultCamelContextExtension} and, for a
 * {@code {{key}}} placeholder, {@code DefaultPropertiesLookup}.
 * {@link #camelCoreWritesTheSecretOnlyInTheDocumentedLoggers} pins exactly that (if a later Camel masks or moves a line,
 * it fails and docs/user-guide.md must change with it). {@link #noLogEventHoldsTheSecretWithTheDocumentedLogging}
 * applies the logging configuration the user guide documents, read from the guide itself, keeps every other logger at
 * TRACE and asserts that no log event (message or throwable) holds the secret.
 */
class ProtoCamelMainSecretLogTest {

    static final String SECRET = "mainlog-S3cret-5c4d3e";
    /** Set by surefire's environmentVariables (camel-proto-component/pom.xml) to {@link #SECRET}. */
    static final String ENV = "PROTO_SECRETLOG_TEST_SECRET";

    static final String SYS = "proto.secretlog.test.secret";

    private static final Path GUIDE = Path.of("..", "docs", "user-guide.md");
    private static final String START = "<!-- secret-logging:start -->";
    private static final String END = "<!-- secret-logging:end -->";

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<Logger> adjusted = new ArrayList<>();
    private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();
    private Level previousRootLevel;

    @TempDir
    Path dir;

    @BeforeEach
    void everyLoggerAtTrace() {
        System.setProperty(SYS, SECRET);
        Logger root = root();
        previousRootLevel = root.getLevel();
        root.setLevel(Level.TRACE);
        // the console would print some 4,000 TRACE lines per start: capture them only
        root.iteratorForAppenders().forEachRemaining(detached::add);
        detached.forEach(root::detachAppender);
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void restoreLogging() {
        Logger root = root();
        root.detachAppender(appender);
        detached.forEach(root::addAppender);
        root.setLevel(previousRootLevel);
        adjusted.forEach(l -> l.setLevel(null));
        System.clearProperty(SYS);
    }

    @Test
    void theEnvironmentVariableIsSetForThisTest() {
        assertThat(System.getenv(ENV)).as("surefire sets " + ENV).isEqualTo(SECRET);
    }

    @ParameterizedTest(name = "takeover-secret = {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "mainlog-S3cret-5c4d3e",
                "{{env:PROTO_SECRETLOG_TEST_SECRET}}",
                "{{sys:proto.secretlog.test.secret}}",
                "{{proto.takeover-secret}}"
            })
    void noLogEventHoldsTheSecretWithTheDocumentedLogging(String value) throws Exception {
        applyDocumentedLogging();

        runCamelMain(value);

        assertThat(leaks())
                .as("log events holding the secret, with the documented logging")
                .isEmpty();
        assertThat(appender.list)
                .as("every other logger still at TRACE")
                .anyMatch(e -> e.getLevel() == Level.TRACE && e.getLoggerName().startsWith("org.apache.camel"));
        assertThat(appender.list)
                .as("Camel Main's summary still names the option, masked")
                .anyMatch(e -> e.getLevel() == Level.INFO
                        && e.getFormattedMessage().contains("camel.component.proto.takeoverSecret = xxxxxx"));
    }

    /**
     * What the guide says Camel core prints without that configuration, per way of setting the secret: the loggers
     * and levels, exactly. A placeholder keeps the secret out of BaseMainSupport and MainHelper (they print
     * {@code {{env:...}}}) but the resolution prints the value.
     */
    @ParameterizedTest(name = "takeover-secret = {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "mainlog-S3cret-5c4d3e"
                        + "               | DEBUG org.apache.camel.main.BaseMainSupport x2"
                        + ",DEBUG org.apache.camel.main.MainHelper x1",
                "{{env:PROTO_SECRETLOG_TEST_SECRET}}"
                        + " | DEBUG org.apache.camel.component.properties.DefaultPropertiesParser x1"
                        + ",DEBUG org.apache.camel.impl.engine.DefaultCamelContextExtension x1"
                        + ",TRACE org.apache.camel.component.properties.PropertiesComponent x1",
                "{{sys:proto.secretlog.test.secret}}"
                        + " | DEBUG org.apache.camel.component.properties.DefaultPropertiesParser x1"
                        + ",DEBUG org.apache.camel.impl.engine.DefaultCamelContextExtension x1"
                        + ",TRACE org.apache.camel.component.properties.PropertiesComponent x1",
                "{{proto.takeover-secret}}"
                        + "           | DEBUG org.apache.camel.component.properties.DefaultPropertiesParser x1"
                        + ",DEBUG org.apache.camel.impl.engine.DefaultCamelContextExtension x1"
                        + ",TRACE org.apache.camel.component.properties.PropertiesComponent x1"
                        + ",TRACE org.apache.camel.component.properties.DefaultPropertiesLookup x2"
            })
    void camelCoreWritesTheSecretOnlyInTheDocumentedLoggers(String value, String expected) throws Exception {
        runCamelMain(value);

        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ILoggingEvent e : leakingEvents()) {
            counts.merge(e.getLevel() + " " + e.getLoggerName(), 1, Integer::sum);
        }
        Set<String> actual = new TreeSet<>();
        counts.forEach((k, n) -> actual.add(k + " x" + n));
        assertThat(actual)
                .as("which loggers print the secret at which level (Camel " + camelVersion() + ")")
                .containsExactlyInAnyOrderElementsOf(List.of(expected.split(",")));

        // and each of them is silenced by the documented configuration
        Map<String, Level> documented = documentedLogging();
        for (ILoggingEvent e : leakingEvents()) {
            assertThat(documented).as("the guide names " + e.getLoggerName()).containsKey(e.getLoggerName());
            assertThat(e.getLevel().isGreaterOrEqual(documented.get(e.getLoggerName())))
                    .as(e.getLoggerName() + " at " + e.getLevel() + " is below the documented level")
                    .isFalse();
        }
    }

    /**
     * A plain {@code {{key}}} placeholder whose key does not end in a sensitive word: Camel Main's INFO
     * "Property-placeholders summary" prints the secret under that key (the summary masks only keys that
     * {@code MainHelper.containsSensitive} knows, such as {@code proto.takeover-secret} or {@code proto.secret}).
     */
    @Test
    void aPlaceholderKeyWithoutASensitiveWordIsPrintedAtInfo() throws Exception {
        applyDocumentedLogging();
        root().setLevel(Level.INFO);

        runCamelMain("{{proto.apikeyvalue}}");

        assertThat(leaks())
                .containsExactly(
                        "INFO org.apache.camel.main.BaseMainSupport     [application.properties]       proto.apikeyvalue = "
                                + SECRET);
    }

    /** Exactly the logger levels of the guide's block; every other logger keeps the root's level. */
    private void applyDocumentedLogging() throws IOException {
        documentedLogging().forEach((name, level) -> {
            Logger logger = (Logger) org.slf4j.LoggerFactory.getLogger(name);
            logger.setLevel(level);
            adjusted.add(logger);
        });
    }

    private void runCamelMain(String value) throws Exception {
        Path properties = dir.resolve("application.properties");
        Files.writeString(
                properties,
                String.join(
                        "\n",
                        "camel.component.proto.base-url = http://127.0.0.1:9",
                        "camel.component.proto.subcompany-id = 01HSWE652DMW6REJ1FB1135PRZ",
                        "camel.component.proto.takeover-secret = " + value,
                        // the target of a plain {{key}} placeholder, in the same file
                        value.startsWith("{{proto.") ? value.substring(2, value.length() - 2) + " = " + SECRET : "",
                        ""));
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation("file:" + properties.toAbsolutePath());
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:fields").routeId("fields").to("proto:customField/list");
            }
        });
        try {
            main.start();
            assertThat(main.getCamelContext()
                            .getComponent("proto", ProtoComponent.class)
                            .getTakeoverSecret())
                    .as("the component got the secret")
                    .isEqualTo(SECRET);
        } finally {
            main.stop();
        }
    }

    private List<ILoggingEvent> leakingEvents() {
        List<ILoggingEvent> leaking = new ArrayList<>();
        for (ILoggingEvent e : appender.list) {
            if (text(e).contains(SECRET)) {
                leaking.add(e);
            }
        }
        return leaking;
    }

    private List<String> leaks() {
        return leakingEvents().stream()
                .map(e -> e.getLevel() + " " + e.getLoggerName() + " " + text(e))
                .toList();
    }

    private static String text(ILoggingEvent e) {
        String text = e.getFormattedMessage();
        if (e.getThrowableProxy() != null) {
            text += "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy());
        }
        return text;
    }

    /** The {@code <logger name=... level=.../>} lines of the guide's marked logback block, in order. */
    static Map<String, Level> documentedLogging() throws IOException {
        String guide = Files.readString(GUIDE);
        Map<String, Level> loggers = new LinkedHashMap<>();
        int start = guide.indexOf(START);
        int end = guide.indexOf(END);
        if (start < 0 || end < start) {
            return loggers;
        }
        Matcher m = Pattern.compile("<logger\\s+name=\"([^\"]+)\"\\s+level=\"([A-Z]+)\"\\s*/>")
                .matcher(guide.substring(start, end));
        while (m.find()) {
            loggers.put(m.group(1), Level.toLevel(m.group(2), null));
        }
        return loggers;
    }

    private static String camelVersion() {
        return org.apache.camel.impl.DefaultCamelContext.class.getPackage().getImplementationVersion();
    }

    private static Logger root() {
        return (Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
