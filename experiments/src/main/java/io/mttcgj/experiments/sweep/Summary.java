package io.mttcgj.experiments.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-point aggregates of a sweep: median and range of the wall time over the runs that count, and the
 * speedup and efficiency relative to the series' 1-vCPU median. As in bench/scaling.sh, a series' 1-vCPU
 * baseline is its thread=single run when that mode was swept (what -accel's default picks for one vCPU), so
 * that both thread modes are measured against the same reference; otherwise each line (series and thread
 * mode) is its own baseline.
 *
 * @param speedup     work factor x T(1) / T(N) with median times (see {@link SweepConfig.Work}); NaN without
 *                    a baseline or without a successful run
 * @param speedupLow  the same with this point's slowest run
 * @param speedupHigh the same with this point's fastest run
 * @param mipsPerVcpu median over runs of the mean per-vCPU MIPS, NaN if the series reports none
 */
public record Summary(RunSpec.Point point, int runs, int ok, double medianSeconds, double minSeconds,
                      double maxSeconds, double speedup, double speedupLow, double speedupHigh, double efficiency,
                      double mipsPerVcpu) {

    /** Aggregates in plan order (the order points were first run). */
    public static List<Summary> of(List<RunResult> results, SweepConfig.Work work) {
        Map<RunSpec.Point, List<RunResult>> byPoint = new LinkedHashMap<>();
        for (RunResult r : results) {
            byPoint.computeIfAbsent(r.spec().point(), k -> new ArrayList<>()).add(r);
        }
        Map<String, Double> baseline = new LinkedHashMap<>(); // by line
        Map<String, Double> singleBaseline = new LinkedHashMap<>(); // by series
        for (Map.Entry<RunSpec.Point, List<RunResult>> e : byPoint.entrySet()) {
            RunSpec.Point p = e.getKey();
            if (p.vcpus() == 1) {
                baseline.put(p.line(), median(okWalls(e.getValue())));
                if (p.threads().equals("single")) {
                    singleBaseline.put(p.series(), median(okWalls(e.getValue())));
                }
            }
        }
        List<Summary> out = new ArrayList<>();
        for (Map.Entry<RunSpec.Point, List<RunResult>> e : byPoint.entrySet()) {
            RunSpec.Point p = e.getKey();
            List<Double> walls = okWalls(e.getValue());
            double med = median(walls);
            double min = walls.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            double max = walls.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            double t1 = singleBaseline.containsKey(p.series()) ? singleBaseline.get(p.series())
                    : baseline.getOrDefault(p.line(), Double.NaN);
            double factor = work.factor(p.vcpus());
            double speedup = factor * t1 / med;
            List<Double> mips = e.getValue().stream().filter(r -> r.ok() && r.stats() != null)
                    .map(r -> r.stats().meanMipsPerVcpu()).toList();
            out.add(new Summary(p, e.getValue().size(), walls.size(), med, min, max, speedup, factor * t1 / max,
                    factor * t1 / min, speedup / p.vcpus(), median(mips)));
        }
        return out;
    }

    private static List<Double> okWalls(List<RunResult> runs) {
        return runs.stream().filter(RunResult::ok).map(RunResult::wallSeconds).toList();
    }

    /** The median (mean of the middle two for an even count); NaN for none. */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** The console table: one line per point, medians with their min-max range. */
    public static String table(List<Summary> rows, int hostCores) {
        StringBuilder sb = new StringBuilder();
        String format = "%-10s %-7s %5s %5s %9s %15s %8s %10s %10s%n";
        sb.append(String.format(Locale.ROOT, format, "series", "threads", "vCPUs", "ok", "median s", "min-max s",
                "speedup", "efficiency", "MIPS/vCPU"));
        for (Summary s : rows) {
            sb.append(String.format(Locale.ROOT, format, s.point().series(), s.point().threads(), s.point().vcpus(),
                    s.ok() + "/" + s.runs(), num("%.2f", s.medianSeconds()),
                    Double.isNaN(s.minSeconds()) ? "-" : String.format(Locale.ROOT, "%.2f-%.2f", s.minSeconds(),
                            s.maxSeconds()),
                    num("%.2fx", s.speedup()), num("%.0f%%", 100 * s.efficiency()), num("%.1f", s.mipsPerVcpu())));
        }
        sb.append(String.format(Locale.ROOT, "host cores available: %d; wall time per run includes process start%n",
                hostCores));
        return sb.toString();
    }

    private static String num(String format, double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, format, v);
    }
}
