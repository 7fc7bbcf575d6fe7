package io.mttcgj.experiments.sweep;

/**
 * The outcome of one run.
 *
 * @param exitStatus the process's status, or -1 when it was killed at the timeout or could not start
 * @param wallNanos  wall time around the child process (start to exit), JVM start-up included
 * @param stats      our emulator's statistics, null for the comparison series or when missing
 * @param error      why the run does not count, or null if it does
 * @param hostCores  processors available to the sweep (Runtime.availableProcessors)
 */
public record RunResult(RunSpec spec, int exitStatus, long wallNanos, GuestStats stats, String error, int hostCores) {
    public boolean ok() {
        return error == null;
    }

    public double wallSeconds() {
        return wallNanos / 1e9;
    }

    /** "ok", "failed" or "timeout". */
    public String status() {
        return error == null ? "ok" : error.startsWith(SweepRunner.TIMEOUT) ? "timeout" : "failed";
    }
}
