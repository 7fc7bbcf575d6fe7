package io.mttcgj.cpu;

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

    /** {@code add r0, r0, #1; b .+4} — one block ending in a branch to the next instruction. */
    private static final int ADD = 0xe2800001;
    private static final int B_NEXT = 0xeaffffff;

    /**
     * {@code blocks} blocks of {@code add r0, r0, #1; b next}, the last branching back to the first: every
     * iteration translates (or looks up) {@code blocks} distinct blocks, so a small cache keeps filling up.
     */
    static int[] manyBlocksLoop(int blocks) {
        int[] words = new int[2 * blocks];
        for (int i = 0; i < blocks; i++) {
            words[2 * i] = ADD;
            words[2 * i + 1] = B_NEXT;
        }
        // b to the start: offset = (target - (pc + 8)) / 4, pc of the last branch = 4 * (2 * blocks - 1)
        int offset = (0 - (4 * (2 * blocks - 1) + 8)) / 4;
        words[2 * blocks - 1] = 0xea000000 | (offset & 0x00ffffff);
        return words;
    }
}
