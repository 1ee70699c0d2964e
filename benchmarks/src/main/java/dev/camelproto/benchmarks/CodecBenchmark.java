package dev.camelproto.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.camelproto.simulator.ProtoSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JSON encode/decode of one customer/addTags call alone, the way the component does it (an ObjectNode built from the
 * body, written as bytes; the response read through Object.class) and the way the peer route does it (a Map marshalled
 * by camel-jackson). The response bytes are a real simulator answer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {

    private static final List<String> TAGS = List.of("vip");
    private final ObjectMapper mapper = new ObjectMapper();
    private byte[] response;

    @Setup
    public void setup() throws Exception {
        try (ProtoSimulator sim = ProtoSimulator.builder().seed(42L).start()) {
            HttpClient http = HttpClient.newHttpClient();
            String base = sim.baseUrl() + "/v1/customers/" + sim.subcompanyId();
            String auth = "Bearer " + sim.secret();
            http.send(
                    HttpRequest.newBuilder(URI.create(base + "/create-customer/" + Harness.CUSTOMER))
                            .header("Authorization", auth)
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Bench Customer\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            HttpResponse<byte[]> r = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/customer/" + Harness.CUSTOMER + "/add-tags"))
                            .header("Authorization", auth)
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(encodeLikeComponent()))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("add-tags answered " + r.statusCode());
            }
            response = r.body();
        }
    }

    /** As RequestBodies.tags + RequestFactory: ObjectNode, valueToTree(list), then writeValueAsBytes. */
    @Benchmark
    public byte[] encodeLikeComponent() throws Exception {
        ObjectNode json = mapper.createObjectNode();
        json.set("tags", mapper.valueToTree(TAGS));
        json.put("create_if_not_exists", true);
        return mapper.writeValueAsBytes(json);
    }

    /** As the peer route: a Map written by Jackson. */
    @Benchmark
    public byte[] encodeMap() throws Exception {
        return mapper.writeValueAsBytes(Map.of("tags", TAGS, "create_if_not_exists", true));
    }

    /** As the component: the response read through Object.class (Maps and Lists). */
    @Benchmark
    public Object decodeObject() throws Exception {
        return mapper.readValue(response, Object.class);
    }

    /** For comparison: the response read as a tree. */
    @Benchmark
    public JsonNode decodeTree() throws Exception {
        return mapper.readTree(response);
    }
}
