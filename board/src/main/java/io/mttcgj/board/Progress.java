package io.mttcgj.board;

import io.mttcgj.codegen.tb.TbCache;
import io.mttcgj.cpu.SafeWorkStats;
import io.mttcgj.cpu.Vcpu;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The progress line of long runs (--stats-interval): every interval, the figures of that interval only,
 * so a user sees a phase change (boot, then a benchmark) as it happens instead of one average at exit.
 * It reads the vCPUs' counters racily from its own daemon thread: a figure may be one block stale, never
 * slower for the guest.
 */
final class Progress implements Runnable {
    private final List<Vcpu> vcpus;
    private final TbCache cache;
    private final SafeWorkStats safe;
    private final PrintStream err;
    private final long intervalNanos;
    private final long startNanos;
    private final Thread thread;

    private long lastNanos;
    private final long[] lastInsns;
    private final long[] lastHalted;
    private final long[] lastTlbFlushes;
    private final long[] lastIrqs;
    private long lastTranslated;
    private long lastRounds;

    private Progress(List<Vcpu> vcpus, TbCache cache, SafeWorkStats safe, PrintStream err, Duration interval) {
        this.vcpus = vcpus;
        this.cache = cache;
        this.safe = safe;
        this.err = err;
        this.intervalNanos = interval.toNanos();
        this.lastInsns = new long[vcpus.size()];
        this.lastHalted = new long[vcpus.size()];
        this.lastTlbFlushes = new long[vcpus.size()];
        this.lastIrqs = new long[vcpus.size()];
        this.startNanos = System.nanoTime();
        this.lastNanos = startNanos;
        this.thread = new Thread(this, "mttcg-progress");
        thread.setDaemon(true);
    }

    /** Starts the reporter, or returns null when the interval is zero. */
    static Progress start(List<Vcpu> vcpus, TbCache cache, SafeWorkStats safe, PrintStream err, Duration interval) {
        if (interval.isZero()) {
            return null;
        }
        Progress p = new Progress(vcpus, cache, safe, err, interval);
        p.thread.start();
        return p;
    }

    void stop() {
        thread.interrupt();
    }

    @Override
    public void run() {
        try {
            while (true) {
                Thread.sleep(Math.max(1, intervalNanos / 1_000_000));
                err.println(line(System.nanoTime()));
            }
        } catch (InterruptedException e) {
            // stopped with the machine
        }
    }

    String line(long now) {
        double secs = (now - lastNanos) / 1e9;
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "mttcg progress %.1f s:", (now - startNanos) / 1e9));
        long total = 0;
        long flushes = 0;
        for (int i = 0; i < vcpus.size(); i++) {
            Vcpu v = vcpus.get(i);
            long insns = v.state.insns;
            long halted = v.haltedNanos();
            long tlb = v.state.tlbFlushes;
            long irqs = v.exec.interruptsTaken;
            long d = insns - lastInsns[i];
            total += d;
            flushes += tlb - lastTlbFlushes[i];
            sb.append(String.format(Locale.ROOT, " cpu%d %.0f MIPS (halted %.0f%%, %.0f irq/s),", v.index(), d / secs / 1e6,
                    Math.min(100.0, 100.0 * (halted - lastHalted[i]) / (now - lastNanos)), (irqs - lastIrqs[i]) / secs));
            lastIrqs[i] = irqs;
            lastInsns[i] = insns;
            lastHalted[i] = halted;
            lastTlbFlushes[i] = tlb;
        }
        long translated = cache.translated.get();
        long rounds = safe.rounds();
        sb.append(String.format(Locale.ROOT, " total %.0f MIPS; TBs translated %,d, safe-work rounds %,d, TLB flushes %,d",
                total / secs / 1e6, translated - lastTranslated, rounds - lastRounds, flushes));
        lastTranslated = translated;
        lastRounds = rounds;
        lastNanos = now;
        return sb.toString();
    }
}
