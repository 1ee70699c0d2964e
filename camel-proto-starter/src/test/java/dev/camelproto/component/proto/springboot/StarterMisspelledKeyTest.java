package dev.camelproto.component.proto.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.camelproto.component.proto.ProtoComponent;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The user guide's caveat on misspelled keys, the Spring Boot side: unlike Camel Main (ProtoMisspelledSecretKeyTest in
 * camel-proto), Spring Boot's binding ignores an unknown {@code camel.component.proto.takeover-secrett}, so its value
 * is printed nowhere, and the first proto: endpoint fails naming the missing option, without any value.
 */
@ExtendWith(OutputCaptureExtension.class)
class StarterMisspelledKeyTest {

    private static final String SECRET = "misspelled-secret-value-5a4b3c";

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {}

    @Test
    void aMisspelledSecretKeyIsIgnoredAndItsValuePrintedNowhere(CapturedOutput output) {
        SpringApplication app = new SpringApplication(App.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setBannerMode(Banner.Mode.OFF);
        try (ConfigurableApplicationContext ctx = app.run(
                "--camel.component.proto.subcompany-id=01JTYPOTEAMSPACE0000000000",
                "--camel.component.proto.takeover-secrett=" + SECRET,
                "--logging.level.org.apache.camel=DEBUG")) {
            CamelContext camel = ctx.getBean(CamelContext.class);
            assertThat(camel.getComponent("proto", ProtoComponent.class)
                            .getConfiguration()
                            .getTakeoverSecret())
                    .isNull();
            assertThatThrownBy(() -> camel.getEndpoint("proto:customField/list"))
                    .hasStackTraceContaining("The option takeoverSecret is required")
                    .satisfies(e -> {
                        for (Throwable t = e; t != null; t = t.getCause()) {
                            assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET);
                        }
                    });
        }
        assertThat(output.getAll()).contains("Apache Camel 4.18.0").doesNotContain(SECRET);
    }
}
