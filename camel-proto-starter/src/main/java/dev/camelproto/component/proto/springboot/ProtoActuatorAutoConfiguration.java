package dev.camelproto.component.proto.springboot;

import java.util.Locale;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * When the application has Spring Boot Actuator: masks the takeover secret in the {@code env} and {@code configprops}
 * endpoints even when a user turns {@code management.endpoint.*.show-values} to {@code ALWAYS} or
 * {@code WHEN_AUTHORIZED}. (Spring Boot 3 masks every value by default, {@code show-values=NEVER}, but once values are
 * shown it applies only the {@link SanitizingFunction} beans: it has no built-in list of sensitive keys any more.)
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.SanitizingFunction")
public class ProtoActuatorAutoConfiguration {

    /**
     * Matches {@code camel.component.proto.takeover-secret}, {@code takeoverSecret} (configprops),
     * {@code CAMEL_COMPONENT_PROTO_TAKEOVER_SECRET} (env) and any other spelling of a key ending in takeover secret.
     */
    @Bean
    public SanitizingFunction protoTakeoverSecretSanitizingFunction() {
        return SanitizingFunction.sanitizeValue().ifMatches(ProtoActuatorAutoConfiguration::isTakeoverSecret);
    }

    static boolean isTakeoverSecret(SanitizableData data) {
        String key = data.getKey();
        if (key == null) {
            return false;
        }
        String normalized =
                key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(".", "");
        return normalized.endsWith("takeoversecret");
    }
}
