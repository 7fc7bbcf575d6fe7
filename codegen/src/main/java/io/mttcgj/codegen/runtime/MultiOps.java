package io.mttcgj.codegen.runtime;

import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.arm.state.Mode;

/**
 * Runtime helpers for LDM/STM with long register lists and for the user-bank forms (LDM/STM ... ^).
 * Every helper does all of its memory accesses before it changes any register, so a Data Abort part
 * way through leaves the guest registers as they were (the ARM ARM lets memory be partly written for
 * an aborted STM). LDM/STM require word alignment whatever SCTLR.A says (ARM ARM A3.2.1, Table A3-1).
 */
public final class MultiOps {
    private MultiOps() {
    }

    /**
     * Loads {@code count} consecutive words from {@code addr} upwards into the vCPU's scratch buffer and
     * returns it (no allocation on this hot path: function epilogues pop long lists).
     */
    public static int[] ldm(CpuState c, int addr, int count) {
        int[] values = c.multiBuffer;
        for (int k = 0; k < count; k++) {
            values[k] = Mem.ld32a(c, addr + 4 * k);
        }
        return values;
    }

    /** Stores {@code values} as consecutive words from {@code addr} upwards. */
    public static void stm(CpuState c, int addr, int[] values) {
        stm(c, addr, values, values.length);
    }

    /** Stores the first {@code count} of {@code values} (usually the vCPU's scratch buffer). */
    public static void stm(CpuState c, int addr, int[] values, int count) {
        for (int k = 0; k < count; k++) {
            Mem.st32a(c, addr + 4 * k, values[k]);
        }
    }

    /**
     * LDM (User registers): loads the registers in {@code list} (bit i = ri, no PC) from {@code addr}
     * upwards into the User-mode bank. The caller has flushed the block's registers to {@code c.r}
     * and reloads them afterwards.
     */
    public static void ldmUser(CpuState c, int addr, int list) {
        int[] values = ldm(c, addr, Integer.bitCount(list));
        int k = 0;
        for (int i = 0; i < 15; i++) {
            if ((list & (1 << i)) != 0) {
                c.setBankedReg(Mode.USR, i, values[k++]);
            }
        }
    }

    /**
     * STM (User registers): stores the User-mode registers in {@code list} from {@code addr} upwards.
     * {@code pcValue} is what a PC in the list stores (the instruction's address + 8); c.r[15] is
     * stale inside a block.
     */
    public static void stmUser(CpuState c, int addr, int list, int pcValue) {
        int a = addr;
        for (int i = 0; i < 16; i++) {
            if ((list & (1 << i)) != 0) {
                Mem.st32a(c, a, i == 15 ? pcValue : c.bankedReg(Mode.USR, i));
                a += 4;
            }
        }
    }
}
