package io.mttcgj.memory;

import io.mttcgj.platform.MmioDevice;

/**
 * One region of the address space. Exactly one of {@code ram} / {@code device} is set, or neither
 * for a region that reads as zero and ignores writes (empty flash).
 */
record Mapping(String name, int base, int size, RamRegion ram, MmioDevice device) {
    long start() {
        return Integer.toUnsignedLong(base);
    }

    long end() {
        return start() + Integer.toUnsignedLong(size);
    }

    boolean contains(int paddr) {
        return Integer.compareUnsigned(paddr - base, size) < 0;
    }

    String kind() {
        return ram != null ? "RAM" : device != null ? "MMIO" : "zero";
    }
}
