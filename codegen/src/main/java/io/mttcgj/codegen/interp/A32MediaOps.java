package io.mttcgj.codegen.interp;

import static io.mttcgj.codegen.interp.A32Ops.bits;

import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.runtime.Alu;
import io.mttcgj.codegen.runtime.MediaOps;

/**
 * Tier-0 forms of the A32 media instructions compilers emit for ordinary C: bitfield extract and insert,
 * byte and bit reversal, and the integer divides. A destination of 15 (UNPREDICTABLE, Undefined in the
 * translator) and the forms the translator leaves as no-ops (msb &lt; lsb, a field past bit 31) have no
 * tier-0 form: they stay compiled. T32Ops makes the same ops from the T32 encodings.
 */
final class A32MediaOps {
    private A32MediaOps() {
    }

    static final int REV = 0, REV16 = 1, RBIT = 2, REVSH = 3, SDIV = 4, UDIV = 5;

    static void attach(DecodeTable t) {
        t.attach("cccc0111110mmmmmddddlllll001nnnn", Bfi::make);
        t.attach("cccc0111101wwwwwddddlllll101nnnn", (i, pc, c) -> Bfx.make(i, pc, c, true));
        t.attach("cccc0111111wwwwwddddlllll101nnnn", (i, pc, c) -> Bfx.make(i, pc, c, false));
        t.attach("cccc01101011----dddd----0011mmmm", (i, pc, c) -> Unary.make(pc, c, bits(i, 15, 12), i & 15, REV));
        t.attach("cccc01101011----dddd----1011mmmm", (i, pc, c) -> Unary.make(pc, c, bits(i, 15, 12), i & 15, REV16));
        t.attach("cccc01101111----dddd----0011mmmm", (i, pc, c) -> Unary.make(pc, c, bits(i, 15, 12), i & 15, RBIT));
        t.attach("cccc01101111----dddd----1011mmmm", (i, pc, c) -> Unary.make(pc, c, bits(i, 15, 12), i & 15, REVSH));
        t.attach("cccc01110001dddd----mmmm0001nnnn", (i, pc, c) -> Div.make(i, pc, c, true));
        t.attach("cccc01110011dddd----mmmm0001nnnn", (i, pc, c) -> Div.make(i, pc, c, false));
    }

    /** BFI Rd, Rn, #lsb, #width; BFC when Rn = 15. */
    static final class Bfi extends Op {
        final int rd, rn, lsb, mask;

        Bfi(int pc, int cond, int rd, int rn, int lsb, int msb) {
            super(pc, cond);
            this.rd = rd;
            this.rn = rn;
            this.lsb = lsb;
            int width = msb - lsb + 1;
            mask = (width == 32 ? -1 : (1 << width) - 1) << lsb;
        }

        static Op make(int insn, int pc, int cond) {
            int rd = bits(insn, 15, 12);
            int msb = bits(insn, 20, 16);
            int lsb = bits(insn, 11, 7);
            return rd == 15 || msb < lsb ? null : new Bfi(pc, cond, rd, insn & 15, lsb, msb);
        }

        @Override
        public int exec(CpuState c) {
            int[] r = c.r;
            int v = r[rd] & ~mask;
            if (rn != 15) {
                v |= (r[rn] << lsb) & mask;
            }
            r[rd] = v;
            return NEXT;
        }
    }

    /** SBFX/UBFX Rd, Rn, #lsb, #width. */
    static final class Bfx extends Op {
        final int rd, rn, left, right;
        final boolean signed;

        Bfx(int pc, int cond, int rd, int rn, int left, int right, boolean signed) {
            super(pc, cond);
            this.rd = rd;
            this.rn = rn;
            this.left = left;
            this.right = right;
            this.signed = signed;
        }

        static Op make(int insn, int pc, int cond, boolean signed) {
            int rd = bits(insn, 15, 12);
            int widthMinus1 = bits(insn, 20, 16);
            int lsb = bits(insn, 11, 7);
            if (rd == 15 || lsb + widthMinus1 > 31) {
                return null;
            }
            return new Bfx(pc, cond, rd, insn & 15, 31 - (lsb + widthMinus1), 31 - widthMinus1, signed);
        }

        @Override
        public int exec(CpuState c) {
            int v = c.r[rn] << left;
            c.r[rd] = signed ? v >> right : v >>> right;
            return NEXT;
        }
    }

    /** REV, REV16, RBIT, REVSH. */
    static final class Unary extends Op {
        final int rd, rm, kind;

        private Unary(int pc, int cond, int rd, int rm, int kind) {
            super(pc, cond);
            this.rd = rd;
            this.rm = rm;
            this.kind = kind;
        }

        static Op make(int pc, int cond, int rd, int rm, int kind) {
            return rd == 15 ? null : new Unary(pc, cond, rd, rm, kind);
        }

        @Override
        public int exec(CpuState c) {
            int v = c.r[rm];
            switch (kind) {
                case REV: v = Integer.reverseBytes(v); break;
                case REV16: v = MediaOps.rev16(v); break;
                case RBIT: v = Integer.reverse(v); break;
                default: v = MediaOps.revsh(v); break;
            }
            c.r[rd] = v;
            return NEXT;
        }
    }

    /** SDIV/UDIV Rd, Rn, Rm (a zero divisor gives 0, as SCTLR.DZ = 0 and QEMU do). */
    static final class Div extends Op {
        final int rd, rn, rm;
        final boolean signed;

        Div(int pc, int cond, int rd, int rn, int rm, boolean signed) {
            super(pc, cond);
            this.rd = rd;
            this.rn = rn;
            this.rm = rm;
            this.signed = signed;
        }

        static Op make(int insn, int pc, int cond, boolean signed) {
            int rd = bits(insn, 19, 16);
            return rd == 15 ? null : new Div(pc, cond, rd, insn & 15, bits(insn, 11, 8), signed);
        }

        @Override
        public int exec(CpuState c) {
            int n = c.r[rn];
            int d = c.r[rm];
            c.r[rd] = signed ? Alu.sdiv(n, d) : Alu.udiv(n, d);
            return NEXT;
        }
    }
}
