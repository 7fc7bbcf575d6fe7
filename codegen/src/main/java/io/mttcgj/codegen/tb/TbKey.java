package io.mttcgj.codegen.tb;

import io.mttcgj.codegen.arm.state.CpuState;

/**
 * Blocks are keyed by guest PC plus the CPU state that changes how the bytes decode or what the
 * code may do. Today that is the instruction set (A32/T32); the MMU work adds the translation
 * regime so that a change of mapping can never run code translated for the old one.
 */
public final class TbKey {
    public static final int THUMB = 1;
    /** CPACR/NSACR allow cp10/cp11 at the current privilege level. */
    public static final int FP_ACCESS = 2;
    /** FPEXC.EN: VFP/NEON data instructions execute (else Undefined, the kernel's lazy-VFP trap). */
    public static final int FP_ENABLED = 4;

    private TbKey() {
    }

    /** Bits 15:8: the Thumb IT state a block starts in (a block may start inside an IT block). */
    public static int flagsOf(CpuState cpu) {
        int f = cpu.thumb() ? THUMB | (cpu.itState() << 8) : 0;
        if (cpu.fpAccessAllowed()) {
            f |= FP_ACCESS;
            if ((cpu.fpexc & CpuState.FPEXC_EN) != 0) {
                f |= FP_ENABLED;
            }
        }
        return f;
    }

    public static int itState(int flags) {
        return (flags >>> 8) & 0xff;
    }

    public static long key(int pc, int flags) {
        return ((long) flags << 32) | (pc & 0xffffffffL);
    }
}
