package io.mttcgj.it.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded generator of random straight-line A32 code for the differential test. Every encoding it
 * makes is defined by the ARMv7-A ARM (no UNPREDICTABLE or UNDEFINED forms: QEMU's choice there is
 * arbitrary), writes no PC, SP or r12, and (through {@link A32MemGen}) touches only the scratch
 * buffer whose address r12 holds.
 *
 * <p>Register sets: destinations are r0-r11 and lr; sources also include r12 (a fixed address, which
 * is as deterministic as any other value).
 */
final class A32Gen {
    static final int[] DEST = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14};
    static final int[] SRC = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14};
    static final int MAX_INSNS = 8;
    static final int AL = 0xe;

    private static final int[] EDGE_VALUES = {0, 1, -1, 0x7fffffff, 0x80000000, 2, 0x7fff, 0x8000, 0xffff, 0xffff8000,
        0x7f, 0x80, 0xff, 0xffffff80, 0x00ff00ff, 0xff00ff00, 0x7fff7fff, 0x80008000, 0x7f7f7f7f, 0x80808080, 31, 32,
        33, 0xfffffffe, 0x40000000, 0xc0000000};

    private final SplittableRandom r;
    private final A32MemGen mem;

    A32Gen(SplittableRandom r, boolean allowUnaligned) {
        this.r = r;
        this.mem = new A32MemGen(this, allowUnaligned);
    }

    /** The case for {@code seed}: the same seed always gives the same case. */
    static CaseSpec generate(long seed) {
        return generate(seed, true);
    }

    static CaseSpec generate(long seed, boolean allowUnaligned) {
        SplittableRandom r = new SplittableRandom(seed);
        A32Gen g = new A32Gen(r, allowUnaligned);
        int[] regs = new int[CaseSpec.REG_COUNT];
        for (int i = 0; i < regs.length; i++) {
            regs[i] = g.value();
        }
        int apsr = (r.nextInt() & 0xf8000000) | (r.nextInt(16) << 16);
        byte[] scratch = new byte[CaseSpec.SCRATCH_SIZE];
        for (int i = 0; i < scratch.length; i += 4) {
            int v = g.value();
            for (int k = 0; k < 4; k++) {
                scratch[i + k] = (byte) (v >>> (8 * k));
            }
        }
        List<Integer> code = new ArrayList<>();
        int n = 1 + r.nextInt(MAX_INSNS);
        for (int i = 0; i < n; i++) {
            g.instruction(code);
        }
        return new CaseSpec(seed, regs, apsr, scratch, code.stream().mapToInt(Integer::intValue).toArray());
    }

    /** A register or memory value: edge values, small shift amounts, interesting low bytes, or anything. */
    int value() {
        int k = r.nextInt(10);
        if (k < 3) {
            return EDGE_VALUES[r.nextInt(EDGE_VALUES.length)];
        } else if (k < 4) {
            return r.nextInt(40);
        } else if (k < 5) {
            // a register-specified shift reads only the low byte: mix 0, 1-31, 32 and >32 under random top bits
            return (r.nextInt() & 0xffffff00) | r.nextInt(256);
        }
        return r.nextInt();
    }

    /** Appends one random instruction (memory operations also append the setup they need). */
    void instruction(List<Integer> out) {
        int k = r.nextInt(100);
        if (k < 28) {
            out.add(dataProcessing());
        } else if (k < 40) {
            multiply(out);
        } else if (k < 46) {
            out.add(saturating());
        } else if (k < 54) {
            out.add(parallel());
        } else if (k < 66) {
            out.add(misc());
        } else if (k < 70) {
            out.add(status());
        } else {
            mem.memory(out);
        }
    }

    int cond() {
        return r.nextInt(10) < 6 ? AL : r.nextInt(15);
    }

    int dest() {
        return DEST[r.nextInt(DEST.length)];
    }

    int src() {
        return SRC[r.nextInt(SRC.length)];
    }

    SplittableRandom random() {
        return r;
    }

    /** Every data-processing opcode, with and without S, in all three operand forms. */
    int dataProcessing() {
        int op = r.nextInt(16);
        boolean compare = op >= 8 && op <= 11;
        int s = compare ? 1 : r.nextInt(2); // TST..CMN with S=0 are other instructions
        int rn = (op == 13 || op == 15) ? 0 : src();
        int rd = compare ? 0 : dest();
        int operand;
        switch (r.nextInt(3)) {
            case 0 -> operand = (1 << 25) | (r.nextInt(16) << 8) | imm8();
            case 1 -> operand = (shiftImm5() << 7) | (r.nextInt(4) << 5) | src();
            default -> operand = (src() << 8) | (r.nextInt(4) << 5) | (1 << 4) | src();
        }
        return (cond() << 28) | operand | (op << 21) | (s << 20) | (rn << 16) | (rd << 12);
    }

    private int imm8() {
        return switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> 0xff;
            default -> r.nextInt(256);
        };
    }

    /** 0 (LSL #0, LSR/ASR #32, RRX), 1, 31 or anything in between. */
    private int shiftImm5() {
        return switch (r.nextInt(6)) {
            case 0, 1 -> 0;
            case 2 -> 1;
            case 3 -> 31;
            default -> r.nextInt(32);
        };
    }

    private int distinctFrom(int reg) {
        int d;
        do {
            d = dest();
        } while (d == reg);
        return d;
    }

    void multiply(List<Integer> out) {
        int c = cond();
        int rd = dest();
        int ra = src();
        int rm = src();
        int rn = src();
        int lo = dest();
        int hi = distinctFrom(lo); // RdHi == RdLo is UNPREDICTABLE
        int s = r.nextInt(2);
        int m = r.nextInt(2);
        int n = r.nextInt(2);
        int base = (c << 28) | (rm << 8) | rn;
        int w = switch (r.nextInt(27)) {
            case 0 -> base | (s << 20) | (rd << 16) | 0x90;                                  // MUL
            case 1 -> base | 0x00200090 | (s << 20) | (rd << 16) | (ra << 12);              // MLA
            case 2 -> base | 0x00600090 | (rd << 16) | (ra << 12);                           // MLS
            case 3 -> base | 0x00400090 | (hi << 16) | (lo << 12);                           // UMAAL
            case 4 -> base | 0x00800090 | (s << 20) | (hi << 16) | (lo << 12);              // UMULL
            case 5 -> base | 0x00a00090 | (s << 20) | (hi << 16) | (lo << 12);              // UMLAL
            case 6 -> base | 0x00c00090 | (s << 20) | (hi << 16) | (lo << 12);              // SMULL
            case 7 -> base | 0x00e00090 | (s << 20) | (hi << 16) | (lo << 12);              // SMLAL
            case 8 -> base | 0x01000080 | (rd << 16) | (ra << 12) | (m << 6) | (n << 5);    // SMLAxy
            case 9 -> base | 0x01200080 | (rd << 16) | (ra << 12) | (m << 6);               // SMLAWy
            case 10 -> base | 0x012000a0 | (rd << 16) | (m << 6);                           // SMULWy
            case 11 -> base | 0x01400080 | (hi << 16) | (lo << 12) | (m << 6) | (n << 5);   // SMLALxy
            case 12 -> base | 0x01600080 | (rd << 16) | (m << 6) | (n << 5);                // SMULxy
            case 13 -> base | 0x07000010 | (rd << 16) | (ra << 12) | (m << 5);              // SMLAD
            case 14 -> base | 0x0700f010 | (rd << 16) | (m << 5);                           // SMUAD
            case 15 -> base | 0x07000050 | (rd << 16) | (ra << 12) | (m << 5);              // SMLSD
            case 16 -> base | 0x0700f050 | (rd << 16) | (m << 5);                           // SMUSD
            case 17 -> base | 0x07400010 | (hi << 16) | (lo << 12) | (m << 5);              // SMLALD
            case 18 -> base | 0x07400050 | (hi << 16) | (lo << 12) | (m << 5);              // SMLSLD
            case 19 -> base | 0x07500010 | (rd << 16) | (ra << 12) | (m << 5);              // SMMLA(R)
            case 20 -> base | 0x0750f010 | (rd << 16) | (m << 5);                           // SMMUL(R)
            case 21 -> base | 0x075000d0 | (rd << 16) | (ra << 12) | (m << 5);              // SMMLS(R)
            case 22 -> base | 0x0780f010 | (rd << 16);                                      // USAD8
            case 23 -> base | 0x07800010 | (rd << 16) | (ra << 12);                         // USADA8
            default -> divide(c, rd, rm, rn, out);
        };
        out.add(w);
    }

    /** SDIV/UDIV; often preceded by a MOV that makes the divisor 0 or the INT_MIN / -1 case likely. */
    private int divide(int c, int rd, int rm, int rn, List<Integer> out) {
        if (rm != 12 && rn != 12 && rm != rn) {
            switch (r.nextInt(4)) {
                case 0 -> out.add(movImm(rm, 0, 0));
                case 1 -> {
                    out.add(mvnImm(rm, 0));                 // rm = -1
                    out.add(movImm(rn, 2, 1));              // rn = ROR(2, 2) = 0x80000000
                }
                default -> {
                    // leave the random values
                }
            }
        }
        int op = r.nextBoolean() ? 0x0710f010 : 0x0730f010;
        return (c << 28) | op | (rd << 16) | (rm << 8) | rn;
    }

    /** {@code MOV rd, #ROR(imm8, 2*rot)} (always executed). */
    static int movImm(int rd, int imm8, int rot) {
        return 0xe3a00000 | (rd << 12) | (rot << 8) | imm8;
    }

    /** {@code MVN rd, #imm8}. */
    static int mvnImm(int rd, int imm8) {
        return 0xe3e00000 | (rd << 12) | imm8;
    }

    /** QADD/QSUB/QDADD/QDSUB, SSAT/USAT with shifts, SSAT16/USAT16. */
    int saturating() {
        int c = cond() << 28;
        int rd = dest();
        int rn = src();
        return switch (r.nextInt(4)) {
            case 0 -> c | 0x01000050 | (r.nextInt(4) << 21) | (rn << 16) | (rd << 12) | src();
            case 1 -> c | 0x06a00010 | (r.nextInt(32) << 16) | (rd << 12) | (shiftImm5() << 7) | (r.nextInt(2) << 6)
                    | rn;                                                                   // SSAT
            case 2 -> c | 0x06e00010 | (r.nextInt(32) << 16) | (rd << 12) | (shiftImm5() << 7) | (r.nextInt(2) << 6)
                    | rn;                                                                   // USAT
            default -> c | (r.nextBoolean() ? 0x06a00f30 : 0x06e00f30) | (r.nextInt(16) << 16) | (rd << 12) | rn;
        };
    }

    private static final int[] PARALLEL_PREFIX = {1, 2, 3, 5, 6, 7};   // S, Q, SH, U, UQ, UH
    private static final int[] PARALLEL_OP = {0, 1, 2, 3, 4, 7};       // ADD16, ASX, SAX, SUB16, ADD8, SUB8

    /** All parallel add/subtract forms, and SEL to consume the GE flags they set. */
    int parallel() {
        int c = cond() << 28;
        int rd = dest();
        int rn = src();
        int rm = src();
        if (r.nextInt(7) == 0) {
            return c | 0x06800fb0 | (rn << 16) | (rd << 12) | rm;                               // SEL
        }
        int op1 = PARALLEL_PREFIX[r.nextInt(PARALLEL_PREFIX.length)];
        int op2 = PARALLEL_OP[r.nextInt(PARALLEL_OP.length)];
        return c | 0x06000f10 | (op1 << 20) | (rn << 16) | (rd << 12) | (op2 << 5) | rm;
    }

    private static final int[] EXTEND_OPS = {0, 2, 3, 4, 6, 7}; // xTAB16, xTAB, xTAH for S and U

    /** Packing, extension, byte reversal, CLZ, bit fields, MOVW/MOVT. */
    int misc() {
        int c = cond() << 28;
        int rd = dest();
        int rm = src();
        int rn = src();
        switch (r.nextInt(9)) {
            case 0:
                return c | 0x06800010 | (rn << 16) | (rd << 12) | (shiftImm5() << 7) | (r.nextInt(2) << 6) | rm; // PKH
            case 1: {
                int op = EXTEND_OPS[r.nextInt(EXTEND_OPS.length)];
                int acc = r.nextBoolean() ? rn : 15; // Rn = 1111: the non-accumulating form
                return c | 0x06800070 | (op << 20) | (acc << 16) | (rd << 12) | (r.nextInt(4) << 10) | rm;
            }
            case 2: {
                int[] rev = {0x06bf0f30, 0x06bf0fb0, 0x06ff0fb0, 0x06ff0f30}; // REV, REV16, REVSH, RBIT
                return c | rev[r.nextInt(4)] | (rd << 12) | rm;
            }
            case 3:
                return c | 0x016f0f10 | (rd << 12) | rm;                                            // CLZ
            case 4:
            case 5: {
                int lsb = r.nextInt(32);
                int msb = lsb + r.nextInt(32 - lsb); // msb < lsb is UNPREDICTABLE
                int field = r.nextBoolean() ? 15 : rn;  // Rn = 1111: BFC
                return c | 0x07c00010 | (msb << 16) | (rd << 12) | (lsb << 7) | field;
            }
            case 6: {
                int lsb = r.nextInt(32);
                int widthm1 = r.nextInt(32 - lsb); // lsb + width > 32 is UNPREDICTABLE
                return c | (r.nextBoolean() ? 0x07a00050 : 0x07e00050) | (widthm1 << 16) | (rd << 12) | (lsb << 7)
                        | rn;                                                                      // SBFX/UBFX
            }
            default: {
                int imm16 = value() & 0xffff;
                return c | (r.nextBoolean() ? 0x03000000 : 0x03400000) | ((imm16 >>> 12) << 16) | (rd << 12)
                        | (imm16 & 0xfff);                                                          // MOVW/MOVT
            }
        }
    }

    /** MRS and MSR APSR with the nzcvq and g fields (never the control fields), register and immediate. */
    int status() {
        int c = cond() << 28;
        int mask = 1 + r.nextInt(3); // mask 00 is UNPREDICTABLE (register) or a hint (immediate)
        return switch (r.nextInt(3)) {
            case 0 -> c | 0x010f0000 | (dest() << 12);
            case 1 -> c | 0x0120f000 | (mask << 18) | src();
            default -> c | 0x0320f000 | (mask << 18) | (r.nextInt(16) << 8) | imm8();
        };
    }
}
