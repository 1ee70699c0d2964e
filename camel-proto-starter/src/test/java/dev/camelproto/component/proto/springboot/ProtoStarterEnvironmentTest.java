package dev.camelproto.component.proto.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.ProtoComponent;
import dev.camelproto.component.proto.ProtoConfiguration;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Environment-variable names ({@code CAMEL_COMPONENT_PROTO_TAKEOVER_SECRET}) bind through Spring's relaxed binding, and
 * the whole start-up log of such an application never holds the secret.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProtoStarterEnvironmentTest {

    static final String ENV_SECRET = "env-secret-value-9f8e7d6c5b";

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class EnvApp {}

    @Test
    void environmentVariableNamesBindAndTheStartupLogNeverShowsTheSecret(CapturedOutput output) {
        Map<String, Object> env = Map.of(
                "CAMEL_COMPONENT_PROTO_BASE_URL", "http://127.0.0.1:1/api/platform",
                "CAMEL_COMPONENT_PROTO_SUBCOMPANY_ID", "01JENVTEAMSPACE00000000000",
                "CAMEL_COMPONENT_PROTO_TAKEOVER_SECRET", ENV_SECRET,
                "CAMEL_COMPONENT_PROTO_RESPONSE_TIMEOUT", "2s");
        StandardEnvironment environment = new StandardEnvironment();
        // what Spring Boot uses for real environment variables (SystemEnvironmentPropertySource: relaxed names)
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-env", env));
        SpringApplication app = new SpringApplication(EnvApp.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setBannerMode(Banner.Mode.OFF);
        app.setEnvironment(environment);
        try (ConfigurableApplicationContext ctx = app.run(
                "--management.endpoints.web.exposure.include=env",
                "--management.endpoint.env.show-values=ALWAYS",
                "--logging.level.dev.camelproto=DEBUG",
                "--logging.level.org.apache.camel.spring.boot=DEBUG")) {
            ProtoConfiguration config = ctx.getBean(CamelContext.class)
                    .getComponent("proto", ProtoComponent.class)
                    .getConfiguration();
            assertThat(config.getBaseUrl()).isEqualTo("http://127.0.0.1:1/api/platform");
            assertThat(config.getSubcompanyId()).isEqualTo("01JENVTEAMSPACE00000000000");
            assertThat(config.getTakeoverSecret()).isEqualTo(ENV_SECRET);
            assertThat(config.getResponseTimeout()).isEqualTo(2000L);
            assertThat(config.getConnectTimeout()).isEqualTo(10000L);

            EnvironmentEndpoint endpoint = ctx.getBean(EnvironmentEndpoint.class);
            var entry = endpoint.environmentEntry("CAMEL_COMPONENT_PROTO_TAKEOVER_SECRET");
            assertThat(entry.getProperty().getValue()).isEqualTo("******");
            assertThat(endpoint.environmentEntry("CAMEL_COMPONENT_PROTO_SUBCOMPANY_ID")
                            .getProperty()
                            .getValue())
                    .isEqualTo("01JENVTEAMSPACE00000000000");
        }
        // the capture holds the whole start-up and shutdown
        assertThat(output.getAll()).containsPattern("Apache Camel 4\\.18\\.0 \\(camel-\\d+\\) started in");
        assertThat(output.getAll()).containsPattern("Apache Camel 4\\.18\\.0 \\(camel-\\d+\\) shutdown in");
        assertThat(output.getAll()).doesNotContain(ENV_SECRET);
    }

    @Test
    void customizerCanBeSwitchedOff() {
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(CamelAutoConfiguration.class, ProtoComponentAutoConfiguration.class))
                .withPropertyValues(
                        "camel.component.proto.subcompany-id=01JOFFTEAMSPACE00000000000",
                        "camel.component.proto.customizer.enabled=false")
                .run(ctx -> {
                    ProtoConfiguration config = ctx.getBean(CamelContext.class)
                            .getComponent("proto", ProtoComponent.class)
                            .getConfiguration();
                    assertThat(config.getSubcompanyId()).isNull();
                    assertThat(config.getBaseUrl()).isEqualTo(ProtoConfiguration.DEFAULT_BASE_URL);
                });
    }

    @Test
    void componentAutoConfigurationBacksOffWithoutCamelContext() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ProtoComponentAutoConfiguration.class))
                .run(ctx -> assertThat(ctx).doesNotHaveBean(ProtoComponentAutoConfiguration.class));
    }
}
