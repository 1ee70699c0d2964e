package dev.camelproto.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the JMH benchmarks (1 fork, 3 × 1 s warm-up, 5 × 1 s measured, GC profiler) and keeps the scores. */
public final class JmhRunner {

    public record Score(String benchmark, double score, double error, String unit, double allocBytesPerOp) {}

    private JmhRunner() {}

    public static List<Score> run() throws Exception {
        Options opts = new OptionsBuilder()
                .include(CodecBenchmark.class.getName())
                .include(RouteBenchmark.class.getName())
                .forks(Integer.getInteger("bench.jmh.forks", 1))
                .warmupIterations(Integer.getInteger("bench.jmh.warmup", 3))
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(Integer.getInteger("bench.jmh.iterations", 5))
                .measurementTime(TimeValue.seconds(1))
                .threads(1)
                .jvmArgsAppend("-Xmx512m", "-Djava.awt.headless=true")
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .build();
        Collection<org.openjdk.jmh.results.RunResult> results = new Runner(opts).run();
        List<Score> scores = new ArrayList<>();
        for (org.openjdk.jmh.results.RunResult r : results) {
            Result<?> p = r.getPrimaryResult();
            double alloc = Double.NaN;
            for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
                if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                    alloc = e.getValue().getScore();
                }
            }
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            scores.add(new Score(name, p.getScore(), p.getScoreError(), p.getScoreUnit(), alloc));
        }
        return scores;
    }
}
