package io.upbitrouter.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark suite's entry point: runs the figures the settings ask for, prints each as it is
 * measured, then a summary table (also written as Markdown to {@code bench.report}). It asserts
 * nothing: a figure that cannot be measured is printed as NOT MEASURED with the reason, and the
 * suite goes on; it exits non-zero only when the harness itself is broken.
 */
public final class BenchSuite {

    private BenchSuite() {
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.fromSystemProperties();
        long t0 = System.nanoTime();
        System.out.println("== Upbit smart router benchmarks (" + (settings.smoke() ? "smoke" : "full") + ") on "
                + Machine.describe());
        List<Figure> figures = new ArrayList<>();
        boolean harnessBroken = false;
        for (String figure : List.of("ingest", "reads", "http", "mixed", "economy", "memory", "fanout")) {
            if (!settings.wants(figure)) {
                continue;
            }
            long f0 = System.nanoTime();
            System.out.println("-- " + figure);
            try {
                figures.addAll(switch (figure) {
                    case "ingest" -> new IngestBench(settings).run();
                    case "reads" -> new ReadsBench(settings).run();
                    case "http" -> new HttpBench(settings).run();
                    case "mixed" -> new MixedLoadBench(settings).run();
                    case "economy" -> new EconomyBench(settings).run();
                    case "memory" -> new MemoryBench(settings).run();
                    case "fanout" -> new FanoutBench(settings).run();
                    default -> List.of();
                });
            } catch (Exception | Error e) {
                e.printStackTrace(System.out);
                figures.add(Figure.plain(figure, "HARNESS FAILURE", Double.NaN, "", String.valueOf(e)));
                harnessBroken = true;
            }
            System.out.printf("-- %s took %.1f s%n", figure, (System.nanoTime() - f0) / 1e9);
        }
        String table = table(figures, settings, (System.nanoTime() - t0) / 1e9);
        System.out.println();
        System.out.println(table);
        String report = System.getProperty("bench.report");
        if (report != null) {
            write(Path.of(report), table);
        }
        // smoke mode proves the harness still reaches every real part: a figure it could not take is a failure
        long notMeasured = figures.stream().filter(f -> f.name().contains("NOT MEASURED")).count();
        boolean failed = harnessBroken || (settings.smoke() && notMeasured > 0);
        System.out.println(failed ? "BENCH HARNESS FAILED (" + notMeasured + " figures not measured)" : "BENCH DONE");
        System.exit(failed ? 1 : 0);
    }

    static String table(List<Figure> figures, BenchSettings settings, double seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append("Measured ").append(Instant.now()).append(" (").append(settings.smoke() ? "smoke" : "full")
                .append(" mode, ").append(String.format("%.0f", seconds)).append(" s) on ").append(Machine.describe()).append("\n\n");
        sb.append("| figure | what | value | unit | ratio to baseline (same run) | note |\n");
        sb.append("|---|---|---:|---|---|---|\n");
        for (Figure f : figures) {
            sb.append("| ").append(f.group()).append(" | ").append(f.name()).append(" | ").append(f.valueText())
                    .append(" | ").append(f.unit()).append(" | ").append(f.ratioText()).append(" | ")
                    .append(f.note().replace("|", "/").replace("\n", " ")).append(" |\n");
        }
        return sb.toString();
    }

    private static void write(Path path, String text) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
        System.out.println("report: " + path);
    }

    /** The machine line every figure is quoted with. */
    static final class Machine {
        private Machine() {
        }

        static String describe() {
            String cpu = "unknown CPU";
            try {
                cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                        .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
            } catch (IOException e) {
                // not Linux: the CPU model stays unknown
            }
            return Runtime.getRuntime().availableProcessors() + " cores, " + cpu + ", Java "
                    + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), heap max "
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB, "
                    + ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .filter(a -> a.startsWith("-XX:+Use")).findFirst().orElse("default GC");
        }
    }
}
