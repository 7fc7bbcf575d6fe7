package io.mttcgj.codegen.runtime;

import io.mttcgj.codegen.arm.mmu.Mmu;
import io.mttcgj.codegen.arm.mmu.SoftTlb;
import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.arm.state.GuestException;
import io.mttcgj.codegen.arm.state.SystemRegisters;
import io.mttcgj.memory.RamRegion;

/**
 * Guest loads and stores as translated code calls them. Every access goes through here: this is
 * the one path where the MMU and the per-vCPU soft TLB will slot in. The fast paths (aligned, main
 * RAM, not a code page for stores) stay tiny so HotSpot inlines them into the block; everything
 * else goes to the out-of-line slow paths, which handle alignment faults, other RAM regions, MMIO and
 * stores into translated code.
 */
public final class Mem {

    private Mem() {
    }

    /**
     * The main-RAM byte offset of {@code a} when a load of {@code size} bytes can take the fast path
     * (aligned, main RAM, and with the MMU on a soft-TLB hit), else -1.
     */
    private static int readOffset(CpuState c, int a, int alignMask) {
        if (!c.mmuEnabled()) {
            int off = a - c.ramBase;
            return (a & alignMask) == 0 && Integer.compareUnsigned(off, c.ramSize) < 0 ? off : -1;
        }
        SoftTlb t = c.tlb;
        int i = SoftTlb.index(a);
        return t.read[i] == (a & (SoftTlb.PAGE_MASK | alignMask)) ? a + t.ramOff[i] : -1;
    }

    /** As {@link #readOffset} for stores; also -1 for a granule holding translated code. */
    private static int writeOffset(CpuState c, int a, int alignMask) {
        int off;
        if (!c.mmuEnabled()) {
            off = a - c.ramBase;
            if ((a & alignMask) != 0 || Integer.compareUnsigned(off, c.ramSize) >= 0) {
                return -1;
            }
        } else {
            SoftTlb t = c.tlb;
            int i = SoftTlb.index(a);
            if (t.write[i] != (a & (SoftTlb.PAGE_MASK | alignMask))) {
                return -1;
            }
            off = a + t.ramOff[i];
        }
        return c.ramCode[off >>> RamRegion.CODE_SHIFT] == 0 ? off : -1;
    }

    public static int ld32(CpuState c, int a) {
        int off = readOffset(c, a, 3);
        if (off >= 0) {
            return c.ram.read32(off);
        }
        return slowRead(c, a, 4, false);
    }

    public static int ld16(CpuState c, int a) {
        int off = readOffset(c, a, 1);
        if (off >= 0) {
            return c.ram.read16(off);
        }
        return slowRead(c, a, 2, false);
    }

    public static int ld8(CpuState c, int a) {
        int off = readOffset(c, a, 0);
        if (off >= 0) {
            return c.ram.read8(off);
        }
        return slowRead(c, a, 1, false);
    }

    /** Word load that requires alignment whatever SCTLR.A says (LDM, LDRD, LDREX). */
    public static int ld32a(CpuState c, int a) {
        if ((a & 3) != 0) {
            throw alignment(c, a, false);
        }
        return ld32(c, a);
    }

    public static void st32(CpuState c, int a, int v) {
        int off = writeOffset(c, a, 3);
        if (off >= 0) {
            c.ram.write32(off, v);
            return;
        }
        slowWrite(c, a, 4, v, false);
    }

    public static void st16(CpuState c, int a, int v) {
        int off = writeOffset(c, a, 1);
        if (off >= 0) {
            c.ram.write16(off, v);
            return;
        }
        slowWrite(c, a, 2, v, false);
    }

    public static void st8(CpuState c, int a, int v) {
        int off = writeOffset(c, a, 0);
        if (off >= 0) {
            c.ram.write8(off, v);
            return;
        }
        slowWrite(c, a, 1, v, false);
    }

    /** Word store that requires alignment whatever SCTLR.A says (STM, STRD). */
    public static void st32a(CpuState c, int a, int v) {
        if ((a & 3) != 0) {
            throw alignment(c, a, true);
        }
        st32(c, a, v);
    }

    private static int slowRead(CpuState c, int a, int size, boolean forceAlign) {
        if ((a & (size - 1)) != 0 && (forceAlign || (c.cp15.sctlr & SystemRegisters.SCTLR_A) != 0)) {
            throw alignment(c, a, false);
        }
        if (!c.mmuEnabled()) {
            return c.mem.read(a, size);
        }
        if ((a & ~SoftTlb.PAGE_MASK) + size > 0x1000) {
            // Crosses a page: each byte is translated (and may fault) on its own, lowest address first.
            int v = 0;
            for (int i = 0; i < size; i++) {
                v |= c.mem.read(Mmu.translate(c, a + i, Mmu.READ), 1) << (8 * i);
            }
            return v;
        }
        return c.mem.read(Mmu.translate(c, a, Mmu.READ), size);
    }

    private static void slowWrite(CpuState c, int a, int size, int v, boolean forceAlign) {
        if ((a & (size - 1)) != 0 && (forceAlign || (c.cp15.sctlr & SystemRegisters.SCTLR_A) != 0)) {
            throw alignment(c, a, true);
        }
        if (!c.mmuEnabled()) {
            c.mem.write(a, size, v);
            return;
        }
        if ((a & ~SoftTlb.PAGE_MASK) + size > 0x1000) {
            // Translate every byte before writing any, so a fault on the second page leaves memory unchanged.
            int[] pa = new int[size];
            for (int i = 0; i < size; i++) {
                pa[i] = Mmu.translate(c, a + i, Mmu.WRITE);
            }
            for (int i = 0; i < size; i++) {
                c.mem.write(pa[i], 1, v >>> (8 * i));
            }
            return;
        }
        c.mem.write(Mmu.translate(c, a, Mmu.WRITE), size, v);
    }

    /** The physical address of {@code a} for an exclusive or atomic access (identity with the MMU off). */
    private static int phys(CpuState c, int a, int access) {
        return c.mmuEnabled() ? Mmu.translate(c, a, access) : a;
    }

    public static GuestException alignment(CpuState c, int a, boolean write) {
        return GuestException.dataAbort(GuestException.FSR_ALIGNMENT | (write ? GuestException.FSR_WNR : 0), a,
                String.format("alignment fault at 0x%08x", a));
    }

    // ---- exclusives: LDREX records the value seen; STREX is a compare-and-exchange against it ----

    public static int ldrex(CpuState c, int a, int size) {
        if ((a & (size - 1)) != 0) {
            throw alignment(c, a, false);
        }
        int v = size == 4 ? ld32(c, a) : size == 2 ? ld16(c, a) : ld8(c, a);
        c.exclusiveValid = true;
        c.exclusiveAddr = a;
        c.exclusiveSize = size;
        c.exclusiveValue = v;
        return v;
    }

    /** Returns 0 on success, 1 on failure, as STREX writes to Rd. */
    public static int strex(CpuState c, int a, int size, int v) {
        if ((a & (size - 1)) != 0) {
            throw alignment(c, a, true);
        }
        if (!c.exclusiveValid || c.exclusiveAddr != a || c.exclusiveSize != size) {
            c.exclusiveValid = false;
            return 1;
        }
        c.exclusiveValid = false;
        int expected = (int) c.exclusiveValue;
        int pa = phys(c, a, Mmu.WRITE);
        if (!c.mem.isRam(pa, size)) {
            c.mem.write(pa, size, v);
            return 0;
        }
        int witness = c.mem.cas(pa, size, expected, v);
        return witness == expected ? 0 : 1;
    }

    public static long ldrexd(CpuState c, int a) {
        if ((a & 7) != 0) {
            throw alignment(c, a, false);
        }
        long v = c.mem.read64Atomic(phys(c, a, Mmu.READ));
        c.exclusiveValid = true;
        c.exclusiveAddr = a;
        c.exclusiveSize = 8;
        c.exclusiveValue = v;
        return v;
    }

    public static int strexd(CpuState c, int a, int lo, int hi) {
        if ((a & 7) != 0) {
            throw alignment(c, a, true);
        }
        if (!c.exclusiveValid || c.exclusiveAddr != a || c.exclusiveSize != 8) {
            c.exclusiveValid = false;
            return 1;
        }
        c.exclusiveValid = false;
        long expected = c.exclusiveValue;
        long v = (lo & 0xffffffffL) | ((long) hi << 32);
        long witness = c.mem.cas64(phys(c, a, Mmu.WRITE), expected, v);
        return witness == expected ? 0 : 1;
    }

    /** SWP/SWPB: an atomic exchange (deprecated in ARMv7 but still used by old code). */
    public static int swap(CpuState c, int a, int size, int v) {
        if (size == 4 && (a & 3) != 0) {
            throw alignment(c, a, false);
        }
        a = phys(c, a, Mmu.WRITE);
        if (!c.mem.isRam(a, size)) {
            int old = c.mem.read(a, size);
            c.mem.write(a, size, v);
            return old;
        }
        while (true) {
            int old = c.mem.read(a, size);
            if (c.mem.cas(a, size, old, v) == old) {
                return old;
            }
        }
    }
}
