package dev.camelproto.examples.quickstart;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Camel Main with the YAML routes of {@code src/main/resources/camel}, runs the import once, prints the summary
 * and exits with the import's exit code.
 *
 * <p>With {@code PROTO_SUBCOMPANY_ID} and {@code PROTO_TAKEOVER_SECRET} in the environment the routes call that Proto
 * teamspace (application.properties maps them, and {@code PROTO_BASE_URL}, to the component's properties). Without
 * them, the Proto simulator is started in this JVM and the component's properties point at it.
 */
public final class QuickstartApplication {

    private static final Logger LOG = LoggerFactory.getLogger(QuickstartApplication.class);

    private QuickstartApplication() {
    }

    public static void main(String[] args) throws Exception {
        int exitCode;
        if (isSet("PROTO_SUBCOMPANY_ID") && isSet("PROTO_TAKEOVER_SECRET")) {
            LOG.info("Importing into Proto teamspace {} at {}", System.getenv("PROTO_SUBCOMPANY_ID"),
                    isSet("PROTO_BASE_URL") ? System.getenv("PROTO_BASE_URL") : "the default base URL");
            exitCode = run(Map.of()).exitCode();
        } else {
            try (InProcessSimulator simulator = InProcessSimulator.start()) {
                LOG.info("No PROTO_SUBCOMPANY_ID/PROTO_TAKEOVER_SECRET set: started the in-process Proto simulator"
                         + " at {} (teamspace {})", simulator.baseUrl(), simulator.subcompanyId());
                exitCode = run(simulator.componentProperties()).exitCode();
            }
        }
        System.exit(exitCode);
    }

    /**
     * Runs the import once and returns its report.
     *
     * @param overrides properties that win over application.properties (e.g. the component's
     *                  {@code camel.component.proto.*} settings, or {@code quickstart.csv-file})
     */
    public static ImportReport run(Map<String, String> overrides) throws Exception {
        ImportReport report = new ImportReport();
        Main main = new Main();
        main.bind("customerRows", new CustomerRows());
        main.bind("importReport", report);
        report.onFinish(main::completed);
        new LinkedHashMap<>(overrides).forEach(main::addOverrideProperty);
        main.run();
        return report;
    }

    private static boolean isSet(String name) {
        String value = System.getenv(name);
        return value != null && !value.isBlank();
    }
}
