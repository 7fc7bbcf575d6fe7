package io.mttcgj.it.diff;

import java.util.SplittableRandom;

/**
 * Random 16-bit Thumb instructions that only compute (ARM ARM A6.2): shifts, add/subtract, the
 * data-processing group, high-register ADD/CMP/MOV, extends, REV*, and SP/PC-relative address
 * arithmetic. Inside an IT block the same encodings do not set flags, and the forms that are
 * UNPREDICTABLE there (MOVS Rd, Rm, i.e. LSL #0) are not made.
 */
final class T16Gen {
    private final ThumbGen g;
    private final SplittableRandom r;

    T16Gen(ThumbGen g) {
        this.g = g;
        this.r = g.random();
    }

    int simple(boolean inIt) {
        int rd = g.lo();
        int rm = g.lo();
        switch (r.nextInt(12)) {
            case 0:
            case 1: {
                // LSL/LSR/ASR #imm5; LSR/ASR #0 mean #32; LSL #0 is MOVS Rd, Rm (not allowed in an IT block)
                int op = r.nextInt(3);
                int imm5 = g.shiftImm5();
                if (op == 0 && imm5 == 0 && inIt) {
                    imm5 = 1 + r.nextInt(31);
                }
                return op << 11 | imm5 << 6 | rm << 3 | rd;
            }
            case 2:
                // ADD/SUB register (T1), ADD/SUB #imm3
                return 0x1800 | r.nextInt(4) << 9 | g.lo() << 6 | rm << 3 | rd;
            case 3:
                // MOV/CMP/ADD/SUB #imm8
                return 0x2000 | r.nextInt(4) << 11 | rd << 8 | g.imm8();
            case 4:
            case 5:
            case 6:
                // AND EOR LSL LSR ASR ADC SBC ROR TST RSB CMP CMN ORR MUL BIC MVN
                return 0x4000 | r.nextInt(16) << 6 | rm << 3 | rd;
            case 7:
                return highRegister();
            case 8:
                // SXTH SXTB UXTH UXTB
                return 0xb200 | r.nextInt(4) << 6 | rm << 3 | rd;
            case 9: {
                int[] rev = {0, 1, 3}; // REV, REV16, REVSH (op 10 is HLT on ARMv8)
                return 0xba00 | rev[r.nextInt(3)] << 6 | rm << 3 | rd;
            }
            case 10:
                // ADR Rd, #imm8*4 and ADD Rd, SP, #imm8*4: PC and SP have fixed values in a case
                return (r.nextBoolean() ? 0xa000 : 0xa800) | rd << 8 | g.imm8();
            default:
                return r.nextInt(6) == 0 ? ThumbCase.NOP : 0x4000 | r.nextInt(16) << 6 | rm << 3 | rd;
        }
    }

    /** ADD Rdn, Rm / CMP Rn, Rm / MOV Rd, Rm with high registers (never SP or PC, never writing r12). */
    private int highRegister() {
        switch (r.nextInt(3)) {
            case 0: {
                int d = g.dest();
                return 0x4400 | (d >> 3) << 7 | g.src() << 3 | (d & 7);
            }
            case 1: {
                int n;
                int m;
                do {
                    n = g.src();
                    m = g.src();
                } while (n < 8 && m < 8); // both low is UNPREDICTABLE for this encoding
                return 0x4500 | (n >> 3) << 7 | m << 3 | (n & 7);
            }
            default: {
                int d = g.dest();
                return 0x4600 | (d >> 3) << 7 | g.src() << 3 | (d & 7);
            }
        }
    }
}
