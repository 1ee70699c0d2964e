package dev.camelproto.component.proto.internal.request;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.ProtoValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Message;
import org.apache.hc.core5.net.PercentCodec;

/**
 * Builds the {@link ProtoRequest} of an exchange from the operation table: path parameters first, then the body. Every
 * check happens here, before anything is sent.
 */
public final class RequestFactory {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");
    private static final Set<String> RAW_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private RequestFactory() {}

    public static ProtoRequest create(
            ProtoOperation operation, Message message, RequestDefaults configuration, JsonMappers mappers) {
        if (operation == ProtoOperation.RAW) {
            return raw(message, configuration, mappers);
        }
        String name = operation.uriName();
        return request(
                operation,
                name,
                parameter -> parameter.resolve(name, message, configuration),
                operation.bodyMapper(),
                new RequestInput(name, message, configuration, mappers));
    }

    /**
     * One call of an operation row: its method, its path with each placeholder's value from {@code values} (checked,
     * then encoded into its segment) and, when the row has a body, the body {@code bodyRule} builds from {@code in}.
     * The single operations pass their row's own body mapper; customer/upsert passes the same rules of
     * {@link RequestBodies} with its parts of the body (see {@link UpsertPlan}). Errors name {@code in.operation()};
     * {@code requestName} names the call in transport errors and metrics.
     */
    static ProtoRequest request(
            ProtoOperation operation,
            String requestName,
            Function<PathParameter, String> values,
            RequestBodyMapper bodyRule,
            RequestInput in) {
        String name = in.operation();
        String[] resourceId = new String[1];
        String path = path(operation, parameter -> {
            String value = values.apply(parameter);
            if (value == null || value.isEmpty()) {
                throw new ProtoValidationException(
                        name, parameter.meaning() + " is required: set " + parameter.howToSet());
            }
            checkPathValue(name, parameter.meaning(), value, parameter::howToSet);
            resourceId[0] = value;
            return value;
        });
        byte[] body = null;
        if (operation.hasBody()) {
            body = write(name, in.mappers(), bodyRule.map(in));
        }
        return new ProtoRequest(requestName, operation.method(), path, body, resourceId[0]);
    }

    /**
     * The one place a row's path template is expanded: each placeholder replaced by its value, percent-encoded into its
     * own segment. The values must have been checked ({@link #checkPathValue}).
     */
    public static String path(ProtoOperation operation, Function<PathParameter, String> values) {
        String path = operation.pathTemplate();
        for (PathParameter parameter : operation.pathParameters()) {
            path = path.replace(parameter.token(), PathSegments.encode(values.apply(parameter)));
        }
        return path;
    }

    /**
     * A value that goes into one path segment: not only whitespace (it is set, so the error says what is wrong with
     * it), no lone surrogate (no UTF-8 form: it would be sent as '?', so different ids would meet on one), no CR/LF/NUL,
     * and no '/', which the API could never route.
     */
    static void checkPathValue(
            String operation, String meaning, String value, java.util.function.Supplier<String> howToSet) {
        if (value.isBlank()) {
            throw new ProtoValidationException(
                    operation,
                    meaning + " must not be only whitespace, was " + codePoints(value) + " (check " + howToSet.get()
                            + ")");
        }
        int lone = PathSegments.firstLoneSurrogate(value);
        if (lone >= 0) {
            throw new ProtoValidationException(
                    operation,
                    meaning + " is not valid Unicode: it holds a lone UTF-16"
                            + " surrogate (" + codePoints(value.substring(lone, lone + 1))
                            + " at index " + lone + "), which has no UTF-8 form and"
                            + " would reach the server as '?', the id of another"
                            + " value (check " + howToSet.get() + ")");
        }
        if (PathSegments.hasForbiddenControl(value)) {
            throw new ProtoValidationException(
                    operation,
                    meaning + " must not contain CR, LF or NUL characters" + " (check " + howToSet.get() + ")");
        }
        if (value.indexOf('/') >= 0) {
            throw new ProtoValidationException(
                    operation,
                    meaning + " must not contain '/': the Proto API decodes"
                            + " %2F before routing, so an id with a slash can never be"
                            + " addressed (it would answer 404); check " + howToSet.get());
        }
    }

    /**
     * proto:raw: method and path from the headers CamelProtoHttpMethod/CamelProtoPath or the options method/path;
     * {subcompany_id} from the configuration, other placeholders from the CamelProtoPathParams map, each
     * percent-encoded into its segment; the query from the CamelProtoQuery map; the body sent exactly as given.
     */
    static ProtoRequest raw(Message message, RequestDefaults configuration, JsonMappers mappers) {
        String op = ProtoOperation.RAW.uriName();
        String method = HeaderValues.text(op, message, ProtoConstants.HTTP_METHOD);
        if (method == null) {
            method = configuration.method();
        }
        if (method == null || method.isBlank()) {
            throw new ProtoValidationException(
                    op,
                    "the HTTP method is required: set the header " + ProtoConstants.HTTP_METHOD
                            + " or the endpoint option method");
        }
        method = method.trim().toUpperCase(Locale.ROOT);
        if (!RAW_METHODS.contains(method)) {
            throw new ProtoValidationException(
                    op,
                    "the HTTP method must be one of " + RAW_METHODS + ", not '"
                            + method + "' (header " + ProtoConstants.HTTP_METHOD
                            + " or option method)");
        }
        String template = HeaderValues.text(op, message, ProtoConstants.PATH);
        String source = "the header " + ProtoConstants.PATH;
        if (template == null) {
            template = configuration.path();
            source = "the endpoint option path";
        }
        if (template == null || template.isBlank()) {
            throw new ProtoValidationException(
                    op,
                    "the path is required: set the header " + ProtoConstants.PATH
                            + " or the endpoint option path, e.g. /v1/custom-fields/"
                            + "{subcompany_id}/list-custom-fields");
        }
        StringBuilder path =
                rawPath(op, template, source, HeaderValues.map(op, message, ProtoConstants.PATH_PARAMS), configuration);
        Map<String, Object> query = HeaderValues.map(op, message, ProtoConstants.QUERY);
        if (query != null && !query.isEmpty()) {
            char sep = '?';
            for (Map.Entry<String, Object> e : query.entrySet()) {
                for (Object v : e.getValue() instanceof Iterable<?> many ? many : java.util.List.of(e.getValue())) {
                    if (v == null) {
                        continue;
                    }
                    path.append(sep);
                    PercentCodec.encode(path, e.getKey(), StandardCharsets.UTF_8);
                    path.append('=');
                    PercentCodec.encode(path, v.toString(), StandardCharsets.UTF_8);
                    sep = '&';
                }
            }
        }
        byte[] body = null;
        if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            body = rawBody(op, message.getBody(), mappers);
        }
        return new ProtoRequest(op, method, path.toString(), body, null);
    }

    /**
     * The path of proto:raw as it goes on the wire, or a validation error naming where it came from ({@code source}).
     * Literal text is encoded as RFC 3986 pchar ({@link PathSegments#appendPchars}: a valid {@code %XX} escape is kept,
     * any other character outside pchar becomes its UTF-8 octets, percent-encoded); a placeholder is replaced by its
     * value, percent-encoded into its own segment ({@link PathSegments#encode}). Refused, with nothing sent: a path not
     * starting with '/', a '?', '#', '\\' or scheme, a control character or lone surrogate, an escape that decodes to a
     * control character, '/' or '\\' (it would move the segment boundaries the server routes by), and a '.' or '..'
     * segment in any spelling ({@code %2E}, {@code .%2e}, ...), an empty segment ({@code //}, a trailing '/': a leading
     * {@code //host} reads as an authority to some parsers, and some servers merge {@code //}) and a segment that is
     * empty, '.' or '..' before its ';' parameters ({@code /..;/}: servers that strip them first read it as
     * {@code /../}). {subcompany_id} is the configured teamspace, always.
     */
    static StringBuilder rawPath(
            String op, String template, String source, Map<String, Object> params, RequestDefaults configuration) {
        if (!template.startsWith("/")
                || template.contains("?")
                || template.contains("#")
                || template.contains("\\")
                || PathSegments.firstUnsendable(template) >= 0
                || template.contains("://")) {
            throw new ProtoValidationException(
                    op,
                    "the path must start with '/' and hold no '?', '#', '\\', scheme"
                            + " or control characters (put query parameters in the header "
                            + ProtoConstants.QUERY + "), was: " + printable(template)
                            + " (" + source + ")");
        }
        if (params != null && params.containsKey(PathParameter.SUBCOMPANY_ID.placeholder())) {
            throw new ProtoValidationException(
                    op,
                    "the header " + ProtoConstants.PATH_PARAMS
                            + " must not hold 'subcompany_id': the teamspace comes from the"
                            + " configuration only (option subcompanyId)");
        }
        StringBuilder path = new StringBuilder(template.length() + 32);
        String[] segments = template.split("/", -1);
        for (int s = 1; s < segments.length; s++) {
            String segment = segments[s];
            if (segment.isEmpty()) {
                // '//' or a trailing '/': some clients and proxies read a leading '//host' as an authority, some
                // servers merge '//': the segments the server routes by would not be those written
                throw new ProtoValidationException(
                        op,
                        "the path must not have an empty segment ('//', a trailing"
                                + " '/' or only '/'), was: " + printable(template)
                                + " (" + source + ")");
            }
            path.append('/');
            int start = path.length();
            Matcher m = PLACEHOLDER.matcher(segment);
            int last = 0;
            boolean onlyPlaceholder = false;
            while (m.find()) {
                literal(op, path, segment.substring(last, m.start()), template, source);
                String name = m.group(1);
                Object value = PathParameter.SUBCOMPANY_ID.placeholder().equals(name)
                        ? configuration.subcompanyId()
                        : params == null ? null : params.get(name);
                if (value == null || value.toString().isEmpty()) {
                    throw new ProtoValidationException(
                            op,
                            "the path placeholder {" + name + "} has no value: "
                                    + (PathParameter.SUBCOMPANY_ID.placeholder().equals(name)
                                            ? "set " + PathParameter.SUBCOMPANY_ID.howToSet()
                                            : "put '" + name + "' in the header " + ProtoConstants.PATH_PARAMS));
                }
                checkPathValue(
                        op,
                        "the path parameter " + name,
                        value.toString(),
                        () -> "the header " + ProtoConstants.PATH_PARAMS);
                path.append(PathSegments.encode(value.toString()));
                onlyPlaceholder = m.start() == 0 && m.end() == segment.length();
                last = m.end();
            }
            literal(op, path, segment.substring(last), template, source);
            String decoded = PathSegments.decode(path.substring(start));
            String beforeParameters = decoded.indexOf(';') >= 0 ? decoded.substring(0, decoded.indexOf(';')) : decoded;
            if (!onlyPlaceholder
                    && decoded.indexOf(';') >= 0
                    && (beforeParameters.isEmpty() || beforeParameters.equals(".") || beforeParameters.equals(".."))) {
                // servers that strip ';' parameters before resolving dot-segments read '..;' as '..' and ';x' as an
                // empty segment
                throw new ProtoValidationException(
                        op,
                        "the path must not contain a segment that is empty, '.' or"
                                + " '..' before its ';' parameters (';x', '..;', '.;x'), was: "
                                + printable(template) + " (" + source + ")");
            }
            if (!onlyPlaceholder && (decoded.equals(".") || decoded.equals(".."))) {
                // a placeholder value of '.' or '..' is an id, sent as %2E%2E like every id; written in the path it
                // is a dot-segment, which a client, proxy or server may remove together with the segment before it
                throw new ProtoValidationException(
                        op,
                        "the path must not contain '.' or '..' segments"
                                + " (in any spelling, %2E%2E too), was: "
                                + printable(template) + " (" + source + ")");
            }
            if (!onlyPlaceholder
                    && (decoded.indexOf('/') >= 0
                            || decoded.indexOf('\\') >= 0
                            || PathSegments.firstUnsendable(decoded) >= 0)) {
                throw new ProtoValidationException(
                        op,
                        "the path must not hold an escaped '/', '\\' or control"
                                + " character (%2F, %5C, %0A...), was: "
                                + printable(template) + " (" + source + ")");
            }
        }
        return path;
    }

    /** Literal text of the raw path: no stray '{' or '}', then pchar-encoded. */
    private static void literal(String op, StringBuilder path, String text, String template, String source) {
        if (text.indexOf('{') >= 0 || text.indexOf('}') >= 0) {
            throw new ProtoValidationException(
                    op,
                    "the path has an unclosed or invalid placeholder: " + printable(template) + " (" + source + ")");
        }
        PathSegments.appendPchars(path, text);
    }

    /** The body exactly as given: text and bytes as they are, any other object written as JSON. */
    private static byte[] rawBody(String op, Object body, JsonMappers mappers) {
        try {
            if (body == null) {
                return null;
            }
            if (body instanceof byte[] bytes) {
                return bytes;
            }
            if (body instanceof CharSequence text) {
                return text.toString().getBytes(StandardCharsets.UTF_8);
            }
            if (body instanceof InputStream stream) {
                return stream.readAllBytes();
            }
            return mappers.json().writeValueAsBytes(body);
        } catch (IOException e) {
            throw new ProtoValidationException(op, "the body cannot be read or written as JSON: " + e.getMessage());
        }
    }

    private static byte[] write(String operation, JsonMappers mappers, ObjectNode json) {
        try {
            return mappers.json().writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new ProtoValidationException(
                    operation, "the body cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    /** The text as code points, e.g. {@code U+2028 U+0020}, for a value that would not show in a message. */
    private static String codePoints(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints()
                .limit(20)
                .forEach(c -> sb.append(sb.isEmpty() ? "" : " ").append(String.format("U+%04X", c)));
        return text.codePointCount(0, text.length()) > 20 ? sb + " ..." : sb.toString();
    }

    private static String printable(String text) {
        String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        StringBuilder sb = new StringBuilder(shown.length());
        // control characters and lone surrogates (code points U+D800..U+DFFF) shown as '?'
        shown.codePoints()
                .forEach(c -> sb.appendCodePoint(
                        Character.isISOControl(c) || c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE
                                ? '?'
                                : c));
        return sb.toString();
    }
}
