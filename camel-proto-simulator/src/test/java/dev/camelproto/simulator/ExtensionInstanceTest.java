package dev.camelproto.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An extension on an instance field: a fresh simulator per test. */
class ExtensionInstanceTest {

    static final java.util.Set<Integer> PORTS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @RegisterExtension
    ProtoSimulatorExtension proto = ProtoSimulatorExtension.create(b -> b.teamspace("T", "s"));

    @RepeatedTest(3)
    void freshSimulatorEachTime() throws Exception {
        assertThat(proto.simulator().snapshot().customers()).isEmpty();
        assertThat(proto.subcompanyId()).isEqualTo("T");
        assertThat(proto.secret()).isEqualTo("s");
        assertThat(TestHttp.of(proto.simulator())
                        .put("/v1/customers/T/create-customer/x", "{}")
                        .status())
                .isEqualTo(200);
        assertThat(proto.simulator().snapshot().customers()).hasSize(1);
        PORTS.add(proto.simulator().port());
    }
}
