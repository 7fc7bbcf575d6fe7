package io.mttcgj.codegen.interp;

import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.runtime.Alu;
import io.mttcgj.codegen.runtime.Mem;
import io.mttcgj.codegen.runtime.Sys;

/**
 * Tier-0 forms of the A32 instructions that make up most cold code: data processing, loads and stores
 * (word, byte, halfword, dual, multiple), branches, multiplies, extends, MOVW/MOVT, CLZ, SVC. They are
 * attached to the translator's own decode rows ({@link #attach}); the semantics follow the ARM ARM
 * pseudocode and the translator's choices where the architecture leaves one (UNPREDICTABLE encodings
 * have no tier-0 form: they stay with the translator, which is what QEMU is compared against).
 */
public final class A32Ops {
    private A32Ops() {
    }

    private static final String[] DP_OP = {"0000", "0001", "0010", "0011", "0100", "0101", "0110", "0111",
        "1000", "1001", "1010", "1011", "1100", "1101", "1110", "1111"};

    /** Attaches the tier-0 forms to the rows of an A32 decode table built by A32.decoder(). */
    public static void attach(DecodeTable t) {
        for (int op = 0; op < 16; op++) {
            String s = op >= 8 && op <= 11 ? "1" : "S";
            t.attach("cccc001" + DP_OP[op] + s + "nnnnddddrrrrvvvvvvvv", (i, pc, c) -> Dp.make(i, pc, c, Dp.IMM));
            t.attach("cccc000" + DP_OP[op] + s + "nnnnddddiiiiitt0mmmm", (i, pc, c) -> Dp.make(i, pc, c, Dp.SHIFT_IMM));
            t.attach("cccc000" + DP_OP[op] + s + "nnnnddddssss0tt1mmmm", (i, pc, c) -> Dp.make(i, pc, c, Dp.SHIFT_REG));
        }
        t.attach("cccc010PUBWLnnnnttttiiiiiiiiiiii", (i, pc, c) -> LdSt.make(i, pc, c, true));
        t.attach("cccc011PUBWLnnnnttttiiiiitt0mmmm", (i, pc, c) -> LdSt.make(i, pc, c, false));
        String[] op2 = {"01", "10", "11"};
        for (String o : op2) {
            t.attach("cccc000PU1WLnnnnttttiiii1" + o + "1iiii", (i, pc, c) -> Extra.make(i, pc, c, true));
            t.attach("cccc000PU0WLnnnntttt----1" + o + "1mmmm", (i, pc, c) -> Extra.make(i, pc, c, false));
        }
        t.attach("cccc100PUSWLnnnnrrrrrrrrrrrrrrrr", Multiple::make);
        t.attach("cccc1010iiiiiiiiiiiiiiiiiiiiiiii", (i, pc, c) -> new Branch(pc, c, false, i));
        t.attach("cccc1011iiiiiiiiiiiiiiiiiiiiiiii", (i, pc, c) -> new Branch(pc, c, true, i));
        t.attach("cccc000100101111111111110001mmmm", (i, pc, c) -> new Bx(pc, c, i & 15, false));
        t.attach("cccc000100101111111111110011mmmm", (i, pc, c) -> new Bx(pc, c, i & 15, true));
        t.attach("cccc0000000Sdddd----mmmm1001nnnn", (i, pc, c) -> Mul.make(i, pc, c, 0));
        t.attach("cccc0000001Sddddaaaammmm1001nnnn", (i, pc, c) -> Mul.make(i, pc, c, 1));
        t.attach("cccc00000110ddddaaaammmm1001nnnn", (i, pc, c) -> Mul.make(i, pc, c, -1));
        t.attach("cccc00001UAShhhhllllmmmm1001nnnn", LongMul::make);
        t.attach("cccc01101010nnnnddddrr--0111mmmm", (i, pc, c) -> Extend.make(i, pc, c, Extend.SB));
        t.attach("cccc01101011nnnnddddrr--0111mmmm", (i, pc, c) -> Extend.make(i, pc, c, Extend.SH));
        t.attach("cccc01101110nnnnddddrr--0111mmmm", (i, pc, c) -> Extend.make(i, pc, c, Extend.UB));
        t.attach("cccc01101111nnnnddddrr--0111mmmm", (i, pc, c) -> Extend.make(i, pc, c, Extend.UH));
        t.attach("cccc00110000iiiiddddiiiiiiiiiiii", (i, pc, c) -> MovWT.make(i, pc, c, false));
        t.attach("cccc00110100iiiiddddiiiiiiiiiiii", (i, pc, c) -> MovWT.make(i, pc, c, true));
        t.attach("cccc00010110----dddd----0001mmmm", Clz::make);
        t.attach("cccc1111iiiiiiiiiiiiiiiiiiiiiiii", (i, pc, c) -> new Svc(pc, c, i & 0xffffff));
    }

    static int bits(int insn, int hi, int lo) {
        return (insn >>> lo) & ((1 << (hi - lo + 1)) - 1);
    }

    static boolean bit(int insn, int n) {
        return ((insn >>> n) & 1) != 0;
    }

    /** A write of the PC by a data-processing or load instruction: BXWritePC (ARMv7 A32 interworks). */
    static int branchTo(CpuState c, int target) {
        c.r[15] = Sys.bxTarget(c, target);
        return Op.EXIT_INDIRECT;
    }

    // ------------------------------------------------------------------ shifter

    static final int LSL = 0, LSR = 1, ASR = 2, ROR = 3;

    /** The shifted value of an immediate shift (amount already decoded: LSR/ASR #0 mean 32, ROR #0 is RRX). */
    static int shiftImm(int x, int type, int n, int carryIn) {
        switch (type) {
            case LSL: return x << n;
            case LSR: return Alu.lsrImm(x, n);
            case ASR: return Alu.asrImm(x, n);
            default: return n == 0 ? Alu.rrx(x, carryIn) : Integer.rotateRight(x, n);
        }
    }

    static int shiftImmCarry(int x, int type, int n, int carryIn) {
        switch (type) {
            case LSL: return n == 0 ? carryIn : Alu.lslImmC(x, n);
            case LSR: return Alu.lsrImmC(x, n);
            case ASR: return Alu.asrImmC(x, n);
            default: return n == 0 ? x & 1 : Alu.rorImmC(x, n);
        }
    }

    static int shiftReg(int x, int type, int n) {
        switch (type) {
            case LSL: return Alu.lslReg(x, n);
            case LSR: return Alu.lsrReg(x, n);
            case ASR: return Alu.asrReg(x, n);
            default: return Alu.rorReg(x, n);
        }
    }

    static int shiftRegCarry(int x, int type, int n, int carryIn) {
        switch (type) {
            case LSL: return Alu.lslRegC(x, n, carryIn);
            case LSR: return Alu.lsrRegC(x, n, carryIn);
            case ASR: return Alu.asrRegC(x, n, carryIn);
            default: return Alu.rorRegC(x, n, carryIn);
        }
    }

    /** Decodes imm5 of an immediate shift: LSR/ASR #0 encode 32. */
    static int shiftAmount(int type, int imm5) {
        return imm5 == 0 && (type == LSR || type == ASR) ? 32 : imm5;
    }

    // ------------------------------------------------------------------ data processing

    static final class Dp extends Op {
        static final int IMM = 0, SHIFT_IMM = 1, SHIFT_REG = 2;
        static final int AND = 0, EOR = 1, SUB = 2, RSB = 3, ADD = 4, ADC = 5, SBC = 6, RSC = 7;
        static final int TST = 8, TEQ = 9, CMP = 10, CMN = 11, ORR = 12, MOV = 13, BIC = 14, MVN = 15;
        final int op, rn, rd, rm, rs, type, amount, imm, form;
        final boolean s;
        /** Logical op with S: C comes from the shifter. */
        final boolean shifterCarry;
        final boolean immRotated;

        private Dp(int insn, int pc, int cond, int form) {
            super(pc, cond);
            this.form = form;
            op = bits(insn, 24, 21);
            s = bit(insn, 20);
            rn = bits(insn, 19, 16);
            rd = bits(insn, 15, 12);
            rm = insn & 15;
            rs = bits(insn, 11, 8);
            type = bits(insn, 6, 5);
            amount = shiftAmount(type, bits(insn, 11, 7));
            int rot = bits(insn, 11, 8) * 2;
            imm = Integer.rotateRight(insn & 0xff, rot);
            immRotated = rot != 0;
            boolean logical = op == AND || op == EOR || op == TST || op == TEQ || op == ORR || op == MOV
                    || op == BIC || op == MVN;
            shifterCarry = s && logical;
        }

        @Override
        public boolean branches() {
            return rd == 15 && (op < TST || op > CMN);
        }

        static Op make(int insn, int pc, int cond, int form) {
            int op = bits(insn, 24, 21);
            boolean writes = op < TST || op > CMN;
            int rd = bits(insn, 15, 12);
            if (bit(insn, 20) && rd == 15 && writes) {
                return null; // SUBS PC, LR and friends: an exception return
            }
            if (form == SHIFT_REG && (rd == 15 || bits(insn, 19, 16) == 15 || (insn & 15) == 15
                    || bits(insn, 11, 8) == 15)) {
                return null; // UNPREDICTABLE
            }
            return new Dp(insn, pc, cond, form);
        }

        @Override
        public int exec(CpuState c) {
            int[] r = c.r;
            int b;
            int carry = c.cf;
            switch (form) {
                case IMM:
                    b = imm;
                    if (shifterCarry && immRotated) {
                        carry = b >>> 31;
                    }
                    break;
                case SHIFT_IMM: {
                    int x = r[rm];
                    b = shiftImm(x, type, amount, carry);
                    if (shifterCarry) {
                        carry = shiftImmCarry(x, type, amount, carry);
                    }
                    break;
                }
                default: {
                    int x = r[rm];
                    int n = r[rs] & 0xff;
                    b = shiftReg(x, type, n);
                    if (shifterCarry) {
                        carry = shiftRegCarry(x, type, n, carry);
                    }
                    break;
                }
            }
            int a = r[rn];
            int res;
            int cin = c.cf;
            switch (op) {
                case AND: case TST: res = a & b; break;
                case EOR: case TEQ: res = a ^ b; break;
                case ORR: res = a | b; break;
                case BIC: res = a & ~b; break;
                case MOV: res = b; break;
                case MVN: res = ~b; break;
                case ADD: case CMN:
                    res = a + b;
                    if (s) {
                        c.cf = Alu.addC(a, b);
                        c.vf = Alu.addV(a, b, res);
                    }
                    break;
                case SUB: case CMP:
                    res = a - b;
                    if (s) {
                        c.cf = Alu.subC(a, b);
                        c.vf = Alu.subV(a, b, res);
                    }
                    break;
                case RSB:
                    res = b - a;
                    if (s) {
                        c.cf = Alu.subC(b, a);
                        c.vf = Alu.subV(b, a, res);
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
                default: // RSC
                    res = b - a + cin - 1;
                    if (s) {
                        c.cf = Alu.sbcC(b, a, cin);
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
            if (op >= TST && op <= CMN) {
                return NEXT;
            }
            if (rd == 15) {
                return branchTo(c, res);
            }
            r[rd] = res;
            return NEXT;
        }
    }

    // ------------------------------------------------------------------ loads and stores

    /** LDR, STR, LDRB, STRB with an immediate or a shifted-register offset. */
    static final class LdSt extends Op {
        final boolean load, byteSize, p, u, writeback, immediate;
        final int rn, rt, rm, imm, type, amount;

        private LdSt(int insn, int pc, int cond, boolean immediate) {
            super(pc, cond);
            this.immediate = immediate;
            p = bit(insn, 24);
            u = bit(insn, 23);
            byteSize = bit(insn, 22);
            load = bit(insn, 20);
            writeback = !p || bit(insn, 21);
            rn = bits(insn, 19, 16);
            rt = bits(insn, 15, 12);
            rm = insn & 15;
            imm = insn & 0xfff;
            type = bits(insn, 6, 5);
            amount = shiftAmount(type, bits(insn, 11, 7));
        }

        static Op make(int insn, int pc, int cond, boolean immediate) {
            boolean p = bit(insn, 24);
            boolean w = bit(insn, 21);
            int rn = bits(insn, 19, 16);
            int rt = bits(insn, 15, 12);
            if (!p && w) {
                return null; // LDRT/STRT: User-mode permissions
            }
            if ((!p || w) && (rn == 15 || rn == rt)) {
                return null; // UNPREDICTABLE writeback
            }
            if (!immediate && (insn & 15) == 15) {
                return null;
            }
            if (bit(insn, 22) && rt == 15) {
                return null; // LDRB/STRB with the PC: UNPREDICTABLE
            }
            return new LdSt(insn, pc, cond, immediate);
        }

        @Override
        public boolean stores() {
            return !load;
        }

        @Override
        public boolean branches() {
            return load && rt == 15;
        }

        @Override
        public int exec(CpuState c) {
            int[] r = c.r;
            int base = r[rn];
            int off = immediate ? imm : shiftImm(r[rm], type, amount, c.cf);
            int indexed = u ? base + off : base - off;
            int addr = p ? indexed : base;
            if (load) {
                int v = byteSize ? Mem.ld8(c, addr) : Mem.ld32(c, addr);
                if (writeback) {
                    r[rn] = indexed;
                }
                if (rt == 15) {
                    return branchTo(c, v);
                }
                r[rt] = v;
            } else {
                int v = r[rt];
                if (byteSize) {
                    Mem.st8(c, addr, v);
                } else {
                    Mem.st32(c, addr, v);
                }
                if (writeback) {
                    r[rn] = indexed;
                }
            }
            return NEXT;
        }
    }

    /** LDRH, STRH, LDRSB, LDRSH, LDRD, STRD. */
    static final class Extra extends Op {
        static final int SB = 2, SH = 3;
        final boolean load, dual, p, u, writeback, immediate;
        final int op2, rn, rt, rm, imm;

        private Extra(int insn, int pc, int cond, boolean immediate) {
            super(pc, cond);
            this.immediate = immediate;
            op2 = bits(insn, 6, 5);
            load = bit(insn, 20);
            dual = !load && op2 != 1;
            p = bit(insn, 24);
            u = bit(insn, 23);
            rn = bits(insn, 19, 16);
            rt = bits(insn, 15, 12);
            writeback = (!p || bit(insn, 21)) && rn != 15;
            rm = insn & 15;
            imm = (bits(insn, 11, 8) << 4) | (insn & 15);
        }

        static Op make(int insn, int pc, int cond, boolean immediate) {
            int op2 = bits(insn, 6, 5);
            boolean load = bit(insn, 20);
            boolean dual = !load && op2 != 1;
            int rn = bits(insn, 19, 16);
            int rt = bits(insn, 15, 12);
            boolean writeback = (!bit(insn, 24) || bit(insn, 21)) && rn != 15;
            if ((dual && ((rt & 1) != 0 || rt == 14)) || rt == 15) {
                return null; // odd/PC pairs and PC destinations: the translator's choices stand
            }
            if (writeback && (rn == rt || (dual && rn == rt + 1))) {
                return null;
            }
            if (!immediate && (insn & 15) == 15) {
                return null;
            }
            return new Extra(insn, pc, cond, immediate);
        }

        @Override
        public boolean stores() {
            return !load && !(dual && op2 == 2);
        }

        @Override
        public int exec(CpuState c) {
            int[] r = c.r;
            int base = r[rn];
            int off = immediate ? imm : r[rm];
            int indexed = u ? base + off : base - off;
            int addr = p ? indexed : base;
            if (dual) {
                if (op2 == 2) {
                    int v1 = Mem.ld32a(c, addr);
                    int v2 = Mem.ld32a(c, addr + 4);
                    if (writeback) {
                        r[rn] = indexed;
                    }
                    r[rt] = v1;
                    r[rt + 1] = v2;
                } else {
                    Mem.st32a(c, addr, r[rt]);
                    Mem.st32a(c, addr + 4, r[rt + 1]);
                    if (writeback) {
                        r[rn] = indexed;
                    }
                }
                return NEXT;
            }
            if (load) {
                int v;
                switch (op2) {
                    case SB: v = (byte) Mem.ld8(c, addr); break;
                    case SH: v = (short) Mem.ld16(c, addr); break;
                    default: v = Mem.ld16(c, addr); break;
                }
                if (writeback) {
                    r[rn] = indexed;
                }
                r[rt] = v;
            } else {
                Mem.st16(c, addr, r[rt]);
                if (writeback) {
                    r[rn] = indexed;
                }
            }
            return NEXT;
        }
    }

    /** LDM/STM without the User-register or exception-return forms. */
    static final class Multiple extends Op {
        final int list, rn, n, startOffset;
        final boolean load, w, u;

        private Multiple(int insn, int pc, int cond) {
            super(pc, cond);
            list = insn & 0xffff;
            rn = bits(insn, 19, 16);
            boolean p = bit(insn, 24);
            u = bit(insn, 23);
            w = bit(insn, 21);
            load = bit(insn, 20);
            n = Integer.bitCount(list);
            startOffset = u ? (p ? 4 : 0) : (p ? -4 * n : -4 * n + 4);
        }

        static Op make(int insn, int pc, int cond) {
            int list = insn & 0xffff;
            int rn = bits(insn, 19, 16);
            boolean load = bit(insn, 20);
            if (list == 0 || rn == 15 || bit(insn, 22) || (load && bit(insn, 21) && (list & (1 << rn)) != 0)) {
                return null; // UNDEFINED on QEMU, or the User-bank / exception-return forms
            }
            return new Multiple(insn, pc, cond);
        }

        @Override
        public boolean stores() {
            return !load;
        }

        @Override
        public boolean branches() {
            return load && (list & 0x8000) != 0;
        }

        @Override
        public int exec(CpuState c) {
            int[] r = c.r;
            int base = r[rn];
            int addr = base + startOffset;
            int list = this.list;
            if (!load) {
                for (int i = 0; i < 16; i++) {
                    if ((list & (1 << i)) != 0) {
                        Mem.st32a(c, addr, r[i]);
                        addr += 4;
                    }
                }
                if (w) {
                    r[rn] = u ? base + 4 * n : base - 4 * n;
                }
                return NEXT;
            }
            // Every load before any register changes: a Data Abort part way leaves the registers as they were.
            int[] values = c.multiBuffer;
            for (int k = 0; k < n; k++) {
                values[k] = Mem.ld32a(c, addr + 4 * k);
            }
            if (w) {
                r[rn] = u ? base + 4 * n : base - 4 * n;
            }
            int k = 0;
            for (int i = 0; i < 15; i++) {
                if ((list & (1 << i)) != 0) {
                    r[i] = values[k++];
                }
            }
            if ((list & 0x8000) != 0) {
                return branchTo(c, values[k]);
            }
            return NEXT;
        }
    }

    // ------------------------------------------------------------------ branches

    /** B and BL. */
    static final class Branch extends Op {
        final boolean link;
        final int target;

        Branch(int pc, int cond, boolean link, int insn) {
            super(pc, cond);
            this.link = link;
            target = pc + 8 + ((insn << 8) >> 6);
        }

        @Override
        public int directTarget() {
            return target;
        }

        @Override
        public boolean branches() {
            return true;
        }

        @Override
        public int exec(CpuState c) {
            if (link) {
                c.r[14] = pc + 4;
            }
            c.r[15] = target;
            return EXIT_DIRECT;
        }
    }

    /** BX and BLX (register). */
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
                c.r[14] = pc + 4;
            }
            return branchTo(c, t);
        }
    }

    /** SVC: the loop takes the exception (or semihosting) with cpu.r[15] at the instruction. */
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

    // ------------------------------------------------------------------ multiplies and misc

    /** MUL (acc 0), MLA (acc 1), MLS (acc -1). */
    static final class Mul extends Op {
        final int rd, ra, rm, rn, acc;
        final boolean s;

        private Mul(int insn, int pc, int cond, int acc) {
            super(pc, cond);
            rd = bits(insn, 19, 16);
            ra = bits(insn, 15, 12);
            rm = bits(insn, 11, 8);
            rn = insn & 15;
            this.acc = acc;
            s = acc >= 0 && bit(insn, 20);
        }

        static Op make(int insn, int pc, int cond, int acc) {
            if (bits(insn, 19, 16) == 15 || bits(insn, 11, 8) == 15 || (insn & 15) == 15
                    || (acc != 0 && bits(insn, 15, 12) == 15)) {
                return null;
            }
            return new Mul(insn, pc, cond, acc);
        }

        @Override
        public int exec(CpuState c) {
            int[] r = c.r;
            int v = r[rn] * r[rm];
            if (acc > 0) {
                v += r[ra];
            } else if (acc < 0) {
                v = r[ra] - v;
            }
            if (s) {
                c.nf = v;
                c.zf = v;
            }
            r[rd] = v;
            return NEXT;
        }
    }

    /** UMULL, UMLAL, SMULL, SMLAL. */
    static final class LongMul extends Op {
        final int hi, lo, rm, rn;
        final boolean signed, accumulate, s;

        private LongMul(int insn, int pc, int cond) {
            super(pc, cond);
            hi = bits(insn, 19, 16);
            lo = bits(insn, 15, 12);
            rm = bits(insn, 11, 8);
            rn = insn & 15;
            signed = bit(insn, 22);
            accumulate = bit(insn, 21);
            s = bit(insn, 20);
        }

        static Op make(int insn, int pc, int cond) {
            int hi = bits(insn, 19, 16);
            int lo = bits(insn, 15, 12);
            if (hi == 15 || lo == 15 || hi == lo || bits(insn, 11, 8) == 15 || (insn & 15) == 15) {
                return null;
            }
            return new LongMul(insn, pc, cond);
        }

        @Override
        public int exec(CpuState c) {
            int[] r = c.r;
            long v = signed ? (long) r[rn] * (long) r[rm]
                    : Integer.toUnsignedLong(r[rn]) * Integer.toUnsignedLong(r[rm]);
            if (accumulate) {
                v += (Integer.toUnsignedLong(r[lo]) | ((long) r[hi] << 32));
            }
            if (s) {
                int nz = io.mttcgj.codegen.runtime.MediaOps.nz64(v);
                c.nf = nz;
                c.zf = nz;
            }
            r[lo] = (int) v;
            r[hi] = (int) (v >>> 32);
            return NEXT;
        }
    }

    /** SXTB/SXTH/UXTB/UXTH and their accumulating forms (Rn = 15: no accumulate). */
    static final class Extend extends Op {
        static final int SB = 0, SH = 1, UB = 2, UH = 3;
        final int rn, rd, rm, rot, how;

        private Extend(int insn, int pc, int cond, int how) {
            super(pc, cond);
            rn = bits(insn, 19, 16);
            rd = bits(insn, 15, 12);
            rm = insn & 15;
            rot = bits(insn, 11, 10) * 8;
            this.how = how;
        }

        static Op make(int insn, int pc, int cond, int how) {
            if (bits(insn, 15, 12) == 15 || (insn & 15) == 15) {
                return null;
            }
            return new Extend(insn, pc, cond, how);
        }

        @Override
        public int exec(CpuState c) {
            int[] r = c.r;
            int x = Integer.rotateRight(r[rm], rot);
            switch (how) {
                case SB: x = (byte) x; break;
                case SH: x = (short) x; break;
                case UB: x &= 0xff; break;
                default: x &= 0xffff; break;
            }
            if (rn != 15) {
                x += r[rn];
            }
            r[rd] = x;
            return NEXT;
        }
    }

    static final class MovWT extends Op {
        final int rd, imm16;
        final boolean top;

        private MovWT(int insn, int pc, int cond, boolean top) {
            super(pc, cond);
            rd = bits(insn, 15, 12);
            imm16 = (bits(insn, 19, 16) << 12) | (insn & 0xfff);
            this.top = top;
        }

        static Op make(int insn, int pc, int cond, boolean top) {
            return bits(insn, 15, 12) == 15 ? null : new MovWT(insn, pc, cond, top);
        }

        @Override
        public int exec(CpuState c) {
            c.r[rd] = top ? (c.r[rd] & 0xffff) | (imm16 << 16) : imm16;
            return NEXT;
        }
    }

    static final class Clz extends Op {
        final int rd, rm;

        private Clz(int insn, int pc, int cond) {
            super(pc, cond);
            rd = bits(insn, 15, 12);
            rm = insn & 15;
        }

        static Op make(int insn, int pc, int cond) {
            return bits(insn, 15, 12) == 15 || (insn & 15) == 15 ? null : new Clz(insn, pc, cond);
        }

        @Override
        public int exec(CpuState c) {
            c.r[rd] = Integer.numberOfLeadingZeros(c.r[rm]);
            return NEXT;
        }
    }
}
