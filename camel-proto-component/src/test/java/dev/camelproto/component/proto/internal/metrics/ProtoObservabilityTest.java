package dev.camelproto.component.proto.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.testsupport.ProtoApiStub;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.console.DevConsole;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;

/** JMX counters, the proto dev console and the producer health check, all without the secret. */
class ProtoObservabilityTest extends ProtoTestSupport {

    @Override
    protected boolean useJmx() {
        return true;
    }

    @Test
    void countersAreOnJmxAndTheDevConsoleWithoutTheSecret() throws Exception {
        stub.reply(r -> r.path().contains("get-customer")
                ? ProtoApiStub.Reply.json(404, "{\"detail\":\"no\"}")
                : ProtoApiStub.Reply.json(200, "[]"));
        send("proto:customField/list", null, Map.of());
        send("proto:customField/list", null, Map.of());
        send("proto:customer/get", null, Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "c1"));

        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names =
                server.queryNames(new ObjectName("org.apache.camel:type=components,name=\"proto\",*"), null);
        assertThat(names).hasSize(1);
        ObjectName proto = names.iterator().next();
        assertThat(server.getAttribute(proto, "CallsTotal")).isEqualTo(3L);
        assertThat(server.getAttribute(proto, "CallsSucceeded")).isEqualTo(2L);
        assertThat(server.getAttribute(proto, "CallsFailed")).isEqualTo(1L);
        assertThat(server.getAttribute(proto, "CallsInFlight")).isEqualTo(0);
        String stats = (String) server.invoke(proto, "dumpStatistics", null, null);
        assertThat(stats).contains("customField/list").contains("customer/get").doesNotContain(SECRET);

        DevConsole console = PluginHelper.getDevConsoleResolver(context).resolveDevConsole("proto");
        assertThat(console).as("the proto dev console is discovered").isNotNull();
        String text = (String) console.call(DevConsole.MediaType.TEXT);
        assertThat(text).contains("Calls: 3").contains("customer/get").doesNotContain(SECRET);
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) console.call(DevConsole.MediaType.JSON);
        @SuppressWarnings("unchecked")
        Map<String, Object> component = (Map<String, Object>) json.get("proto");
        assertThat(component).containsEntry("calls", 3L).containsEntry("failed", 1L);
        assertThat(json.toString()).doesNotContain(SECRET);
    }

    @Test
    void healthCheckIsUpWhenTheApiAnswersAndCachesItsProbe() {
        stub.reply(200, "[]");
        send("proto:customField/list", null, Map.of());
        stub.reset();
        stub.reply(200, "[]");
        HealthCheck.Result result = producerCheck();
        assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
        producerCheck();
        producerCheck();
        assertThat(stub.requests()).as("one probe, cached").hasSize(1);
        assertThat(stub.lastRequest().path()).isEqualTo(path("/v1/custom-fields/" + TEAMSPACE + "/list-custom-fields"));
        assertThat(result.getDetails().toString()).doesNotContain(SECRET);
    }

    @Test
    void healthCheckIsDownWhenTheSecretIsRejected() {
        stub.reply(200, "[]");
        send("proto:customField/list?maxRetries=0", null, Map.of());
        stub.reply(401, "{\"detail\":\"Invalid takeover secret\"}");
        HealthCheck.Result result = producerCheck();
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("takeover secret rejected"));
        assertThat(result.getMessage().orElse("") + result.getDetails()).doesNotContain(SECRET);
    }

    /** The producer check's result once its probe answered (the check never waits long for it: UNKNOWN until then). */
    private HealthCheck.Result producerCheck() {
        // Camel keeps the producers repository off unless asked (camel.health.producers-enabled=true)
        HealthCheckHelper.getHealthCheckRepository(context, "producers").setEnabled(true);
        HealthCheck.Result[] result = new HealthCheck.Result[1];
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> {
                    result[0] = HealthCheckHelper.invoke(context).stream()
                            .filter(r -> r.getCheck().getId().startsWith("proto-" + TEAMSPACE))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError(
                                    "no proto producer health check in " + HealthCheckHelper.invoke(context)));
                    return result[0].getState() != HealthCheck.State.UNKNOWN;
                });
        return result[0];
    }
}
