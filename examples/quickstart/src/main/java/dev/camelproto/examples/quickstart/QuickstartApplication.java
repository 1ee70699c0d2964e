package dev.camelproto.examples.quickstart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
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
 *
 * <p>Arguments (each also a system property): {@code --file <csv>} ({@code quickstart.csv-file}), {@code --rows <n>}
 * ({@code quickstart.rows}: first write a generated file of n rows, see {@link CustomerCsvGenerator}, to
 * {@code --file} or to {@code target/customers-<n>.csv}), {@code --concurrency <n>} ({@code quickstart.concurrency}),
 * {@code --journal <path>|<jdbc url>|none} ({@code quickstart.journal}, see {@link ImportJournal}),
 * {@code --resend-uncertain} ({@code quickstart.resend-uncertain=true}), {@code --dry-run}
 * ({@code quickstart.dry-run=true}).
 */
public final class QuickstartApplication {

    static final String CSV_FILE = "quickstart.csv-file";
    static final String ROWS = "quickstart.rows";
    static final String CONCURRENCY = "quickstart.concurrency";
    static final String PROGRESS_INTERVAL = "quickstart.progress-interval";
    static final String JOURNAL = "quickstart.journal";
    static final String RESEND_UNCERTAIN = "quickstart.resend-uncertain";
    static final String DRY_RUN = "quickstart.dry-run";

    private static final Logger LOG = LoggerFactory.getLogger(QuickstartApplication.class);

    private QuickstartApplication() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String rows = options.getOrDefault(ROWS, System.getProperty(ROWS));
        if (rows != null && !rows.isBlank()) {
            int n = Integer.parseInt(rows.strip());
            Path file = options.containsKey(CSV_FILE)
                    ? Path.of(options.get(CSV_FILE))
                    : Path.of(System.getProperty("quickstart.generated-dir", "target"), "customers-" + n + ".csv");
            CustomerCsvGenerator.write(file, n);
            LOG.info(
                    "Generated {} rows ({} bad on purpose) into {}",
                    n,
                    CustomerCsvGenerator.badRows(n).size(),
                    file);
            options.put(CSV_FILE, file.toAbsolutePath().toString());
        }
        options.remove(ROWS);
        // also as system properties: Camel gives them precedence, and the exec plugin sets quickstart.csv-file
        options.forEach(System::setProperty);

        int exitCode;
        if (isSet("PROTO_SUBCOMPANY_ID") && isSet("PROTO_TAKEOVER_SECRET")) {
            LOG.info(
                    "Importing into Proto teamspace {} at {}",
                    System.getenv("PROTO_SUBCOMPANY_ID"),
                    isSet("PROTO_BASE_URL") ? System.getenv("PROTO_BASE_URL") : "the default base URL");
            exitCode = run(options).exitCode();
        } else {
            try (InProcessSimulator simulator = InProcessSimulator.start()) {
                LOG.info(
                        "No PROTO_SUBCOMPANY_ID/PROTO_TAKEOVER_SECRET set: started the in-process Proto simulator"
                                + " at {} (teamspace {})",
                        simulator.baseUrl(),
                        simulator.subcompanyId());
                Map<String, String> overrides = new LinkedHashMap<>(simulator.componentProperties());
                overrides.putAll(options);
                exitCode = run(overrides).exitCode();
            }
        }
        System.exit(exitCode);
    }

    /**
     * {@code --file x}, {@code --file=x}, {@code --rows n}, {@code --concurrency n}, {@code --journal x} and the flags
     * {@code --resend-uncertain}, {@code --dry-run} (or {@code --dry-run=false}) as quickstart properties.
     */
    static Map<String, String> options(String[] args) {
        Map<String, String> names =
                Map.of("--file", CSV_FILE, "--rows", ROWS, "--concurrency", CONCURRENCY, "--journal", JOURNAL);
        Map<String, String> flags = Map.of("--resend-uncertain", RESEND_UNCERTAIN, "--dry-run", DRY_RUN);
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String key = names.get(name);
            if (key == null && flags.containsKey(name)) {
                options.put(flags.get(name), arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "true");
                continue;
            }
            if (key == null) {
                throw new IllegalArgumentException("unknown argument " + arg
                        + " (use --file, --rows, --concurrency, --journal, --resend-uncertain, --dry-run)");
            }
            if (arg.contains("=")) {
                options.put(key, arg.substring(arg.indexOf('=') + 1));
            } else if (i + 1 < args.length) {
                options.put(key, args[++i]);
            } else {
                throw new IllegalArgumentException(arg + " needs a value");
            }
        }
        return options;
    }

    /**
     * Runs the import once and returns its report.
     *
     * @param overrides properties that win over application.properties (e.g. the component's
     *                  {@code camel.component.proto.*} settings, {@code quickstart.csv-file},
     *                  {@code quickstart.concurrency}, {@code quickstart.progress-interval}, {@code quickstart.journal},
     *                  {@code quickstart.resend-uncertain} or {@code quickstart.dry-run})
     */
    public static ImportReport run(Map<String, String> overrides) throws Exception {
        int concurrency = Integer.parseInt(setting(overrides, CONCURRENCY));
        long progressInterval = Long.parseLong(setting(overrides, PROGRESS_INTERVAL));
        boolean dryRun = flag(setting(overrides, DRY_RUN));
        ImportReport report = new ImportReport(concurrency, progressInterval);
        ImportJournal journal =
                new ImportJournal(setting(overrides, JOURNAL), flag(setting(overrides, RESEND_UNCERTAIN)), report);
        report.journal(journal, dryRun);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "import-row-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            Main main = new Main();
            main.bind("customerRows", new CustomerRows());
            main.bind("importReport", report);
            main.bind("importPool", pool);
            main.bind("importJournal", journal);
            report.onFinish(main::completed);
            new LinkedHashMap<>(overrides).forEach(main::addOverrideProperty);
            main.addOverrideProperty(CONCURRENCY, String.valueOf(concurrency));
            main.addOverrideProperty(DRY_RUN, String.valueOf(dryRun));
            main.run();
        } finally {
            pool.shutdownNow();
            journal.close();
        }
        return report;
    }

    /** An override, else a system property, else the value in application.properties. */
    private static String setting(Map<String, String> overrides, String key) throws IOException {
        String value = overrides.get(key);
        if (value == null) {
            value = System.getProperty(key);
        }
        if (value == null) {
            Properties defaults = new Properties();
            try (InputStream in = QuickstartApplication.class.getResourceAsStream("/application.properties")) {
                defaults.load(in);
            }
            value = defaults.getProperty(key);
        }
        return value.strip();
    }

    /** "true" (or empty: a bare -Dquickstart.dry-run) → true. */
    private static boolean flag(String value) {
        return value.isEmpty() || Boolean.parseBoolean(value);
    }

    private static boolean isSet(String name) {
        String value = System.getenv(name);
        return value != null && !value.isBlank();
    }
}
