package io.mttcgj.it.diff;

/**
 * Encoders for the 32-bit Thumb instructions the generators place at fixed positions (set-up, branches,
 * calls). Results are {@code 0xHHHHLLLL}: first halfword high, as objdump prints them. Field layouts
 * from the ARMv7-A ARM, section A6.3.
 */
final class T32 {
    private T32() {
    }

    /** ADDW Rd, Rn, #imm12 (plain binary immediate; Rn = 15 is ADR.W). */
    static int addw(int rd, int rn, int imm12) {
        return plainImm12(0xf2000000, rd, rn, imm12);
    }

    /** SUBW Rd, Rn, #imm12. */
    static int subw(int rd, int rn, int imm12) {
        return plainImm12(0xf2a00000, rd, rn, imm12);
    }

    private static int plainImm12(int op, int rd, int rn, int imm12) {
        if (imm12 < 0 || imm12 > 4095) {
            throw new IllegalArgumentException("imm12 out of range: " + imm12);
        }
        return op | (imm12 >> 11) << 26 | rn << 16 | ((imm12 >> 8) & 7) << 12 | rd << 8 | (imm12 & 0xff);
    }

    /** MOVW Rd, #imm16. */
    static int movw(int rd, int imm16) {
        return imm16Op(0xf2400000, rd, imm16);
    }

    /** MOVT Rd, #imm16. */
    static int movt(int rd, int imm16) {
        return imm16Op(0xf2c00000, rd, imm16);
    }

    private static int imm16Op(int op, int rd, int imm16) {
        return op | ((imm16 >> 11) & 1) << 26 | (imm16 >>> 12) << 16 | ((imm16 >> 8) & 7) << 12 | rd << 8
                | (imm16 & 0xff);
    }

    /** A data-processing (modified immediate) instruction with the 12-bit i:imm3:imm8 field. */
    static int modImm(int op, int s, int rn, int rd, int imm12) {
        return 0xf0000000 | (imm12 >> 11) << 26 | op << 21 | s << 20 | rn << 16 | ((imm12 >> 8) & 7) << 12 | rd << 8
                | (imm12 & 0xff);
    }

    /** ThumbExpandImm (ARM ARM A6.3.2), for hand-checked expectations. */
    static int expandImm(int imm12) {
        int imm8 = imm12 & 0xff;
        if ((imm12 >> 10) == 0) {
            return switch ((imm12 >> 8) & 3) {
                case 0 -> imm8;
                case 1 -> imm8 << 16 | imm8;
                case 2 -> imm8 << 24 | imm8 << 8;
                default -> imm8 << 24 | imm8 << 16 | imm8 << 8 | imm8;
            };
        }
        return Integer.rotateRight(0x80 | (imm12 & 0x7f), imm12 >> 7);
    }

    /** B.W (T4, {@code link} false) or BL (T1), {@code imm} bytes from this instruction's address + 4. */
    static int branch(int imm, boolean link) {
        int s = imm < 0 ? 1 : 0;
        int j1 = ((~(imm >> 23)) & 1) ^ s;
        int j2 = ((~(imm >> 22)) & 1) ^ s;
        return 0xf0009000 | (link ? 1 << 14 : 0) | s << 26 | ((imm >> 12) & 0x3ff) << 16 | j1 << 13 | j2 << 11
                | ((imm >> 1) & 0x7ff);
    }

    /** B&lt;c&gt;.W (T3), {@code imm} bytes from this instruction's address + 4 (within +-1 MB). */
    static int branchCond(int cond, int imm) {
        int s = imm < 0 ? 1 : 0;
        return 0xf0008000 | s << 26 | cond << 22 | ((imm >> 12) & 0x3f) << 16 | ((imm >> 19) & 1) << 13
                | ((imm >> 18) & 1) << 11 | ((imm >> 1) & 0x7ff);
    }

    /** BLX (immediate, T2) to A32 code {@code imm} bytes from Align(PC, 4); imm is a multiple of 4. */
    static int blx(int imm) {
        int s = imm < 0 ? 1 : 0;
        int j1 = ((~(imm >> 23)) & 1) ^ s;
        int j2 = ((~(imm >> 22)) & 1) ^ s;
        return 0xf000c000 | s << 26 | ((imm >> 12) & 0x3ff) << 16 | j1 << 13 | j2 << 11 | ((imm >> 2) & 0x3ff) << 1;
    }
}
