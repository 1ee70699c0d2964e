package dev.camelproto.examples.quickstart;

import dev.camelproto.simulator.ProtoSimulator;
import java.util.Map;

/** The Proto simulator ({@code camel-proto-simulator}) started in this JVM when no real credentials are set. */
final class InProcessSimulator implements AutoCloseable {

    private final ProtoSimulator simulator;

    private InProcessSimulator(ProtoSimulator simulator) {
        this.simulator = simulator;
    }

    static InProcessSimulator start() {
        return new InProcessSimulator(ProtoSimulator.start());
    }

    String baseUrl() {
        return simulator.baseUrl();
    }

    String subcompanyId() {
        return simulator.subcompanyId();
    }

    /** The component's settings pointing at this simulator. */
    Map<String, String> componentProperties() {
        return Map.of(
                "camel.component.proto.base-url", simulator.baseUrl(),
                "camel.component.proto.subcompany-id", simulator.subcompanyId(),
                "camel.component.proto.takeover-secret", simulator.secret());
    }

    @Override
    public void close() {
        simulator.close();
    }
}
