package dev.camelproto.component.proto;

import java.util.Arrays;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedCamelContext;
import org.apache.camel.spi.ContextServicePlugin;

/**
 * Tells every CamelContext, as it starts, that {@code takeoverSecret} is a sensitive keyword. Camel's built-in list
 * (SensitiveUtils) has no such key, so without this Camel Main's startup summary, Kamelet parameter logs and the
 * dev console would print the value. Discovered through {@code META-INF/services/org.apache.camel.spi.ContextServicePlugin};
 * the component applies it too, for contexts that do not load plugins.
 */
public final class SensitiveKeywordsPlugin implements ContextServicePlugin {

    public static final String KEYWORD = "takeoverSecret";

    @Override
    public void load(CamelContext camelContext) {
        register(camelContext);
    }

    public static void register(CamelContext camelContext) {
        ExtendedCamelContext ecc = camelContext.getCamelContextExtension();
        String existing = ecc.getAdditionalSensitiveKeywords();
        if (existing == null || existing.isBlank()) {
            ecc.setAdditionalSensitiveKeywords(KEYWORD);
        } else if (Arrays.stream(existing.split(",")).map(String::trim).noneMatch(KEYWORD::equalsIgnoreCase)) {
            ecc.setAdditionalSensitiveKeywords(existing + "," + KEYWORD);
        }
    }
}
