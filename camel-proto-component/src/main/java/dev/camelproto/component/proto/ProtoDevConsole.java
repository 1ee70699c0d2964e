package dev.camelproto.component.proto;

import dev.camelproto.component.proto.internal.metrics.ProtoMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Component;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.json.JsonObject;

/**
 * The {@code proto} dev console ({@code camel get}-style tooling, the Camel CLI, Spring Boot's camel actuator): per
 * proto component, its call counters in total and per operation, and the 429 pauses of the shared back-off. No secret,
 * no payload.
 */
@DevConsole(
        name = "proto",
        displayName = "Proto AICX",
        description = "Calls, failures, retries and in-flight" + " counts of the proto component")
public class ProtoDevConsole extends AbstractDevConsole {

    public ProtoDevConsole() {
        super("camel", "proto", "Proto AICX", "Calls, failures, retries and in-flight counts of the proto component");
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder sb = new StringBuilder();
        components().forEach((name, component) -> {
            ProtoMetrics m = component.getMetrics();
            sb.append(String.format("Component: %s (teamspace %s)%n", name, component.getSubcompanyId()));
            sb.append(String.format(
                    "    Calls: %d  succeeded: %d  failed: %d  retries: %d  429 pauses: %d  in flight: %d%n",
                    m.totalCalls(),
                    m.totalSucceeded(),
                    m.totalFailed(),
                    m.totalRetries(),
                    m.rateLimitPauses(),
                    m.totalInFlight()));
            m.byOperation().forEach((op, stats) -> sb.append(String.format("    %s: %s%n", op, stats)));
        });
        return sb.toString();
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        JsonObject root = new JsonObject();
        components().forEach((name, component) -> {
            ProtoMetrics m = component.getMetrics();
            JsonObject jo = new JsonObject();
            jo.put("subcompanyId", component.getSubcompanyId());
            jo.put("calls", m.totalCalls());
            jo.put("succeeded", m.totalSucceeded());
            jo.put("failed", m.totalFailed());
            jo.put("retries", m.totalRetries());
            jo.put("rateLimitPauses", m.rateLimitPauses());
            jo.put("inFlight", m.totalInFlight());
            JsonObject ops = new JsonObject();
            m.byOperation().forEach((op, stats) -> ops.put(op, new JsonObject(stats)));
            jo.put("operations", ops);
            root.put(name, jo);
        });
        return root;
    }

    private Map<String, ProtoComponent> components() {
        Map<String, ProtoComponent> found = new LinkedHashMap<>();
        for (String name : getCamelContext().getComponentNames()) {
            Component c = getCamelContext().hasComponent(name);
            if (c instanceof ProtoComponent proto) {
                found.put(name, proto);
            }
        }
        return found;
    }
}
