package dev.camelproto.component.proto.springboot;

import dev.camelproto.component.proto.ProtoComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigureAfter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;

/**
 * Applies the {@code camel.component.proto.*} properties to the {@code proto} component Camel creates (this creates
 * no component bean: Camel finds the component through its SPI file and the customizer configures it).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@EnableConfigurationProperties({ComponentConfigurationProperties.class, ProtoComponentConfiguration.class})
@ConditionalOnHierarchicalProperties({"camel.component", "camel.component.proto"})
@AutoConfigureAfter(CamelAutoConfiguration.class)
@Import(ProtoComponentConverter.class)
public class ProtoComponentAutoConfiguration {

    @Autowired
    private ApplicationContext applicationContext;

    private final CamelContext camelContext;

    @Autowired
    private ProtoComponentConfiguration configuration;

    public ProtoComponentAutoConfiguration(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Lazy
    @Bean
    public ComponentCustomizer configureProtoComponent() {
        return new ComponentCustomizer() {
            @Override
            public void configure(String name, Component target) {
                CamelPropertiesHelper.copyProperties(camelContext, configuration, target);
            }

            @Override
            public boolean isEnabled(String name, Component target) {
                return HierarchicalPropertiesEvaluator.evaluate(
                                applicationContext, "camel.component.customizer", "camel.component.proto.customizer")
                        && target instanceof ProtoComponent;
            }
        };
    }
}
