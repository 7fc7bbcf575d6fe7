package io.mttcgj.board;

import io.mttcgj.cpu.IcountDriver;
import io.mttcgj.cpu.Vcpu;
import io.mttcgj.devices.DeviceSystem;
import io.mttcgj.devices.VirtualTimers;
import io.mttcgj.memory.AddressSpace;
import io.mttcgj.platform.CpuIrqSink;
import java.util.List;

/**
 * The board side of deterministic mode (-icount): the virtual clock, the virtual device timers, the
 * interrupt line latches and the device synchronisation run between vCPU turns by {@link IcountDriver}.
 *
 * <p>Virtual time is published once per turn (instructions retired by all vCPUs, shifted, plus the
 * time skipped while every vCPU slept): device work triggered by a posted write reads the same time
 * whenever the device actor gets to it, because the next sync waits for it before publishing again.
 */
public final class IcountSupport implements IcountDriver.Board {
    /** Side-effect-free registers read to drain each device mailbox; the GIC last, as devices post to it. */
    private static final long[] BARRIER_READS = {
        DeviceSystem.SYSREGS_BASE, // SYS_ID
        DeviceSystem.UART_BASES[0] + 0x18, DeviceSystem.UART_BASES[1] + 0x18, // UARTFR
        DeviceSystem.UART_BASES[2] + 0x18, DeviceSystem.UART_BASES[3] + 0x18,
        DeviceSystem.TIMER01_BASE + 0xfe0, DeviceSystem.TIMER23_BASE + 0xfe0, // PeriphID0
        DeviceSystem.RTC_BASE + 0xfe0,
        DeviceSystem.GIC_DIST_BASE + 0x004, // GICD_TYPER
    };

    private final Machine machine;
    private final int shift;
    private final VirtualTimers timers;
    private final Latch[] latches;
    private volatile long published;
    private long warp;

    IcountSupport(Machine machine, int shift, int cpus) {
        this.machine = machine;
        this.shift = shift;
        this.timers = new VirtualTimers(() -> published);
        this.latches = new Latch[cpus];
        for (int c = 0; c < cpus; c++) {
            latches[c] = new Latch();
        }
    }

    public VirtualTimers timers() {
        return timers;
    }

    CpuIrqSink latch(int cpu) {
        return latches[cpu];
    }

    /** Virtual time in ns, as the devices see it now. */
    public long nanos() {
        return published;
    }

    /** Guest instructions retired by all vCPUs. */
    public long totalInsns() {
        long n = 0;
        for (Vcpu v : machine.vcpus()) {
            n += v.state.insns;
        }
        return n;
    }

    private void publish() {
        published = (totalInsns() << shift) + warp;
    }

    private void drainDevices() {
        if (machine.stopping()) {
            return; // the devices may be gone
        }
        AddressSpace bus = machine.bus(0);
        for (long a : BARRIER_READS) {
            bus.read((int) a, 4);
        }
    }

    @Override
    public long sync() {
        drainDevices();
        publish();
        if (timers.fireDue(published) > 0) {
            drainDevices();
        }
        List<Vcpu> vcpus = machine.vcpus();
        for (int c = 0; c < vcpus.size(); c++) {
            latches[c].applyTo(vcpus.get(c));
        }
        return timers.nextDeadline();
    }

    @Override
    public void warpTo(long deadline) {
        long now = (totalInsns() << shift) + warp;
        if (deadline > now) {
            warp += deadline - now;
        }
    }

    @Override
    public void restartCpu(int cpu) {
        machine.restartCpu(cpu);
    }

    @Override
    public void vcpuRestarted(int cpu, Throwable cause) {
        machine.vcpuRestarted(cpu, cause);
    }

    @Override
    public void fatal(int cpu, String message, String report, Throwable cause) {
        machine.fatal(cpu, message, report, cause);
    }

    @Override
    public boolean stopping() {
        return machine.stopping();
    }

    /** Interrupt fault injection: the next rising edge of vCPU {@code cpu}'s IRQ line is lost. */
    public void loseNextIrq(int cpu) {
        latches[cpu].loseNextRise = true;
    }

    /** Interrupt fault injection: vCPU {@code cpu}'s IRQ line is raised for one turn with no cause. */
    public void spuriousIrq(int cpu) {
        latches[cpu].spurious = true;
    }

    /**
     * The levels the GIC drives, held until the driver applies them between turns (the GIC actor sets
     * them at host-timing-dependent moments; applying them at once would make that visible to the guest).
     */
    private static final class Latch implements CpuIrqSink {
        private volatile boolean irq;
        private volatile boolean fiq;
        boolean loseNextRise;
        boolean spurious;
        private boolean lost;

        @Override
        public void setIrq(boolean level) {
            irq = level;
        }

        @Override
        public void setFiq(boolean level) {
            fiq = level;
        }

        void applyTo(Vcpu v) {
            boolean level = irq;
            if (level && !v.state.irqLine && loseNextRise) {
                loseNextRise = false;
                lost = true;
            }
            if (lost) {
                if (level) {
                    level = false; // dropped until the GIC lowers the line
                } else {
                    lost = false;
                }
            }
            if (spurious) {
                spurious = false;
                level = true;
            }
            if (level != v.state.irqLine) {
                v.setIrq(level);
            }
            if (fiq != v.state.fiqLine) {
                v.setFiq(fiq);
            }
        }
    }
}
