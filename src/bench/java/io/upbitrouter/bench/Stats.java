package io.upbitrouter.bench;

import java.util.Arrays;
import java.util.List;

/** Order statistics over a handful of runs: the suite reports medians, never means of noisy runs. */
public final class Stats {

    private Stats() {
    }

    public static double median(List<Double> values) {
        return percentile(values, 50);
    }

    /** Nearest-rank percentile (p in 0..100) of the values; NaN for none. */
    public static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return percentileOfSorted(sorted, p);
    }

    public static double percentileOfSorted(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        if (p == 50 && sorted.length % 2 == 0) {
            return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    /** Percentile of long samples (sorted in place). */
    public static long percentile(long[] samples, int count, double p) {
        if (count == 0) {
            return 0;
        }
        Arrays.sort(samples, 0, count);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return samples[Math.min(count - 1, Math.max(0, rank - 1))];
    }
}
