package dev.camelproto.component.proto.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.camelproto.component.proto.ProtoApiException;
import dev.camelproto.component.proto.ProtoComponent;
import dev.camelproto.component.proto.ProtoConstants;
import dev.camelproto.component.proto.testsupport.ProtoApiStub;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Run by the {@code without-micrometer} surefire execution, whose class path has no Micrometer jar: the component
 * starts, calls, retries and counts as before, and touches no Micrometer class (one would fail with
 * {@link NoClassDefFoundError}). Not run by the default execution, where Micrometer is on the class path.
 */
@EnabledIfSystemProperty(
        named = "proto.micrometer.absent",
        matches = "true",
        disabledReason = "runs in the without-micrometer surefire execution only")
class ProtoWithoutMicrometerTest extends ProtoTestSupport {

    @Test
    void micrometerIsReallyAbsentHere() {
        assertThatThrownBy(() -> Class.forName("io.micrometer.core.instrument.MeterRegistry"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theComponentCallsRetriesAndCountsWithoutMicrometer() {
        java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
        stub.reply(r -> seen.incrementAndGet() == 1
                ? ProtoApiStub.Reply.json(503, "{\"detail\":\"busy\"}")
                : ProtoApiStub.Reply.json(200, "[]"));
        Exchange ok = send("proto:customField/list?retryDelay=5", null, Map.of());
        stub.reply(404, "{\"detail\":\"no\"}");
        Exchange notFound = send("proto:customer/get", null, Map.of(ProtoConstants.PROVIDED_UNIQUE_ID, "c1"));

        assertThat(ok.getException()).isNull();
        assertThat(notFound.getException()).isInstanceOf(ProtoApiException.class);
        ProtoComponent proto = (ProtoComponent) context.getComponent("proto");
        assertThat(proto.getCallsTotal()).isEqualTo(2);
        assertThat(proto.getCallsSucceeded()).isEqualTo(1);
        assertThat(proto.getCallsFailed()).isEqualTo(1);
        assertThat(proto.getRetries()).isEqualTo(1);
        assertThat(proto.getCallsInFlight()).isZero();
    }
}
