package dev.camelproto.component.proto.testsupport;

import dev.camelproto.component.proto.ProtoComponent;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** A Camel context whose proto component points at a recording {@link ProtoApiStub}. */
public abstract class ProtoTestSupport extends CamelTestSupport {

    public static final String TEAMSPACE = "01HSWE652DMW6REJ1FB1135PRZ";
    public static final String SECRET = "tk_live_S3cr3t+/=Value";

    public static ProtoApiStub stub;

    @BeforeAll
    public static void startStub() throws Exception {
        stub = new ProtoApiStub();
    }

    @AfterAll
    public static void stopStub() {
        stub.close();
    }

    @BeforeEach
    public void resetStub() {
        stub.reset();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        ProtoComponent proto = new ProtoComponent();
        proto.getConfiguration().setSubcompanyId(TEAMSPACE);
        proto.getConfiguration().setTakeoverSecret(SECRET);
        proto.getConfiguration().setBaseUrl(stub.baseUrl());
        context.addComponent("proto", proto);
        return context;
    }

    public Exchange send(String uri, Object body, Map<String, Object> headers) {
        return template.send(uri, exchange -> {
            exchange.getIn().setBody(body);
            exchange.getIn().setHeaders(new java.util.HashMap<>(headers));
        });
    }

    public static String path(String rest) {
        return "/api/platform" + rest;
    }
}
