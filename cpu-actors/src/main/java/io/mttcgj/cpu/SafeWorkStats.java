package io.mttcgj.cpu;

import java.util.Arrays;

/** Safe-work rounds and how long each waited for quiescence (thread-safe; read at exit or by benchmarks). */
public final class SafeWorkStats {
    private long rounds;
    private long works;
    private long direct;
    private long totalWaitNanos;
    private long maxWaitNanos;
    private long[] samples = new long[1024];
    private int sampleCount;

    synchronized void record(long waitNanos, int batch) {
        rounds++;
        works += batch;
        totalWaitNanos += waitNanos;
        maxWaitNanos = Math.max(maxWaitNanos, waitNanos);
        if (sampleCount == samples.length) {
            samples = Arrays.copyOf(samples, samples.length * 2);
        }
        samples[sampleCount++] = waitNanos;
    }

    /** A round the requester ran on its own because every other vCPU was halted (no wait to record). */
    synchronized void recordDirect() {
        direct++;
        works++;
    }

    /** Rounds run directly by the requester, every other vCPU being halted (included in {@link #rounds}). */
    public synchronized long direct() {
        return direct;
    }

    /** All rounds: through the supervisor and direct. */
    public synchronized long rounds() {
        return rounds + direct;
    }

    public synchronized long works() {
        return works;
    }

    public synchronized double meanWaitMicros() {
        return rounds == 0 ? 0 : totalWaitNanos / 1e3 / rounds; // supervisor rounds: direct ones wait for nobody
    }

    public synchronized double maxWaitMicros() {
        return maxWaitNanos / 1e3;
    }

    /** The {@code p}-th percentile (0-100) of the quiescence waits, in microseconds. */
    public synchronized double percentileMicros(double p) {
        if (sampleCount == 0) {
            return 0;
        }
        long[] s = Arrays.copyOf(samples, sampleCount);
        Arrays.sort(s);
        int i = (int) Math.min(sampleCount - 1, Math.ceil(p / 100.0 * sampleCount) - 1);
        return s[Math.max(0, i)] / 1e3;
    }
}
