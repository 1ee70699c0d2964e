package dev.camelproto.component.proto.internal.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.ProtoComponent;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.ProtoValidationException;
import dev.camelproto.component.proto.testsupport.ProtoApiStub;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The raw path reaches the wire exactly, or nothing is sent, as a property: whatever raw path a route gives (random
 * Unicode, control characters, lone surrogates, {@code %} escapes valid or not, dot segments in any spelling, '?', '#',
 * '\\', braces), EITHER nothing is sent and a {@link ProtoValidationException} names the header {@code CamelProtoPath},
 * OR exactly one request is sent whose request-target, as the server received it, is below the base path, holds only
 * pchar, '/' and escapes, has the same segments as the given path and decodes, segment by segment, to exactly the given
 * path's octets (a valid {@code %XX} of the given path standing for its octet, every other character for its UTF-8
 * octets), with no segment that is empty, decodes to '.', '..' or holds a '/' or '\\', and none that decodes to '', '.'
 * or '..' before its ';' parameters.
 */
class ProtoRawPathPropertyTest {

    private static final String TEAMSPACE = ProtoTestSupport.TEAMSPACE;
    private static final String BASE = "/api/platform";

    private static ProtoApiStub stub;
    private static CamelContext context;
    private static ProducerTemplate template;

    @BeforeContainer
    static void start() throws Exception {
        stub = new ProtoApiStub();
        context = new DefaultCamelContext();
        ProtoComponent proto = new ProtoComponent();
        proto.getConfiguration().setSubcompanyId(TEAMSPACE);
        proto.getConfiguration().setTakeoverSecret(ProtoTestSupport.SECRET);
        proto.getConfiguration().setBaseUrl(stub.baseUrl());
        context.addComponent("proto", proto);
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterContainer
    static void stop() throws Exception {
        if (template != null) {
            template.close();
        }
        if (context != null) {
            context.close();
        }
        if (stub != null) {
            stub.close();
        }
    }

    @Property(tries = 300)
    void aRawPathReachesTheServerExactlyOrNothingIsSent(@ForAll("rawPaths") String given) {
        stub.reset();
        // a new connection per try, so that no try (say, a broken request line before the fix) can disturb the next
        // one and shrinking ends on the smallest path that fails by itself
        stub.reply(r -> new ProtoApiStub.Reply(200, "{}", java.util.Map.of("Connection", "close")));
        Exchange out = template.send("proto:raw?method=GET", e -> e.getIn().setHeader(ProtoConstants.PATH, given));
        String shown = escaped(given); // jqwik prints the sample as is: an invisible character would not show
        if (out.getException() != null) {
            assertThat(out.getException())
                    .as(shown)
                    .isInstanceOf(ProtoValidationException.class)
                    .hasMessageContaining("the header " + ProtoConstants.PATH);
            assertThat(stub.requests()).as("nothing sent for %s", shown).isEmpty();
            return;
        }
        assertThat(stub.requests()).as(shown).hasSize(1);
        String target = stub.lastRequest().path();
        assertThat(target).as(shown).startsWith(BASE + "/");
        String below = target.substring(BASE.length());
        assertThat(below)
                .as("only pchar, '/' and escapes on the wire for %s", shown)
                .matches("(/([A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})*)+");

        String[] wire = below.split("/", -1);
        String[] wanted = given.split("/", -1);
        assertThat(wire).as("the same segments for %s", shown).hasSameSizeAs(wanted);
        for (int i = 1; i < wire.length; i++) {
            byte[] octets = octets(wire[i]);
            assertThat(octets).as("segment %d of %s for %s", i, target, shown).isEqualTo(expectedOctets(wanted[i]));
            String decoded = new String(octets, StandardCharsets.ISO_8859_1);
            assertThat(decoded)
                    .as("stays under the base path: %s for %s", target, shown)
                    .isNotIn(".", "..")
                    .doesNotContain("/", "\\");
            // no empty segment ('//host' reads as an authority, '//' may be merged), and none that is empty, '.' or
            // '..' before its ';' parameters (a server stripping them first reads '..;' as '..')
            assertThat(wire[i])
                    .as("segment %d of %s is not empty, for %s", i, target, shown)
                    .isNotEmpty();
            if (decoded.indexOf(';') >= 0) {
                assertThat(decoded.substring(0, decoded.indexOf(';')))
                        .as("segment %d of %s before its ';' parameters, for %s", i, target, shown)
                        .isNotIn("", ".", "..");
            }
        }
    }

    /**
     * A segment as the server must decode it: the path's own text (its valid escapes decoded, anything else literal)
     * with the teamspace id put in literally, so a '%' before the placeholder never forms an escape with the id.
     */
    private static byte[] expectedOctets(String segment) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        String[] pieces = segment.split("\\{subcompany_id\\}", -1);
        for (int i = 0; i < pieces.length; i++) {
            if (i > 0) {
                out.writeBytes(TEAMSPACE.getBytes(StandardCharsets.UTF_8));
            }
            out.writeBytes(octets(pieces[i]));
        }
        return out.toByteArray();
    }

    /** The path in Java notation: printable ASCII as is, everything else as a backslash-u escape. */
    static String escaped(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c >= 0x20 && c < 0x7F) {
                sb.append(c == '"' || c == '\\' ? "\\" + c : String.valueOf(c));
            } else {
                sb.append(String.format("\\u%04X", (int) c));
            }
        }
        return sb.append('"').toString();
    }

    /** The octets a path segment stands for: a valid %XX is its octet, any other character its UTF-8 octets. */
    static byte[] octets(String segment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < segment.length()) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length() && hex(segment.charAt(i + 1)) && hex(segment.charAt(i + 2))) {
                out.write(Integer.parseInt(segment.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                int end = i + Character.charCount(segment.codePointAt(i));
                out.writeBytes(segment.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        return out.toByteArray();
    }

    private static boolean hex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }

    @Provide
    Arbitrary<String> rawPaths() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(
                        5,
                        Arbitraries.strings()
                                .alpha()
                                .numeric()
                                .withChars("-._~")
                                .ofMinLength(1)
                                .ofMaxLength(6)),
                net.jqwik.api.Tuple.of(
                        3, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(3)),
                net.jqwik.api.Tuple.of(
                        3,
                        Arbitraries.of(
                                "%",
                                "%2e", "%2E", "%2f", "%2F", "%5c", "%00", "%0a", "%0D", "%7F", "%20", "%C3%A9", "%41",
                                "%zz", "%4", "%%", "%FF", "%c2%85", "%3F", "%23")),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(".", "..", "%2e%2e", "%2E%2e", ".%2E", "%2e.", "...")),
                net.jqwik.api.Tuple.of(
                        2,
                        Arbitraries.of(
                                "?",
                                "#",
                                "\\",
                                "{",
                                "}",
                                "{subcompany_id}",
                                "{x}",
                                "://",
                                "\u000B",
                                "\t",
                                "\u0085",
                                "\u0100",
                                "\uD800",
                                "\uDC00",
                                "\uD83D\uDE00",
                                " ",
                                "é",
                                "!$&'()*+,;=:@",
                                "\"<>[]^`|")),
                net.jqwik.api.Tuple.of(4, Arbitraries.just("/")));
        Arbitrary<String> rest = piece.list().ofMaxSize(12).map(pieces -> String.join("", pieces));
        return Combinators.combine(
                        Arbitraries.frequency(net.jqwik.api.Tuple.of(9, "/"), net.jqwik.api.Tuple.of(1, "")), rest)
                .as(String::concat);
    }
}
