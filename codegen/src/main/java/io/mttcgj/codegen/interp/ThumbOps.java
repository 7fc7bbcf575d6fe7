package io.mttcgj.codegen.interp;

import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.runtime.MediaOps;
import io.mttcgj.codegen.runtime.Mem;

/**
 * Tier-0 ops shared by the 16- and 32-bit Thumb encodings ({@link T16Ops}, {@link T32Ops}): direct
 * branches, constants, extends and byte reverses, single and multiple loads and stores. When an op runs,
 * {@code c.r[15]} is the instruction's address + 4.
 */
final class ThumbOps {
    private ThumbOps() {
    }

    /** The factory's {@code cond}: inside an IT block (OpFactory.IN_IT set)? */
    static boolean inIt(int cond) {
        return (cond & OpFactory.IN_IT) != 0;
    }

    /** The condition the op runs under (14 outside an IT block). */
    static int cond(int cond) {
        return cond & 15;
    }

    static int bits(int insn, int hi, int lo) {
        return (insn >>> lo) & ((1 << (hi - lo + 1)) - 1);
    }

    static boolean bit(int insn, int n) {
        return ((insn >>> n) & 1) != 0;
    }

    /** BranchWritePC in Thumb state (ALU writes of the PC, TBB/TBH): bit 0 cleared, no interworking. */
    static int branchWritePc(CpuState c, int target) {
        c.r[15] = target & ~1;
        return Op.EXIT_INDIRECT;
    }

    // ------------------------------------------------------------------ branches, no-ops, constants

    /** B (T1-T4) and BL: a constant Thumb target; BL sets LR = next instruction | 1. */
    static final class Branch extends Op {
        final int target;
        final boolean link;
        final int lr;

        Branch(int pc, int cond, int target, boolean link, int size) {
            super(pc, cond);
            this.target = target;
            this.link = link;
            lr = (pc + size) | 1;
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
            if (link) {
                c.r[14] = lr;
            }
            c.r[15] = target;
            return EXIT_DIRECT;
        }
    }

    /** NOP and the hints the translator executes as NOP; PLD/PLI (no cache model). */
    static final class Nop extends Op {
        Nop(int pc, int cond) {
            super(pc, cond);
        }

        @Override
        public int exec(CpuState c) {
            return NEXT;
        }
    }

    /** Rd = a constant: ADR, ADR.W, MOVW, ADDW/SUBW with Rn = PC. */
    static final class Const extends Op {
        final int rd, value;

        Const(int pc, int cond, int rd, int value) {
            super(pc, cond);
            this.rd = rd;
            this.value = value;
        }

        @Override
        public int exec(CpuState c) {
            c.r[rd] = value;
            return NEXT;
        }
    }

    // ------------------------------------------------------------------ extend and reverse

    /** SXTB/SXTH/UXTB/UXTH, their accumulating forms (rn != 15) and SXTB16/UXTB16 (+ SXTAB16/UXTAB16). */
    static final class Extend extends Op {
        static final int SB = 0, SH = 1, UB = 2, UH = 3, SB16 = 4, UB16 = 5;
        final int rd, rm, rn, rot, how;

        Extend(int pc, int cond, int rd, int rm, int rn, int rot, int how) {
            super(pc, cond);
            this.rd = rd;
            this.rm = rm;
            this.rn = rn;
            this.rot = rot;
            this.how = how;
        }

        @Override
        public int exec(CpuState c) {
            int[] r = c.r;
            int x = Integer.rotateRight(r[rm], rot);
            switch (how) {
                case SB: x = (byte) x; break;
                case SH: x = (short) x; break;
                case UB: x &= 0xff; break;
                case UH: x &= 0xffff; break;
                default:
                    r[rd] = MediaOps.xtab16(rn != 15 ? r[rn] : 0, x, how == SB16);
                    return NEXT;
            }
            if (rn != 15) {
                x += r[rn];
            }
            r[rd] = x;
            return NEXT;
        }
    }

    /** REV, REV16, REVSH, RBIT, CLZ. */
    static final class Unary extends Op {
        static final int REV = 0, REV16 = 1, REVSH = 2, RBIT = 3, CLZ = 4;
        final int rd, rm, how;

        Unary(int pc, int cond, int rd, int rm, int how) {
            super(pc, cond);
            this.rd = rd;
            this.rm = rm;
            this.how = how;
        }

        @Override
        public int exec(CpuState c) {
            int x = c.r[rm];
            switch (how) {
                case REV: x = Integer.reverseBytes(x); break;
                case REV16: x = MediaOps.rev16(x); break;
                case REVSH: x = MediaOps.revsh(x); break;
                case RBIT: x = Integer.reverse(x); break;
                default: x = Integer.numberOfLeadingZeros(x); break;
            }
            c.r[rd] = x;
            return NEXT;
        }
    }

    // ------------------------------------------------------------------ loads and stores

    /**
     * LDR/LDRB/LDRSB/LDRH/LDRSH/STR/STRB/STRH: [Rn, #imm] or [Rn, Rm, LSL #shift] with offset, pre- or
     * post-indexing, or a constant (literal) address. The access comes first, then the writeback, then
     * the destination (a loaded PC is LoadWritePC: interworking).
     */
    static final class Single extends Op {
        static final int LDR = 0, LDRB = 1, LDRSB = 2, LDRH = 3, LDRSH = 4, STR = 5, STRB = 6, STRH = 7;
        final int kind, rn, rt, rm, shift, imm;
        final boolean add, pre, wb;

        /** {@code rm} = -1 for an immediate offset; {@code rn} = -1 for a literal at the address {@code imm}. */
        Single(int pc, int cond, int kind, int rt, int rn, int rm, int shift, int imm, boolean add, boolean pre,
                boolean wb) {
            super(pc, cond);
            this.kind = kind;
            this.rt = rt;
            this.rn = rn;
            this.rm = rm;
            this.shift = shift;
            this.imm = imm;
            this.add = add;
            this.pre = pre;
            this.wb = wb;
        }

        /** Size (1, 2, 4) and signedness of a T32 load/store: S (bit 24), size (bits 22:21), L (bit 20). */
        static int kind(boolean load, int size, boolean signed) {
            if (!load) {
                return size == 4 ? STR : size == 1 ? STRB : STRH;
            }
            if (size == 4) {
                return LDR;
            }
            if (size == 1) {
                return signed ? LDRSB : LDRB;
            }
            return signed ? LDRSH : LDRH;
        }

        @Override
        public boolean stores() {
            return kind >= STR;
        }

        @Override
        public boolean branches() {
            return rt == 15;
        }

        @Override
        public int exec(CpuState c) {
            int[] r = c.r;
            int addr;
            int indexed = 0;
            if (rn < 0) {
                addr = imm;
            } else {
                int base = r[rn];
                int off = rm >= 0 ? r[rm] << shift : imm;
                indexed = add ? base + off : base - off;
                addr = pre ? indexed : base;
            }
            int v;
            switch (kind) {
                case LDR: v = Mem.ld32(c, addr); break;
                case LDRB: v = Mem.ld8(c, addr); break;
                case LDRSB: v = (byte) Mem.ld8(c, addr); break;
                case LDRH: v = Mem.ld16(c, addr); break;
                case LDRSH: v = (short) Mem.ld16(c, addr); break;
                case STR:
                    Mem.st32(c, addr, r[rt]);
                    return stored(r, indexed);
                case STRB:
                    Mem.st8(c, addr, r[rt]);
                    return stored(r, indexed);
                default:
                    Mem.st16(c, addr, r[rt]);
                    return stored(r, indexed);
            }
            if (wb) {
                r[rn] = indexed;
            }
            if (rt == 15) {
                return A32Ops.branchTo(c, v);
            }
            r[rt] = v;
            return NEXT;
        }

        private int stored(int[] r, int indexed) {
            if (wb) {
                r[rn] = indexed;
            }
            return NEXT;
        }
    }

    /**
     * LDM/STM (increment after, decrement before), PUSH/POP: the lowest register at the lowest address,
     * every load before any register changes (a Data Abort part way leaves them as they were), the
     * writeback before the loaded registers, a loaded PC last (LoadWritePC: interworking).
     */
    static final class Multiple extends Op {
        final int list, rn, n, startOffset, delta;
        final boolean load, wb;

        /** {@code decrement}: DB (PUSH); otherwise IA. */
        Multiple(int pc, int cond, int rn, int list, boolean load, boolean decrement, boolean wb) {
            super(pc, cond);
            this.rn = rn;
            this.list = list;
            this.load = load;
            this.wb = wb;
            n = Integer.bitCount(list);
            startOffset = decrement ? -4 * n : 0;
            delta = decrement ? -4 * n : 4 * n;
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
                for (int i = 0; i < 15; i++) {
                    if ((list & (1 << i)) != 0) {
                        Mem.st32a(c, addr, r[i]);
                        addr += 4;
                    }
                }
                if (wb) {
                    r[rn] = base + delta;
                }
                return NEXT;
            }
            int[] values = c.multiBuffer;
            for (int k = 0; k < n; k++) {
                values[k] = Mem.ld32a(c, addr + 4 * k);
            }
            if (wb) {
                r[rn] = base + delta;
            }
            int k = 0;
            for (int i = 0; i < 15; i++) {
                if ((list & (1 << i)) != 0) {
                    r[i] = values[k++];
                }
            }
            if ((list & 0x8000) != 0) {
                return A32Ops.branchTo(c, values[k]);
            }
            return NEXT;
        }
    }
}
