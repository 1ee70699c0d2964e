package dev.camelproto.component.proto;

import dev.camelproto.component.proto.internal.call.EndpointClient;
import dev.camelproto.component.proto.internal.once.TicketOnce;
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
 * {@link UpsertCall}. ticket/create with {@code idempotentRepository} goes through {@link TicketOnce}: the key is claimed
 * before the request and confirmed, released or kept after it.
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
            TicketOnce once = endpoint.ticketOnce();
            if (operation == ProtoOperation.TICKET_CREATE && once != null) {
                return sendOnce(exchange, callback, api, request, once);
            }
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

    /**
     * ticket/create with idempotentRepository: the key is claimed before the request (a store error fails the exchange,
     * nothing sent), a done key is answered as a duplicate and an uncertain one fails, both without sending; after the
     * call the key is confirmed, released or kept ({@link TicketOnce#settlement}).
     */
    private boolean sendOnce(
            Exchange exchange, AsyncCallback callback, EndpointClient api, ProtoRequest request, TicketOnce once)
            throws Exception {
        ProtoEndpoint endpoint = getEndpoint();
        Message message = exchange.getMessage();
        String own = endpoint.idempotentKey(exchange);
        if (endpoint.getConfiguration().getIdempotentKey() != null && (own == null || own.isBlank())) {
            throw new ProtoValidationException(
                    request.operation(),
                    "the idempotentKey expression "
                            + endpoint.getConfiguration().getIdempotentKey()
                            + " gave no key for this exchange");
        }
        String key = TicketOnce.storedKey(
                endpoint.getConfiguration().getSubcompanyId(),
                own != null ? own : TicketOnce.defaultKey(request.body()));
        message.setHeader(ProtoConstants.IDEMPOTENT_KEY, key);
        Object mark = message.removeHeader(ProtoConstants.MARK_CREATED);
        Object resend = message.removeHeader(ProtoConstants.RESEND_UNCERTAIN);
        TicketOnce.Claim claim;
        if (mark != null && !"false".equalsIgnoreCase(mark.toString().trim())) {
            String id = mark.toString().trim();
            claim = once.markCreated(key, id.isEmpty() || "true".equalsIgnoreCase(id) ? null : id);
        } else {
            claim = once.claim(
                    key,
                    resend != null && "true".equalsIgnoreCase(resend.toString().trim()));
        }
        if (claim instanceof TicketOnce.Duplicate duplicate) {
            LOG.debug("Not calling Proto ticket/create: the ticket of key {} was already created", key);
            message.setHeader(ProtoConstants.DUPLICATE, true);
            message.setHeader(ProtoConstants.ATTEMPTS, 0);
            message.removeHeader(ProtoConstants.HTTP_RESPONSE_CODE);
            if (duplicate.ticketId() != null) {
                message.setHeader(ProtoConstants.ID, duplicate.ticketId());
            } else {
                message.removeHeader(ProtoConstants.ID);
            }
            callback.done(true);
            return true;
        }
        message.setHeader(ProtoConstants.DUPLICATE, false);
        LOG.debug("Calling Proto {} once for key {}", request.operation(), key);
        try {
            api.send(request, result -> {
                try {
                    try {
                        endpoint.responseMapper().apply(exchange, result);
                    } catch (Exception e) {
                        exchange.setException(e);
                    }
                    try {
                        once.settle(key, result, message.getHeader(ProtoConstants.ID, String.class));
                    } catch (Exception storeError) {
                        if (exchange.getException() != null) {
                            exchange.getException().addSuppressed(storeError);
                        } else {
                            // the answer stands (a ticket was created or Proto said no); the key stays claimed, so a
                            // later exchange with it fails as uncertain instead of sending again
                            LOG.warn(
                                    "ticket/create: the idempotent repository failed to record the outcome of key"
                                            + " {}: {}",
                                    key,
                                    storeError.toString());
                        }
                    }
                } catch (Throwable t) {
                    exchange.setException(t);
                } finally {
                    callback.done(false);
                }
            });
        } catch (RuntimeException notSent) {
            once.release(key);
            throw notSent;
        }
        return false;
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
