package io.mttcgj.codegen.arm.thumb;

import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.testing.A32Harness;

/**
 * Thumb test programs for the T32 load/store and control tests that stop without the 16-bit SVC the
 * harness appends (T16 is translated elsewhere): the program ends with LDR.W PC, [PC, #4], which loads
 * the address of an ARM-state STOP word placed right after it (bit 0 clear: interworking to ARM).
 */
final class T32Programs {
    private T32Programs() {
    }

    /**
     * Writes {@code insns} (32-bit as 0xHHHHLLLL in objdump order, 16-bit below 0x10000) at {@code at},
     * then the stop sequence; starts the CPU there in Thumb state. Returns the first free address.
     */
    static int load(A32Harness h, int at, int... insns) {
        int a = at;
        for (int w : insns) {
            if ((w >>> 16) != 0) {
                h.mem.write(a, 2, w >>> 16);
                h.mem.write(a + 2, 2, w & 0xffff);
                a += 4;
            } else {
                h.mem.write(a, 2, w);
                a += 2;
            }
        }
        return stopAt(h, a, at);
    }

    /** Writes the stop sequence at {@code a}; the CPU starts at {@code start}. Returns the first free address. */
    static int stopAt(A32Harness h, int a, int start) {
        h.mem.write(a, 2, 0xf8df); // ldr.w pc, [pc, #4]: the literal is at Align(a + 4, 4) + 4
        h.mem.write(a + 2, 2, 0xf004);
        int literal = ((a + 4) & ~3) + 4;
        h.mem.write(literal, 4, literal + 4);
        h.mem.write(literal + 4, 4, A32Harness.STOP);
        h.cpu.r[15] = start;
        h.cpu.cpsrCtl |= CpuState.CPSR_T;
        return literal + 8;
    }

    /** {@link #load} at BASE. */
    static A32Harness thumb(A32Harness h, int... insns) {
        load(h, A32Harness.BASE, insns);
        return h;
    }
}
