package io.mttcgj.cpu;

import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.exec.CpuExec;
import io.mttcgj.platform.CpuIrqSink;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * One virtual CPU: its architectural state, its execution loop, and the actor that drives it. The
 * interrupt controller drives the IRQ/FIQ lines from any thread; raising one makes the vCPU leave
 * translated code within one block (exitRequest) and wakes it if it is halted.
 */
public final class Vcpu implements CpuIrqSink {
    public final CpuState state;
    public final CpuExec exec;
    private volatile ActorRef<VcpuActor.Command> driver;
    /** Halted in WFI/WFE; only the driving actor changes it. */
    volatile boolean halted;
    /** Halted in WFE (an event wakes it) rather than WFI (only an interrupt does). */
    volatile boolean waitingForEvent;
    /** The supervisor has sent (or is sending) a Quiesce: do not start another slice before handling it. */
    volatile boolean quiescePending;
    long haltedSinceNanos;
    long haltedNanos;
    /**
     * Held by another vCPU that runs safe work on its own while this one is halted (see
     * {@link SafeWork}): this vCPU's driver must not run guest code, or touch its translation state, until
     * it is released. Taken only while {@link #halted}; the driver checks it after clearing halted.
     */
    final java.util.concurrent.atomic.AtomicBoolean safeGate = new java.util.concurrent.atomic.AtomicBoolean();

    public Vcpu(CpuState state, CpuExec exec) {
        this.state = state;
        this.exec = exec;
    }

    void attach(ActorRef<VcpuActor.Command> ref) {
        this.driver = ref;
    }

    /**
     * Waits, before running guest code, while another vCPU holds {@link #safeGate}: that vCPU is flushing
     * this one's TLB or the translation cache, which takes microseconds. Bounded by {@link SafeWork#TIMEOUT}.
     */
    void awaitSafeGate() {
        if (!safeGate.get()) {
            return;
        }
        long deadline = System.nanoTime() + SafeWork.TIMEOUT.toNanos();
        for (int spins = 0; safeGate.get(); spins++) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("vCPU " + index() + ": safe work run for it by another vCPU did not "
                        + "finish within " + SafeWork.TIMEOUT.toSeconds() + " s");
            }
            if (spins < 1000) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    public int index() {
        return state.index;
    }

    public boolean halted() {
        return halted;
    }

    /** Time spent halted in WFI/WFE so far, including a halt still in progress. */
    public long haltedNanos() {
        long t = haltedNanos;
        if (halted) {
            t += System.nanoTime() - haltedSinceNanos;
        }
        return t;
    }

    @Override
    public void setIrq(boolean level) {
        state.irqLine = level;
        if (level) {
            kickAndWake();
        }
    }

    @Override
    public void setFiq(boolean level) {
        state.fiqLine = level;
        if (level) {
            kickAndWake();
        }
    }

    /** SEV from any vCPU: set the event register and wake a vCPU sleeping in WFE. */
    public void sendEvent() {
        state.eventRegister = true;
        ActorRef<VcpuActor.Command> d = driver;
        if (d != null && halted) {
            d.tell(new VcpuActor.Wake(index()));
        }
    }

    /** Makes the vCPU leave translated code at the next block boundary and run its mailbox. */
    public void kickAndWake() {
        state.exitRequest = true;
        ActorRef<VcpuActor.Command> d = driver;
        if (d != null) {
            d.tell(new VcpuActor.Wake(index()));
        }
    }

    boolean wakeCondition() {
        return state.irqLine || state.fiqLine;
    }
}
