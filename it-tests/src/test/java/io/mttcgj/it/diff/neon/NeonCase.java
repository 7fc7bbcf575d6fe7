package io.mttcgj.it.diff.neon;

import java.util.Arrays;

/**
 * One NEON differential case: initial r0-r12, FPSCR, D0-D31 and scratch memory, and the A32 words to
 * run (unconditional Advanced SIMD instructions).
 */
record NeonCase(long seed, int[] regs, int fpscr, long[] d, byte[] scratch, int[] code) {
    static final int REG_COUNT = 13;
    static final int SCRATCH_SIZE = 256;

    NeonCase {
        if (regs.length != REG_COUNT || d.length != 32 || scratch.length != SCRATCH_SIZE || code.length == 0) {
            throw new IllegalArgumentException("malformed NEON case");
        }
    }

    String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("  code:");
        for (int w : code) {
            sb.append(String.format(" %08x", w));
        }
        sb.append("\n  regs:");
        for (int i = 0; i < regs.length; i++) {
            sb.append(String.format(" r%d=%08x", i, regs[i]));
        }
        sb.append(String.format("%n  fpscr=%08x%n", fpscr));
        for (int i = 0; i < 32; i++) {
            sb.append(String.format("  d%-2d=%016x%s", i, d[i], i % 4 == 3 ? "\n" : ""));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NeonCase c && c.seed == seed && Arrays.equals(c.code, code);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seed);
    }
}
