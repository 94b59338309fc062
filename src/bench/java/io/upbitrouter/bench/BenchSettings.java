package io.upbitrouter.bench;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How big each figure's runs are. Two modes: {@code full} (the figures in the README, the whole suite
 * well under 10 minutes on 2 cores) and {@code smoke} (seconds: proves the harness still works).
 * Read from system properties {@code bench.mode}, {@code bench.only}, {@code bench.economy.seconds}.
 */
public record BenchSettings(boolean smoke, Set<String> only, int ingestMarkets, int ingestFrames, int ingestRuns,
                            int ingestWarmups, int jmhWarmupSeconds, int jmhMeasureSeconds, int jmhIterations,
                            int httpSeconds, int httpRuns, int httpConnections, int economySeconds, int economyClients,
                            int memoryMarkets) {

    public static final Set<String> ALL = Set.of("ingest", "reads", "http", "mixed", "economy", "memory", "fanout");

    public static BenchSettings fromSystemProperties() {
        boolean smoke = "smoke".equalsIgnoreCase(System.getProperty("bench.mode", "full"));
        String onlyText = System.getProperty("bench.only", "all");
        Set<String> only = "all".equalsIgnoreCase(onlyText) || onlyText.isBlank() ? ALL
                : Arrays.stream(onlyText.split(",")).map(String::trim).collect(Collectors.toSet());
        int economySeconds = Integer.getInteger("bench.economy.seconds", smoke ? 2 : 60);
        if (smoke) {
            return new BenchSettings(true, only, 200, 4_000, 1, 0, 1, 1, 1, 1, 1, 64,
                    Math.min(economySeconds, 2), 100, 30);
        }
        return new BenchSettings(false, only, 250, 100_000, 5, 2, 1, 1, 5, 5, 3, 64, economySeconds, 100, 300);
    }

    public boolean wants(String figure) {
        return only.contains(figure);
    }
}
