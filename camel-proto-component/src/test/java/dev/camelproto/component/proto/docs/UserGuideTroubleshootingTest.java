package dev.camelproto.component.proto.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The troubleshooting table of {@code docs/user-guide.md} lists every exception message of the component: each
 * {@code new XxxException(...)} / {@code new XxxError(...)}, each {@code super(...)} of the component's exception
 * classes and each {@code invalid(in, ...)} of {@code RequestBodies} in {@code src/main/java} is parsed, the string
 * literals of its arguments are collected, and the leading literal fragment and the longest one (trimmed) must both
 * appear in the table. A call without any string literal (a wrapped cause, a message built elsewhere) is skipped.
 */
class UserGuideTroubleshootingTest {

    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Path GUIDE = Path.of("..", "docs", "user-guide.md");
    private static final Pattern CALL =
            Pattern.compile("new\\s+[A-Z][A-Za-z0-9_]*(?:Exception|Error)\\s*\\(|\\bsuper\\s*\\(|\\binvalid\\s*\\(");

    record Message(Path file, int line, List<String> literals) {}

    static String troubleshootingTable() throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        int start = guide.indexOf("\n## Troubleshooting");
        assertThat(start).as("a '## Troubleshooting' section in " + GUIDE).isPositive();
        int end = guide.indexOf("\n## ", start + 1);
        return (end < 0 ? guide.substring(start) : guide.substring(start, end)).replace("\\|", "|");
    }

    static List<Message> messages() throws IOException {
        List<Message> all = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            files = walk.filter(p -> p.toString().endsWith(".java"))
                    .sorted(Comparator.naturalOrder())
                    .toList();
        }
        for (Path file : files) {
            String src = stripComments(Files.readString(file, StandardCharsets.UTF_8));
            boolean exceptionClass = file.getFileName().toString().endsWith("Exception.java");
            Matcher m = CALL.matcher(src);
            while (m.find()) {
                if (m.group().startsWith("super") && !exceptionClass) {
                    continue;
                }
                List<String> literals = literalsOfCall(src, m.end());
                if (!literals.isEmpty()) {
                    all.add(new Message(file, lineOf(src, m.start()), literals));
                }
            }
        }
        return all;
    }

    /** The string literals inside the parentheses opened just before {@code from}. */
    static List<String> literalsOfCall(String src, int from) {
        List<String> literals = new ArrayList<>();
        int depth = 1;
        for (int i = from; i < src.length() && depth > 0; i++) {
            char c = src.charAt(i);
            if (c == '"') {
                StringBuilder literal = new StringBuilder();
                for (i++; src.charAt(i) != '"'; i++) {
                    char d = src.charAt(i);
                    if (d == '\\') {
                        char e = src.charAt(++i);
                        literal.append(
                                switch (e) {
                                    case 'n' -> '\n';
                                    case 't' -> '\t';
                                    default -> e;
                                });
                    } else {
                        literal.append(d);
                    }
                }
                literals.add(literal.toString());
            } else if (c == '\'') {
                i += src.charAt(i + 1) == '\\' ? 3 : 2;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
        }
        return literals;
    }

    private static String stripComments(String src) {
        return src.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
    }

    private static int lineOf(String src, int index) {
        return (int) src.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }

    @Test
    void everyExceptionMessageOfTheSourcesIsInTheTroubleshootingTable() throws IOException {
        String table = troubleshootingTable();
        List<Message> messages = messages();
        assertThat(messages).as("exception messages found in " + SOURCES).hasSizeGreaterThan(40);
        List<String> missing = new ArrayList<>();
        for (Message message : messages) {
            String leading = message.literals().get(0).strip();
            String longest = message.literals().stream()
                    .map(String::strip)
                    .max(Comparator.comparingInt(String::length))
                    .orElseThrow();
            for (String fragment : List.of(leading, longest)) {
                if (!fragment.isEmpty() && !table.contains(fragment)) {
                    missing.add(message.file().getFileName() + ":" + message.line() + ": \"" + fragment + "\"");
                }
            }
        }
        assertThat(missing)
                .as("message fragments missing from the troubleshooting table of " + GUIDE)
                .isEmpty();
    }

    @Test
    void theScannerFindsKnownMessages() throws IOException {
        List<String> leading = messages().stream().map(m -> m.literals().get(0)).toList();
        assertThat(leading)
                .contains(
                        "The option maxRetries must be 0 (off) or more, was ",
                        "the path must not contain '.' or '..' segments",
                        "Proto API operation ",
                        "every element of 'tags' must be a non-empty tag name");
    }
}
