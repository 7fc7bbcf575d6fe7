package io.mttcgj.board.loader;

/**
 * How to start the CPUs after {@link LinuxBootLoader} has set up memory.
 *
 * <p>Every CPU starts with all registers zero (the stubs set what the kernel needs): CPU 0 at
 * {@code primaryPc} (QEMU's 4-instruction stub, which loads r0-r2 and jumps to the kernel), the others at
 * {@code secondaryPc} (the SMP holding pen), in ARM state. {@code r0}-{@code r2} are the values the kernel
 * receives, for logging and for boards that skip the stub.
 *
 * @param kernel      where the raw image went ({@code entry} is the kernel entry, RAM base + 0x10000)
 * @param primaryPc   CPU 0's first instruction (RAM base)
 * @param secondaryPc other CPUs' first instruction (SRAM base), or -1 when only one CPU exists and no
 *                    secondary stub was written
 * @param r0          always 0
 * @param r1          board id 0x8e0 (Versatile Express)
 * @param r2          address of the ATAG list or, with {@code -dtb}, of the device tree blob
 * @param initrdStart where the initrd went (QEMU's choice even when there is no initrd)
 * @param initrdSize  0 without {@code -initrd}
 * @param dtbStart    where the DTB went, or -1 without {@code -dtb}
 */
public record LinuxBoot(LoadedImage kernel, int primaryPc, int secondaryPc, int r0, int r1, int r2,
                        long initrdStart, long initrdSize, long dtbStart) {
}
