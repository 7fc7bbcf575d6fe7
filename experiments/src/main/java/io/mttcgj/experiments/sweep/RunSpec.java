package io.mttcgj.experiments.sweep;

/**
 * One run of a sweep.
 *
 * @param index   position in the run order, from 1
 * @param series  "ours" or the comparison's name
 * @param threads thread mode passed with -accel tcg,thread=
 * @param vcpus   -smp
 * @param rep     repeat number, from 1
 */
public record RunSpec(int index, String series, String threads, int vcpus, int rep) {
    /** The point this run measures: runs of one point differ only by repeat. */
    public Point point() {
        return new Point(series, threads, vcpus);
    }

    /** File name stem for the run's logs, e.g. "ours-multi-2cpu-r1". */
    String logName() {
        return series.replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + threads + "-" + vcpus + "cpu-r" + rep;
    }

    /** A point of the sweep; {@link #line()} is the chart line it belongs to. */
    public record Point(String series, String threads, int vcpus) {
        public String line() {
            return series + " " + threads;
        }
    }
}
