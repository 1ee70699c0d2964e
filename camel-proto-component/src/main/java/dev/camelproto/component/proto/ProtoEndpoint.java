package dev.camelproto.component.proto;

import dev.camelproto.component.proto.internal.call.EndpointClient;
import dev.camelproto.component.proto.internal.once.TicketOnce;
import dev.camelproto.component.proto.internal.request.ProtoOperation;
import dev.camelproto.component.proto.internal.request.RequestDefaults;
import dev.camelproto.component.proto.internal.response.ResponseMapper;
import java.util.Map;
import org.apache.camel.AsyncEndpoint;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Calls one operation of the Proto AICX developer API: tickets, customers, tags and custom fields.
 */
@UriEndpoint(
        firstVersion = "0.1.0",
        scheme = "proto",
        title = "Proto AICX",
        syntax = "proto:operation",
        producerOnly = true,
        remote = true,
        category = {Category.CLOUD, Category.API, Category.SAAS},
        headersClass = ProtoConstants.class)
public class ProtoEndpoint extends DefaultEndpoint implements AsyncEndpoint, EndpointServiceLocation {

    @UriPath(
            enums = "ticket/create,customer/get,customer/create,customer/addTags,customer/addCustomFields,"
                    + "customField/list,customField/create,customField/delete,customer/upsert,raw",
            description = "The operation, written as resource/action (or raw). The CamelProtoOperation header"
                    + " overrides it per exchange.")
    @Metadata(required = true)
    private String operation;

    @UriParam
    private ProtoConfiguration configuration;

    // Declared here (not required: an endpoint inherits the component's value) and on ProtoComponent (required there);
    // the values live in the configuration. The fields only carry the catalog metadata.
    @UriParam(
            description = "The teamspace (sub-company) id, shown on the teamspace settings page. Defaults to the"
                    + " component's.")
    @SuppressWarnings("unused")
    private String subcompanyId;

    @UriParam(
            label = "security",
            secret = true,
            description = "The takeover secret of the teamspace, sent as the Bearer token. Defaults to the"
                    + " component's; set it there or with a property placeholder, not in a URI.")
    @SuppressWarnings("unused")
    private String takeoverSecret;

    private volatile EndpointClient api;
    private volatile ResponseMapper responseMapper;
    private volatile TicketOnce ticketOnce;
    private volatile Expression idempotentKey;

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
    protected void doStart() throws Exception {
        super.doStart();
        api = getComponent().bind(configuration); // resolves the component's current start per call
        api.bindTeamspace();
        responseMapper = new ResponseMapper(
                getComponent().getObjectMapper(),
                configuration.getTakeoverSecret(),
                configuration.isThrowExceptionOnFailure());
        initOnce();
    }

    /** Starts the repository and compiles the key expression (once; also when a call comes before the start). */
    private synchronized void initOnce() {
        if (ticketOnce != null || configuration.getIdempotentRepository() == null) {
            return;
        }
        ServiceHelper.startService(configuration.getIdempotentRepository());
        if (configuration.getIdempotentKey() != null
                && !configuration.getIdempotentKey().isBlank()) {
            Expression expression =
                    getCamelContext().resolveLanguage("simple").createExpression(configuration.getIdempotentKey());
            expression.init(getCamelContext());
            idempotentKey = expression;
        }
        ticketOnce = new TicketOnce(configuration.getIdempotentRepository());
    }

    /** ticket/create exactly once, when idempotentRepository is set; null otherwise. */
    TicketOnce ticketOnce() {
        TicketOnce once = ticketOnce;
        if (once == null && configuration.getIdempotentRepository() != null) {
            initOnce();
            once = ticketOnce;
        }
        return once;
    }

    /** The key of this exchange from the idempotentKey expression, or null when the option is not set. */
    String idempotentKey(Exchange exchange) {
        Expression expression = idempotentKey;
        return expression == null ? null : expression.evaluate(exchange, String.class);
    }

    @Override
    protected void doStop() throws Exception {
        api = null;
        super.doStop();
    }

    /** The bound call context; the endpoint must be started. */
    EndpointClient api() {
        EndpointClient bound = api;
        if (bound == null) {
            bound = getComponent().bind(configuration); // a call fails "not started" while the component is stopped
            api = bound;
        }
        return bound;
    }

    ResponseMapper responseMapper() {
        return responseMapper;
    }

    ProtoOperation defaultOperation() {
        return ProtoOperation.lookup(operation);
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
        return Map.of("subcompanyId", String.valueOf(configuration.getSubcompanyId()));
    }

    public String getOperation() {
        return operation;
    }

    public void setOperation(String operation) {
        this.operation = operation;
    }

    /** What the request side reads from this endpoint's options. */
    RequestDefaults requestDefaults() {
        return configuration.requestDefaults();
    }

    public ProtoConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ProtoConfiguration configuration) {
        this.configuration = configuration;
    }

    public String getSubcompanyId() {
        return configuration.getSubcompanyId();
    }

    public void setSubcompanyId(String subcompanyId) {
        configuration.setSubcompanyId(subcompanyId);
    }

    public String getTakeoverSecret() {
        return configuration.getTakeoverSecret();
    }

    public void setTakeoverSecret(String takeoverSecret) {
        configuration.setTakeoverSecret(takeoverSecret);
    }
}
