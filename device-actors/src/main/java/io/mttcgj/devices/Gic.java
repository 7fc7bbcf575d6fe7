package io.mttcgj.devices;

import io.mttcgj.platform.CpuIrqSink;
import io.mttcgj.platform.MmioDevice;
import java.util.ArrayList;
import java.util.List;

/**
 * GICv2 with security extensions as QEMU's a15mpcore_priv builds it: distributor plus one CPU
 * interface per CPU, SGI/PPI state banked per CPU.
 *
 * <p>Security model: every access is treated as Secure, which is what a guest that boots in Secure
 * state (QEMU's default for vexpress-a15 ELF images) sees. A guest that never touches IGROUPR keeps
 * every interrupt in group 0; group 0 is signalled as IRQ unless GICC_CTLR.FIQEn. Group 1 is
 * signalled as IRQ and acknowledged by a Secure IAR read only with AckCtl, as the architecture says.
 *
 * <p>Views: {@link #distView(int)} and {@link #cpuView(int)} identify the banked window of one CPU;
 * the actor form hands each vCPU {@link ActorMmio}s carrying its views, so all views share one
 * actor. The sinks are called from whichever thread runs this logic (the GIC actor).
 */
public final class Gic implements ActorDevice {
    /** Input: level of a shared peripheral interrupt, by interrupt ID (32..numIrqs-1). */
    public record SetSpi(int irq, boolean level) {
    }

    /** Input: level of a private peripheral interrupt of one CPU, by interrupt ID (16..31). */
    public record SetPpi(int cpu, int irq, boolean level) {
    }

    /** Input: attach the IRQ/FIQ lines of a CPU (the current levels are driven at once). */
    public record Connect(int cpu, CpuIrqSink sink) {
    }

    public static final int DEFAULT_NUM_IRQS = 160;
    public static final int SPURIOUS = 1023;
    private static final int GROUP1_ONLY = 1022;
    private static final int IDLE_PRIORITY = 0x100;
    static final int[] ID = {0x04, 0x00, 0x00, 0x00, 0x90, 0xb4, 0x2b, 0x00, 0x0d, 0xf0, 0x05, 0xb1};
    private static final int CPU_VIEW_BASE = 0x100;

    // GICC_CTLR (Secure view) bits
    private static final int C_EN_GRP0 = 1;
    private static final int C_EN_GRP1 = 1 << 1;
    private static final int C_ACKCTL = 1 << 2;
    private static final int C_FIQEN = 1 << 3;
    private static final int C_CBPR = 1 << 4;
    private static final int C_EOIMODE = 1 << 9;
    private static final int C_WRITABLE = 0x1f | C_EOIMODE | (1 << 10);

    final int numCpus;
    final int numIrqs;
    int dCtlr;

    // Banked arrays: row = CPU for IDs 0..31, row 0 for SPIs (see bank()).
    final boolean[][] enabled;
    final boolean[][] pendingLatch;
    final boolean[][] active;
    final boolean[][] level;
    final boolean[][] group1;
    final boolean[][] edge;
    final int[][] priority;
    final int[] targets;
    /** sgiSources[cpu][sgi]: bit n set = SGI pending on cpu, sent by CPU n. */
    final int[][] sgiSources;

    private final int[] cCtlr;
    private final int[] pmr;
    private final int[] bpr;
    private final int[] abpr;
    /** Acknowledged, not yet priority-dropped interrupts per CPU: {irq, group priority}, oldest first. */
    private final List<List<int[]>> activeStack = new ArrayList<>();

    private final CpuIrqSink[] sinks;
    private final boolean[] irqOut;
    private final boolean[] fiqOut;

    public Gic(int numCpus, int numIrqs) {
        if (numCpus < 1 || numCpus > 8) {
            throw new IllegalArgumentException("GICv2 supports 1 to 8 CPUs, not " + numCpus);
        }
        if (numIrqs < 32 || numIrqs > 1020 || numIrqs % 32 != 0) {
            throw new IllegalArgumentException("number of GIC interrupts must be a multiple of 32 in 32..1020: " + numIrqs);
        }
        this.numCpus = numCpus;
        this.numIrqs = numIrqs;
        enabled = new boolean[numCpus][numIrqs];
        pendingLatch = new boolean[numCpus][numIrqs];
        active = new boolean[numCpus][numIrqs];
        level = new boolean[numCpus][numIrqs];
        group1 = new boolean[numCpus][numIrqs];
        edge = new boolean[numCpus][numIrqs];
        priority = new int[numCpus][numIrqs];
        targets = new int[numIrqs];
        sgiSources = new int[numCpus][16];
        cCtlr = new int[numCpus];
        pmr = new int[numCpus];
        bpr = new int[numCpus];
        abpr = new int[numCpus];
        sinks = new CpuIrqSink[numCpus];
        irqOut = new boolean[numCpus];
        fiqOut = new boolean[numCpus];
        for (int c = 0; c < numCpus; c++) {
            activeStack.add(new ArrayList<>());
            abpr[c] = 1;
            for (int i = 0; i < 16; i++) {
                enabled[c][i] = true; // SGIs are always enabled in QEMU's GICv2
                edge[c][i] = true;
            }
        }
    }

    public static int distView(int cpu) {
        return cpu;
    }

    public static int cpuView(int cpu) {
        return CPU_VIEW_BASE + cpu;
    }

    public int numCpus() {
        return numCpus;
    }

    /** Synchronous distributor window of one CPU (tests; the board maps actor-backed views). */
    public MmioDevice distributor(int cpu) {
        return view(distView(checkCpu(cpu)));
    }

    /** Synchronous CPU interface window of one CPU. */
    public MmioDevice cpuInterface(int cpu) {
        return view(cpuView(checkCpu(cpu)));
    }

    private MmioDevice view(int v) {
        return new MmioDevice() {
            @Override
            public int read(int offset, int size) {
                return Gic.this.read(v, offset, size);
            }

            @Override
            public void write(int offset, int size, int value) {
                Gic.this.write(v, offset, size, value);
            }
        };
    }

    public void setSpi(int irq, boolean lvl) {
        if (irq < 32 || irq >= numIrqs) {
            throw new IllegalArgumentException("not an SPI interrupt ID: " + irq);
        }
        setLevel(0, irq, lvl);
    }

    public void setPpi(int cpu, int irq, boolean lvl) {
        if (irq < 16 || irq > 31) {
            throw new IllegalArgumentException("not a PPI interrupt ID: " + irq);
        }
        setLevel(checkCpu(cpu), irq, lvl);
    }

    public void connect(int cpu, CpuIrqSink sink) {
        sinks[checkCpu(cpu)] = sink;
        sink.setIrq(irqOut[cpu]);
        sink.setFiq(fiqOut[cpu]);
    }

    @Override
    public void onInput(Object input) {
        if (input instanceof SetSpi s) {
            setSpi(s.irq(), s.level());
        } else if (input instanceof SetPpi p) {
            setPpi(p.cpu(), p.irq(), p.level());
        } else if (input instanceof Connect c) {
            connect(c.cpu(), c.sink());
        } else {
            ActorDevice.super.onInput(input);
        }
    }

    private int checkCpu(int cpu) {
        if (cpu < 0 || cpu >= numCpus) {
            throw new IllegalArgumentException("no CPU " + cpu + " on this GIC (" + numCpus + " CPUs)");
        }
        return cpu;
    }

    static int bank(int irq, int cpu) {
        return irq < 32 ? cpu : 0;
    }

    private void setLevel(int b, int irq, boolean lvl) {
        if (lvl && !level[b][irq] && edge[b][irq]) {
            pendingLatch[b][irq] = true;
        }
        level[b][irq] = lvl;
        update();
    }

    // ---- MMIO -------------------------------------------------------------------------------

    @Override
    public int read(int offset, int size) {
        return read(distView(0), offset, size);
    }

    @Override
    public void write(int offset, int size, int value) {
        write(distView(0), offset, size, value);
    }

    @Override
    public int read(int view, int offset, int size) {
        if (view >= CPU_VIEW_BASE) {
            return WordRegisters.lane(GicCpuInterface.read(this, checkCpu(view - CPU_VIEW_BASE), offset & ~3), offset, size);
        }
        int cpu = checkCpu(view);
        int result = 0;
        for (int i = 0; i < size; i++) {
            result |= GicDistributor.readByte(this, cpu, offset + i) << (8 * i);
        }
        return result;
    }

    @Override
    public void write(int view, int offset, int size, int value) {
        if (view >= CPU_VIEW_BASE) {
            GicCpuInterface.write(this, checkCpu(view - CPU_VIEW_BASE), offset & ~3, WordRegisters.toWord(value, offset, size));
        } else {
            int cpu = checkCpu(view);
            if ((offset & ~3) == 0xf00) {
                GicDistributor.writeSgir(this, cpu, value);
            } else {
                for (int i = 0; i < size; i++) {
                    GicDistributor.writeByte(this, cpu, offset + i, (value >>> (8 * i)) & 0xff);
                }
            }
        }
        update();
    }

    // ---- interrupt state, shared with GicCpuInterface ---------------------------------------------

    boolean isPending(int irq, int cpu) {
        if (irq < 16) {
            return sgiSources[cpu][irq] != 0;
        }
        int b = bank(irq, cpu);
        return pendingLatch[b][irq] || (!edge[b][irq] && level[b][irq]);
    }

    boolean isGroup1(int irq, int cpu) {
        return group1[bank(irq, cpu)][irq];
    }

    int priorityOf(int irq, int cpu) {
        return priority[bank(irq, cpu)][irq];
    }

    int groupPriority(int prio, boolean grp1, int cpu) {
        int point = grp1 && (cCtlr[cpu] & C_CBPR) == 0 ? abpr[cpu] - 1 : bpr[cpu];
        return prio & (0xff << (Math.max(point, 0) + 1)) & 0xff;
    }

    private boolean groupEnabled(boolean grp1, int cpu) {
        int bit = grp1 ? 2 : 1;
        return (dCtlr & bit) != 0 && (cCtlr[cpu] & bit) != 0;
    }

    /** Highest-priority pending, enabled, inactive interrupt for this CPU, or SPURIOUS. */
    int highestPending(int cpu) {
        int best = SPURIOUS;
        int bestPrio = IDLE_PRIORITY;
        for (int irq = 0; irq < numIrqs; irq++) {
            int b = bank(irq, cpu);
            if (!enabled[b][irq] || active[b][irq] || !isPending(irq, cpu)) {
                continue;
            }
            if (irq >= 32 && (numCpus == 1 ? 1 : targets[irq] & (1 << cpu)) == 0) {
                continue;
            }
            if (!groupEnabled(group1[b][irq], cpu)) {
                continue;
            }
            if (priority[b][irq] < bestPrio) {
                bestPrio = priority[b][irq];
                best = irq;
            }
        }
        return best;
    }

    int runningPriority(int cpu) {
        List<int[]> stack = activeStack.get(cpu);
        int min = IDLE_PRIORITY;
        for (int[] e : stack) {
            min = Math.min(min, e[1]);
        }
        return min;
    }

    /** IAR: acknowledge the highest pending interrupt; returns the IAR value. */
    int acknowledge(int cpu) {
        int irq = highestPending(cpu);
        if (irq == SPURIOUS) {
            return SPURIOUS;
        }
        boolean grp1 = isGroup1(irq, cpu);
        if (grp1 && (cCtlr[cpu] & C_ACKCTL) == 0) {
            return GROUP1_ONLY;
        }
        int prio = priorityOf(irq, cpu);
        if (prio >= runningPriority(cpu)) {
            return SPURIOUS;
        }
        active[bank(irq, cpu)][irq] = true;
        activeStack.get(cpu).add(new int[] {irq, groupPriority(prio, grp1, cpu)});
        int result = irq;
        if (irq < 16) {
            int src = Integer.numberOfTrailingZeros(sgiSources[cpu][irq]);
            sgiSources[cpu][irq] &= ~(1 << src);
            result |= src << 10;
        } else {
            pendingLatch[bank(irq, cpu)][irq] = false;
        }
        update();
        return result;
    }

    /** HPPIR value: like IAR without side effects. */
    int highestPendingId(int cpu) {
        int irq = highestPending(cpu);
        if (irq == SPURIOUS) {
            return SPURIOUS;
        }
        if (isGroup1(irq, cpu) && (cCtlr[cpu] & C_ACKCTL) == 0) {
            return GROUP1_ONLY;
        }
        return irq < 16 ? irq | (Integer.numberOfTrailingZeros(sgiSources[cpu][irq]) << 10) : irq;
    }

    /** EOIR: priority drop of the most recent activation, and deactivation unless EOImode. */
    void endOfInterrupt(int cpu, int value) {
        int irq = value & 0x3ff;
        List<int[]> stack = activeStack.get(cpu);
        if (irq >= numIrqs || stack.isEmpty()) {
            return;
        }
        stack.remove(stack.size() - 1);
        if ((cCtlr[cpu] & C_EOIMODE) == 0) {
            active[bank(irq, cpu)][irq] = false;
        }
        update();
    }

    /** DIR: deactivation when EOImode split it from the priority drop. */
    void deactivate(int cpu, int value) {
        int irq = value & 0x3ff;
        if (irq < numIrqs && (cCtlr[cpu] & C_EOIMODE) != 0) {
            active[bank(irq, cpu)][irq] = false;
            update();
        }
    }

    int cpuCtlr(int cpu) {
        return cCtlr[cpu];
    }

    void setCpuCtlr(int cpu, int v) {
        cCtlr[cpu] = v & C_WRITABLE;
    }

    int pmr(int cpu) {
        return pmr[cpu];
    }

    void setPmr(int cpu, int v) {
        pmr[cpu] = v & 0xff;
    }

    int bpr(int cpu) {
        return bpr[cpu];
    }

    void setBpr(int cpu, int v) {
        bpr[cpu] = v & 7;
    }

    int abpr(int cpu) {
        return abpr[cpu];
    }

    void setAbpr(int cpu, int v) {
        abpr[cpu] = Math.max(1, v & 7);
    }

    /** Recomputes every CPU's IRQ/FIQ outputs and drives the sinks whose level changed. */
    void update() {
        for (int cpu = 0; cpu < numCpus; cpu++) {
            boolean irqLine = false;
            boolean fiqLine = false;
            int irq = highestPending(cpu);
            if (irq != SPURIOUS) {
                int prio = priorityOf(irq, cpu);
                boolean grp1 = isGroup1(irq, cpu);
                if (prio < pmr[cpu] && groupPriority(prio, grp1, cpu) < runningPriority(cpu)) {
                    if (!grp1 && (cCtlr[cpu] & C_FIQEN) != 0) {
                        fiqLine = true;
                    } else {
                        irqLine = true;
                    }
                }
            }
            CpuIrqSink sink = sinks[cpu];
            if (irqLine != irqOut[cpu]) {
                irqOut[cpu] = irqLine;
                if (sink != null) {
                    sink.setIrq(irqLine);
                }
            }
            if (fiqLine != fiqOut[cpu]) {
                fiqOut[cpu] = fiqLine;
                if (sink != null) {
                    sink.setFiq(fiqLine);
                }
            }
        }
    }
}
