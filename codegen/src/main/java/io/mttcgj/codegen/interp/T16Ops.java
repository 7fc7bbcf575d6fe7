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
import io.mttcgj.codegen.interp.ThumbOps.Multiple;
import io.mttcgj.codegen.interp.ThumbOps.Nop;
import io.mttcgj.codegen.interp.ThumbOps.Single;
import io.mttcgj.codegen.interp.ThumbOps.Unary;
import io.mttcgj.codegen.runtime.Alu;

/**
 * Tier-0 forms of the 16-bit Thumb instructions (the rows of arm/thumb/T16*.java): shifts by an
 * immediate, ADD/SUB/MOV/CMP with registers and small immediates, the sixteen register-to-register
 * ops, the high-register ADD/CMP/MOV, BX/BLX, ADR and the SP-relative arithmetic, extends and byte
 * reverses, every load and store, PUSH/POP/LDM/STM, CBZ/CBNZ, B&lt;c&gt;, B, SVC and NOP. Semantics
 * are the translator's (and the ARM ARM's); the data-processing ops set flags only outside an IT block
 * (CMP, CMN and TST always do). UNPREDICTABLE encodings (and the ones the translator makes Undefined)
 * have no tier-0 form.
 */
public final class T16Ops {
    private T16Ops() {
    }

    private static final String PRE = "0000000000000000";
    private static final String[] B4 = {"0000", "0001", "0010", "0011", "0100", "0101", "0110", "0111", "1000",
        "1001", "1010", "1011", "1100", "1101", "1110", "1111"};

    private static void at(DecodeTable t, String pattern16, OpFactory f) {
        t.attach(PRE + pattern16, f);
    }

    /** Attaches the tier-0 forms to the rows of a T16 decode table built by Thumb.t16(). */
    public static void attach(DecodeTable t) {
        // Data processing (T16DataProcessing).
        for (int type = 0; type <= 2; type++) {
            int ty = type;
            at(t, "000" + B4[type].substring(2) + " iiiii mmm ddd", (i, pc, c) -> ShiftImm.make(i, pc, c, ty));
        }
        at(t, "0001100 mmm nnn ddd", (i, pc, c) -> AddSub.make(i, pc, c, true, false));
        at(t, "0001101 mmm nnn ddd", (i, pc, c) -> AddSub.make(i, pc, c, false, false));
        at(t, "0001110 iii nnn ddd", (i, pc, c) -> AddSub.make(i, pc, c, true, true));
        at(t, "0001111 iii nnn ddd", (i, pc, c) -> AddSub.make(i, pc, c, false, true));
        at(t, "00100 ddd iiiiiiii", (i, pc, c) -> new MovImm(pc, cond(c), bits(i, 10, 8), i & 0xff, !inIt(c)));
        at(t, "00101 nnn iiiiiiii", (i, pc, c) -> new AddSub(pc, cond(c), false, bits(i, 10, 8), -1, i & 0xff, -1,
                true));
        at(t, "00110 ddd iiiiiiii", (i, pc, c) -> AddSub.imm8(i, pc, c, true));
        at(t, "00111 ddd iiiiiiii", (i, pc, c) -> AddSub.imm8(i, pc, c, false));
        for (int op = 0; op < 16; op++) {
            at(t, "010000 " + B4[op] + " mmm ddd", DpReg::make);
        }
        at(t, "01000100 d mmmm ddd", (i, pc, c) -> High.make(i, pc, c, High.ADD));
        at(t, "01000101 n mmmm nnn", (i, pc, c) -> High.make(i, pc, c, High.CMP));
        at(t, "01000110 d mmmm ddd", (i, pc, c) -> High.make(i, pc, c, High.MOV));
        at(t, "10100 ddd iiiiiiii", (i, pc, c) -> new Const(pc, cond(c), bits(i, 10, 8),
                ((pc + 4) & ~3) + (i & 0xff) * 4));
        at(t, "10101 ddd iiiiiiii", (i, pc, c) -> new AddImm(pc, cond(c), bits(i, 10, 8), 13, (i & 0xff) * 4));
        at(t, "101100000 iiiiiii", (i, pc, c) -> new AddImm(pc, cond(c), 13, 13, (i & 0x7f) * 4));
        at(t, "101100001 iiiiiii", (i, pc, c) -> new AddImm(pc, cond(c), 13, 13, -(i & 0x7f) * 4));
        int[] ext = {Extend.SH, Extend.SB, Extend.UH, Extend.UB};
        for (int k = 0; k < 4; k++) {
            int how = ext[k];
            at(t, "10110010" + B4[k].substring(2) + " mmm ddd",
                    (i, pc, c) -> new Extend(pc, cond(c), i & 7, bits(i, 5, 3), 15, 0, how));
        }
        at(t, "1011101000 mmm ddd", (i, pc, c) -> new Unary(pc, cond(c), i & 7, bits(i, 5, 3), Unary.REV));
        at(t, "1011101001 mmm ddd", (i, pc, c) -> new Unary(pc, cond(c), i & 7, bits(i, 5, 3), Unary.REV16));
        at(t, "1011101011 mmm ddd", (i, pc, c) -> new Unary(pc, cond(c), i & 7, bits(i, 5, 3), Unary.REVSH));

        // Loads and stores (T16LoadStore).
        at(t, "01001 ttt iiiiiiii", (i, pc, c) -> new Single(pc, cond(c), Single.LDR, bits(i, 10, 8), -1, -1, 0,
                ((pc + 4) & ~3) + (i & 0xff) * 4, true, true, false));
        int[] regKinds = {Single.STR, Single.STRH, Single.STRB, Single.LDRSB, Single.LDR, Single.LDRH, Single.LDRB,
            Single.LDRSH};
        for (int op = 0; op < 8; op++) {
            int kind = regKinds[op];
            at(t, "0101 " + B4[op].substring(1) + " mmm nnn ttt", (i, pc, c) -> new Single(pc, cond(c), kind, i & 7,
                    bits(i, 5, 3), bits(i, 8, 6), 0, 0, true, true, false));
        }
        at(t, "01100 iiiii nnn ttt", (i, pc, c) -> immediate(i, pc, c, Single.STR, 4));
        at(t, "01101 iiiii nnn ttt", (i, pc, c) -> immediate(i, pc, c, Single.LDR, 4));
        at(t, "01110 iiiii nnn ttt", (i, pc, c) -> immediate(i, pc, c, Single.STRB, 1));
        at(t, "01111 iiiii nnn ttt", (i, pc, c) -> immediate(i, pc, c, Single.LDRB, 1));
        at(t, "10000 iiiii nnn ttt", (i, pc, c) -> immediate(i, pc, c, Single.STRH, 2));
        at(t, "10001 iiiii nnn ttt", (i, pc, c) -> immediate(i, pc, c, Single.LDRH, 2));
        at(t, "10010 ttt iiiiiiii", (i, pc, c) -> new Single(pc, cond(c), Single.STR, bits(i, 10, 8), 13, -1, 0,
                (i & 0xff) * 4, true, true, false));
        at(t, "10011 ttt iiiiiiii", (i, pc, c) -> new Single(pc, cond(c), Single.LDR, bits(i, 10, 8), 13, -1, 0,
                (i & 0xff) * 4, true, true, false));
        at(t, "1011010 m rrrrrrrr", (i, pc, c) -> multiple(pc, c, 13, (i & 0xff) | (bit(i, 8) ? 1 << 14 : 0), false,
                true, true));
        at(t, "1011110 p rrrrrrrr", (i, pc, c) -> multiple(pc, c, 13, (i & 0xff) | (bit(i, 8) ? 1 << 15 : 0), true,
                false, true));
        at(t, "11000 nnn rrrrrrrr", T16Ops::stm);
        at(t, "11001 nnn rrrrrrrr", (i, pc, c) -> multiple(pc, c, bits(i, 10, 8), i & 0xff, true, false,
                (i & 0xff & (1 << bits(i, 10, 8))) == 0));

        // Branches and miscellaneous (T16Control).
        at(t, "010001110 mmmm 000", (i, pc, c) -> new Bx(pc, cond(c), bits(i, 6, 3), false));
        at(t, "010001111 mmmm 000", (i, pc, c) -> bits(i, 6, 3) == 15 ? null // BLX PC: UNPREDICTABLE
                : new Bx(pc, cond(c), bits(i, 6, 3), true));
        at(t, "1011 0 0 i 1 iiiii nnn", (i, pc, c) -> Cbz.make(i, pc, c, false));
        at(t, "1011 1 0 i 1 iiiii nnn", (i, pc, c) -> Cbz.make(i, pc, c, true));
        at(t, "1101 1111 iiiiiiii", (i, pc, c) -> new Svc(pc, cond(c), i & 0xff));
        // B<c> T1 carries its own condition; inside an IT block it is UNPREDICTABLE.
        at(t, "1101 cccc iiiiiiii", (i, pc, c) -> inIt(c) ? null
                : new Branch(pc, bits(i, 11, 8), pc + 4 + ((byte) i << 1), false, 2));
        at(t, "11100 iiiiiiiiiii", (i, pc, c) -> new Branch(pc, cond(c), pc + 4 + ((i << 21) >> 20), false, 2));
        // NOP and the unallocated hints; YIELD, WFE, WFI and SEV need the loop (or SysOps) and stay compiled.
        at(t, "1011 1111 oooo 0000", (i, pc, c) -> bits(i, 7, 4) == 0 || bits(i, 7, 4) > 4 ? new Nop(pc, cond(c))
                : null);
    }

    private static Op immediate(int insn, int pc, int cond, int kind, int scale) {
        return new Single(pc, cond(cond), kind, insn & 7, bits(insn, 5, 3), -1, 0, bits(insn, 10, 6) * scale, true,
                true, false);
    }

    /** An empty list is UNPREDICTABLE (the translator makes it Undefined). */
    private static Op multiple(int pc, int cond, int rn, int list, boolean load, boolean decrement, boolean wb) {
        return list == 0 ? null : new Multiple(pc, cond(cond), rn, list, load, decrement, wb);
    }

    /** STM Rn!, {list}: a base in the list that is not the lowest stores an UNKNOWN value. */
    private static Op stm(int insn, int pc, int cond) {
        int list = insn & 0xff;
        int rn = bits(insn, 10, 8);
        if ((list & (1 << rn)) != 0 && (list & ((1 << rn) - 1)) != 0) {
            return null;
        }
        return multiple(pc, cond, rn, list, false, false, true);
    }

    // ------------------------------------------------------------------ data processing

    /** LSL/LSR/ASR (immediate); LSL #0 is MOVS Rd, Rm (C unchanged), UNPREDICTABLE inside an IT block. */
    static final class ShiftImm extends Op {
        final int rd, rm, type, n;
        final boolean s;

        private ShiftImm(int insn, int pc, int cond, int type, boolean s) {
            super(pc, cond);
            this.type = type;
            rd = insn & 7;
            rm = bits(insn, 5, 3);
            n = A32Ops.shiftAmount(type, bits(insn, 10, 6));
            this.s = s;
        }

        static Op make(int insn, int pc, int cond, int type) {
            if (type == A32Ops.LSL && bits(insn, 10, 6) == 0 && inIt(cond)) {
                return null;
            }
            return new ShiftImm(insn, pc, cond(cond), type, !inIt(cond));
        }

        @Override
        public int exec(CpuState c) {
            int[] r = c.r;
            int x = r[rm];
            int res = A32Ops.shiftImm(x, type, n, 0);
            if (s) {
                if (n != 0) {
                    c.cf = A32Ops.shiftImmCarry(x, type, n, c.cf);
                }
                c.nf = res;
                c.zf = res;
            }
            r[rd] = res;
            return NEXT;
        }
    }

    /** ADD/SUB (register, 3-bit and 8-bit immediate) and CMP (immediate, high registers); rd = -1: compare. */
    static final class AddSub extends Op {
        final boolean add, s;
        final int rn, rd, imm, rm;

        AddSub(int pc, int cond, boolean add, int rn, int rd, int imm, int rm, boolean s) {
            super(pc, cond);
            this.add = add;
            this.rn = rn;
            this.rd = rd;
            this.imm = imm;
            this.rm = rm;
            this.s = s;
        }

        static Op make(int insn, int pc, int cond, boolean add, boolean immediate) {
            int m = bits(insn, 8, 6);
            return new AddSub(pc, cond(cond), add, bits(insn, 5, 3), insn & 7, immediate ? m : 0, immediate ? -1 : m,
                    !inIt(cond));
        }

        static Op imm8(int insn, int pc, int cond, boolean add) {
            int rdn = bits(insn, 10, 8);
            return new AddSub(pc, cond(cond), add, rdn, rdn, insn & 0xff, -1, !inIt(cond));
        }

        @Override
        public int exec(CpuState c) {
            int[] r = c.r;
            int a = r[rn];
            int b = rm >= 0 ? r[rm] : imm;
            int res;
            if (add) {
                res = a + b;
                if (s) {
                    c.cf = Alu.addC(a, b);
                    c.vf = Alu.addV(a, b, res);
                }
            } else {
                res = a - b;
                if (s) {
                    c.cf = Alu.subC(a, b);
                    c.vf = Alu.subV(a, b, res);
                }
            }
            if (s) {
                c.nf = res;
                c.zf = res;
            }
            if (rd >= 0) {
                r[rd] = res;
            }
            return NEXT;
        }
    }

    /** MOV{S} Rd, #imm8: N and Z outside an IT block, C and V unchanged. */
    static final class MovImm extends Op {
        final int rd, imm;
        final boolean s;

        MovImm(int pc, int cond, int rd, int imm, boolean s) {
            super(pc, cond);
            this.rd = rd;
            this.imm = imm;
            this.s = s;
        }

        @Override
        public int exec(CpuState c) {
            if (s) {
                c.nf = imm;
                c.zf = imm;
            }
            c.r[rd] = imm;
            return NEXT;
        }
    }

    /** Rd = Rn + a constant: ADD Rd, SP, #imm8*4; ADD/SUB SP, SP, #imm7*4 (no flags). */
    static final class AddImm extends Op {
        final int rd, rn, imm;

        AddImm(int pc, int cond, int rd, int rn, int imm) {
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

    /** The data-processing (register) group, 010000 oooo mmm ddd: Rdn = Rdn op Rm. */
    static final class DpReg extends Op {
        static final int AND = 0, EOR = 1, LSL = 2, LSR = 3, ASR = 4, ADC = 5, SBC = 6, ROR = 7;
        static final int TST = 8, RSB = 9, CMP = 10, CMN = 11, ORR = 12, MUL = 13, BIC = 14, MVN = 15;
        final int op, rdn, rm;
        final boolean s;

        private DpReg(int insn, int pc, int cond, boolean s) {
            super(pc, cond);
            op = bits(insn, 9, 6);
            rdn = insn & 7;
            rm = bits(insn, 5, 3);
            this.s = s;
        }

        static Op make(int insn, int pc, int cond) {
            int op = bits(insn, 9, 6);
            boolean compare = op == TST || op == CMP || op == CMN;
            return new DpReg(insn, pc, cond(cond), compare || !inIt(cond));
        }

        @Override
        public int exec(CpuState c) {
            int[] r = c.r;
            int a = r[rdn];
            int b = r[rm];
            int res;
            switch (op) {
                case AND: case TST: res = a & b; break;
                case EOR: res = a ^ b; break;
                case ORR: res = a | b; break;
                case BIC: res = a & ~b; break;
                case MVN: res = ~b; break;
                case MUL: res = a * b; break;
                case LSL: case LSR: case ASR: case ROR: {
                    int type = op == LSL ? A32Ops.LSL : op == LSR ? A32Ops.LSR : op == ASR ? A32Ops.ASR : A32Ops.ROR;
                    int n = b & 0xff;
                    res = A32Ops.shiftReg(a, type, n);
                    if (s) {
                        c.cf = A32Ops.shiftRegCarry(a, type, n, c.cf);
                    }
                    break;
                }
                case ADC: {
                    int cin = c.cf;
                    res = a + b + cin;
                    if (s) {
                        c.cf = Alu.adcC(a, b, cin);
                        c.vf = Alu.addV(a, b, res);
                    }
                    break;
                }
                case SBC: {
                    int cin = c.cf;
                    res = a - b + cin - 1;
                    if (s) {
                        c.cf = Alu.sbcC(a, b, cin);
                        c.vf = Alu.subV(a, b, res);
                    }
                    break;
                }
                case RSB:
                    res = -b;
                    if (s) {
                        c.cf = Alu.subC(0, b);
                        c.vf = Alu.subV(0, b, res);
                    }
                    break;
                case CMP:
                    res = a - b;
                    c.cf = Alu.subC(a, b);
                    c.vf = Alu.subV(a, b, res);
                    break;
                default: // CMN
                    res = a + b;
                    c.cf = Alu.addC(a, b);
                    c.vf = Alu.addV(a, b, res);
                    break;
            }
            if (s) {
                c.nf = res;
                c.zf = res;
            }
            if (op != TST && op != CMP && op != CMN) {
                r[rdn] = res;
            }
            return NEXT;
        }
    }

    /** ADD Rdn, Rm / CMP Rn, Rm / MOV Rd, Rm with any registers; ADD PC and MOV PC are BranchWritePC. */
    static final class High extends Op {
        static final int ADD = 0, CMP = 1, MOV = 2;
        final int op, rd, rm;

        private High(int pc, int cond, int op, int rd, int rm) {
            super(pc, cond);
            this.op = op;
            this.rd = rd;
            this.rm = rm;
        }

        static Op make(int insn, int pc, int cond, int op) {
            int rd = (bits(insn, 7, 7) << 3) | (insn & 7);
            int rm = bits(insn, 6, 3);
            if (op == ADD && rd == 15 && rm == 15) {
                return null; // UNPREDICTABLE
            }
            if (op == CMP && (rd == 15 || rm == 15 || (rd < 8 && rm < 8))) {
                return null; // UNPREDICTABLE
            }
            return new High(pc, cond(cond), op, rd, rm);
        }

        @Override
        public boolean branches() {
            return rd == 15 && op != CMP;
        }

        @Override
        public int exec(CpuState c) {
            int[] r = c.r;
            int b = r[rm];
            int res;
            switch (op) {
                case ADD:
                    res = r[rd] + b;
                    break;
                case MOV:
                    res = b;
                    break;
                default: {
                    int a = r[rd];
                    res = a - b;
                    c.cf = Alu.subC(a, b);
                    c.vf = Alu.subV(a, b, res);
                    c.nf = res;
                    c.zf = res;
                    return NEXT;
                }
            }
            if (rd == 15) {
                return ThumbOps.branchWritePc(c, res);
            }
            r[rd] = res;
            return NEXT;
        }
    }

    // ------------------------------------------------------------------ branches and exceptions

    /** BX Rm and BLX Rm: BXWritePC (bit 0 selects the instruction set); BLX sets LR = next | 1 after reading Rm. */
    static final class Bx extends Op {
        final int rm;
        final boolean link;

        Bx(int pc, int cond, int rm, boolean link) {
            super(pc, cond);
            this.rm = rm;
            this.link = link;
        }

        @Override
        public boolean branches() {
            return true;
        }

        @Override
        public int exec(CpuState c) {
            int t = c.r[rm];
            if (link) {
                c.r[14] = (pc + 2) | 1;
            }
            return A32Ops.branchTo(c, t);
        }
    }

    /** CBZ/CBNZ Rn, label: forward, conditional on the register (never inside an IT block). */
    static final class Cbz extends Op {
        final int rn, target;
        final boolean nonZero;

        private Cbz(int pc, int rn, int target, boolean nonZero) {
            super(pc, 14);
            this.rn = rn;
            this.target = target;
            this.nonZero = nonZero;
        }

        static Op make(int insn, int pc, int cond, boolean nonZero) {
            if (inIt(cond)) {
                return null; // UNPREDICTABLE
            }
            int target = pc + 4 + ((bits(insn, 9, 9) << 6) | (bits(insn, 7, 3) << 1));
            return new Cbz(pc, insn & 7, target, nonZero);
        }

        @Override
        public boolean branches() {
            return true;
        }

        @Override
        public int directTarget() {
            return target;
        }

        @Override
        public int exec(CpuState c) {
            if ((c.r[rn] != 0) == nonZero) {
                c.r[15] = target;
                return EXIT_DIRECT;
            }
            return NEXT;
        }
    }

    /** SVC #imm8: the loop takes the exception (or semihosting) with cpu.r[15] at the instruction. */
    static final class Svc extends Op {
        final int imm;

        Svc(int pc, int cond, int imm) {
            super(pc, cond);
            this.imm = imm;
        }

        @Override
        public boolean branches() {
            return true;
        }

        @Override
        public int exec(CpuState c) {
            c.exitKind = CpuState.EXIT_SVC;
            c.exitInfo = imm;
            c.r[15] = pc;
            return EXIT_SPECIAL;
        }
    }
}
