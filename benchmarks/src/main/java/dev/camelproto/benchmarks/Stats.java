package dev.camelproto.benchmarks;

import java.util.Arrays;
import java.util.List;

/** Median and spread of a few rounds. */
public record Stats(double median, double min, double max, int n) {

    public static Stats of(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double med = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return new Stats(med, v[0], v[v.length - 1], v.length);
    }

    /** (max - min) / median, in percent. */
    public double spreadPercent() {
        return median == 0 ? 0 : 100 * (max - min) / median;
    }

    public String fmt(String pattern) {
        return String.format(java.util.Locale.ROOT, pattern, median) + " ("
                + String.format(java.util.Locale.ROOT, pattern, min) + "–"
                + String.format(java.util.Locale.ROOT, pattern, max) + ")";
    }

    @Override
    public String toString() {
        return Arrays.toString(new double[] {median, min, max});
    }
}
