package dev.camelproto.component.proto.internal.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.ProtoComponent;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import dev.camelproto.component.proto.testsupport.ScriptedServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A server (or a proxy in front of it) that echoes the request's Authorization header into a malformed response head.
 * The component masks the secret out of its own message, but keeps HttpClient's exception as the cause unmasked: the
 * secret is in the exception chain that Camel's error handler logs with its stack trace.
 */
class SecretEchoedInAMalformedResponseTest {

    @ParameterizedTest
    @ValueSource(strings = {"statusLine", "headerLine"})
    void theSecretIsInNoTextOfTheExceptionChain(String where) throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            Thread t = new Thread(() -> {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    String head = ScriptedServer.readHead(in);
                    Matcher m = Pattern.compile("(?im)^authorization: (.*)$").matcher(head);
                    String auth = m.find() ? m.group(1).trim() : "none";
                    String response = where.equals("statusLine")
                            ? "HTTP/1.1 2OO " + auth + "\r\nContent-Length: 0\r\n\r\n"
                            : "HTTP/1.1 200 OK\r\n" + auth + "\r\nContent-Length: 0\r\n\r\n";
                    OutputStream out = s.getOutputStream();
                    out.write(response.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    Thread.sleep(500);
                } catch (Exception ignored) {
                }
            });
            t.setDaemon(true);
            t.start();
            CamelContext context = new DefaultCamelContext();
            ProtoComponent proto = new ProtoComponent();
            proto.getConfiguration().setSubcompanyId(ProtoTestSupport.TEAMSPACE);
            proto.getConfiguration().setTakeoverSecret(ProtoTestSupport.SECRET);
            proto.getConfiguration().setBaseUrl("http://127.0.0.1:" + server.getLocalPort() + "/api/platform");
            context.addComponent("proto", proto);
            context.start();
            try {
                Exchange out = context.createProducerTemplate()
                        .send(
                                "proto:customer/get?maxRetries=0&callTimeout=5000",
                                e -> e.getIn().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, "c1"));
                assertThat(out.getException()).isNotNull();
                StringWriter trace = new StringWriter();
                out.getException().printStackTrace(new PrintWriter(trace));
                assertThat(trace.toString()).as("the stack trace Camel logs").doesNotContain(ProtoTestSupport.SECRET);
            } finally {
                context.stop();
            }
        }
    }
}
