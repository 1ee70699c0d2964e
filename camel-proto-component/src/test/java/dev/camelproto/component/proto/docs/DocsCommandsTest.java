package dev.camelproto.component.proto.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ./mvnw} command written in a Markdown file of the repository must run as written on a fresh clone (no
 * camel-proto artifact in {@code ~/.m2}). Maven only builds the modules a {@code -pl} names, so:
 * <ul>
 * <li>a lifecycle phase ({@code test}, {@code verify}, {@code package}, {@code install}, ...) on a module that depends on
 * another module of this build needs {@code -am}, or it looks for the SNAPSHOT in {@code ~/.m2} and fails;</li>
 * <li>a command of plugin goals only ({@code exec:java}), or of {@code compile} and plugin goals, on such a module is fine
 * only after an {@code install} command earlier in the same file (it cannot take {@code -am}: upstream modules would
 * run the goal too);</li>
 * <li>with {@code -am}, a {@code -Dprop} that activates a profile must activate it only in the named module;</li>
 * <li>with {@code -am}, {@code -Dtest=...} needs {@code -Dsurefire.failIfNoSpecifiedTests=false}.</li>
 * </ul>
 */
class DocsCommandsTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern COMMAND = Pattern.compile("\\./mvnw\\b[^`\\n#]*");
    private static final Set<String> PHASES = Set.of(
            "validate",
            "compile",
            "test-compile",
            "test",
            "package",
            "integration-test",
            "verify",
            "install",
            "deploy");
    private static final Pattern INTERNAL_DEPENDENCY =
            Pattern.compile("<dependency>\\s*<groupId>dev\\.camelproto</groupId>", Pattern.DOTALL);
    private static final Pattern ACTIVATION = Pattern.compile("<activation>\\s*<property>\\s*<name>([^<]+)</name>");

    record Command(Path file, int index, String text, List<String> args) {}

    static List<Path> markdownFiles() throws Exception {
        return projectFiles(".md").stream().sorted().toList();
    }

    static List<Command> commands() throws Exception {
        List<Command> all = new ArrayList<>();
        for (Path file : markdownFiles()) {
            Matcher m = COMMAND.matcher(Files.readString(file, StandardCharsets.UTF_8));
            int i = 0;
            while (m.find()) {
                String text = m.group().strip();
                all.add(new Command(file, i++, text, List.of(text.split("\\s+"))));
            }
        }
        return all;
    }

    private static List<String> modules(Command c) {
        int i = c.args().indexOf("-pl");
        return i < 0 ? List.of() : List.of(c.args().get(i + 1).split(","));
    }

    private static boolean hasInternalDependency(String module) throws Exception {
        return INTERNAL_DEPENDENCY
                .matcher(Files.readString(ROOT.resolve(module).resolve("pom.xml")))
                .find();
    }

    /**
     * Every pom.xml of the project, not looking into build output: other test JVMs write their reports there while
     * this test walks the tree (a file that vanishes mid-walk would fail it).
     */
    private static List<Path> poms() throws IOException {
        return projectFiles("pom.xml");
    }

    /** The project's files whose name ends with {@code suffix}, not looking into build output (see {@link #poms}). */
    private static List<Path> projectFiles(String suffix) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                return name.equals("target") || name.equals(".git") || name.equals("node_modules")
                        ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (file.getFileName().toString().endsWith(suffix)) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException gone) {
                return FileVisitResult.CONTINUE;
            }
        });
        return found;
    }

    /** The modules (relative paths) whose pom activates a profile on this property. */
    private static Set<String> modulesActivatedBy(String property) throws Exception {
        Set<String> found = new LinkedHashSet<>();
        for (Path pom : poms()) {
            Matcher m = ACTIVATION.matcher(Files.readString(pom));
            while (m.find()) {
                if (m.group(1).equals(property)) {
                    found.add(ROOT.relativize(pom.getParent()).toString());
                }
            }
        }
        return found;
    }

    @Test
    void everyMavenCommandOfTheDocsRunsOnAFreshClone() throws Exception {
        List<Command> commands = commands();
        assertThat(commands).as("./mvnw commands found in the Markdown files").hasSizeGreaterThan(15);
        List<String> problems = new ArrayList<>();
        for (Command c : commands) {
            String where = ROOT.relativize(c.file()) + ": " + c.text();
            boolean am = c.args().contains("-am") || c.args().contains("--also-make");
            boolean phase = c.args().stream().anyMatch(PHASES::contains);
            for (String module : modules(c)) {
                if (!Files.exists(ROOT.resolve(module).resolve("pom.xml"))) {
                    problems.add(where + " -> no module " + module);
                    continue;
                }
                if (!hasInternalDependency(module) || am) {
                    continue;
                }
                boolean installedBefore = commands.stream()
                        .anyMatch(o -> o.file().equals(c.file())
                                && o.index() < c.index()
                                && o.args().contains("install")
                                && (modules(o).isEmpty() || modules(o).contains(module)));
                boolean compileOnly = c.args().stream().filter(PHASES::contains).allMatch("compile"::equals);
                if (phase && !(compileOnly && installedBefore)) {
                    problems.add(where + " -> needs -am (" + module + " depends on other modules of this build)");
                } else if (!installedBefore) {
                    problems.add(where + " -> plugin goals on " + module + " need an install command before it");
                }
            }
            if (am) {
                for (String arg : c.args()) {
                    if (arg.startsWith("-D")) {
                        String property = arg.substring(2).split("=", 2)[0];
                        Set<String> activated = modulesActivatedBy(property);
                        if (!activated.isEmpty() && !modules(c).containsAll(activated)) {
                            problems.add(where + " -> -D" + property + " also activates a profile in " + activated);
                        }
                    }
                }
                if (c.args().stream().anyMatch(a -> a.startsWith("-Dtest="))
                        && !c.text().contains("-Dsurefire.failIfNoSpecifiedTests=false")) {
                    problems.add(where + " -> -Dtest with -am needs -Dsurefire.failIfNoSpecifiedTests=false");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theCheckFlagsACommandWithoutAlsoMake() throws Exception {
        // the rule above, on the form the newcomer found in the examples' READMEs
        Command bad = new Command(
                ROOT.resolve("README.md"),
                0,
                "./mvnw -B -pl examples/xml-dsl verify",
                List.of("./mvnw", "-B", "-pl", "examples/xml-dsl", "verify"));
        assertThat(hasInternalDependency(modules(bad).get(0))).isTrue();
        assertThat(bad.args().stream().anyMatch(PHASES::contains)).isTrue();
        assertThat(bad.args()).doesNotContain("-am");
        assertThat(modulesActivatedBy("quickstart.run")).containsExactly("examples/quickstart");
    }
}
