package dev.camelproto.component.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.camelproto.component.proto.testsupport.ProtoTestSupport;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/** The single ObjectMapper of the registry is the one used, so the user's Jackson settings apply to their POJOs. */
class ProtoObjectMapperTest extends ProtoTestSupport {

    public record SupportTicket(String subject, String providedUniqueId) {}

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getRegistry()
                .bind(
                        "snakeCaseMapper",
                        new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
        return context;
    }

    @Test
    void registryObjectMapperSerialisesThePojo() {
        stub.reply(200, "{\"id\":\"T1\"}");
        Exchange out = send("proto:ticket/create", new SupportTicket("Broken", "cust-1"), Map.of());
        assertThat(out.getException()).isNull();
        assertThat(ProtoOperationsTest.json(stub.lastRequest().body()))
                .isEqualTo(ProtoOperationsTest.json("{\"subject\":\"Broken\",\"provided_unique_id\":\"cust-1\"}"));
    }
}
