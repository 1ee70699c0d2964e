package dev.camelproto.component.proto.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The table of contents of docs/user-guide.md lists every {@code ##} section, with GitHub's anchors, so a section added
 * without it fails the build. Run with {@code -Dproto.docs.update=true} to rewrite it.
 */
class UserGuideTocTest {

    private static final Path GUIDE = Path.of("..", "docs", "user-guide.md");
    private static final String START = "<!-- toc:start (checked by UserGuideTocTest) -->\n";
    private static final String END = "<!-- toc:end -->";

    /** GitHub's heading anchor: lower case, punctuation other than '-' and '_' dropped, spaces to '-'. */
    static String anchor(String heading) {
        return heading.strip()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
    }

    static String toc(String guide) {
        StringBuilder sb = new StringBuilder();
        boolean inFence = false;
        for (String line : guide.split("\n")) {
            if (line.startsWith("```")) {
                inFence = !inFence;
            } else if (!inFence && line.startsWith("## ")) {
                String title = line.substring(3).strip();
                sb.append("- [")
                        .append(title)
                        .append("](#")
                        .append(anchor(title))
                        .append(")\n");
            }
        }
        return sb.toString();
    }

    @Test
    void theTableOfContentsListsEverySection() throws Exception {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        int s = guide.indexOf(START);
        int e = guide.indexOf(END);
        assertThat(s).as("marker " + START.strip()).isGreaterThanOrEqualTo(0);
        assertThat(e).isGreaterThan(s);
        String expected = guide.substring(0, s + START.length()) + toc(guide) + guide.substring(e);
        if (Boolean.getBoolean("proto.docs.update")) {
            Files.writeString(GUIDE, expected, StandardCharsets.UTF_8);
            guide = expected;
        }
        assertThat(guide)
                .as(GUIDE + " table of contents is stale: run ./mvnw -B -pl camel-proto-component -am test"
                        + " -Dtest=UserGuideTocTest -Dsurefire.failIfNoSpecifiedTests=false"
                        + " -Dproto.docs.update=true")
                .isEqualTo(expected);
    }

    @Test
    void anchorsFollowGitHub() {
        assertThat(anchor("`proto:raw` and `customer/upsert`")).isEqualTo("protoraw-and-customerupsert");
        assertThat(anchor("Health checks and observability")).isEqualTo("health-checks-and-observability");
    }
}
