package io.mttcgj.devices;

import io.mttcgj.platform.CpuIrqSink;
import io.mttcgj.platform.MmioDevice;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The GIC as an actor, seen from outside: per-CPU MMIO views that all go to the same actor, and
 * interrupt inputs sent as messages.
 */
public final class GicRef {
    private final ActorRef<DeviceActor.Command> actor;
    private final int numCpus;
    private final Duration timeout;

    public GicRef(ActorRef<DeviceActor.Command> actor, int numCpus, Duration timeout) {
        this.actor = actor;
        this.numCpus = numCpus;
        this.timeout = timeout;
    }

    public ActorRef<DeviceActor.Command> actor() {
        return actor;
    }

    public int numCpus() {
        return numCpus;
    }

    /** The distributor window (0x2c001000) as CPU {@code cpu} sees it. */
    public MmioDevice distributor(int cpu) {
        return new ActorMmio(actor, "gic-dist(cpu" + checkCpu(cpu) + ")", Gic.distView(cpu), timeout);
    }

    /** The CPU interface window (0x2c002000) of CPU {@code cpu}. */
    public MmioDevice cpuInterface(int cpu) {
        return new ActorMmio(actor, "gic-cpu(cpu" + checkCpu(cpu) + ")", Gic.cpuView(cpu), timeout);
    }

    /** Level of a shared peripheral interrupt, by interrupt ID (32..). */
    public void setSpi(int irq, boolean level) {
        actor.tell(new DeviceActor.Input(new Gic.SetSpi(irq, level)));
    }

    /** Level of a private peripheral interrupt of {@code cpu}, by interrupt ID (16..31). */
    public void setPpi(int cpu, int irq, boolean level) {
        actor.tell(new DeviceActor.Input(new Gic.SetPpi(cpu, irq, level)));
    }

    /** Connects a CPU's IRQ/FIQ lines; they are driven from the GIC actor's thread. */
    public void connect(int cpu, CpuIrqSink sink) {
        actor.tell(new DeviceActor.Input(new Gic.Connect(checkCpu(cpu), sink)));
    }

    /** An output line for a device wired to an SPI. */
    public IrqLine spiLine(int irq) {
        return level -> setSpi(irq, level);
    }

    private int checkCpu(int cpu) {
        if (cpu < 0 || cpu >= numCpus) {
            throw new IllegalArgumentException("no CPU " + cpu + " (" + numCpus + " CPUs)");
        }
        return cpu;
    }
}
