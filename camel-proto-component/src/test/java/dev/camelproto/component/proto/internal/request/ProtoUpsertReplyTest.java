package dev.camelproto.component.proto.internal.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.camelproto.component.proto.ProtoComponent;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.simulator.Customer;
import dev.camelproto.simulator.ProtoSimulator;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the user guide says about customer/upsert's reply: the merged customer as body, CamelProtoId, and
 * CamelProtoAttempts summed over the steps; with throwExceptionOnFailure=false a failing step ends the upsert without
 * an exception, its decoded error as body and its status in CamelHttpResponseCode.
 */
class ProtoUpsertReplyTest {

    private ProtoSimulator simulator;
    private DefaultCamelContext context;
    private ProducerTemplate template;

    @BeforeEach
    void start() {
        simulator = ProtoSimulator.builder().start();
        context = new DefaultCamelContext();
        ProtoComponent proto = new ProtoComponent();
        proto.getConfiguration().setSubcompanyId(simulator.subcompanyId());
        proto.getConfiguration().setTakeoverSecret(simulator.secret());
        proto.getConfiguration().setBaseUrl(simulator.baseUrl());
        context.addComponent("proto", proto);
        context.start();
        template = context.createProducerTemplate();
        template.requestBody("proto:customField/create", Map.of("name", "Plan", "type", "text"));
    }

    @AfterEach
    void stop() {
        context.stop();
        simulator.close();
    }

    @Test
    void theReplyIsTheMergedCustomerAndAttemptsSumTheSteps() {
        Exchange reply = template.request(
                "proto:customer/upsert?createIfNotExists=true",
                e -> e.getIn()
                        .setBody(Map.of(
                                "provided_unique_id",
                                "ada",
                                "name",
                                "Ada",
                                "tags",
                                List.of("vip"),
                                "custom_fields",
                                Map.of("Plan", "pro"))));

        assertThat(reply.getException()).isNull();
        Customer ada = simulator.snapshot().customer("ada").orElseThrow();
        Map<?, ?> body = reply.getMessage().getBody(Map.class);
        assertThat(body.get("id")).isEqualTo(ada.id());
        assertThat(body.get("name")).isEqualTo("Ada");
        assertThat(body.get("tags")).isEqualTo(List.of("vip"));
        assertThat((List<?>) body.get("custom_fields")).singleElement().satisfies(f -> {
            assertThat(((Map<?, ?>) f).get("name")).isEqualTo("Plan");
            assertThat(((Map<?, ?>) f).get("value")).isEqualTo("pro");
        });
        assertThat(reply.getMessage().getHeader(ProtoConstants.ID)).isEqualTo(ada.id());
        // three steps, one attempt each: 3 means "no retry" here, not "two retries"
        assertThat(reply.getMessage().getHeader(ProtoConstants.ATTEMPTS)).isEqualTo(3);
        assertThat(simulator.journal()).hasSize(4); // customField/create above + the three steps
    }

    @Test
    void withoutExceptionsAFailingStepEndsTheUpsertWithItsErrorAsTheBody() {
        Exchange reply = template.request(
                "proto:customer/upsert?throwExceptionOnFailure=false&createIfNotExists=true",
                e -> e.getIn()
                        .setBody(Map.of(
                                "provided_unique_id",
                                "bob",
                                "name",
                                "Bob",
                                "tags",
                                List.of("vip"),
                                "custom_fields",
                                Map.of("Tier", "gold"))));

        assertThat(reply.getException()).isNull();
        assertThat(reply.getMessage().getHeader(ProtoConstants.HTTP_RESPONSE_CODE))
                .isEqualTo(404);
        assertThat(reply.getMessage().getBody(Map.class).get("detail"))
                .asString()
                .contains("Tier");
        assertThat(reply.getMessage().getHeader(ProtoConstants.ID)).isNull();
        assertThat(reply.getMessage().getHeader(ProtoConstants.ATTEMPTS)).isEqualTo(3);
        // the steps before the failing one stay applied
        Customer bob = simulator.snapshot().customer("bob").orElseThrow();
        assertThat(bob.tags()).containsExactly("vip");
        assertThat(bob.customFields()).isEmpty();
    }
}
