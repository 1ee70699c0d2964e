package dev.camelproto.simulator;

import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension running a {@link ProtoSimulator} on a free port (needs {@code junit-jupiter-api} on the test
 * class path; it is an optional dependency of this module).
 *
 * <pre>{@code
 * @RegisterExtension
 * static ProtoSimulatorExtension proto = ProtoSimulatorExtension.create(b -> b.seed(42L));
 *
 * @Test
 * void createsCustomer() {
 *     // call proto.baseUrl() with "Bearer " + proto.secret() for teamspace proto.subcompanyId()
 *     assertThat(proto.simulator().snapshot().customers()).hasSize(1);
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Registered on a {@code static} field: started once before all tests of the class (and its {@code @Nested}
 *       classes), {@link ProtoSimulator#reset() reset} after every test, stopped after all tests.
 *   <li>Registered on an instance field: a fresh simulator is started before and stopped after every test.
 * </ul>
 */
public final class ProtoSimulatorExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final Consumer<ProtoSimulator.Builder> customizer;
    private volatile ProtoSimulator simulator;
    private boolean perClass;
    private int classDepth;

    private ProtoSimulatorExtension(Consumer<ProtoSimulator.Builder> customizer) {
        this.customizer = customizer;
    }

    /** An extension with the default simulator (one generated teamspace, no faults). */
    public static ProtoSimulatorExtension create() {
        return new ProtoSimulatorExtension(b -> {});
    }

    /** An extension whose simulator builder is customized (port, teamspaces, seed, faults, seed data...). */
    public static ProtoSimulatorExtension create(Consumer<ProtoSimulator.Builder> customizer) {
        return new ProtoSimulatorExtension(Objects.requireNonNull(customizer));
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (classDepth++ == 0) {
            perClass = true;
            simulator = newSimulator();
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (--classDepth == 0 && simulator != null) {
            simulator.close();
            simulator = null;
        }
    }

    @Override
    public synchronized void beforeEach(ExtensionContext context) {
        if (simulator == null) {
            perClass = false;
            simulator = newSimulator();
        }
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        if (simulator == null) {
            return;
        }
        if (perClass) {
            simulator.reset();
        } else {
            simulator.close();
            simulator = null;
        }
    }

    private ProtoSimulator newSimulator() {
        ProtoSimulator.Builder b = ProtoSimulator.builder();
        customizer.accept(b);
        return b.start();
    }

    /** The running simulator; fails outside of a test. */
    public ProtoSimulator simulator() {
        ProtoSimulator s = simulator;
        if (s == null) {
            throw new IllegalStateException("the Proto simulator is not running (outside of a test?)");
        }
        return s;
    }

    /** {@link ProtoSimulator#baseUrl()} of the running simulator. */
    public String baseUrl() {
        return simulator().baseUrl();
    }

    /** {@link ProtoSimulator#subcompanyId()} of the running simulator. */
    public String subcompanyId() {
        return simulator().subcompanyId();
    }

    /** {@link ProtoSimulator#secret()} of the running simulator. */
    public String secret() {
        return simulator().secret();
    }
}
