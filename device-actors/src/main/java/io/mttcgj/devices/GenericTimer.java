package io.mttcgj.devices;

import io.mttcgj.platform.GenericTimerPort;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The CP15 generic timer of one CPU (CNTFRQ 62.5 MHz, as QEMU's vexpress-a15). The count is host
 * monotonic time since a machine-wide start instant, so all CPUs see the same counter; at 62.5 MHz
 * one tick is exactly 16 ns.
 *
 * <p>The vCPU thread calls this directly for every CNT* access, so it is not an actor: a
 * synchronous ask per MRC would cost far more than the register itself. State is guarded by this
 * object's monitor (uncontended except when a wake-up fires). Wake-ups run on a shared
 * {@link ScheduledExecutorService} injected by the board: one host thread serves the timers of all
 * CPUs, and the only thing it does is re-evaluate the condition and post the PPI level to the GIC
 * actor (a message, never shared state).
 *
 * <p>Secure physical timer: from Secure PL1, QEMU banks CNTP_* to a separate timer raising PPI 29.
 * The CPU selects that bank with the extra register numbers {@link #CNTPS_CTL},
 * {@link #CNTPS_TVAL} and {@link #CNTPS_CVAL}.
 */
public final class GenericTimer implements GenericTimerPort {
    public static final int FREQUENCY_HZ = 62_500_000;
    public static final long NANOS_PER_TICK = 16;

    /** Secure-bank CNTP_CTL / CNTP_TVAL (read32/write32) and CNTP_CVAL (read64/write64). */
    public static final int CNTPS_CTL = 9;
    public static final int CNTPS_TVAL = 10;
    public static final int CNTPS_CVAL = 22;

    public static final int PPI_HYP = 26;
    public static final int PPI_VIRT = 27;
    public static final int PPI_SECURE_PHYS = 29;
    public static final int PPI_PHYS = 30;

    static final int CTL_ENABLE = 1;
    static final int CTL_IMASK = 2;
    static final int CTL_ISTATUS = 4;

    /** Where the timer outputs go: normally a message to the GIC actor. */
    @FunctionalInterface
    public interface PpiOutput {
        void setPpi(int cpu, int irq, boolean level);
    }

    private static final int PHYS = 0;
    private static final int VIRT = 1;
    private static final int HYP = 2;
    private static final int SEC = 3;
    private static final int[] PPI = {PPI_PHYS, PPI_VIRT, PPI_HYP, PPI_SECURE_PHYS};

    private final int cpu;
    private final long startNanos;
    private final java.util.function.LongSupplier nanoClock;
    private final ScheduledExecutorService scheduler;
    private final PpiOutput output;

    private int cntfrq = FREQUENCY_HZ;
    private int cntkctl;
    private int cnthctl = 3; // PL1 access to the physical counter and timer, as after reset
    private long cntvoff;
    private final int[] ctl = new int[4];
    private final long[] cval = new long[4];
    private final boolean[] outLevel = new boolean[4];
    @SuppressWarnings("unchecked")
    private final ScheduledFuture<?>[] wakeups = new ScheduledFuture<?>[4];

    /**
     * @param startNanos machine-wide start instant in {@code nanoClock} time, the same for every CPU
     * @param nanoClock  host monotonic time, normally System::nanoTime
     */
    public GenericTimer(int cpu, long startNanos, java.util.function.LongSupplier nanoClock,
                        ScheduledExecutorService scheduler, PpiOutput output) {
        this.cpu = cpu;
        this.startNanos = startNanos;
        this.nanoClock = nanoClock;
        this.scheduler = scheduler;
        this.output = output;
    }

    public int cpu() {
        return cpu;
    }

    private long physicalCount() {
        return (nanoClock.getAsLong() - startNanos) / NANOS_PER_TICK;
    }

    private long countFor(int t) {
        long phys = physicalCount();
        return t == VIRT ? phys - cntvoff : phys;
    }

    @Override
    public synchronized int read32(int reg) {
        switch (reg) {
            case CNTFRQ: return cntfrq;
            case CNTKCTL: return cntkctl;
            case CNTHCTL: return cnthctl;
            case CNTP_CTL: return readCtl(PHYS);
            case CNTV_CTL: return readCtl(VIRT);
            case CNTHP_CTL: return readCtl(HYP);
            case CNTPS_CTL: return readCtl(SEC);
            case CNTP_TVAL: return readTval(PHYS);
            case CNTV_TVAL: return readTval(VIRT);
            case CNTHP_TVAL: return readTval(HYP);
            case CNTPS_TVAL: return readTval(SEC);
            default: throw new IllegalArgumentException("not a 32-bit generic timer register: " + reg);
        }
    }

    @Override
    public synchronized void write32(int reg, int value) {
        switch (reg) {
            case CNTFRQ -> cntfrq = value;
            case CNTKCTL -> cntkctl = value & 0x3ff;
            case CNTHCTL -> cnthctl = value & 0xff;
            case CNTP_CTL -> writeCtl(PHYS, value);
            case CNTV_CTL -> writeCtl(VIRT, value);
            case CNTHP_CTL -> writeCtl(HYP, value);
            case CNTPS_CTL -> writeCtl(SEC, value);
            case CNTP_TVAL -> writeTval(PHYS, value);
            case CNTV_TVAL -> writeTval(VIRT, value);
            case CNTHP_TVAL -> writeTval(HYP, value);
            case CNTPS_TVAL -> writeTval(SEC, value);
            default -> throw new IllegalArgumentException("not a 32-bit generic timer register: " + reg);
        }
    }

    @Override
    public synchronized long read64(int reg) {
        switch (reg) {
            case CNTPCT: return physicalCount();
            case CNTVCT: return physicalCount() - cntvoff;
            case CNTP_CVAL: return cval[PHYS];
            case CNTV_CVAL: return cval[VIRT];
            case CNTHP_CVAL: return cval[HYP];
            case CNTPS_CVAL: return cval[SEC];
            case CNTVOFF: return cntvoff;
            default: throw new IllegalArgumentException("not a 64-bit generic timer register: " + reg);
        }
    }

    @Override
    public synchronized void write64(int reg, long value) {
        switch (reg) {
            case CNTP_CVAL -> writeCval(PHYS, value);
            case CNTV_CVAL -> writeCval(VIRT, value);
            case CNTHP_CVAL -> writeCval(HYP, value);
            case CNTPS_CVAL -> writeCval(SEC, value);
            case CNTVOFF -> {
                cntvoff = value;
                reevaluate(VIRT);
            }
            case CNTPCT, CNTVCT -> { } // read-only counters
            default -> throw new IllegalArgumentException("not a 64-bit generic timer register: " + reg);
        }
    }

    private boolean conditionMet(int t) {
        return Long.compareUnsigned(countFor(t), cval[t]) >= 0;
    }

    private int readCtl(int t) {
        int v = ctl[t];
        if ((v & CTL_ENABLE) != 0 && conditionMet(t)) {
            v |= CTL_ISTATUS;
        }
        return v;
    }

    private void writeCtl(int t, int value) {
        ctl[t] = value & (CTL_ENABLE | CTL_IMASK);
        reevaluate(t);
    }

    private int readTval(int t) {
        return (int) (cval[t] - countFor(t));
    }

    private void writeTval(int t, int value) {
        cval[t] = countFor(t) + value; // TVAL is a signed 32-bit offset from now
        reevaluate(t);
    }

    private void writeCval(int t, long value) {
        cval[t] = value;
        reevaluate(t);
    }

    /** Drives the PPI for timer t and arms a wake-up if the condition becomes true later. */
    private void reevaluate(int t) {
        if (wakeups[t] != null) {
            wakeups[t].cancel(false);
            wakeups[t] = null;
        }
        boolean enabled = (ctl[t] & CTL_ENABLE) != 0;
        // One reading of the counter for both the condition and the delay: with two, a thread preempted
        // between them could see "not met" and then a delay <= 0, and the tick would never come.
        long now = countFor(t);
        boolean met = enabled && Long.compareUnsigned(now, cval[t]) >= 0;
        setOutput(t, met && (ctl[t] & CTL_IMASK) == 0);
        if (enabled && !met) {
            long ticks = cval[t] - now;
            // a compare value in the far future (e.g. all ones): wake up now and then to re-check
            long delayNanos = ticks > 0 && ticks < Long.MAX_VALUE / NANOS_PER_TICK
                    ? ticks * NANOS_PER_TICK : TimeUnit.DAYS.toNanos(1);
            wakeups[t] = scheduler.schedule(() -> wake(t), Math.min(delayNanos, TimeUnit.DAYS.toNanos(1)),
                    TimeUnit.NANOSECONDS);
        }
    }

    private synchronized void wake(int t) {
        reevaluate(t);
    }

    private void setOutput(int t, boolean level) {
        if (outLevel[t] != level) {
            outLevel[t] = level;
            output.setPpi(cpu, PPI[t], level);
        }
    }

    /** Cancels pending wake-ups (machine stop). */
    public synchronized void stop() {
        for (int t = 0; t < wakeups.length; t++) {
            if (wakeups[t] != null) {
                wakeups[t].cancel(false);
                wakeups[t] = null;
            }
        }
    }
}
