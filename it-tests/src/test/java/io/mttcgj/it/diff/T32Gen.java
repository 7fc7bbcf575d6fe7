package io.mttcgj.it.diff;

import java.util.SplittableRandom;

/**
 * Random 32-bit Thumb instructions that only compute (ARM ARM A6.3): data processing with modified
 * immediates and shifted registers, register-controlled shifts, plain binary immediates (ADDW/SUBW,
 * ADR.W, MOVW/MOVT, SSAT/USAT(16), SBFX/UBFX, BFI/BFC), extends, parallel add/subtract, saturating
 * and miscellaneous operations, multiplies, long multiplies, divides, MRS/MSR APSR. All are allowed
 * in IT blocks. Destinations are r0-r11/lr and sources r0-r12/lr: SP and PC never appear (they are
 * UNPREDICTABLE in almost all of these encodings).
 */
final class T32Gen {
    private static final int[] MOD_IMM_OPS = {0, 1, 2, 3, 4, 8, 10, 11, 13, 14};  // AND BIC ORR ORN EOR ADD ADC SBC SUB RSB
    private static final int[] SHIFTED_OPS = {0, 1, 2, 3, 4, 6, 8, 10, 11, 13, 14}; // ... and PKH
    private static final int[] PARALLEL = {0, 1, 2, 4, 5, 6};  // op1: ADD8 ADD16 ASX / SUB8 SUB16 SAX; op2 alike

    private final ThumbGen g;
    private final SplittableRandom r;

    T32Gen(ThumbGen g) {
        this.g = g;
        this.r = g.random();
    }

    int simple() {
        return switch (r.nextInt(13)) {
            case 0, 1 -> modifiedImmediate();
            case 2, 3 -> shiftedRegister();
            case 4 -> 0xfa00f000 | r.nextInt(4) << 21 | r.nextInt(2) << 20 | g.src() << 16 | g.dest() << 8 | g.src();
            case 5 -> extend();
            case 6 -> 0xfa80f000 | PARALLEL[r.nextInt(6)] << 20 | g.src() << 16 | g.dest() << 8
                    | PARALLEL[r.nextInt(6)] << 4 | g.src();
            case 7 -> misc();
            case 8 -> multiply();
            case 9 -> longMultiply();
            case 10, 11 -> plainImmediate();
            default -> status();
        };
    }

    /** A random i:imm3:imm8 that ThumbExpandImm accepts (the replicated forms need imm8 != 0). */
    int imm12() {
        if (r.nextBoolean()) {
            return (8 + r.nextInt(24)) << 7 | r.nextInt(128);
        }
        int pattern = r.nextInt(4);
        int imm8 = g.imm8();
        if (pattern != 0 && imm8 == 0) {
            imm8 = 1 + r.nextInt(255);
        }
        return pattern << 8 | imm8;
    }

    /** Also TST/TEQ/CMN/CMP (Rd = 15, S = 1) and MOV/MVN (Rn = 15). */
    private int modifiedImmediate() {
        int op = MOD_IMM_OPS[r.nextInt(MOD_IMM_OPS.length)];
        int s = r.nextInt(2);
        int rd = g.dest();
        int rn = g.src();
        if ((op == 0 || op == 4 || op == 8 || op == 13) && r.nextInt(3) == 0) {
            rd = 15;
            s = 1;
        } else if ((op == 2 || op == 3) && r.nextInt(2) == 0) {
            rn = 15;
        }
        return T32.modImm(op, s, rn, rd, imm12());
    }

    /** Also the compares, MOV/MVN with every immediate shift (LSL, LSR, ASR, ROR, RRX) and PKHBT/PKHTB. */
    private int shiftedRegister() {
        int op = SHIFTED_OPS[r.nextInt(SHIFTED_OPS.length)];
        int s = op == 6 ? 0 : r.nextInt(2);
        int type = op == 6 ? r.nextInt(2) << 1 : r.nextInt(4);
        int rd = g.dest();
        int rn = g.src();
        if ((op == 0 || op == 4 || op == 8 || op == 13) && r.nextInt(3) == 0) {
            rd = 15;
            s = 1;
        } else if ((op == 2 || op == 3) && r.nextInt(2) == 0) {
            rn = 15;
        }
        int imm5 = g.shiftImm5();
        return 0xea000000 | op << 21 | s << 20 | rn << 16 | (imm5 >> 2) << 12 | rd << 8 | (imm5 & 3) << 6 | type << 4
                | g.src();
    }

    /** SXTAH UXTAH SXTAB16 UXTAB16 SXTAB UXTAB, and with Rn = 15 the plain extends, all rotations. */
    private int extend() {
        int rn = r.nextBoolean() ? 15 : g.src();
        return 0xfa00f080 | r.nextInt(6) << 20 | rn << 16 | g.dest() << 8 | r.nextInt(4) << 4 | g.src();
    }

    /** QADD QDADD QSUB QDSUB, REV REV16 RBIT REVSH (.W), SEL, CLZ. */
    private int misc() {
        int rd = g.dest();
        int rm = g.src();
        return switch (r.nextInt(4)) {
            case 0 -> 0xfa80f080 | g.src() << 16 | rd << 8 | r.nextInt(4) << 4 | rm;
            case 1 -> 0xfa90f080 | rm << 16 | rd << 8 | r.nextInt(4) << 4 | rm;   // Rn must equal Rm
            case 2 -> 0xfaa0f080 | g.src() << 16 | rd << 8 | rm;
            default -> 0xfab0f080 | rm << 16 | rd << 8 | rm;
        };
    }

    /** MUL MLA MLS, SMLAxy/SMULxy, SMLAD(X)/SMUAD(X), SMLAWy/SMULWy, SMLSD(X)/SMUSD(X), SMMLA/SMMUL/SMMLS(R), USAD(A)8. */
    private int multiply() {
        int op1 = r.nextInt(8);
        int ra = r.nextBoolean() ? 15 : g.src();
        int op2 = switch (op1) {
            case 0 -> ra == 15 ? 0 : r.nextInt(2);   // MLS has no Ra = 15 form
            case 1 -> r.nextInt(4);
            case 7 -> 0;
            default -> r.nextInt(2);
        };
        if (op1 == 6 && ra == 15) {
            ra = g.src();                           // SMMLS needs an accumulator
        }
        return 0xfb000000 | op1 << 20 | g.src() << 16 | ra << 12 | g.dest() << 8 | op2 << 4 | g.src();
    }

    /** SMULL UMULL SMLAL UMLAL UMAAL SMLALxy SMLALD(X) SMLSLD(X) (RdLo != RdHi), SDIV, UDIV. */
    private int longMultiply() {
        int lo = g.dest();
        int hi;
        do {
            hi = g.dest();
        } while (hi == lo);
        int[][] forms = {{0, 0}, {2, 0}, {4, 0}, {6, 0}, {6, 6}, {4, 8 | r.nextInt(4)}, {4, 12 | r.nextInt(2)},
            {5, 12 | r.nextInt(2)}, {1, 15}, {3, 15}};
        int[] f = forms[r.nextInt(forms.length)];
        if (f[1] == 15) {
            return 0xfb80f0f0 | f[0] << 20 | g.src() << 16 | g.dest() << 8 | g.src();
        }
        return 0xfb800000 | f[0] << 20 | g.src() << 16 | lo << 12 | hi << 8 | f[1] << 4 | g.src();
    }

    /** ADDW SUBW (also from PC: ADR.W) MOVW MOVT SSAT USAT SSAT16 USAT16 SBFX UBFX BFI BFC. */
    private int plainImmediate() {
        int rd = g.dest();
        int rn = g.src();
        switch (r.nextInt(8)) {
            case 0: {
                int base = r.nextInt(8) == 0 ? 15 : rn;
                int imm = r.nextInt(4096);
                return r.nextBoolean() ? T32.addw(rd, base, imm) : T32.subw(rd, base, imm);
            }
            case 1: {
                int imm16 = g.value() & 0xffff;
                return r.nextBoolean() ? T32.movw(rd, imm16) : T32.movt(rd, imm16);
            }
            case 2:
            case 3: {
                // SSAT #1-32 / USAT #0-31 with LSL #0-31 or ASR #1-31 (ASR #0 would be the 16-bit form)
                boolean asr = r.nextBoolean();
                int shift = asr ? 1 + r.nextInt(31) : g.shiftImm5();
                int op = r.nextBoolean() ? 0xf3000000 : 0xf3800000;
                return op | (asr ? 1 << 21 : 0) | rn << 16 | (shift >> 2) << 12 | rd << 8 | (shift & 3) << 6
                        | r.nextInt(32);
            }
            case 4:
                return (r.nextBoolean() ? 0xf3200000 : 0xf3a00000) | rn << 16 | rd << 8 | r.nextInt(16); // (U)SAT16
            case 5: {
                int lsb = r.nextInt(32);
                int widthm1 = r.nextInt(32 - lsb); // lsb + width > 32 is UNPREDICTABLE
                return (r.nextBoolean() ? 0xf3400000 : 0xf3c00000) | rn << 16 | (lsb >> 2) << 12 | rd << 8
                        | (lsb & 3) << 6 | widthm1;
            }
            default: {
                int lsb = r.nextInt(32);
                int msb = lsb + r.nextInt(32 - lsb); // msb < lsb is UNPREDICTABLE
                int field = r.nextInt(3) == 0 ? 15 : rn; // Rn = 15: BFC
                return 0xf3600000 | field << 16 | (lsb >> 2) << 12 | rd << 8 | (lsb & 3) << 6 | msb;
            }
        }
    }

    /** MRS Rd, APSR; MSR APSR_{nzcvq,g,nzcvqg}, Rn (mask 00 is UNPREDICTABLE). */
    private int status() {
        if (r.nextBoolean()) {
            return 0xf3ef8000 | g.dest() << 8;
        }
        return 0xf3808000 | g.src() << 16 | (1 + r.nextInt(3)) << 10;
    }
}
