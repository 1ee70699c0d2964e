package dev.camelproto.component.proto.springboot;

import dev.camelproto.component.proto.ProtoHttpClientConfigurer;
import java.util.Set;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;

/**
 * Binds the object options of {@code camel.component.proto.*} by reference, as Camel's own starters do:
 * {@code camel.component.proto.idempotent-repository=#ticketJournal} (or {@code #bean:ticketJournal}) is the Spring
 * bean of that name.
 */
@Configuration(proxyBeanMethods = false)
@ConfigurationPropertiesBinding
public class ProtoComponentConverter implements GenericConverter {

    @Autowired
    private ApplicationContext applicationContext;

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        return Set.of(
                new ConvertiblePair(String.class, IdempotentRepository.class),
                new ConvertiblePair(String.class, ProtoHttpClientConfigurer.class),
                new ConvertiblePair(String.class, SSLContextParameters.class));
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        if (source == null) {
            return null;
        }
        String ref = source.toString();
        if (!ref.startsWith("#")) {
            return null;
        }
        ref = ref.startsWith("#bean:") ? ref.substring("#bean:".length()) : ref.substring(1);
        return applicationContext.getBean(ref, targetType.getType());
    }
}
