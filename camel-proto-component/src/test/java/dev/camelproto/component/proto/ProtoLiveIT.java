package dev.camelproto.component.proto;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opt-in check against the REAL Proto API, to confirm or correct the CONTRACT lines of proto-api.md. Runs only with
 * {@code PROTO_LIVE_TEST=true} plus {@code PROTO_SUBCOMPANY_ID} and {@code PROTO_TAKEOVER_SECRET} (and optionally
 * {@code PROTO_BASE_URL}, e.g. the develop host); never in CI. It prints what it observes. It touches only one
 * customer, {@code camel-proto-live-test}, and creates no tag, field or ticket.
 */
@EnabledIfEnvironmentVariable(named = "PROTO_LIVE_TEST", matches = "true")
class ProtoLiveIT {

    private static void print(String what, Exchange out) {
        System.out.printf("[live] %s -> HTTP %s, body: %s%n", what,
                out.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE), out.getMessage().getBody());
    }

    @Test
    void observeTheRealApi() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            ProtoComponent proto = context.getComponent("proto", ProtoComponent.class);
            proto.getConfiguration().setSubcompanyId(System.getenv("PROTO_SUBCOMPANY_ID"));
            proto.getConfiguration().setTakeoverSecret(System.getenv("PROTO_TAKEOVER_SECRET"));
            String base = System.getenv("PROTO_BASE_URL");
            if (base != null && !base.isBlank()) {
                proto.getConfiguration().setBaseUrl(base);
            }
            proto.getConfiguration().setThrowExceptionOnFailure(false);
            context.start();
            ProducerTemplate template = context.createProducerTemplate();

            Exchange list = template.send("proto:customField/list", e -> {
            });
            print("customField/list", list);
            assertThat(list.getException()).isNull();

            Exchange create = template.send("proto:customer/create", e -> {
                e.getIn().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, "camel-proto-live-test");
                e.getIn().setBody(Map.of("name", "camel-proto live test"));
            });
            print("customer/create", create);

            Exchange get = template.send("proto:customer/get",
                    e -> e.getIn().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, "camel-proto-live-test"));
            print("customer/get", get);

            Exchange unknown = template.send("proto:customer/get",
                    e -> e.getIn().setHeader(ProtoConstants.PROVIDED_UNIQUE_ID, "camel-proto-no-such-customer"));
            print("customer/get (unknown id)", unknown);
            assertThat(create.getException()).isNull();
        }
    }
}
