package dev.camelproto.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An extension on a static field: one simulator, reset between tests. */
class ExtensionStaticTest {

    static Integer port;

    @RegisterExtension
    static ProtoSimulatorExtension proto = ProtoSimulatorExtension.create();

    @RepeatedTest(3)
    void sameServerCleanState() throws Exception {
        if (port == null) {
            port = proto.simulator().port();
        }
        assertThat(proto.simulator().port()).isEqualTo(port);
        assertThat(proto.simulator().snapshot().customers()).isEmpty();
        assertThat(proto.simulator().journal()).isEmpty();
        assertThat(TestHttp.of(proto.simulator())
                        .put("/v1/customers/" + proto.subcompanyId() + "/create-customer/x", "{}")
                        .status())
                .isEqualTo(200);
        assertThat(proto.simulator().snapshot().customers()).hasSize(1);
    }
}
