package io.mttcgj.it.diff;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One differential test case: the initial state and the instruction words to run.
 *
 * @param seed    the seed it was generated from ({@link A32Gen#generate(long)} gives the same case again);
 *                0 for a hand-written case
 * @param regs    initial r0-r11 and r14, in that order ({@link #REG_COUNT} values; r12 is the scratch base)
 * @param apsr    initial NZCVQ (bits 31-27) and GE (bits 19-16); other bits are ignored by MSR APSR_nzcvqg
 * @param scratch initial contents of the scratch buffer ({@link #SCRATCH_SIZE} bytes, at the address r12 holds)
 * @param code    the A32 instruction words to run, in order
 */
record CaseSpec(long seed, int[] regs, int apsr, byte[] scratch, int[] code) {
    static final int REG_COUNT = 13;
    static final int SCRATCH_SIZE = 128;
    /** Register numbers in {@link #regs} order: r0-r11 then lr. */
    static final int[] REG_NUMBERS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14};

    CaseSpec {
        if (regs.length != REG_COUNT) {
            throw new IllegalArgumentException("need " + REG_COUNT + " initial registers, got " + regs.length);
        }
        if (scratch.length != SCRATCH_SIZE) {
            throw new IllegalArgumentException("scratch must be " + SCRATCH_SIZE + " bytes, got " + scratch.length);
        }
        if (code.length == 0) {
            throw new IllegalArgumentException("a case needs at least one instruction");
        }
    }

    static String regName(int index) {
        return index == 12 ? "lr" : "r" + REG_NUMBERS[index];
    }

    /** Instruction words as {@code e0810002 e1b00021 ...}. */
    String codeHex() {
        StringBuilder sb = new StringBuilder();
        for (int w : code) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format("%08x", w));
        }
        return sb.toString();
    }

    /** A multi-line description of the initial state, for failure reports. */
    String describeInitialState() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < REG_COUNT; i++) {
            sb.append(String.format("%-3s=%08x%s", regName(i), regs[i], i % 7 == 6 ? "\n" : "  "));
        }
        sb.append(String.format("\nAPSR=%08x (%s)\nscratch=%s", apsr, Flags.describe(apsr),
                HexFormat.of().formatHex(scratch)));
        return sb.toString();
    }

    @Override
    public String toString() {
        return "CaseSpec[seed=0x" + Long.toHexString(seed) + ", code=" + codeHex() + ", regs=" + Arrays.toString(regs)
                + "]";
    }

    /** Names the PSR flag bits that matter for comparisons. */
    static final class Flags {
        private Flags() {
        }

        static String describe(int psr) {
            return (psr < 0 ? "N" : "n") + ((psr & (1 << 30)) != 0 ? "Z" : "z") + ((psr & (1 << 29)) != 0 ? "C" : "c")
                    + ((psr & (1 << 28)) != 0 ? "V" : "v") + ((psr & (1 << 27)) != 0 ? "Q" : "q") + " GE="
                    + Integer.toBinaryString(0x10 | ((psr >>> 16) & 0xf)).substring(1);
        }
    }
}
