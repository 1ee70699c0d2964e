package dev.camelproto.component.proto;

import dev.camelproto.component.proto.internal.call.EndpointClient;
import dev.camelproto.component.proto.internal.request.HeaderValues;
import dev.camelproto.component.proto.internal.request.ProtoOperation;
import dev.camelproto.component.proto.internal.request.ProtoRequest;
import dev.camelproto.component.proto.internal.request.RequestFactory;
import dev.camelproto.component.proto.internal.request.UpsertPlan;
import dev.camelproto.component.proto.internal.response.ResponseMapper;
import dev.camelproto.component.proto.internal.upsert.UpsertCall;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.support.DefaultAsyncProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one exchange to the Proto API without blocking. The operation table ({@link ProtoOperation}) says the method,
 * path and body rules; {@link RequestFactory} validates and builds the request (nothing is sent when that fails);
 * {@link EndpointClient} sends it with retries; {@link ResponseMapper} puts the answer on the exchange. customer/upsert is
 * planned by {@link UpsertPlan} (its steps built by RequestFactory with the same body rules) and sent by
 * {@link UpsertCall}.
 */
public class ProtoProducer extends DefaultAsyncProducer {

    private static final Logger LOG = LoggerFactory.getLogger(ProtoProducer.class);

    private ProtoProducerHealthCheck healthCheck;
    private WritableHealthCheckRepository healthCheckRepository;

    public ProtoProducer(ProtoEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public ProtoEndpoint getEndpoint() {
        return (ProtoEndpoint) super.getEndpoint();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        ProtoEndpoint endpoint = getEndpoint();
        try {
            EndpointClient api = endpoint.api();
            ProtoOperation operation = resolveOperation(exchange.getMessage());
            if (operation == ProtoOperation.CUSTOMER_UPSERT) {
                UpsertPlan plan = UpsertPlan.of(
                        exchange.getMessage(),
                        endpoint.requestDefaults(),
                        endpoint.getComponent().getJsonMappers());
                new UpsertCall(api, endpoint.responseMapper(), exchange, plan, callback).start();
                return false;
            }
            ProtoRequest request = RequestFactory.create(
                    operation,
                    exchange.getMessage(),
                    endpoint.requestDefaults(),
                    endpoint.getComponent().getJsonMappers());
            LOG.debug("Calling Proto {} as {} {}", request.operation(), request.method(), request.path());
            api.send(request, result -> {
                try {
                    endpoint.responseMapper().apply(exchange, result);
                } catch (Exception e) {
                    exchange.setException(e);
                } finally {
                    callback.done(false);
                }
            });
            return false;
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
    }

    private ProtoOperation resolveOperation(Message message) {
        String override = HeaderValues.text(null, message, ProtoConstants.OPERATION);
        if (override == null) {
            return getEndpoint().defaultOperation();
        }
        ProtoOperation operation = ProtoOperation.lookup(override.trim());
        if (operation == null) {
            throw new ProtoValidationException(
                    null,
                    "Unknown operation '" + override + "' in header "
                            + ProtoConstants.OPERATION + ". Valid operations: "
                            + ProtoOperation.names().replace(",", ", "));
        }
        return operation;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        ProtoComponent component = getEndpoint().getComponent();
        if (component.isHealthCheckProducerEnabled() && component.isStarted()) {
            healthCheckRepository = HealthCheckHelper.getHealthCheckRepository(
                    getEndpoint().getCamelContext(), "producers", WritableHealthCheckRepository.class);
            if (healthCheckRepository != null) {
                healthCheck = component.acquireHealthCheck(getEndpoint().getConfiguration());
                healthCheckRepository.addHealthCheck(healthCheck);
            }
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (healthCheck != null) {
            if (getEndpoint().getComponent().releaseHealthCheck(getEndpoint().getConfiguration())
                    && healthCheckRepository != null) {
                healthCheckRepository.removeHealthCheck(healthCheck);
            }
            healthCheck = null;
        }
        super.doStop();
    }
}
