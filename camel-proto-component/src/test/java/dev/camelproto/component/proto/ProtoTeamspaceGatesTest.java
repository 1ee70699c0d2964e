package dev.camelproto.component.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** One gate per teamspace while an endpoint uses it; the gates of teamspaces no longer used go away. */
class ProtoTeamspaceGatesTest {

    @Test
    void gatesOfTeamspacesNoLongerUsedAreRemoved() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            ProtoComponent proto = context.getComponent("proto", ProtoComponent.class);
            proto.getConfiguration().setSubcompanyId("kept");
            proto.getConfiguration().setTakeoverSecret("s3cr3t-value");
            proto.getConfiguration().setBaseUrl("http://127.0.0.1:9");
            context.start();
            Endpoint kept = context.getEndpoint("proto:customField/list");
            Endpoint sameTeamspace = context.getEndpoint("proto:customer/get");
            kept.start();
            sameTeamspace.start();
            assertThat(proto.gateCount()).as("one gate per teamspace").isEqualTo(1);

            // as toD does: one endpoint per teamspace, used once, then evicted
            List<String> uris = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                Endpoint e = context.getEndpoint("proto:customField/list?subcompanyId=teamspace-" + i);
                e.start();
                uris.add(e.getEndpointUri());
            }
            assertThat(proto.gateCount()).isEqualTo(201);
            for (String uri : uris) {
                context.removeEndpoints(uri);
            }
            uris.clear();
            // the gates of evicted endpoints go once the collector has cleared them: collect at each poll
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(10))
                    .untilAsserted(() -> {
                        System.gc();
                        assertThat(proto.gateCount())
                                .as("only the teamspace still used keeps its gate")
                                .isEqualTo(1);
                    });
            assertThat(((ProtoEndpoint) kept).api())
                    .as("the kept endpoint still works")
                    .isNotNull();
        }
    }
}
