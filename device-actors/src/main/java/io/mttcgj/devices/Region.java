package io.mttcgj.devices;

import io.mttcgj.platform.MmioDevice;

/** One MMIO window for the bus: physical base, size in bytes, and the device that answers it. */
public record Region(String name, long base, long size, MmioDevice device) {
}
