package dev.camelproto.benchmarks;

import dev.camelproto.simulator.Faults;
import dev.camelproto.simulator.ProtoSimulator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One whole customer/addTags call at concurrency 1 against a zero-latency, in-process simulator: A through a
 * ProducerTemplate (public API only), B likewise, C on HttpClient 5 directly. Time per call includes the simulator.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RouteBenchmark {

    private ProtoSimulator sim;
    private Harness harness;
    private Harness.SyncCall a;
    private Harness.SyncCall b;
    private Harness.SyncCall c;
    private int i;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        sim = ProtoSimulator.builder()
                .seed(42L)
                .journalCapacity(0)
                .faults(Faults.none())
                .start();
        harness = new Harness(sim, 64);
        a = harness.sync("direct:a");
        b = harness.sync("direct:b");
        c = harness.directSync();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        harness.close();
        sim.close();
    }

    private static Harness.Outcome check(Harness.Outcome o) {
        if (!o.ok()) {
            throw new IllegalStateException("call failed: " + o.failure());
        }
        return o;
    }

    @Benchmark
    public Harness.Outcome a_camelProto() {
        return check(a.call(i++));
    }

    @Benchmark
    public Harness.Outcome b_camelHttpJackson() {
        return check(b.call(i++));
    }

    @Benchmark
    public Harness.Outcome c_httpClient5() {
        return check(c.call(i++));
    }
}
