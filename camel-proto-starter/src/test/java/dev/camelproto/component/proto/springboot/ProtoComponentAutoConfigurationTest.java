package dev.camelproto.component.proto.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.camelproto.component.proto.ProtoComponent;
import dev.camelproto.component.proto.ProtoConfiguration;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.simulator.Customer;
import dev.camelproto.simulator.ProtoSimulator;
import dev.camelproto.simulator.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint.ConfigurationPropertiesBeanDescriptor;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint.PropertySourceDescriptor;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The auto-configuration against a running simulator: properties reach the component, and the secret shows neither
 * in the log of a call nor in actuator's env and configprops (with show-values=ALWAYS).
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
        classes = ProtoComponentAutoConfigurationTest.TestApp.class,
        properties = {
            "management.endpoints.web.exposure.include=env,configprops",
            "management.endpoint.env.show-values=ALWAYS",
            "management.endpoint.configprops.show-values=ALWAYS",
            "camel.component.proto.connect-timeout=5s",
            "camel.component.proto.response-timeout=1500",
            "camel.component.proto.max-connections=8",
            "camel.component.proto.throw-exception-on-failure=false",
            "logging.level.dev.camelproto=DEBUG",
            "logging.level.org.apache.hc.client5.http.headers=DEBUG"
        })
class ProtoComponentAutoConfigurationTest {

    static final String SECRET = "s3cr3t-takeover-0123456789";
    static final String TEAMSPACE = "01JTESTTEAMSPACE0000000000";
    static final ProtoSimulator SIM =
            ProtoSimulator.builder().teamspace(TEAMSPACE, SECRET).start();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TestApp {}

    @DynamicPropertySource
    static void proto(DynamicPropertyRegistry registry) {
        registry.add("camel.component.proto.base-url", SIM::baseUrl);
        registry.add("camel.component.proto.subcompany-id", SIM::subcompanyId);
        registry.add("camel.component.proto.takeover-secret", SIM::secret);
    }

    @AfterAll
    static void stopSimulator() {
        SIM.close();
    }

    @Autowired
    CamelContext camelContext;

    @Autowired
    ProducerTemplate template;

    @Autowired
    EnvironmentEndpoint envEndpoint;

    @Autowired
    ConfigurationPropertiesReportEndpoint configpropsEndpoint;

    @Test
    void propertiesAreAppliedToTheComponent() {
        ProtoComponent component = camelContext.getComponent("proto", ProtoComponent.class);
        ProtoConfiguration config = component.getConfiguration();
        assertThat(config.getBaseUrl()).isEqualTo(SIM.baseUrl());
        assertThat(config.getSubcompanyId()).isEqualTo(TEAMSPACE);
        assertThat(config.getTakeoverSecret()).isEqualTo(SECRET);
        assertThat(config.getConnectTimeout()).isEqualTo(5000L);
        assertThat(config.getResponseTimeout()).isEqualTo(1500L);
        assertThat(config.isThrowExceptionOnFailure()).isFalse();
        assertThat(config.isCreateIfNotExists()).isFalse();
        assertThat(component.getMaxConnections()).isEqualTo(8);
    }

    @Test
    void componentCallsTheApiWithTheSecretButNeverLogsIt(CapturedOutput output) {
        SIM.reset();
        Object body = template.requestBodyAndHeader(
                "proto:customer/create",
                Map.of("name", "Ada Lovelace", "email", "ada@example.com"),
                ProtoConstants.PROVIDED_UNIQUE_ID,
                "cust-42");

        Customer customer = SIM.snapshot().customer("cust-42").orElseThrow();
        assertThat(customer.name()).isEqualTo("Ada Lovelace");
        assertThat(customer.email()).isEqualTo("ada@example.com");
        assertThat(body).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) body).get("id")).isEqualTo(customer.id());
        List<RecordedRequest> journal = SIM.journal();
        assertThat(journal).hasSize(1);
        assertThat(journal.get(0).header("Authorization")).isEqualTo("Bearer " + SECRET);

        // HttpClient's header log (DEBUG here) shows the masked header only
        assertThat(output.getAll()).contains("Authorization: Bearer ******");
        assertThat(output.getAll()).doesNotContain(SECRET);
    }

    @Test
    void actuatorEnvEndpointMasksTheSecretWhileShowingOtherValues() throws Exception {
        var env = envEndpoint.environment(null);
        List<String> secretValues = new ArrayList<>();
        List<String> baseUrlValues = new ArrayList<>();
        for (PropertySourceDescriptor source : env.getPropertySources()) {
            source.getProperties().forEach((key, value) -> {
                if (key.equals("camel.component.proto.takeover-secret")) {
                    secretValues.add(String.valueOf(value.getValue()));
                }
                if (key.equals("camel.component.proto.base-url")) {
                    baseUrlValues.add(String.valueOf(value.getValue()));
                }
            });
        }
        assertThat(secretValues).containsExactly("******");
        assertThat(baseUrlValues).containsExactly(SIM.baseUrl()); // show-values=ALWAYS is in effect
        assertThat(envEndpoint
                        .environmentEntry("camel.component.proto.takeover-secret")
                        .getProperty()
                        .getValue())
                .isEqualTo("******");
        assertThat(new ObjectMapper().writeValueAsString(env)).doesNotContain(SECRET);
    }

    @Test
    void actuatorConfigpropsEndpointMasksTheSecret() throws Exception {
        var report = configpropsEndpoint.configurationProperties();
        ConfigurationPropertiesBeanDescriptor proto = report.getContexts().values().stream()
                .flatMap(c -> c.getBeans().values().stream())
                .filter(b -> "camel.component.proto".equals(b.getPrefix()))
                .findFirst()
                .orElseThrow();
        Map<String, Object> properties = proto.getProperties();
        assertThat(properties.get("takeoverSecret")).isEqualTo("******");
        assertThat(properties.get("subcompanyId")).isEqualTo(TEAMSPACE);
        assertThat(properties.get("baseUrl")).isEqualTo(SIM.baseUrl());
        assertThat(new ObjectMapper().writeValueAsString(report)).doesNotContain(SECRET);
    }
}
