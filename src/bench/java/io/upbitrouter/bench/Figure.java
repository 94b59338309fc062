package io.upbitrouter.bench;

/**
 * One printed figure: a measured value (median of runs), its unit, and what it is compared with.
 *
 * @param group    the figure number and name, e.g. "1 ingest"
 * @param name     what was measured
 * @param value    the median (or the single value for one-shot figures)
 * @param unit     e.g. "msg/s", "req/s", "us", "MB"
 * @param ratio    value divided by the baseline's value measured in the same run, or NaN when none
 * @param baseline the baseline's name, or "" when none
 * @param note     the runs, target, or anything else a reader needs
 */
public record Figure(String group, String name, double value, String unit, double ratio, String baseline, String note) {

    public static Figure plain(String group, String name, double value, String unit, String note) {
        return new Figure(group, name, value, unit, Double.NaN, "", note);
    }

    public String valueText() {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if ("%".equals(unit)) {
            return String.format("%.3f", value);
        }
        if (Math.abs(value) >= 1000) {
            return String.format("%,.0f", value);
        }
        if (Math.abs(value) >= 10) {
            return String.format("%.1f", value);
        }
        return String.format("%.3f", value);
    }

    public String ratioText() {
        if (Double.isNaN(ratio)) {
            return "";
        }
        return (Math.abs(ratio) < 0.1 ? String.format("%.4f", ratio) : String.format("%.2f", ratio)) + " x " + baseline;
    }
}
