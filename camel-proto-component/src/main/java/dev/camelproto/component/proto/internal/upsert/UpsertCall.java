package dev.camelproto.component.proto.internal.upsert;

import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.ProtoUpsertException;
import dev.camelproto.component.proto.internal.call.CallResult;
import dev.camelproto.component.proto.internal.call.EndpointClient;
import dev.camelproto.component.proto.internal.request.UpsertPlan;
import dev.camelproto.component.proto.internal.response.ResponseMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the steps of an {@link UpsertPlan} one after another, each completing on the component's response threads:
 * a failed step ends the exchange with a {@link ProtoUpsertException} naming it and the steps already applied; after
 * the last step the body is the customer merged from the answers and {@code CamelProtoId} its id.
 * {@code CamelProtoAttempts} counts the attempts of all steps. The callback runs exactly once.
 */
public final class UpsertCall {

    private static final Logger LOG = LoggerFactory.getLogger(UpsertCall.class);

    private final EndpointClient api;
    private final ResponseMapper mapper;
    private final Exchange exchange;
    private final UpsertPlan plan;
    private final AsyncCallback callback;
    private final List<String> applied = new ArrayList<>();
    private final Map<String, Object> customer = new LinkedHashMap<>();
    private int step;
    private int attempts;
    private String customerId;
    /** The exchange's callTimeout deadline, shared by every step: callTimeout bounds the whole upsert. */
    private long deadline;
    /** The callback was called (set before calling it): an exception after it is the callback's own. */
    private boolean done;

    public UpsertCall(
            EndpointClient api, ResponseMapper mapper, Exchange exchange, UpsertPlan plan, AsyncCallback callback) {
        this.api = api;
        this.mapper = mapper;
        this.exchange = exchange;
        this.plan = plan;
        this.callback = callback;
    }

    /** Sends the first step; the rest follow from the answers. */
    public void start() {
        deadline = api.newDeadline();
        next();
    }

    private void next() {
        UpsertPlan.Step current = plan.steps().get(step);
        LOG.debug("Calling Proto customer/upsert step {} for '{}'", current.operation(), plan.providedUniqueId());
        api.send(current.request(), deadline, result -> {
            try {
                onStep(current, result);
            } catch (Exception e) {
                if (done) {
                    // the exchange's callback itself threw: it was called, and is never called twice
                    LOG.warn("customer/upsert: the exchange's callback failed: {}", e.toString());
                    return;
                }
                exchange.setException(e);
                try {
                    complete();
                } catch (RuntimeException callbackFailed) {
                    LOG.warn("customer/upsert: the exchange's callback failed: {}", callbackFailed.toString());
                }
            }
        });
    }

    /** Completes the exchange: the callback runs once, whatever it throws. */
    private void complete() {
        done = true;
        callback.done(false);
    }

    @SuppressWarnings("unchecked")
    private void onStep(UpsertPlan.Step current, CallResult result) {
        boolean ok = mapper.apply(exchange, result);
        attempts += result.attempts();
        Message message = exchange.getMessage();
        message.setHeader(ProtoConstants.ATTEMPTS, attempts);
        if (!ok) {
            message.removeHeader(ProtoConstants.ID);
            Exception failure = exchange.getException();
            if (failure != null) {
                exchange.setException(
                        new ProtoUpsertException(plan.providedUniqueId(), current.operation(), applied, failure));
            }
            complete();
            return;
        }
        applied.add(current.operation());
        Object body = message.getBody();
        if (body instanceof Map<?, ?> map) {
            if (map.containsKey("custom_fields") && map.size() == 1) {
                customer.put("custom_fields", map.get("custom_fields"));
            } else {
                customer.putAll((Map<String, Object>) map);
            }
            if (customerId == null && map.get("id") instanceof String id) {
                customerId = id;
            }
        }
        if (++step < plan.steps().size()) {
            next();
            return;
        }
        message.setBody(customer);
        if (customerId != null) {
            message.setHeader(ProtoConstants.ID, customerId);
        } else {
            message.removeHeader(ProtoConstants.ID);
        }
        complete();
    }
}
