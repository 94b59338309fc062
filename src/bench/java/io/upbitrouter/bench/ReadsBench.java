package io.upbitrouter.bench;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.annotations.Mode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link CachedReadBenchmark} under JMH (one fork, one thread) twice: throughput, and sampled
 * latency for p50/p99. Reports the median of the measurement iterations and the ratio to the
 * Caffeine baseline of the same shape (one or twenty symbols).
 */
final class ReadsBench {

    private final BenchSettings settings;

    ReadsBench(BenchSettings settings) {
        this.settings = settings;
    }

    List<Figure> run() throws Exception {
        Map<String, Double> throughput = new HashMap<>();
        Map<String, List<Double>> throughputRuns = new HashMap<>();
        // smoke: sampled latency only, in-process, to prove the benchmark code still runs
        for (RunResult r : settings.smoke() ? List.<RunResult>of() : jmh(Mode.Throughput, TimeUnit.SECONDS)) {
            String name = shortName(r);
            List<Double> runs = iterationScores(r);
            throughputRuns.put(name, runs);
            throughput.put(name, Stats.median(runs));
        }
        Map<String, double[]> latency = new HashMap<>();
        for (RunResult r : jmh(Mode.SampleTime, TimeUnit.MICROSECONDS)) {
            var stats = r.getPrimaryResult().getStatistics();
            latency.put(shortName(r), new double[]{stats.getPercentile(50), stats.getPercentile(99), stats.getPercentile(99.9)});
        }
        List<Figure> figures = new ArrayList<>();
        String[][] pairs = {{"moduleOneSymbol", "caffeineOneSymbol", "1 symbol"},
                {"moduleOneSymbolSync", "caffeineOneSymbol", "1 symbol, caller thread"},
                {"moduleTwentySymbols", "caffeineTwentySymbols", "20 symbols"}};
        for (String[] pair : pairs) {
            String module = pair[0];
            String baseline = pair[1];
            String shape = pair[2];
            double base = throughput.getOrDefault(baseline, Double.NaN);
            boolean sync = module.endsWith("Sync");
            String what = sync ? "ProducerTemplate.requestBody(direct:upbit-market-data), " : "SmartRouter.getTicker, ";
            if (!settings.smoke() && !sync) {
                figures.add(Figure.plain("2 reads", "Caffeine lookup, " + shape + ": throughput", base, "ops/s",
                        "iterations " + fmt(throughputRuns.get(baseline))));
            }
            double[] baseLat = latency.get(baseline);
            if (baseLat != null && !sync) {
                figures.add(Figure.plain("2 reads", "Caffeine lookup, " + shape + ": p50 / p99", baseLat[0], "us",
                        String.format("p99 %.3f us", baseLat[1])));
            }
            if (throughput.containsKey(module)) {
                double value = throughput.get(module);
                figures.add(new Figure("2 reads", what + shape + ": throughput", value, "ops/s",
                        value / base, "Caffeine lookup", "iterations " + fmt(throughputRuns.get(module))));
            } else if (!latency.containsKey(module)) {
                figures.add(Figure.plain("2 reads", what + shape + ": NOT MEASURED", Double.NaN, "",
                        "the module's request endpoint did not run (see the JMH output above)"));
            }
            double[] lat = latency.get(module);
            if (lat != null) {
                figures.add(new Figure("2 reads", what + shape + ": p50", lat[0], "us",
                        baseLat == null ? Double.NaN : lat[0] / baseLat[0], "Caffeine lookup", ""));
                figures.add(new Figure("2 reads", what + shape + ": p99", lat[1], "us",
                        baseLat == null ? Double.NaN : lat[1] / baseLat[1], "Caffeine lookup",
                        (shape.startsWith("1 symbol") ? "target p99 < 50 us; " : "") + String.format("p99.9 %.1f us", lat[2])));
            }
        }
        double[] constant = latency.get("camelConstantSync");
        double[] sync = latency.get("moduleOneSymbolSync");
        if (constant != null) {
            if (!settings.smoke()) {
                figures.add(Figure.plain("2 reads", "Camel direct: route setting a ready answer, caller thread: throughput",
                        throughput.getOrDefault("camelConstantSync", Double.NaN), "ops/s",
                        "the framework's floor, same context; iterations " + fmt(throughputRuns.get("camelConstantSync"))));
            }
            figures.add(Figure.plain("2 reads", "Camel direct: route setting a ready answer, caller thread: p50", constant[0], "us",
                    String.format("p99 %.1f us, p99.9 %.1f us", constant[1], constant[2])));
            if (sync != null) {
                figures.add(new Figure("2 reads", "direct:upbit-market-data, 1 symbol, caller thread: p50 vs the constant route",
                        sync[0], "us", sync[0] / constant[0], "Camel constant route", String.format("p99 %.1f us = %.2f x",
                        sync[1], sync[1] / constant[1])));
            }
        }
        return figures;
    }

    private Collection<RunResult> jmh(Mode mode, TimeUnit unit) throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(CachedReadBenchmark.class.getName() + "\\." + System.getProperty("bench.jmh.include", ""))
                .mode(mode).timeUnit(unit)
                .forks(1).threads(1)
                .warmupIterations(settings.smoke() ? 1 : 2)
                .warmupTime(TimeValue.seconds(settings.jmhWarmupSeconds()))
                .measurementIterations(settings.jmhIterations())
                .measurementTime(TimeValue.seconds(settings.jmhMeasureSeconds()))
                .jvmArgs("-Xmx1g", "-XX:+UseG1GC")
                // e.g. -Dbench.jmh.jvm-args=-XX:StartFlightRecording=filename=reads.jfr to profile the forks
                .jvmArgsAppend(System.getProperty("bench.jmh.jvm-args", "-Dbench.fork=true").split(" "))
                .shouldFailOnError(false);
        if (settings.smoke()) {
            options.forks(0).warmupIterations(0).measurementTime(TimeValue.milliseconds(300));
        }
        return new Runner(options.build()).run();
    }

    private static List<Double> iterationScores(RunResult r) {
        List<Double> scores = new ArrayList<>();
        for (BenchmarkResult b : r.getBenchmarkResults()) {
            for (IterationResult i : b.getIterationResults()) {
                scores.add(i.getPrimaryResult().getScore());
            }
        }
        return scores;
    }

    private static String shortName(RunResult r) {
        String label = r.getParams().getBenchmark();
        return label.substring(label.lastIndexOf('.') + 1);
    }

    private static String fmt(List<Double> values) {
        return values == null ? "[]" : values.stream().map(v -> String.format("%,.0f", v)).toList().toString();
    }
}
