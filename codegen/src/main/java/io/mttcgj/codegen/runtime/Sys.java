package io.mttcgj.codegen.runtime;

import io.mttcgj.codegen.arm.state.CpuState;

/**
 * Runtime helpers for instructions that touch more than registers: interworking branches, PSR
 * access, coprocessor moves, exception return. Called from translated code with the block's state
 * written back where the helper needs it (see Emitter#flushState).
 */
public final class Sys {
    private Sys() {
    }

    /** BXWritePC: bit 0 of the target selects Thumb. Returns the new PC. */
    public static int bxTarget(CpuState c, int target) {
        if ((target & 1) != 0) {
            c.cpsrCtl |= CpuState.CPSR_T;
            return target & ~1;
        }
        c.cpsrCtl &= ~CpuState.CPSR_T;
        return target & ~3;
    }
}
