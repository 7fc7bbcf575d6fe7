package io.mttcgj.cpu;

import io.mttcgj.codegen.emit.BlockCompiler;
import io.mttcgj.codegen.exec.CpuExec;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Drives vCPUs in slices: run translated code for a slice, then let the mailbox in (wake-ups, async
 * work, stop) by sending itself the next slice. With thread=multi each vCPU has its own actor on a
 * pinned dispatcher (its own host thread); with thread=single one actor drives every vCPU
 * round-robin, as QEMU's single-threaded TCG does.
 *
 * <p>A halted vCPU (WFI with no interrupt pending, WFE with no event) runs no slices until a Wake.
 */
public final class VcpuActor extends AbstractBehavior<VcpuActor.Command> {
    public interface Command {
    }

    /** Run the next slice. */
    public record Slice() implements Command {
    }

    /** An interrupt line rose or an event arrived for vCPU {@code cpu}. */
    public record Wake(int cpu) implements Command {
    }

    /** Run {@code work} on this driver's thread between slices (QEMU's async_run_on_cpu). */
    public record Async(Runnable work) implements Command {
    }

    public record Stop() implements Command {
    }

    /** Starts a driver created with {@code waitForStart}: the machine wires safe work before any guest code runs. */
    public record Start() implements Command {
    }

    /** Safe work wants every vCPU out of translated code: reply when out, and run nothing until Release. */
    public record Quiesce(long round, org.apache.pekko.actor.typed.ActorRef<Supervisor.Command> supervisor)
            implements Command {
    }

    public record Release(long round) implements Command {
    }

    public static final long DEFAULT_SLICE = 200_000;

    private final List<Vcpu> vcpus;
    private final VcpuListener listener;
    private final long slice;
    private boolean sliceQueued;
    private boolean stopped;
    /** Paused for a safe-work round (the round number), or -1. */
    private long pausedFor = -1;

    public static Behavior<Command> create(List<Vcpu> vcpus, VcpuListener listener, long slice) {
        return create(vcpus, listener, slice, false);
    }

    public static Behavior<Command> create(List<Vcpu> vcpus, VcpuListener listener, long slice,
            boolean waitForStart) {
        return Behaviors.setup(ctx -> new VcpuActor(ctx, vcpus, listener, slice, waitForStart));
    }

    private boolean started;

    private VcpuActor(ActorContext<Command> ctx, List<Vcpu> vcpus, VcpuListener listener, long slice,
            boolean waitForStart) {
        super(ctx);
        this.vcpus = List.copyOf(vcpus);
        this.listener = listener;
        this.slice = slice;
        for (Vcpu v : this.vcpus) {
            v.attach(ctx.getSelf());
        }
        started = !waitForStart;
        queueSlice();
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Slice.class, m -> onSlice())
                .onMessage(Wake.class, this::onWake)
                .onMessage(Async.class, m -> {
                    m.work().run();
                    return this;
                })
                .onMessage(Start.class, m -> {
                    started = true;
                    queueSlice();
                    return this;
                })
                .onMessage(Quiesce.class, this::onQuiesce)
                .onMessage(Release.class, this::onRelease)
                .onMessage(Stop.class, m -> {
                    stopped = true;
                    return Behaviors.stopped();
                })
                .build();
    }

    private Behavior<Command> onQuiesce(Quiesce q) {
        pausedFor = q.round();
        for (Vcpu v : vcpus) {
            v.quiescePending = false;
            q.supervisor().tell(new Supervisor.Quiescent(v.index(), q.round()));
        }
        return this;
    }

    private Behavior<Command> onRelease(Release r) {
        if (pausedFor == r.round()) {
            pausedFor = -1;
            if (anyRunnable()) {
                queueSlice();
            }
        }
        return this;
    }

    private void queueSlice() {
        if (!sliceQueued && !stopped && pausedFor < 0 && started) {
            sliceQueued = true;
            getContext().getSelf().tell(new Slice());
        }
    }

    private Behavior<Command> onWake(Wake w) {
        for (Vcpu v : vcpus) {
            if (v.index() == w.cpu() && v.halted
                    && (v.wakeCondition() || (v.waitingForEvent && v.state.eventRegister))) {
                unhalt(v, v.waitingForEvent);
            }
        }
        if (anyRunnable()) {
            queueSlice();
        }
        return this;
    }

    private Behavior<Command> onSlice() {
        sliceQueued = false;
        if (stopped || pausedFor >= 0 || listener.stopping()) {
            return this;
        }
        for (Vcpu v : vcpus) {
            if (v.quiescePending) {
                queueSlice(); // the Quiesce is already in the mailbox, ahead of this new slice
                return this;
            }
        }
        for (Vcpu v : vcpus) {
            if (v.halted || v.quiescePending || listener.stopping()) {
                continue;
            }
            if (!runSlice(v)) {
                stopped = true;
                return Behaviors.stopped();
            }
        }
        if (anyRunnable()) {
            queueSlice();
        }
        return this;
    }

    /** Returns false if the vCPU hit a fatal error (the machine is told and shuts down). */
    private boolean runSlice(Vcpu v) {
        var cpu = v.state;
        try {
            cpu.exitRequest = false;
            if (v.quiescePending) {
                return true; // a safe-work round began after onSlice looked: stop for it now, not a slice later
            }
            v.awaitSafeGate(); // halted was cleared before this read: see SafeWork's direct path
            v.exec.takePendingInterrupt();
            CpuExec.Stop stop = v.exec.run(slice);
            switch (stop) {
                case WFI:
                    haltUnless(v, false);
                    break;
                case WFE:
                    haltUnless(v, true);
                    break;
                default:
                    break;
            }
            return true;
        } catch (BlockCompiler.UntranslatableException e) {
            String note = v.exec.lastExceptionNote();
            listener.fatal(cpu.index, note != null ? note + " (" + e.getMessage() + ")" : e.getMessage(),
                    cpu.describe(), null);
            return false;
        } catch (RuntimeException | StackOverflowError e) {
            listener.fatal(cpu.index, "emulator error: " + e, cpu.describe(), e);
            return false;
        }
    }

    /**
     * Halts the vCPU unless its wake condition already holds. {@code halted} is published before the
     * condition is read, and wakers set the condition before they read {@code halted} (both volatile), so a
     * wake-up racing with the halt is never lost: either we see it here or the waker sends a Wake.
     */
    private void haltUnless(Vcpu v, boolean wfe) {
        v.haltedSinceNanos = System.nanoTime();
        v.waitingForEvent = wfe;
        v.halted = true;
        if (v.wakeCondition() || (wfe && v.state.eventRegister)) {
            unhalt(v, wfe);
        }
    }

    /** WFE consumes the event that woke it; WFI leaves the event register alone. */
    private void unhalt(Vcpu v, boolean consumeEvent) {
        v.halted = false;
        v.haltedNanos += System.nanoTime() - v.haltedSinceNanos;
        if (consumeEvent) {
            v.state.eventRegister = false;
        }
    }

    private boolean anyRunnable() {
        for (Vcpu v : vcpus) {
            if (!v.halted) {
                return true;
            }
        }
        return false;
    }
}
