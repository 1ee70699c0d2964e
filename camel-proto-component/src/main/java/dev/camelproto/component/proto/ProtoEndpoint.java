package dev.camelproto.component.proto;

import java.util.Map;

import org.apache.camel.AsyncEndpoint;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Calls one operation of the Proto AICX developer API: tickets, customers, tags and custom fields.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "proto", title = "Proto AICX", syntax = "proto:operation",
             producerOnly = true, remote = true, category = { Category.CLOUD, Category.API, Category.SAAS },
             headersClass = ProtoConstants.class)
public class ProtoEndpoint extends DefaultEndpoint implements AsyncEndpoint, EndpointServiceLocation {

    @UriPath(enums = "ticket/create,customer/get,customer/create,customer/addTags,customer/addCustomFields,"
                     + "customField/list,customField/create,customField/delete",
             description = "The operation, written as resource/action. The CamelProtoOperation header overrides it"
                           + " per exchange.")
    @Metadata(required = true)
    private String operation;

    @UriParam
    private ProtoConfiguration configuration;

    public ProtoEndpoint(String uri, ProtoComponent component, String operation, ProtoConfiguration configuration) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
    }

    @Override
    public ProtoComponent getComponent() {
        return (ProtoComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new ProtoProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("The proto component has producer endpoints only: " + this);
    }

    @Override
    public String getServiceUrl() {
        return configuration.getBaseUrl();
    }

    @Override
    public String getServiceProtocol() {
        return "rest";
    }

    @Override
    public Map<String, String> getServiceMetadata() {
        return Map.of("subcompanyId", configuration.getSubcompanyId());
    }

    public String getOperation() {
        return operation;
    }

    public void setOperation(String operation) {
        this.operation = operation;
    }

    public ProtoConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ProtoConfiguration configuration) {
        this.configuration = configuration;
    }
}
