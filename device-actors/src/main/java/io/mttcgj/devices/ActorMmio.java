package io.mttcgj.devices;

import io.mttcgj.platform.MmioDevice;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What the bus maps for a device actor. {@code read} asks the actor and blocks the calling vCPU
 * thread for the answer; {@code write} is posted (tell). Messages sent from one thread arrive in
 * order, so a read after a write from the same vCPU sees the write.
 */
public final class ActorMmio implements MmioDevice {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final ActorRef<DeviceActor.Command> actor;
    private final String name;
    private final int view;
    private final long timeoutNanos;

    public ActorMmio(ActorRef<DeviceActor.Command> actor, String name, int view, Duration timeout) {
        this.actor = actor;
        this.name = name;
        this.view = view;
        this.timeoutNanos = timeout.toNanos();
    }

    public ActorMmio(ActorRef<DeviceActor.Command> actor, String name) {
        this(actor, name, 0, DEFAULT_TIMEOUT);
    }

    public String name() {
        return name;
    }

    @Override
    public int read(int offset, int size) {
        CompletableFuture<Integer> reply = new CompletableFuture<>();
        actor.tell(new DeviceActor.Read(view, offset, size, reply));
        try {
            return reply.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(String.format(
                    "device %s did not answer a read of offset 0x%x (size %d) within %d ms: its actor is stopped or stuck",
                    name, offset, size, TimeUnit.NANOSECONDS.toMillis(timeoutNanos)));
        } catch (ExecutionException e) {
            throw new IllegalStateException(String.format("device %s failed a read of offset 0x%x (size %d): %s",
                    name, offset, size, e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(String.format(
                    "interrupted while waiting for device %s to answer a read of offset 0x%x", name, offset));
        }
    }

    @Override
    public void write(int offset, int size, int value) {
        actor.tell(new DeviceActor.Write(view, offset, size, value));
    }
}
