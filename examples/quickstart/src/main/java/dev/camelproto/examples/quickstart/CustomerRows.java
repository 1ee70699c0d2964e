package dev.camelproto.examples.quickstart;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ExchangeProperty;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * What the YAML routes cannot say in a few lines: reading the CSV file, checking a row and turning it into the bodies
 * of the Proto calls. Registered as bean {@code customerRows}.
 */
public class CustomerRows {

    public static final String PLAN_FIELD = "Plan";
    public static final List<String> PLAN_OPTIONS = List.of("free", "pro", "enterprise");
    static final String[] HEADER = {
        "provided_unique_id", "name", "email", "phone_number", "location", "plan", "tags", "complaint"
    };

    /** The options of the Plan field as the API reports them (the defaults until customField/list answered). */
    private volatile List<String> planOptions = PLAN_OPTIONS;

    /** Reads the whole file; each row is a Map of the header columns plus {@code line} (1 = the header line). */
    public List<Map<String, Object>> readCsv(String file) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setHeader(HEADER)
                .setSkipHeaderRecord(true)
                .setTrim(true)
                .setIgnoreEmptyLines(true)
                .get();
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(in, format)) {
            if (!Arrays.asList(HEADER).equals(parser.getHeaderNames())) {
                throw new IOException(file + ": the header must be " + String.join(",", HEADER));
            }
            for (CSVRecord record : parser) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("line", parser.getCurrentLineNumber());
                for (String column : HEADER) {
                    row.put(column, record.isSet(column) ? record.get(column) : "");
                }
                rows.add(row);
            }
        }
        return rows;
    }

    // ---- the Plan custom field

    /** The definition named Plan in a customField/list answer, or null. Remembers its options. */
    public Map<String, Object> findPlanField(List<Map<String, Object>> fields) {
        for (Map<String, Object> field : fields) {
            if (PLAN_FIELD.equals(field.get("name"))) {
                usePlanField(field);
                return field;
            }
        }
        return null;
    }

    /** The body of customField/create. */
    public Map<String, Object> planFieldDefinition() {
        return Map.of("name", PLAN_FIELD, "type", "select", "select_options", PLAN_OPTIONS);
    }

    /** Validates rows against the options of the field as it exists (the API's, not ours). */
    @SuppressWarnings("unchecked")
    public void usePlanField(Map<String, Object> field) {
        if (field.get("select_options") instanceof List<?> options && !options.isEmpty()) {
            planOptions = List.copyOf((List<String>) options);
        }
    }

    // ---- one row

    /** Throws {@link InvalidRowException} for a row that must not be sent. */
    public void validate(Map<String, Object> row) throws InvalidRowException {
        String id = (String) row.get("provided_unique_id");
        String plan = (String) row.get("plan");
        if (id.isEmpty()) {
            throw new InvalidRowException("missing provided_unique_id");
        }
        if (plan.isEmpty()) {
            throw new InvalidRowException("missing plan");
        }
        if (!planOptions.contains(plan)) {
            throw new InvalidRowException(
                    "unknown plan '" + plan + "' (Plan options: " + String.join(", ", planOptions) + ")");
        }
    }

    /**
     * The body of customer/upsert: {@code provided_unique_id}, the non-empty contact columns, {@code tags} (the tag
     * names of the {@code tags} column, separated by ';'; empty when there are none, then no addTags call) and
     * {@code custom_fields} {@code {"Plan": <plan>}}.
     */
    public Map<String, Object> upsert(@ExchangeProperty("row") Map<String, Object> row) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("provided_unique_id", row.get("provided_unique_id"));
        for (String column : List.of("name", "email", "phone_number", "location")) {
            String value = (String) row.get(column);
            if (!value.isEmpty()) {
                body.put(column, value);
            }
        }
        body.put(
                "tags",
                Arrays.stream(((String) row.get("tags")).split(";"))
                        .map(String::trim)
                        .filter(t -> !t.isEmpty())
                        .distinct()
                        .toList());
        body.put("custom_fields", Map.of(PLAN_FIELD, row.get("plan")));
        return body;
    }
}
