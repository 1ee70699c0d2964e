package dev.camelproto.component.proto;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * Camel's built-in list of sensitive keys lacks takeoverSecret; the component adds it to every context (through its
 * ContextServicePlugin, and again when the component initialises), so Camel Main's summaries and the dev console mask
 * it.
 */
class ProtoSensitiveKeywordTest {

    @Test
    void everyContextKnowsTakeoverSecretAsSensitive() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            assertThat(context.getCamelContextExtension().getAdditionalSensitiveKeywords())
                    .as("added by the ContextServicePlugin as the context is built")
                    .isEqualTo("takeoverSecret");
            // Camel Main replaces the list with camel.main.additional-sensitive-keywords when a user sets it
            context.getCamelContextExtension().setAdditionalSensitiveKeywords("myOwnKey");
            context.getComponent("proto");
            context.start();
            assertThat(context.getCamelContextExtension().getAdditionalSensitiveKeywords())
                    .as("the component adds it back, keeping the user's own")
                    .isEqualTo("myOwnKey,takeoverSecret");
            context.getComponent("proto", true, true);
            assertThat(context.getCamelContextExtension().getAdditionalSensitiveKeywords())
                    .as("never added twice")
                    .isEqualTo("myOwnKey,takeoverSecret");
        }
    }
}
