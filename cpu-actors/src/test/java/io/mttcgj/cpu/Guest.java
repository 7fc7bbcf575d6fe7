package io.mttcgj.cpu;

import java.util.Arrays;

/**
 * Small A32 guest programs (encodings from arm-none-eabi-as -march=armv7-a). Every branch is
 * PC-relative, so a program runs wherever it is loaded.
 */
final class Guest {
    private Guest() {
    }

    /** {@code 1: add r0, r0, #1; b 1b} — spins forever, r0 counts iterations. */
    static final int[] COUNT = {0xe2800001, 0xeafffffd};

    /** {@code wfi; mov r1, #1; 1: add r0, r0, #1; b 1b} — r1 becomes 1 once the WFI has been left. */
    static final int[] WFI_THEN_COUNT = {0xe320f003, 0xe3a01001, 0xe2800001, 0xeafffffd};

    /** {@code 1: wfe; add r0, r0, #1; b 1b} — r0 counts the WFEs that returned. */
    static final int[] WFE_COUNT = {0xe320f002, 0xe2800001, 0xeafffffc};

    /** {@code 1: mcr p15, 0, r0, c8, c3, 0 (TLBIALLIS); add r0, r0, #1; b 1b}. */
    static final int[] TLBIALLIS_LOOP = {0xee080f13, 0xe2800001, 0xeafffffc};

    /** {@code movw r2, #0; movt r2, #0x1000; 1: ldr r3, [r2]; add r0, r0, #1; b 1b} — reads 0x10000000 forever. */
    static final int[] MMIO_READ_LOOP = {0xe3002000, 0xe3412000, 0xe5923000, 0xe2800001, 0xeafffffc};

    /** Where {@link #MMIO_READ_LOOP} reads. */
    static final int MMIO_BASE = 0x10000000;

    private static final int ADD_R0_1 = 0xe2800001;

    /**
     * {@code n} times {@code add r0, r0, #1}, then a branch back to the first: with a small block size
     * limit every pass runs many distinct blocks, so a small translation cache keeps filling up.
     */
    static int[] addLoop(int n) {
        int[] words = new int[n + 1];
        Arrays.fill(words, 0, n, ADD_R0_1);
        // B offset = (target - (pc of the branch + 8)) / 4, the branch being at 4 * n
        words[n] = 0xea000000 | (-(n + 2) & 0x00ffffff);
        return words;
    }
}
