package io.mttcgj.cpu;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Runs safe work: operations that need every vCPU outside translated code (QEMU's start_exclusive /
 * async_safe_run_on_cpu). A round raises the exit request on every vCPU, sends each driver a Quiesce,
 * waits for all Quiescent replies, runs the queued work, and releases the drivers. A vCPU that is itself
 * waiting for safe work is blocked outside translated code and counts as quiescent, so concurrent
 * requests never deadlock; requests arriving while a round gathers acks run in that round.
 */
public final class Supervisor extends AbstractBehavior<Supervisor.Command> {
    public interface Command {
    }

    /** Run {@code work} with every vCPU quiescent; {@code requester} is the asking vCPU or -1. */
    public record RunSafe(int requester, String what, Runnable work, CompletableFuture<Void> done) implements Command {
    }

    public record Quiescent(int cpu, long round) implements Command {
    }

    private record CheckStuck(long round) implements Command {
    }

    /** Which driver runs which vCPUs (one each with thread=multi). */
    public record Driver(ActorRef<VcpuActor.Command> ref, List<Vcpu> vcpus) {
    }

    public static final Duration STUCK_AFTER = Duration.ofSeconds(10);

    private final List<Driver> drivers;
    private final SafeWorkStats stats;
    private final Consumer<String> diagnostics;
    private final TimerScheduler<Command> timers;
    private final Queue<RunSafe> queue = new ArrayDeque<>();
    private final Set<Integer> waiting = new HashSet<>();
    private final Set<Integer> acked = new HashSet<>();
    private boolean active;
    private long round;
    private long roundStart;

    public static Behavior<Command> create(List<Driver> drivers, SafeWorkStats stats, Consumer<String> diagnostics) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(t -> new Supervisor(ctx, t, drivers, stats, diagnostics)));
    }

    private Supervisor(ActorContext<Command> ctx, TimerScheduler<Command> timers, List<Driver> drivers,
            SafeWorkStats stats, Consumer<String> diagnostics) {
        super(ctx);
        this.timers = timers;
        this.drivers = List.copyOf(drivers);
        this.stats = stats;
        this.diagnostics = diagnostics;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(RunSafe.class, this::onRunSafe)
                .onMessage(Quiescent.class, this::onQuiescent)
                .onMessage(CheckStuck.class, this::onCheckStuck)
                .build();
    }

    private int cpuCount() {
        int n = 0;
        for (Driver d : drivers) {
            n += d.vcpus().size();
        }
        return n;
    }

    private Behavior<Command> onRunSafe(RunSafe r) {
        if (r.requester() >= 0) {
            waiting.add(r.requester());
            if (active) {
                acked.add(r.requester());
            }
        }
        queue.add(r);
        if (active) {
            maybeFinish();
        } else {
            startRound();
        }
        return this;
    }

    private void startRound() {
        active = true;
        round++;
        roundStart = System.nanoTime();
        acked.clear();
        acked.addAll(waiting);
        for (Driver d : drivers) {
            boolean all = true;
            for (Vcpu v : d.vcpus()) {
                if (!acked.contains(v.index())) {
                    all = false;
                    v.quiescePending = true;
                    v.state.exitRequest = true;
                }
            }
            if (!all) {
                d.ref().tell(new VcpuActor.Quiesce(round, getContext().getSelf()));
            }
        }
        timers.startSingleTimer(new CheckStuck(round), STUCK_AFTER);
        maybeFinish();
    }

    private Behavior<Command> onQuiescent(Quiescent q) {
        if (active && q.round() == round) {
            acked.add(q.cpu());
            maybeFinish();
        }
        return this;
    }

    private void maybeFinish() {
        if (acked.size() < cpuCount()) {
            return;
        }
        long waited = System.nanoTime() - roundStart;
        List<RunSafe> batch = new ArrayList<>(queue);
        queue.clear();
        // Run every work of the round first: a requester may only resume once the whole batch is done.
        List<Throwable> failures = new ArrayList<>();
        for (RunSafe r : batch) {
            try {
                r.work().run();
                failures.add(null);
            } catch (RuntimeException | AssertionError e) {
                failures.add(e);
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            RunSafe r = batch.get(i);
            if (failures.get(i) == null) {
                r.done().complete(null);
            } else {
                r.done().completeExceptionally(failures.get(i));
            }
            if (r.requester() >= 0) {
                waiting.remove(r.requester());
            }
        }
        stats.record(waited, batch.size());
        active = false;
        timers.cancel(new CheckStuck(round));
        for (Driver d : drivers) {
            d.ref().tell(new VcpuActor.Release(round));
        }
        if (!queue.isEmpty()) {
            startRound();
        }
    }

    private Behavior<Command> onCheckStuck(CheckStuck c) {
        if (active && c.round() == round) {
            StringBuilder sb = new StringBuilder("mttcg: safe work round " + round + " still waiting after "
                    + STUCK_AFTER.toSeconds() + " s for vCPUs to leave translated code:");
            for (Driver d : drivers) {
                for (Vcpu v : d.vcpus()) {
                    if (!acked.contains(v.index())) {
                        sb.append('\n').append(v.state.describe());
                    }
                }
            }
            diagnostics.accept(sb.toString());
            timers.startSingleTimer(new CheckStuck(round), STUCK_AFTER);
        }
        return this;
    }
}
