package io.mttcgj.board.loader;

import io.mttcgj.memory.AddressSpace;
import io.mttcgj.memory.RamRegion;
import io.mttcgj.memory.VexpressMemoryMap;
import java.nio.charset.StandardCharsets;

/**
 * QEMU's Linux boot protocol for a raw (non-ELF) {@code -kernel} image on vexpress-a15: the layout of
 * QEMU's {@code hw/arm/boot.c} (direct kernel boot, 32-bit ARM, no board setup hook), checked against
 * {@code qemu-system-arm} 7.2 with its monitor's {@code xp} command.
 *
 * <ul>
 *   <li>kernel at RAM + 0x10000;</li>
 *   <li>a stub at RAM base that sets r0 = 0, r1 = board id, r2 = ATAG/DTB address and jumps to the kernel;</li>
 *   <li>ATAGs at RAM + 0x100 (CORE, MEM, INITRD2 if an initrd was given, CMDLINE if {@code -append} is
 *       not empty, END) when there is no {@code -dtb};</li>
 *   <li>the initrd at RAM + min(RAM size / 2, 128 MiB), moved up past the kernel if the kernel is that
 *       big, page aligned;</li>
 *   <li>the DTB right after the initrd, 4 KiB aligned (some kernels trash the rest of the initrd's last
 *       page), patched as QEMU patches it ({@link DtbPatcher});</li>
 *   <li>with more than one CPU, the secondary holding pen at SRAM base (0x14000000).</li>
 * </ul>
 */
public final class LinuxBootLoader {
    private LinuxBootLoader() {
    }

    /** The Versatile Express machine id passed in r1 (Linux mach-types: MACH_TYPE_VEXPRESS). */
    public static final int BOARD_ID = 0x8e0;
    public static final int KERNEL_OFFSET = 0x10000;
    public static final int ATAGS_OFFSET = 0x100;
    /** Where secondary CPUs poll for their entry point: SYS_FLAGS (set at +0x30, cleared at +0x34). */
    public static final int SYS_FLAGS = VexpressMemoryMap.SYSREGS + 0x30;

    static final int ATAG_CORE = 0x54410001;
    static final int ATAG_MEM = 0x54410002;
    static final int ATAG_INITRD2 = 0x54420005;
    static final int ATAG_CMDLINE = 0x54410009;

    /** A file's bytes with the name the user gave it (for messages). */
    public record Blob(String path, byte[] data) {
    }

    /**
     * Writes the kernel, initrd, DTB or ATAGs and the boot stubs into {@code mem} (main RAM and, for SMP,
     * SRAM must be mapped).
     *
     * @param initrd null for none
     * @param dtb    null for ATAG boot
     * @param append kernel command line, "" or null for none
     */
    public static LinuxBoot load(Blob kernel, Blob initrd, Blob dtb, String append, int cpus, AddressSpace mem)
            throws ImageException {
        RamRegion ram = mem.mainRam();
        long base = Integer.toUnsignedLong(ram.base);
        long ramSize = Integer.toUnsignedLong(ram.size);
        long ramEnd = base + ramSize;

        long kernelAt = base + KERNEL_OFFSET;
        long kernelSize = kernel.data().length;
        if (kernelSize > ramSize - KERNEL_OFFSET) {
            throw new ImageException(String.format("kernel '%s' (%s) does not fit in RAM at 0x%08x: RAM is %s"
                    + " (%s); give more with -m", kernel.path(), Sizes.size(kernelSize), kernelAt,
                    Sizes.size(ramSize), Sizes.range(base, ramSize)));
        }
        mem.load((int) kernelAt, kernel.data(), 0, (int) kernelSize);
        LoadedImage image = new LoadedImage((int) kernelAt, false, kernelAt, kernelAt + kernelSize,
                kernel.path(), false);

        // Far enough up that the decompressing kernel does not overwrite it, low enough to stay in lowmem.
        long initrdStart = alignUp(Math.max(base + Math.min(ramSize / 2, 128 * Sizes.MIB), kernelAt + kernelSize),
                4096);
        long initrdSize = 0;
        if (initrd != null) {
            initrdSize = initrd.data().length;
            if (initrdStart + initrdSize > ramEnd) {
                throw new ImageException(String.format("initrd '%s' (%s) does not fit in RAM after the kernel:"
                        + " it would go at 0x%08x but RAM ends at 0x%08x; give more with -m", initrd.path(),
                        Sizes.size(initrdSize), initrdStart, ramEnd - 1));
            }
            mem.load((int) initrdStart, initrd.data(), 0, (int) initrdSize);
        }

        int argPtr;
        long dtbStart = -1;
        if (dtb != null) {
            byte[] blob = prepareDtb(dtb, ram, append, initrdStart, initrdSize);
            dtbStart = alignUp(initrdStart + initrdSize, 4096);
            if (dtbStart + blob.length > ramEnd) {
                throw new ImageException(String.format("dtb '%s' (%s) does not fit in RAM after the kernel and"
                        + " initrd (it would go at 0x%08x); give more with -m", dtb.path(), Sizes.size(blob.length),
                        dtbStart));
            }
            mem.load((int) dtbStart, blob, 0, blob.length);
            argPtr = (int) dtbStart;
        } else {
            argPtr = (int) (base + ATAGS_OFFSET);
            byte[] atags = atags(ram, append, initrdStart, initrdSize);
            mem.load(argPtr, atags, 0, atags.length);
        }

        int[] stub = primaryStub(argPtr, (int) kernelAt);
        loadWords(mem, (int) base, stub, "boot stub");
        int secondaryPc = -1;
        if (cpus > 1) {
            secondaryPc = VexpressMemoryMap.SRAM;
            loadWords(mem, secondaryPc, secondaryStub(VexpressMemoryMap.GIC_CPU, SYS_FLAGS), "secondary CPU stub");
        }
        return new LinuxBoot(image, (int) base, secondaryPc, 0, BOARD_ID, argPtr, initrdStart, initrdSize, dtbStart);
    }

    /**
     * CPU 0's stub at RAM base. The three literals follow the code; {@code ldr rX, [pc, #4]} reads the word
     * 12 bytes after the instruction (pc reads as the instruction address + 8).
     */
    static int[] primaryStub(int argPtr, int kernelEntry) {
        return new int[] {
            0xe3a00000, // mov r0, #0                   r0 = 0
            0xe59f1004, // ldr r1, [pc, #4]             r1 = board id (word 4)
            0xe59f2004, // ldr r2, [pc, #4]             r2 = ATAGs or DTB (word 5)
            0xe59ff004, // ldr pc, [pc, #4]             jump to the kernel (word 6)
            BOARD_ID,
            argPtr,
            kernelEntry,
        };
    }

    /**
     * The holding pen for CPUs other than CPU 0, at SRAM base: enable this CPU's GIC interface so an SGI
     * can wake it, then sleep until SYS_FLAGS holds an entry point and jump there. The kernel releases a
     * CPU by writing its entry to SYS_FLAGSSET and sending SGI 0; the CPU arrives with r0 = SYS_FLAGS
     * address, r1 = entry, r2 = GIC CPU interface address.
     */
    static int[] secondaryStub(int gicCpuInterface, int bootReg) {
        return new int[] {
            0xe59f2028, // ldr r2, [pc, #40]   r2 = GIC CPU interface (word 12)
            0xe59f0028, // ldr r0, [pc, #40]   r0 = SYS_FLAGS address (word 13)
            0xe3a01001, // mov r1, #1
            0xe5821000, // str r1, [r2]        GICC_CTLR = 1: signal interrupts to this CPU
            0xe3a010ff, // mov r1, #0xff
            0xe5821004, // str r1, [r2, #4]    GICC_PMR = 0xff: let every priority through
            0xf57ff04f, // dsb sy              the GIC writes complete before sleeping
            0xe320f003, // wfi                 sleep until an interrupt (the release SGI)
            0xe5901000, // ldr r1, [r0]        r1 = SYS_FLAGS
            0xe1110001, // tst r1, r1
            0x0afffffb, // beq <wfi>           still 0: not released, sleep again
            0xe12fff11, // bx r1               enter the kernel's secondary entry
            gicCpuInterface,
            bootReg,
        };
    }

    /** The ATAG list QEMU writes at RAM + 0x100, as bytes. */
    static byte[] atags(RamRegion ram, String append, long initrdStart, long initrdSize) {
        byte[] cmdline = append == null ? new byte[0] : append.getBytes(StandardCharsets.UTF_8);
        int cmdWords = cmdline.length / 4 + 1; // string and its NUL, rounded up to words
        WordBuffer w = new WordBuffer(5 + 4 + 4 + 2 + cmdWords + 2);
        w.put(5).put(ATAG_CORE).put(1).put(4096).put(0); // flags = read-only root, page size, root device 0
        w.put(4).put(ATAG_MEM).put(ram.size).put(ram.base);
        if (initrdSize > 0) {
            w.put(4).put(ATAG_INITRD2).put((int) initrdStart).put((int) initrdSize);
        }
        if (cmdline.length > 0) {
            w.put(cmdWords + 2).put(ATAG_CMDLINE).putBytes(cmdline, cmdWords);
        }
        w.put(0).put(0); // ATAG_NONE
        return w.bytes();
    }

    /**
     * Our board answers at the virtio-mmio addresses as unimplemented (reads 0), so the kernel must not be
     * told about transports there: QEMU's empty ones read "virt" and device id 0, which the kernel skips
     * silently, but a 0 magic makes it log an error. Set this when the board gets QEMU's transports.
     */
    static final boolean VIRTIO_TRANSPORTS = false;

    /**
     * The device tree blob to hand to the kernel: the file patched as QEMU does ({@link DtbPatcher}: /memory,
     * /chosen bootargs and initrd range), re-encoded compactly.
     */
    static byte[] prepareDtb(Blob dtb, RamRegion ram, String append, long initrdStart, long initrdSize)
            throws ImageException {
        Fdt fdt = Fdt.parse(dtb.path(), dtb.data());
        DtbPatcher.patch(fdt, dtb.path(), Integer.toUnsignedLong(ram.base), Integer.toUnsignedLong(ram.size), append,
                initrdStart, initrdSize, VIRTIO_TRANSPORTS);
        return fdt.toBytes();
    }

    private static void loadWords(AddressSpace mem, int addr, int[] words, String what) throws ImageException {
        WordBuffer w = new WordBuffer(words.length);
        for (int v : words) {
            w.put(v);
        }
        byte[] b = w.bytes();
        if (!mem.isRam(addr, b.length)) {
            throw new ImageException(String.format("cannot place the %s at 0x%08x: no RAM there ('%s')", what, addr,
                    mem.regionName(addr)));
        }
        mem.load(addr, b, 0, b.length);
    }

    private static long alignUp(long v, long align) {
        return (v + align - 1) & -align;
    }

    /** Little-endian words and byte strings, for building guest memory images. */
    private static final class WordBuffer {
        private final byte[] buf;
        private int pos;

        WordBuffer(int maxWords) {
            buf = new byte[maxWords * 4];
        }

        WordBuffer put(int v) {
            buf[pos] = (byte) v;
            buf[pos + 1] = (byte) (v >>> 8);
            buf[pos + 2] = (byte) (v >>> 16);
            buf[pos + 3] = (byte) (v >>> 24);
            pos += 4;
            return this;
        }

        /** {@code s} zero-padded to {@code words} words. */
        WordBuffer putBytes(byte[] s, int words) {
            System.arraycopy(s, 0, buf, pos, s.length);
            pos += words * 4;
            return this;
        }

        byte[] bytes() {
            return java.util.Arrays.copyOf(buf, pos);
        }
    }
}
