package io.mttcgj.codegen.runtime.fp;

import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.runtime.Mem;

/**
 * VLDM/VSTM bodies (VPUSH/VPOP, setjmp/longjmp's d8-d15): one call instead of one per word. Words go
 * in ascending address order, each register written as soon as it is loaded, so a fault part-way
 * leaves the earlier registers transferred, as QEMU does; the translator writes the base back after.
 */
public final class VfpMem {
    private VfpMem() {
    }

    /** Loads {@code count} S registers (or D registers when dbl) from addr, starting at register reg. */
    public static void load(CpuState c, int addr, int reg, int count, boolean dbl) {
        long[] d = c.d;
        for (int i = 0; i < count; i++) {
            if (dbl) {
                int lo = Mem.ld32a(c, addr + 8 * i);
                int hi = Mem.ld32a(c, addr + 8 * i + 4);
                d[reg + i] = ((long) hi << 32) | (lo & 0xffffffffL);
            } else {
                int v = Mem.ld32a(c, addr + 4 * i);
                int s = reg + i;
                int shift = (s & 1) * 32;
                d[s >> 1] = (d[s >> 1] & ~(0xffffffffL << shift)) | ((v & 0xffffffffL) << shift);
            }
        }
    }

    public static void store(CpuState c, int addr, int reg, int count, boolean dbl) {
        long[] d = c.d;
        for (int i = 0; i < count; i++) {
            if (dbl) {
                long v = d[reg + i];
                Mem.st32a(c, addr + 8 * i, (int) v);
                Mem.st32a(c, addr + 8 * i + 4, (int) (v >>> 32));
            } else {
                int s = reg + i;
                Mem.st32a(c, addr + 4 * i, (int) (d[s >> 1] >>> ((s & 1) * 32)));
            }
        }
    }
}
