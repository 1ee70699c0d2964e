package dev.camelproto.examples.quickstart;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a deterministic CSV file of {@code n} customers in the quickstart's format, to try the import at a real
 * size ({@code --rows 10000}). Row {@code i} (1-based, on file line {@code i + 1}) is always the same, and a few rows
 * are bad on purpose, at known positions in every block of 1,000 rows:
 * <ul>
 *   <li>{@code i % 1000 == 137}: no {@code provided_unique_id};</li>
 *   <li>{@code i % 1000 == 500}: the plan {@code platinum}, which is not an option of the Plan field;</li>
 *   <li>{@code i % 1000 == 863}: no plan.</li>
 * </ul>
 * Every 97th row has a complaint (a ticket); some names hold a quote and a comma, to exercise CSV quoting.
 */
public final class CustomerCsvGenerator {

    static final List<String> TAGS = List.of("vip", "b2b", "newsletter", "beta", "onboarding", "student");
    private static final String[] FIRST = {
        "Amara", "Lucas", "Sofia", "Hiroshi", "Priya", "Liam", "Tomás", "Zanele", "Mei", "Olga", "Kwame", "Ines",
        "Arjun", "Freya", "Mateo", "Yuki"
    };
    private static final String[] LAST = {
        "Okafor",
        "Martin",
        "Rossi",
        "Tanaka",
        "Sharma",
        "O'Connor",
        "Fernández",
        "Dlamini",
        "Chen",
        "Ivanova",
        "Mensah",
        "Silva",
        "Patel",
        "Larsen",
        "García",
        "Sato"
    };
    private static final String[] CITIES = {
        "Lagos, Nigeria",
        "Lyon, France",
        "Milan, Italy",
        "Osaka, Japan",
        "Bengaluru, India",
        "Dublin, Ireland",
        "Seville, Spain",
        "Durban, South Africa"
    };

    private CustomerCsvGenerator() {}

    /** The 1-based row numbers that are bad on purpose, for {@code n} rows. */
    public static List<Integer> badRows(int n) {
        List<Integer> bad = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            if (badReason(i) != null) {
                bad.add(i);
            }
        }
        return bad;
    }

    /** Why row {@code i} is rejected (the import's message), or null for a good row. */
    public static String badReason(int i) {
        return switch (i % 1000) {
            case 137 -> "missing provided_unique_id";
            case 500 -> "unknown plan 'platinum' (Plan options: free, pro, enterprise)";
            case 863 -> "missing plan";
            default -> null;
        };
    }

    public static String id(int i) {
        return String.format("gen-%06d", i);
    }

    /** Row {@code i} as the CSV columns of {@link CustomerRows#HEADER}. */
    public static List<String> row(int i) {
        String first = FIRST[i % FIRST.length];
        String last = LAST[(i / FIRST.length) % LAST.length];
        String name = i % 250 == 0 ? first + " \"" + last + "\", Jr." : first + " " + last;
        String plan = CustomerRows.PLAN_OPTIONS.get(i % 3);
        List<String> tags = new ArrayList<>();
        if (i % 5 != 0) {
            tags.add(TAGS.get(i % 6));
            if (i % 4 == 0) {
                tags.add(TAGS.get((i + 3) % 6));
            }
        }
        return List.of(
                i % 1000 == 137 ? "" : id(i),
                name,
                id(i) + "@example.com",
                String.format("+1555%07d", i),
                CITIES[i % CITIES.length],
                i % 1000 == 500 ? "platinum" : i % 1000 == 863 ? "" : plan,
                String.join(";", tags),
                i % 97 == 0 ? "Complaint #" + i + ": the invoice, \"again\", is wrong" : "");
    }

    /** Writes {@code n} rows (plus the header line) to {@code file}, replacing it. */
    public static Path write(Path file, int n) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(
                        out,
                        CSVFormat.DEFAULT
                                .builder()
                                .setHeader(CustomerRows.HEADER)
                                .get())) {
            for (int i = 1; i <= n; i++) {
                csv.printRecord(row(i));
            }
        }
        return file;
    }

    /** {@code java ... CustomerCsvGenerator <file> <rows>}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: CustomerCsvGenerator <file> <rows>");
            System.exit(2);
        }
        System.out.println("Wrote " + write(Path.of(args[0]), Integer.parseInt(args[1])));
    }
}
