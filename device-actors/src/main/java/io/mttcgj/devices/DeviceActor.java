package io.mttcgj.devices;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The one generic actor that hosts any {@link ActorDevice}. Its mailbox serialises every access to
 * the device (MMIO from any vCPU, timer expiries, inputs): that mailbox is the device's lock.
 */
public final class DeviceActor extends AbstractBehavior<DeviceActor.Command> {

    public sealed interface Command permits Read, Write, Input, TimerFired, Stop {
    }

    /**
     * A read; the reply slot is completed with the value or, if the device failed, exceptionally.
     * A future instead of a reply actor keeps the ask cheap: the vCPU thread blocks on it anyway.
     */
    public record Read(int view, int offset, int size, CompletableFuture<Integer> reply) implements Command {
    }

    /** A posted write: nobody waits for it. */
    public record Write(int view, int offset, int size, int value) implements Command {
    }

    /** A device-specific input, handed to {@link ActorDevice#onInput}. */
    public record Input(Object payload) implements Command {
    }

    /** Expiry of a timer the device started. */
    public record TimerFired(Object key) implements Command {
    }

    /** Stops the actor; later reads time out with a diagnosis. */
    public record Stop() implements Command {
    }

    private final String name;
    private final ActorDevice device;
    private final Consumer<String> errorLog;

    private DeviceActor(ActorContext<Command> ctx, TimerScheduler<Command> timers, String name,
                        ActorDevice device, Consumer<String> errorLog, VirtualTimers virtualTimers) {
        super(ctx);
        this.name = name;
        this.device = device;
        this.errorLog = errorLog;
        if (virtualTimers != null) {
            device.attach(virtualTimers.forActor(ctx.getSelf()));
            return;
        }
        device.attach(new DeviceTimers() {
            @Override
            public void startSingle(Object key, long delayNanos) {
                timers.startSingleTimer(key, new TimerFired(key), Duration.ofNanos(Math.max(0, delayNanos)));
            }

            @Override
            public void cancel(Object key) {
                timers.cancel(key);
            }
        });
    }

    /**
     * @param errorLog where failures of the device logic on posted writes, inputs and timers are
     *                 reported (there is no caller to throw to); reads fail the reader instead
     */
    public static Behavior<Command> create(String name, ActorDevice device, Consumer<String> errorLog) {
        return create(name, device, errorLog, null);
    }

    /** As above; with {@code virtualTimers} (deterministic mode) the device's timers run on virtual time. */
    public static Behavior<Command> create(String name, ActorDevice device, Consumer<String> errorLog,
                                           VirtualTimers virtualTimers) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(
                timers -> new DeviceActor(ctx, timers, name, device, errorLog, virtualTimers)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Read.class, this::onRead)
                .onMessage(Write.class, this::onWrite)
                .onMessage(Input.class, this::onInput)
                .onMessage(TimerFired.class, this::onTimer)
                .onMessage(Stop.class, s -> Behaviors.stopped())
                .build();
    }

    private Behavior<Command> onRead(Read r) {
        try {
            r.reply().complete(device.read(r.view(), r.offset(), r.size()));
        } catch (RuntimeException e) {
            r.reply().completeExceptionally(e);
        }
        return this;
    }

    private Behavior<Command> onWrite(Write w) {
        // A failing device must not take the actor (and the whole bus region) down with it.
        guarded(() -> device.write(w.view(), w.offset(), w.size(), w.value()),
                () -> String.format("write of 0x%x (size %d) at offset 0x%x", w.value(), w.size(), w.offset()));
        return this;
    }

    private Behavior<Command> onInput(Input in) {
        guarded(() -> device.onInput(in.payload()), () -> "input " + in.payload());
        return this;
    }

    private Behavior<Command> onTimer(TimerFired t) {
        guarded(() -> device.onTimer(t.key()), () -> "timer " + t.key());
        return this;
    }

    private void guarded(Runnable action, java.util.function.Supplier<String> what) {
        try {
            action.run();
        } catch (RuntimeException e) {
            errorLog.accept(name + ": " + what.get() + " failed: " + e);
        }
    }
}
