package io.mttcgj.codegen.interp;

import static io.mttcgj.codegen.interp.ThumbOps.bit;
import static io.mttcgj.codegen.interp.ThumbOps.bits;
import static io.mttcgj.codegen.interp.ThumbOps.cond;
import static io.mttcgj.codegen.interp.ThumbOps.inIt;

import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.interp.ThumbOps.Branch;
import io.mttcgj.codegen.interp.ThumbOps.Const;
import io.mttcgj.codegen.interp.ThumbOps.Extend;
import io.mttcgj.codegen.interp.ThumbOps.Nop;
import io.mttcgj.codegen.interp.ThumbOps.Unary;
import io.mttcgj.codegen.runtime.Alu;
import io.mttcgj.codegen.runtime.MediaOps;
import io.mttcgj.codegen.runtime.SysOps;

/**
 * Tier-0 forms of the 32-bit Thumb instructions that most code is made of (the rows of
 * arm/thumb/T32*.java): B/BL/BLX (immediate), data processing with a modified immediate or a shifted
 * register, ADDW/SUBW/ADR.W/MOVW/MOVT, SBFX/UBFX/BFI/BFC/SSAT/USAT, register-controlled shifts, extends,
 * REV/REV16/REVSH/RBIT/CLZ, MUL/MLA/MLS, the long multiplies, SDIV/UDIV, loads and stores of every size
 * and addressing form, LDRD/STRD, LDM/STM (PUSH.W/POP.W), TBB/TBH, LDREX/STREX and CLREX, DMB/DSB/ISB
 * and NOP.W. A T32 word has its first halfword in bits 31:16. Flags follow the S bit only (an IT block
 * does not change that for 32-bit encodings). Destinations that are the PC where the architecture calls
 * that UNPREDICTABLE, and the encodings the translator makes Undefined, have no tier-0 form. The loads and
 * stores are in {@link T32MemOps}.
 */
public final class T32Ops {
    private T32Ops() {
    }

    private static final String[] B4 = {"0000", "0001", "0010", "0011", "0100", "0101", "0110", "0111", "1000",
        "1001", "1010", "1011", "1100", "1101", "1110", "1111"};
    static final int AND = 0, BIC = 1, ORR = 2, ORN = 3, EOR = 4, ADD = 8, ADC = 10, SBC = 11, SUB = 13, RSB = 14;

    /** Attaches the tier-0 forms to the rows of a T32 decode table built by Thumb.t32(). */
    public static void attach(DecodeTable t) {
        // T32DataProcessing
        for (int op : new int[] {AND, BIC, ORR, ORN, EOR, ADD, ADC, SBC, SUB, RSB}) {
            int code = op;
            t.attach("11110 - 0 " + B4[op] + " - ---- 0 --- ---- --------",
                    (i, pc, c) -> Dp.make(i, pc, c, code, true));
            t.attach("1110101 " + B4[op] + " - ---- 0 --- ---- -- -- ----",
                    (i, pc, c) -> Dp.make(i, pc, c, code, false));
        }
        t.attach("11110 - 1 0000 0 ---- 0 --- ---- --------", (i, pc, c) -> addw(i, pc, c, false));
        t.attach("11110 - 1 0101 0 ---- 0 --- ---- --------", (i, pc, c) -> addw(i, pc, c, true));
        t.attach("11110 - 1 0010 0 ---- 0 --- ---- --------", (i, pc, c) -> rd(i) == 15 ? null
                : new Const(pc, cond(c), rd(i), (rn(i) << 12) | imm12(i)));
        t.attach("11110 - 1 0110 0 ---- 0 --- ---- --------", (i, pc, c) -> rd(i) == 15 ? null
                : new MovT(pc, cond(c), rd(i), (rn(i) << 12) | imm12(i)));
        t.attach("11111010 0 -- - ---- 1111 ---- 0000 ----", ShiftReg::make);

        // T32Media: saturate, bit field, extends, reverses, CLZ
        t.attach("11110 0 1 100- 0 ---- 0 --- ---- -- 0 -----", (i, pc, c) -> Sat.make(i, pc, c, true));
        t.attach("11110 0 1 110- 0 ---- 0 --- ---- -- 0 -----", (i, pc, c) -> Sat.make(i, pc, c, false));
        t.attach("11110 0 1 1010 0 ---- 0 --- ---- -- 0 -----", (i, pc, c) -> bfx(i, pc, c, true));
        t.attach("11110 0 1 1110 0 ---- 0 --- ---- -- 0 -----", (i, pc, c) -> bfx(i, pc, c, false));
        t.attach("11110 0 1 1011 0 ---- 0 --- ---- -- 0 -----", T32Ops::bfi);
        t.attach("11111010 0000 ---- 1111 ---- 10 -- ----", (i, pc, c) -> extend(i, pc, c, Extend.SH));
        t.attach("11111010 0001 ---- 1111 ---- 10 -- ----", (i, pc, c) -> extend(i, pc, c, Extend.UH));
        t.attach("11111010 0010 ---- 1111 ---- 10 -- ----", (i, pc, c) -> extend(i, pc, c, Extend.SB16));
        t.attach("11111010 0011 ---- 1111 ---- 10 -- ----", (i, pc, c) -> extend(i, pc, c, Extend.UB16));
        t.attach("11111010 0100 ---- 1111 ---- 10 -- ----", (i, pc, c) -> extend(i, pc, c, Extend.SB));
        t.attach("11111010 0101 ---- 1111 ---- 10 -- ----", (i, pc, c) -> extend(i, pc, c, Extend.UB));
        t.attach("11111010 1001 ---- 1111 ---- 10 00 ----", (i, pc, c) -> unary(i, pc, c, Unary.REV));
        t.attach("11111010 1001 ---- 1111 ---- 10 01 ----", (i, pc, c) -> unary(i, pc, c, Unary.REV16));
        t.attach("11111010 1001 ---- 1111 ---- 10 10 ----", (i, pc, c) -> unary(i, pc, c, Unary.RBIT));
        t.attach("11111010 1001 ---- 1111 ---- 10 11 ----", (i, pc, c) -> unary(i, pc, c, Unary.REVSH));
        t.attach("11111010 1011 ---- 1111 ---- 10 00 ----", (i, pc, c) -> unary(i, pc, c, Unary.CLZ));

        // T32DpMultiply
        t.attach("111110110 000 ---- ---- ---- 00 00 ----", (i, pc, c) -> Mul.make(i, pc, c, false));
        t.attach("111110110 000 ---- ---- ---- 00 01 ----", (i, pc, c) -> Mul.make(i, pc, c, true));
        t.attach("111110111 000 ---- ---- ---- 0000 ----", (i, pc, c) -> LongMul.make(i, pc, c, LongMul.SMULL));
        t.attach("111110111 010 ---- ---- ---- 0000 ----", (i, pc, c) -> LongMul.make(i, pc, c, LongMul.UMULL));
        t.attach("111110111 100 ---- ---- ---- 0000 ----", (i, pc, c) -> LongMul.make(i, pc, c, LongMul.SMLAL));
        t.attach("111110111 110 ---- ---- ---- 0000 ----", (i, pc, c) -> LongMul.make(i, pc, c, LongMul.UMLAL));
        t.attach("111110111 110 ---- ---- ---- 0110 ----", (i, pc, c) -> LongMul.make(i, pc, c, LongMul.UMAAL));
        t.attach("111110111 001 ---- 1111 ---- 1111 ----", (i, pc, c) -> div(i, pc, c, true));
        t.attach("111110111 011 ---- 1111 ---- 1111 ----", (i, pc, c) -> div(i, pc, c, false));

        // T32LoadStore: loads (S = 1 only for byte and halfword), then stores.
        for (String sz : new String[] {"0 00", "0 01", "0 10", "1 00", "1 01"}) {
            String s = sz.substring(0, 1);
            String ss = sz.substring(2);
            t.attach("1111100" + s + "-" + ss + "11111 ----------------", (i, pc, c) -> T32MemOps.single(i, pc, c, T32MemOps.LITERAL));
            t.attach("1111100" + s + "1" + ss + "1nnnn ----------------", (i, pc, c) -> T32MemOps.single(i, pc, c, T32MemOps.IMM12));
            t.attach("1111100" + s + "0" + ss + "1nnnn ----1---iiiiiiii", (i, pc, c) -> T32MemOps.single(i, pc, c, T32MemOps.IMM8));
            t.attach("1111100" + s + "0" + ss + "1nnnn ----000000iimmmm", (i, pc, c) -> T32MemOps.single(i, pc, c, T32MemOps.REG));
        }
        for (String ss : new String[] {"00", "01", "10"}) {
            t.attach("111110001" + ss + "0nnnn ----------------", (i, pc, c) -> T32MemOps.single(i, pc, c, T32MemOps.IMM12));
            t.attach("111110000" + ss + "0nnnn ----1---iiiiiiii", (i, pc, c) -> T32MemOps.single(i, pc, c, T32MemOps.IMM8));
            t.attach("111110000" + ss + "0nnnn ----000000iimmmm", (i, pc, c) -> T32MemOps.single(i, pc, c, T32MemOps.REG));
        }
        // T32LoadStoreMultiple
        t.attach("1110100010-0nnnn ----------------", (i, pc, c) -> T32MemOps.multiple(i, pc, c, false));
        t.attach("1110100010-1nnnn ----------------", (i, pc, c) -> T32MemOps.multiple(i, pc, c, false));
        t.attach("1110100100-0nnnn ----------------", (i, pc, c) -> T32MemOps.multiple(i, pc, c, true));
        t.attach("1110100100-1nnnn ----------------", (i, pc, c) -> T32MemOps.multiple(i, pc, c, true));
        // T32DualExclusive
        t.attach("111010000100nnnn ttttddddiiiiiiii", T32MemOps.Strex::make);
        t.attach("111010000101nnnn tttt----iiiiiiii", T32MemOps.Ldrex::make);
        t.attach("111010001100nnnn --------01ssdddd", T32MemOps.Strex::make);
        t.attach("111010001101nnnn --------01ss----", T32MemOps.Ldrex::make);
        t.attach("111010001101nnnn --------000hmmmm", T32MemOps.TableBranch::make);
        t.attach("11101001-1-Lnnnn ----------------", T32MemOps.Dual::make);
        t.attach("11101000-11Lnnnn ----------------", T32MemOps.Dual::make);

        // T32Control and T32System
        t.attach("11110scccciiiiii 10j0jiiiiiiiiiii", T32Ops::bCond);
        t.attach("11110siiiiiiiiii 10j1jiiiiiiiiiii", (i, pc, c) -> new Branch(pc, cond(c), pc + 4 + offset24(i),
                false, 4));
        t.attach("11110siiiiiiiiii 11j1jiiiiiiiiiii", (i, pc, c) -> new Branch(pc, cond(c), pc + 4 + offset24(i),
                true, 4));
        t.attach("11110siiiiiiiiii 11j0jiiiiiiiiiii", (i, pc, c) -> bit(i, 0) ? null
                : new BlxImm(pc, cond(c), ((pc + 4) & ~3) + offset24(i)));
        t.attach("111100111010---- 10-0-ooooooooooo", T32Ops::hint);
        t.attach("111100111011---- 10-0----oooo----", T32Ops::miscControl);
    }

    static int rn(int insn) {
        return bits(insn, 19, 16);
    }

    static int rd(int insn) {
        return bits(insn, 11, 8);
    }

    /** imm12 = i:imm3:imm8 (bits 26, 14:12, 7:0). */
    static int imm12(int insn) {
        return (bits(insn, 26, 26) << 11) | (bits(insn, 14, 12) << 8) | (insn & 0xff);
    }

    /** imm3:imm2 (bits 14:12 and 7:6): shift amounts and bit-field lsb. */
    static int imm5(int insn) {
        return (bits(insn, 14, 12) << 2) | bits(insn, 7, 6);
    }

    /** ThumbExpandImm. */
    static int expandImm(int insn) {
        int imm12 = imm12(insn);
        int imm8 = imm12 & 0xff;
        if ((imm12 >>> 10) == 0) {
            switch ((imm12 >>> 8) & 3) {
                case 0: return imm8;
                case 1: return (imm8 << 16) | imm8;
                case 2: return (imm8 << 24) | (imm8 << 8);
                default: return imm8 * 0x01010101;
            }
        }
        return Integer.rotateRight(0x80 | (imm12 & 0x7f), imm12 >>> 7);
    }

    /** SignExtend(S:I1:I2:imm10:imm11:'0'), I1 = NOT(J1 XOR S), I2 = NOT(J2 XOR S) (B T4, BL, BLX). */
    static int offset24(int insn) {
        int s = bits(insn, 26, 26);
        int i1 = ~(bits(insn, 13, 13) ^ s) & 1;
        int i2 = ~(bits(insn, 11, 11) ^ s) & 1;
        int v = (s << 24) | (i1 << 23) | (i2 << 22) | (bits(insn, 25, 16) << 12) | ((insn & 0x7ff) << 1);
        return (v << 7) >> 7;
    }

    // ------------------------------------------------------------------ data processing

    /**
     * AND BIC ORR ORN EOR ADD ADC SBC SUB RSB with a modified immediate or a shifted register, and their
     * aliases TST TEQ CMN CMP (S, Rd = PC), MOV MVN (ORR/ORN with Rn = PC; the shifts and RRX by immediate).
     */
    static final class Dp extends Op {
        final int op, rn, rd, rm, type, amount, imm;
        final boolean s, immediate, move, compare, logical, shifterCarry;
        final int immCarry;

        private Dp(int insn, int pc, int cond, int op, boolean immediate) {
            super(pc, cond);
            this.op = op;
            this.immediate = immediate;
            s = bit(insn, 20);
            rn = rn(insn);
            rd = rd(insn);
            rm = insn & 15;
            type = bits(insn, 5, 4);
            int imm5 = imm5(insn);
            amount = A32Ops.shiftAmount(type, imm5);
            imm = immediate ? expandImm(insn) : 0;
            immCarry = imm >>> 31;
            move = (op == ORR || op == ORN) && rn == 15;
            compare = isCompare(insn, op);
            logical = op <= EOR;
            shifterCarry = s && logical && (immediate ? (imm12(insn) >>> 10) != 0 : type != 0 || imm5 != 0);
        }

        static boolean isCompare(int insn, int op) {
            return bit(insn, 20) && rd(insn) == 15 && (op == AND || op == EOR || op == ADD || op == SUB);
        }

        static Op make(int insn, int pc, int cond, int op, boolean immediate) {
            boolean move = (op == ORR || op == ORN) && rn(insn) == 15;
            if (rd(insn) == 15 && !isCompare(insn, op)) {
                return null; // UNPREDICTABLE; MOVS PC is an exception return
            }
            if (rn(insn) == 15 && !move) {
                return null; // UNPREDICTABLE
            }
            if (!immediate && (insn & 15) == 15) {
                return null; // UNPREDICTABLE
            }
            return new Dp(insn, pc, cond(cond), op, immediate);
        }

        @Override
        public int exec(CpuState c) {
            int[] r = c.r;
            int b;
            int carry = c.cf;
            if (immediate) {
                b = imm;
                if (shifterCarry) {
                    carry = immCarry;
                }
            } else {
                int x = r[rm];
                b = A32Ops.shiftImm(x, type, amount, c.cf);
                if (shifterCarry) {
                    carry = A32Ops.shiftImmCarry(x, type, amount, c.cf);
                }
            }
            int a = move ? 0 : r[rn];
            int res;
            int cin = c.cf;
            switch (op) {
                case AND: res = a & b; break;
                case BIC: res = a & ~b; break;
                case ORR: res = move ? b : a | b; break;
                case ORN: res = move ? ~b : a | ~b; break;
                case EOR: res = a ^ b; break;
                case ADD:
                    res = a + b;
                    if (s) {
                        c.cf = Alu.addC(a, b);
                        c.vf = Alu.addV(a, b, res);
                    }
                    break;
                case ADC:
                    res = a + b + cin;
                    if (s) {
                        c.cf = Alu.adcC(a, b, cin);
                        c.vf = Alu.addV(a, b, res);
                    }
                    break;
                case SBC:
                    res = a - b + cin - 1;
                    if (s) {
                        c.cf = Alu.sbcC(a, b, cin);
                        c.vf = Alu.subV(a, b, res);
                    }
                    break;
                case SUB:
                    res = a - b;
                    if (s) {
                        c.cf = Alu.subC(a, b);
                        c.vf = Alu.subV(a, b, res);
                    }
                    break;
                default: // RSB
                    res = b - a;
                    if (s) {
                        c.cf = Alu.subC(b, a);
                        c.vf = Alu.subV(b, a, res);
                    }
                    break;
            }
            if (s) {
                c.nf = res;
                c.zf = res;
                if (shifterCarry) {
                    c.cf = carry;
                }
            }
            if (!compare) {
                r[rd] = res;
            }
            return NEXT;
        }
    }

    /** ADDW/SUBW Rd, Rn, #imm12; with Rn = PC it is ADR.W, Align(PC, 4) ± imm12, a constant. */
    private static Op addw(int insn, int pc, int cond, boolean sub) {
        int rd = rd(insn);
        int rn = rn(insn);
        int imm = imm12(insn);
        if (rd == 15) {
            return null; // UNPREDICTABLE (the translator interworks for ADR.W, branches for ADDW)
        }
        if (rn == 15) {
            int base = (pc + 4) & ~3;
            return new Const(pc, cond(cond), rd, sub ? base - imm : base + imm);
        }
        return new AddConst(pc, cond(cond), rd, rn, sub ? -imm : imm);
    }

    /** Rd = Rn + a constant. */
    static final class AddConst extends Op {
        final int rd, rn, imm;

        AddConst(int pc, int cond, int rd, int rn, int imm) {
            super(pc, cond);
            this.rd = rd;
            this.rn = rn;
            this.imm = imm;
        }

        @Override
        public int exec(CpuState c) {
            c.r[rd] = c.r[rn] + imm;
            return NEXT;
        }
    }

    /** MOVT: Rd[31:16] = imm16, the low half kept. */
    static final class MovT extends Op {
        final int rd, high;

        MovT(int pc, int cond, int rd, int imm16) {
            super(pc, cond);
            this.rd = rd;
            high = imm16 << 16;
        }

        @Override
        public int exec(CpuState c) {
            c.r[rd] = (c.r[rd] & 0xffff) | high;
            return NEXT;
        }
    }

    /** LSL/LSR/ASR/ROR{S}.W Rd, Rn, Rm: Rn shifted by Rm[7:0]; S sets N, Z and the shifter carry. */
    static final class ShiftReg extends Op {
        final int rd, rn, rm, type;
        final boolean s;

        private ShiftReg(int insn, int pc, int cond) {
            super(pc, cond);
            type = bits(insn, 22, 21);
            s = bit(insn, 20);
            rn = rn(insn);
            rd = rd(insn);
            rm = insn & 15;
        }

        static Op make(int insn, int pc, int cond) {
            if (rd(insn) == 15 || rn(insn) == 15 || (insn & 15) == 15) {
                return null;
            }
            return new ShiftReg(insn, pc, cond(cond));
        }

        @Override
        public int exec(CpuState c) {
            int[] r = c.r;
            int x = r[rn];
            int n = r[rm] & 0xff;
            int res = A32Ops.shiftReg(x, type, n);
            if (s) {
                c.cf = A32Ops.shiftRegCarry(x, type, n, c.cf);
                c.nf = res;
                c.zf = res;
            }
            r[rd] = res;
            return NEXT;
        }
    }

    // ------------------------------------------------------------------ media

    /**
     * SSAT (to sat_imm + 1 bits) / USAT (to sat_imm bits) of Rn LSL imm (sh = 0) or ASR imm (sh = 1); Q on
     * saturation.
     */
    static final class Sat extends Op {
        final int rd, rn, shift, width;
        final boolean asr, signed;

        private Sat(int insn, int pc, int cond, boolean signed) {
            super(pc, cond);
            this.signed = signed;
            rd = rd(insn);
            rn = rn(insn);
            asr = bit(insn, 21);
            shift = imm5(insn);
            width = signed ? (insn & 31) + 1 : insn & 31;
        }

        static Op make(int insn, int pc, int cond, boolean signed) {
            if (rd(insn) == 15 || rn(insn) == 15 || (bit(insn, 21) && imm5(insn) == 0)) {
                return null; // UNPREDICTABLE, or SSAT16/USAT16
            }
            return new Sat(insn, pc, cond(cond), signed);
        }

        @Override
        public int exec(CpuState c) {
            int v = asr ? c.r[rn] >> shift : c.r[rn] << shift;
            c.r[rd] = signed ? MediaOps.ssat(c, v, width) : MediaOps.usat(c, v, width);
            return NEXT;
        }
    }

    /** SBFX/UBFX Rd, Rn, #lsb, #width (lsb + width > 32: Undefined in the translator, no form here). */
    static Op bfx(int insn, int pc, int cond, boolean signed) {
        int widthMinus1 = insn & 31;
        int msbit = imm5(insn) + widthMinus1;
        if (msbit > 31 || rd(insn) == 15 || rn(insn) == 15) {
            return null;
        }
        return new A32MediaOps.Bfx(pc, cond(cond), rd(insn), rn(insn), 31 - msbit, 31 - widthMinus1, signed);
    }

    /** BFI Rd, Rn, #lsb, #width; BFC when Rn = 15 (msb &lt; lsb: Undefined in the translator, no form here). */
    static Op bfi(int insn, int pc, int cond) {
        int msb = insn & 31;
        int lsb = imm5(insn);
        if (msb < lsb || rd(insn) == 15) {
            return null;
        }
        return new A32MediaOps.Bfi(pc, cond(cond), rd(insn), rn(insn), lsb, msb);
    }

    /** SXTAB/SXTAH/UXTAB/UXTAH/SXTAB16/UXTAB16, or SXTB/... when Rn = 15; Rm rotated by bits 5:4 * 8. */
    private static Op extend(int insn, int pc, int cond, int how) {
        if (rd(insn) == 15 || (insn & 15) == 15) {
            return null;
        }
        return new Extend(pc, cond(cond), rd(insn), insn & 15, rn(insn), bits(insn, 5, 4) * 8, how);
    }

    /** REV, REV16, RBIT, REVSH, CLZ: Rm is encoded twice; a mismatch is UNPREDICTABLE. */
    private static Op unary(int insn, int pc, int cond, int how) {
        int rm = insn & 15;
        if (rd(insn) == 15 || rm == 15 || rn(insn) != rm) {
            return null;
        }
        return new Unary(pc, cond(cond), rd(insn), rm, how);
    }

    // ------------------------------------------------------------------ multiplies and divide

    /** MUL (Ra = 15), MLA: Rd = Ra + Rn * Rm; MLS: Rd = Ra - Rn * Rm. No flags. */
    static final class Mul extends Op {
        final int rd, rn, rm, ra;
        final boolean subtract;

        private Mul(int insn, int pc, int cond, boolean subtract) {
            super(pc, cond);
            rd = rd(insn);
            rn = rn(insn);
            rm = insn & 15;
            ra = bits(insn, 15, 12);
            this.subtract = subtract;
        }

        static Op make(int insn, int pc, int cond, boolean subtract) {
            if (rd(insn) == 15 || rn(insn) == 15 || (insn & 15) == 15 || (subtract && bits(insn, 15, 12) == 15)) {
                return null;
            }
            return new Mul(insn, pc, cond(cond), subtract);
        }

        @Override
        public int exec(CpuState c) {
            int[] r = c.r;
            int v = r[rn] * r[rm];
            if (subtract) {
                v = r[ra] - v;
            } else if (ra != 15) {
                v += r[ra];
            }
            r[rd] = v;
            return NEXT;
        }
    }

    /** SMULL, UMULL, SMLAL, UMLAL, UMAAL: RdHi (bits 11:8) : RdLo (bits 15:12). */
    static final class LongMul extends Op {
        static final int SMULL = 0, UMULL = 1, SMLAL = 2, UMLAL = 3, UMAAL = 4;
        final int hi, lo, rn, rm, how;

        private LongMul(int insn, int pc, int cond, int how) {
            super(pc, cond);
            lo = bits(insn, 15, 12);
            hi = rd(insn);
            rn = rn(insn);
            rm = insn & 15;
            this.how = how;
        }

        static Op make(int insn, int pc, int cond, int how) {
            int lo = bits(insn, 15, 12);
            int hi = rd(insn);
            if (lo == 15 || hi == 15 || hi == lo || rn(insn) == 15 || (insn & 15) == 15) {
                return null;
            }
            return new LongMul(insn, pc, cond(cond), how);
        }

        @Override
        public int exec(CpuState c) {
            int[] r = c.r;
            long v;
            switch (how) {
                case SMULL: v = (long) r[rn] * r[rm]; break;
                case UMULL: v = Integer.toUnsignedLong(r[rn]) * Integer.toUnsignedLong(r[rm]); break;
                case SMLAL: v = (long) r[rn] * r[rm] + pair(r); break;
                case UMLAL: v = Integer.toUnsignedLong(r[rn]) * Integer.toUnsignedLong(r[rm]) + pair(r); break;
                default:
                    v = Integer.toUnsignedLong(r[rn]) * Integer.toUnsignedLong(r[rm]) + Integer.toUnsignedLong(r[hi])
                            + Integer.toUnsignedLong(r[lo]);
                    break;
            }
            r[lo] = (int) v;
            r[hi] = (int) (v >>> 32);
            return NEXT;
        }

        private long pair(int[] r) {
            return Integer.toUnsignedLong(r[lo]) | ((long) r[hi] << 32);
        }
    }

    /** SDIV/UDIV: rounds towards zero; divide by zero gives 0 (Alu.sdiv/udiv, as the translator). */
    static Op div(int insn, int pc, int cond, boolean signed) {
        if (rd(insn) == 15 || rn(insn) == 15 || (insn & 15) == 15) {
            return null;
        }
        return new A32MediaOps.Div(pc, cond(cond), rd(insn), rn(insn), insn & 15, signed);
    }

    // ------------------------------------------------------------------ branches and control

    /** B&lt;c&gt;.W (T3): its own condition; inside an IT block it is UNPREDICTABLE. */
    private static Op bCond(int insn, int pc, int cond) {
        int bc = bits(insn, 25, 22);
        if (bc >= 14 || inIt(cond)) {
            return null;
        }
        int v = (bits(insn, 26, 26) << 20) | (bits(insn, 11, 11) << 19) | (bits(insn, 13, 13) << 18)
                | (bits(insn, 21, 16) << 12) | ((insn & 0x7ff) << 1);
        return new Branch(pc, bc, pc + 4 + ((v << 11) >> 11), false, 4);
    }

    /** BLX (immediate): LR = next | 1, then to ARM state at Align(PC, 4) + imm32. */
    static final class BlxImm extends Op {
        final int target;

        BlxImm(int pc, int cond, int target) {
            super(pc, cond);
            this.target = target & ~3;
        }

        @Override
        public boolean branches() {
            return true;
        }

        @Override
        public int exec(CpuState c) {
            c.r[14] = (pc + 4) | 1;
            return A32Ops.branchTo(c, target);
        }
    }

    /** NOP.W and the hints executed as NOP; YIELD/WFE/WFI/SEV and CPS stay compiled. */
    private static Op hint(int insn, int pc, int cond) {
        if (bits(insn, 10, 8) != 0) {
            return null; // CPS
        }
        int op = insn & 0xff;
        return op == 0 || op > 4 ? new Nop(pc, cond(cond)) : null;
    }

    /** CLREX, DSB, DMB, ISB. */
    private static Op miscControl(int insn, int pc, int cond) {
        switch (bits(insn, 7, 4)) {
            case 2: return new Clrex(pc, cond(cond));
            case 4: case 5: return new Fence(pc, cond(cond));
            case 6: return new Isb(pc, cond(cond));
            default: return null;
        }
    }

    static final class Clrex extends Op {
        Clrex(int pc, int cond) {
            super(pc, cond);
        }

        @Override
        public int exec(CpuState c) {
            c.exclusiveValid = false;
            return NEXT;
        }
    }

    /** DMB/DSB: a full fence against the other vCPU threads. */
    static final class Fence extends Op {
        Fence(int pc, int cond) {
            super(pc, cond);
        }

        @Override
        public int exec(CpuState c) {
            SysOps.fence();
            return NEXT;
        }
    }

    /** ISB: leaves for the loop (EXIT_SYNC: pending interrupts are taken) at the next instruction. */
    static final class Isb extends Op {
        Isb(int pc, int cond) {
            super(pc, cond);
        }

        @Override
        public boolean branches() {
            return true;
        }

        @Override
        public int exec(CpuState c) {
            c.exitKind = CpuState.EXIT_SYNC;
            c.exitInfo = 0;
            c.r[15] = pc + 4;
            return EXIT_SPECIAL;
        }
    }
}
