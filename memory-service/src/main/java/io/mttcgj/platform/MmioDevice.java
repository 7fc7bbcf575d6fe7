package io.mttcgj.platform;

/**
 * A memory-mapped device region as the bus sees it. Offsets are relative to the region base.
 * Accesses are 1, 2 or 4 bytes wide and naturally aligned (the bus splits anything else).
 *
 * <p>Implementations are called from vCPU threads; a device that is an actor wraps its logic so
 * that its mailbox serialises these calls (see device-actors).
 */
public interface MmioDevice {
    int read(int offset, int size);

    void write(int offset, int size, int value);
}
