package dev.camelproto.component.proto.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.MemoryTicketJournal;
import dev.camelproto.component.proto.ProtoComponent;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.simulator.ProtoSimulator;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code camel.component.proto.idempotent-repository=#ticketJournal}: the Spring bean opens each ticket once. */
@SpringBootTest(
        classes = ProtoStarterTicketOnceTest.TestApp.class,
        properties = {"camel.component.proto.idempotent-repository=#ticketJournal"})
class ProtoStarterTicketOnceTest {

    static final ProtoSimulator SIM = ProtoSimulator.builder().start();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TestApp {
        @Bean
        MemoryTicketJournal ticketJournal() {
            return new MemoryTicketJournal();
        }
    }

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
    MemoryTicketJournal ticketJournal;

    @Test
    void theRepositoryBeanIsBoundByReferenceAndTheRerunSendsNothing() {
        assertThat(camelContext
                        .getComponent("proto", ProtoComponent.class)
                        .getConfiguration()
                        .getIdempotentRepository())
                .isSameAs(ticketJournal);
        template.requestBodyAndHeader(
                "proto:customer/create", Map.of("name", "Ada"), ProtoConstants.PROVIDED_UNIQUE_ID, "ada");
        Map<String, Object> hello = Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "ada", ProtoConstants.SUBJECT, "Hello");
        Exchange first =
                template.request("proto:ticket/create", e -> e.getIn().setHeaders(new java.util.HashMap<>(hello)));
        Exchange again =
                template.request("proto:ticket/create", e -> e.getIn().setHeaders(new java.util.HashMap<>(hello)));
        assertThat(first.getException()).isNull();
        assertThat(again.getException()).isNull();
        assertThat(again.getMessage().getHeader(ProtoConstants.DUPLICATE)).isEqualTo(true);
        assertThat(again.getMessage().getHeader(ProtoConstants.ID))
                .isEqualTo(first.getMessage().getHeader(ProtoConstants.ID));
        assertThat(SIM.snapshot().tickets()).hasSize(1);
    }
}
