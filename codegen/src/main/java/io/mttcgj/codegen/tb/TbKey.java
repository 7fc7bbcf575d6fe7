package io.mttcgj.codegen.tb;

import io.mttcgj.codegen.arm.state.CpuState;

/**
 * Blocks are keyed by guest PC plus the CPU state that changes how the bytes decode or what the
 * code may do: the instruction set (A32/T32) and IT state, FP access, privilege and MMU on/off; the
 * shared cache adds the physical address of the code, so a change of mapping can never run code
 * translated for the old one.
 */
public final class TbKey {
    public static final int THUMB = 1;
    /** CPACR/NSACR allow cp10/cp11 at the current privilege level. */
    public static final int FP_ACCESS = 2;
    /** FPEXC.EN: VFP/NEON data instructions execute (else Undefined, the kernel's lazy-VFP trap). */
    public static final int FP_ENABLED = 4;
    /** User mode (PL0): the soft TLB and permissions translated code uses. */
    public static final int USER = 8;
    /** SCTLR.M: translated loads and stores go through the soft TLB. */
    public static final int MMU = 16;

    private TbKey() {
    }

    /** Bits 15:8: the Thumb IT state a block starts in (a block may start inside an IT block). */
    public static int flagsOf(CpuState cpu) {
        int slow = cpu.keyFlagsCache;
        if (slow < 0) {
            slow = slowFlags(cpu);
            cpu.keyFlagsCache = slow;
        }
        return cpu.thumb() ? slow | THUMB | (cpu.itState() << 8) : slow;
    }

    /** The flags that only change with the mode or system registers (CpuState#keyFlagsCache). */
    static int slowFlags(CpuState cpu) {
        int f = 0;
        if (!cpu.privileged()) {
            f |= USER;
        }
        if (cpu.mmuEnabled()) {
            f |= MMU;
        }
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

    /**
     * The shared cache's key: the virtual PC (what the code's PC-relative values and the jump cache use),
     * the physical address of the code (what invalidation by stores finds) and the flags.
     */
    public record Key(int pc, int phys, int flags) {
    }
}
