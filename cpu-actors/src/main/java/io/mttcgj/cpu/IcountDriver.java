package io.mttcgj.cpu;

import io.mttcgj.codegen.emit.BlockCompiler;
import io.mttcgj.codegen.exec.CpuExec;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The deterministic vCPU driver (-icount): every vCPU round-robin on one thread, each turn a fixed
 * instruction quantum (ending at the first block boundary at or after it). Between turns the board
 * {@linkplain Board#sync synchronises} devices: it lets every device actor finish the messages sent to it,
 * advances virtual time, fires due virtual timers and only then applies interrupt line levels. So
 * nothing that host timing decides (thread scheduling, mailbox latency) is visible to the guest: the same
 * inputs give the same instructions and output every run.
 *
 * <p>A halted vCPU is woken by this loop (its wake condition is checked after each sync), not by Wake
 * messages, which are ignored. When every vCPU is halted, virtual time jumps to the next timer deadline.
 *
 * <p>An exception while running a vCPU (an emulator bug, or an injected crash) is handled according to
 * the {@link CrashStrategy}: stop the machine (reported as an emulator error) or restart that vCPU.
 */
public final class IcountDriver extends AbstractBehavior<VcpuActor.Command> {
    /** What the driver needs from the board. */
    public interface Board extends VcpuListener {
        /**
         * Between turns: drain device mailboxes, publish virtual time, fire due timers, apply latched
         * interrupt lines. Returns the earliest pending timer deadline in virtual ns (Long.MAX_VALUE: none).
         */
        long sync();

        /** Every vCPU is halted: advance virtual time to {@code deadline} (no guest instruction runs meanwhile). */
        void warpTo(long deadline);

        /** Puts vCPU {@code cpu} back into its reset state (CrashStrategy.RESTART). */
        void restartCpu(int cpu);

        /** A crash of vCPU {@code cpu} was handled by restarting it (for reports). */
        default void vcpuRestarted(int cpu, Throwable cause) {
        }
    }

    /** What the supervisor does when a vCPU crashes (an exception escapes its execution loop). */
    public enum CrashStrategy { STOP, RESTART }

    private record Tick() implements VcpuActor.Command {
    }

    /** Host-time poll while every vCPU sleeps with no timer armed (only host input could wake one). */
    private static final Duration IDLE_POLL = Duration.ofMillis(5);

    private final List<Vcpu> vcpus;
    private final Board board;
    private final long quantum;
    private final SliceHook hook;
    private final CrashStrategy strategy;
    private final TimerScheduler<VcpuActor.Command> timers;
    private boolean started;

    public static Behavior<VcpuActor.Command> create(List<Vcpu> vcpus, Board board, long quantum, SliceHook hook,
            CrashStrategy strategy) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(t -> new IcountDriver(ctx, t, vcpus, board, quantum,
                hook, strategy)));
    }

    private IcountDriver(ActorContext<VcpuActor.Command> ctx, TimerScheduler<VcpuActor.Command> timers,
            List<Vcpu> vcpus, Board board, long quantum, SliceHook hook, CrashStrategy strategy) {
        super(ctx);
        this.timers = timers;
        this.vcpus = List.copyOf(vcpus);
        this.board = board;
        this.quantum = quantum;
        this.hook = hook;
        this.strategy = strategy;
        for (Vcpu v : this.vcpus) {
            v.attach(ctx.getSelf());
        }
    }

    @Override
    public Receive<VcpuActor.Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(VcpuActor.Start.class, m -> {
                    if (!started) {
                        started = true;
                        next();
                    }
                    return this;
                })
                .onMessage(Tick.class, m -> round())
                .onMessage(VcpuActor.Slice.class, m -> this)
                .onMessage(VcpuActor.Wake.class, m -> this)
                .onMessage(VcpuActor.Async.class, m -> {
                    m.work().run();
                    return this;
                })
                .onMessage(VcpuActor.Stop.class, m -> Behaviors.stopped())
                .build();
    }

    private void next() {
        getContext().getSelf().tell(new Tick());
    }

    /** One round: a turn for every runnable vCPU, each followed by a device sync. */
    private Behavior<VcpuActor.Command> round() {
        long deadline = Long.MAX_VALUE;
        for (Vcpu v : vcpus) {
            if (board.stopping()) {
                return Behaviors.stopped();
            }
            if (!v.halted && !turn(v)) {
                return Behaviors.stopped();
            }
            deadline = board.sync();
            wakeHalted();
        }
        if (board.stopping()) {
            return Behaviors.stopped();
        }
        if (anyRunnable()) {
            next();
        } else if (deadline != Long.MAX_VALUE) {
            board.warpTo(deadline);
            board.sync();
            wakeHalted();
            next();
        } else {
            hook.allHalted();
            timers.startSingleTimer(new Tick(), IDLE_POLL);
        }
        return this;
    }

    /** Runs one turn of {@code v}; returns false if the machine must stop. */
    private boolean turn(Vcpu v) {
        var cpu = v.state;
        try {
            cpu.exitRequest = false;
            v.exec.takePendingInterrupt();
            CpuExec.Stop stop = v.exec.run(Math.max(0, Math.min(quantum, hook.budget(v, quantum))));
            if (stop == CpuExec.Stop.WFI || stop == CpuExec.Stop.WFE) {
                v.halted = true;
                v.waitingForEvent = stop == CpuExec.Stop.WFE;
                v.haltedSinceNanos = System.nanoTime();
            }
            hook.afterTurn(v);
            return true;
        } catch (BlockCompiler.UntranslatableException e) {
            String note = v.exec.lastExceptionNote();
            board.fatal(cpu.index, note != null ? note + " (" + e.getMessage() + ")" : e.getMessage(),
                    cpu.describe(), null);
            return false;
        } catch (RuntimeException | StackOverflowError e) {
            if (strategy == CrashStrategy.RESTART) {
                board.restartCpu(cpu.index);
                v.halted = false;
                v.exec.clearJumpCaches();
                board.vcpuRestarted(cpu.index, e);
                return true;
            }
            board.fatal(cpu.index, "vCPU crashed: " + e, cpu.describe(), e);
            return false;
        }
    }

    private void wakeHalted() {
        for (Vcpu v : vcpus) {
            if (v.halted && (v.wakeCondition() || (v.waitingForEvent && v.state.eventRegister))) {
                v.halted = false;
                v.haltedNanos += System.nanoTime() - v.haltedSinceNanos;
                if (v.waitingForEvent) {
                    v.state.eventRegister = false;
                }
            }
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
