package dev.camelproto.examples.quarkus;

import java.util.Map;

import dev.camelproto.simulator.ProtoSimulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts an in-memory Proto API simulator on 127.0.0.1 before the application and points
 * {@code camel.component.proto.*} at it (these values override {@code application.properties}). Test fields annotated
 * {@link InjectProtoSimulator} receive it. The init argument {@value #APP_SECRET} gives the application a
 * different secret (one the simulator rejects).
 */
public class ProtoSimulatorResource implements QuarkusTestResourceLifecycleManager {

    /** Init argument: the takeover secret given to the application instead of the simulator's own. */
    public static final String APP_SECRET = "app-takeover-secret";

    private ProtoSimulator simulator;
    private String appSecret;

    @Override
    public void init(Map<String, String> initArgs) {
        appSecret = initArgs.get(APP_SECRET);
    }

    @Override
    public Map<String, String> start() {
        simulator = ProtoSimulator.builder().host("127.0.0.1").start();
        return Map.of(
                "camel.component.proto.base-url", simulator.baseUrl(),
                "camel.component.proto.subcompany-id", simulator.subcompanyId(),
                "camel.component.proto.takeover-secret", appSecret != null ? appSecret : simulator.secret());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(simulator,
                new TestInjector.AnnotatedAndMatchesType(InjectProtoSimulator.class, ProtoSimulator.class));
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }
}
