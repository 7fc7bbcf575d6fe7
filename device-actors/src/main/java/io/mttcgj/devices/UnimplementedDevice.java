package io.mttcgj.devices;

import io.mttcgj.platform.MmioDevice;
import java.util.function.Consumer;

/**
 * A region QEMU models but we do not: reads 0, writes are ignored, and every access is reported
 * the way QEMU's {@code -d unimp} does. Stateless, so it need not be an actor.
 */
public final class UnimplementedDevice implements MmioDevice {
    private final String name;
    private final Consumer<String> log;

    /** @param log receives one line per access; pass {@code s -> {}} when unimp logging is off */
    public UnimplementedDevice(String name, Consumer<String> log) {
        this.name = name;
        this.log = log;
    }

    @Override
    public int read(int offset, int size) {
        log.accept(String.format("%s: unimplemented device read  (size %d, offset 0x%x)", name, size, offset));
        return 0;
    }

    @Override
    public void write(int offset, int size, int value) {
        log.accept(String.format("%s: unimplemented device write (size %d, offset 0x%x, value 0x%x)",
                name, size, offset, value));
    }
}
