package io.mttcgj.codegen.runtime;

import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.arm.state.GuestException;
import io.mttcgj.codegen.arm.state.SystemRegisters;
import io.mttcgj.memory.RamRegion;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Guest loads and stores as translated code calls them. Every access goes through here: this is
 * the one path where the MMU and the per-vCPU soft TLB will slot in. The fast paths (aligned, main
 * RAM, not a code page for stores) stay tiny so HotSpot inlines them into the block; everything
 * else goes to the out-of-line slow paths, which handle alignment faults, other RAM regions, MMIO and
 * stores into translated code.
 */
public final class Mem {
    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(int[].class);

    private Mem() {
    }

    public static int ld32(CpuState c, int a) {
        int off = a - c.ramBase;
        if ((a & 3) == 0 && Integer.compareUnsigned(off, c.ramSize) < 0) {
            return (int) WORDS.getOpaque(c.ramWords, off >>> 2);
        }
        return slowRead(c, a, 4, false);
    }

    public static int ld16(CpuState c, int a) {
        int off = a - c.ramBase;
        if ((a & 1) == 0 && Integer.compareUnsigned(off, c.ramSize) < 0) {
            return ((int) WORDS.getOpaque(c.ramWords, off >>> 2) >>> ((off & 2) << 3)) & 0xffff;
        }
        return slowRead(c, a, 2, false);
    }

    public static int ld8(CpuState c, int a) {
        int off = a - c.ramBase;
        if (Integer.compareUnsigned(off, c.ramSize) < 0) {
            return ((int) WORDS.getOpaque(c.ramWords, off >>> 2) >>> ((off & 3) << 3)) & 0xff;
        }
        return c.mem.read(a, 1);
    }

    /** Word load that requires alignment whatever SCTLR.A says (LDM, LDRD, LDREX). */
    public static int ld32a(CpuState c, int a) {
        if ((a & 3) != 0) {
            throw alignment(c, a, false);
        }
        return ld32(c, a);
    }

    public static void st32(CpuState c, int a, int v) {
        int off = a - c.ramBase;
        if ((a & 3) == 0 && Integer.compareUnsigned(off, c.ramSize) < 0 && c.ramCode[off >>> RamRegion.CODE_SHIFT] == 0) {
            WORDS.setOpaque(c.ramWords, off >>> 2, v);
            return;
        }
        slowWrite(c, a, 4, v, false);
    }

    public static void st16(CpuState c, int a, int v) {
        int off = a - c.ramBase;
        if ((a & 1) == 0 && Integer.compareUnsigned(off, c.ramSize) < 0 && c.ramCode[off >>> RamRegion.CODE_SHIFT] == 0) {
            c.ram.write16(off, v);
            return;
        }
        slowWrite(c, a, 2, v, false);
    }

    public static void st8(CpuState c, int a, int v) {
        int off = a - c.ramBase;
        if (Integer.compareUnsigned(off, c.ramSize) < 0 && c.ramCode[off >>> RamRegion.CODE_SHIFT] == 0) {
            c.ram.write8(off, v);
            return;
        }
        c.mem.write(a, 1, v);
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
        return c.mem.read(a, size);
    }

    private static void slowWrite(CpuState c, int a, int size, int v, boolean forceAlign) {
        if ((a & (size - 1)) != 0 && (forceAlign || (c.cp15.sctlr & SystemRegisters.SCTLR_A) != 0)) {
            throw alignment(c, a, true);
        }
        c.mem.write(a, size, v);
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
        if (!c.mem.isRam(a, size)) {
            c.mem.write(a, size, v);
            return 0;
        }
        int witness = c.mem.cas(a, size, expected, v);
        return witness == expected ? 0 : 1;
    }

    public static long ldrexd(CpuState c, int a) {
        if ((a & 7) != 0) {
            throw alignment(c, a, false);
        }
        long v = c.mem.read64Atomic(a);
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
        long witness = c.mem.cas64(a, expected, v);
        return witness == expected ? 0 : 1;
    }

    /** SWP/SWPB: an atomic exchange (deprecated in ARMv7 but still used by old code). */
    public static int swap(CpuState c, int a, int size, int v) {
        if (size == 4 && (a & 3) != 0) {
            throw alignment(c, a, false);
        }
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
