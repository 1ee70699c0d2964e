package dev.camelproto.component.proto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.testsupport.LiveContractProbe;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Opt-in check of every CONTRACT guess of docs/proto-api.md against the REAL Proto API. Runs only with
 * {@code PROTO_LIVE_TEST=true} plus {@code PROTO_SUBCOMPANY_ID} and {@code PROTO_TAKEOVER_SECRET} (and optionally
 * {@code PROTO_BASE_URL}, e.g. the develop host); never in CI. It prints one line per guess: what the API answered
 * (status, body shape). See {@link LiveContractProbe} for what it creates and cleans up.
 */
@EnabledIfEnvironmentVariable(named = "PROTO_LIVE_TEST", matches = "true")
class ProtoLiveIT {

    @Test
    void observeTheRealApi() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            ProtoComponent proto = context.getComponent("proto", ProtoComponent.class);
            proto.setSubcompanyId(System.getenv("PROTO_SUBCOMPANY_ID"));
            proto.setTakeoverSecret(System.getenv("PROTO_TAKEOVER_SECRET"));
            String base = System.getenv("PROTO_BASE_URL");
            if (base != null && !base.isBlank()) {
                proto.getConfiguration().setBaseUrl(base);
            }
            context.start();
            LiveContractProbe probe = new LiveContractProbe(
                    context.createProducerTemplate(), proto.getConfiguration().getBaseUrl(), proto.getSubcompanyId());
            List<LiveContractProbe.Observation> seen = probe.run();
            seen.forEach(System.out::println);
            assertThat(seen).hasSizeGreaterThan(15);
        }
    }
}
