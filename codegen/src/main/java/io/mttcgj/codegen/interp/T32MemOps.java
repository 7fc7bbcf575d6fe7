package io.mttcgj.codegen.interp;

import static io.mttcgj.codegen.interp.ThumbOps.bit;
import static io.mttcgj.codegen.interp.ThumbOps.bits;
import static io.mttcgj.codegen.interp.ThumbOps.cond;
import static io.mttcgj.codegen.interp.T32Ops.rd;
import static io.mttcgj.codegen.interp.T32Ops.rn;

import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.interp.ThumbOps.Multiple;
import io.mttcgj.codegen.interp.ThumbOps.Nop;
import io.mttcgj.codegen.interp.ThumbOps.Single;
import io.mttcgj.codegen.runtime.Mem;

/**
 * Tier-0 forms of the 32-bit Thumb loads and stores (the memory half of {@link T32Ops}, which attaches them):
 * LDR/STR of every size with imm12, imm8 (offset, pre, post), register and literal addressing, LDRD/STRD,
 * LDM/STM (PUSH.W/POP.W), LDREX/STREX and their byte, halfword and doubleword forms, TBB/TBH.
 */
final class T32MemOps {
    private T32MemOps() {
    }

    // ------------------------------------------------------------------ loads and stores

    static final int IMM12 = 0, IMM8 = 1, REG = 2, LITERAL = 3;

    /**
     * LDR/LDRB/LDRSB/LDRH/LDRSH/STR/STRB/STRH (T32LoadStore.single). PLD/PLDW/PLI and the memory hints
     * (a byte or halfword load to the PC) are no-ops, as in the translator.
     */
    static Op single(int insn, int pc, int cond, int form) {
        boolean load = bit(insn, 20);
        int size = 1 << bits(insn, 22, 21);
        boolean signed = bit(insn, 24);
        int rn = rn(insn);
        int rt = bits(insn, 15, 12);
        boolean p = true;
        boolean u = true;
        boolean w = false;
        int c = cond(cond);
        if (form == IMM8) {
            p = bit(insn, 10);
            u = bit(insn, 9);
            w = bit(insn, 8);
            if (!p && !w) {
                return null; // Undefined in the translator
            }
            if (p && u && !w) {
                return null; // LDRT/STRT...: unprivileged access
            }
        } else if (form == LITERAL) {
            u = bit(insn, 23);
        }
        if (!load && rn == 15) {
            return null;
        }
        if (load && rt == 15 && size != 4) {
            return new Nop(pc, c);
        }
        if (!load && rt == 15) {
            return null; // UNPREDICTABLE
        }
        if (w && rn == rt) {
            return null; // UNPREDICTABLE
        }
        int kind = Single.kind(load, size, signed);
        if (form == LITERAL) {
            int base = (pc + 4) & ~3;
            int imm = insn & 0xfff;
            return new Single(pc, c, kind, rt, -1, -1, 0, u ? base + imm : base - imm, true, true, false);
        }
        if (form == REG) {
            int rm = insn & 15;
            if (rm == 15 || rm == 13) {
                return null; // UNPREDICTABLE
            }
            return new Single(pc, c, kind, rt, rn, rm, bits(insn, 5, 4), 0, true, true, false);
        }
        int imm = form == IMM12 ? insn & 0xfff : insn & 0xff;
        return new Single(pc, c, kind, rt, rn, -1, 0, imm, u, p, w);
    }

    /**
     * LDM/STM (IA) and LDMDB/STMDB, PUSH.W/POP.W. UNPREDICTABLE lists (empty, writeback with Rn in the list,
     * SP in the list, a stored PC, a loaded PC with LR) and Rn = PC have no form.
     */
    static Op multiple(int insn, int pc, int cond, boolean decrement) {
        int list = insn & 0xffff;
        int rn = rn(insn);
        boolean w = bit(insn, 21);
        boolean load = bit(insn, 20);
        if (list == 0 || rn == 15 || (w && (list & (1 << rn)) != 0) || (list & (1 << 13)) != 0) {
            return null;
        }
        if (load ? (list & 0xc000) == 0xc000 : (list & 0x8000) != 0) {
            return null;
        }
        return new Multiple(pc, cond(cond), rn, list, load, decrement, w);
    }

    /** LDRD/STRD (immediate, literal): two aligned word accesses, then the writeback, then the destinations. */
    static final class Dual extends Op {
        final int rt, rt2, rn, imm;
        final boolean load, pre, add, wb;

        private Dual(int insn, int pc, int cond) {
            super(pc, cond);
            pre = bit(insn, 24);
            add = bit(insn, 23);
            wb = bit(insn, 21);
            load = bit(insn, 20);
            rt = bits(insn, 15, 12);
            rt2 = rd(insn);
            int off = (insn & 0xff) << 2;
            if (rn(insn) == 15) {
                int base = (pc + 4) & ~3;
                rn = -1;
                imm = add ? base + off : base - off;
            } else {
                rn = rn(insn);
                imm = off;
            }
        }

        static Op make(int insn, int pc, int cond) {
            boolean w = bit(insn, 21);
            boolean load = bit(insn, 20);
            int rn = rn(insn);
            int rt = bits(insn, 15, 12);
            int rt2 = rd(insn);
            if (rt == 15 || rt2 == 15 || (load && rt == rt2) || (rn == 15 && (!load || w))) {
                return null; // Undefined in the translator
            }
            if (w && (rn == rt || rn == rt2)) {
                return null; // UNPREDICTABLE
            }
            return new Dual(insn, pc, cond(cond));
        }

        @Override
        public boolean stores() {
            return !load;
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
                indexed = add ? base + imm : base - imm;
                addr = pre ? indexed : base;
            }
            if (load) {
                int v1 = Mem.ld32a(c, addr);
                int v2 = Mem.ld32a(c, addr + 4);
                if (wb) {
                    r[rn] = indexed;
                }
                r[rt] = v1;
                r[rt2] = v2;
            } else {
                Mem.st32a(c, addr, r[rt]);
                Mem.st32a(c, addr + 4, r[rt2]);
                if (wb) {
                    r[rn] = indexed;
                }
            }
            return NEXT;
        }
    }

    /** Access size of the exclusive B/H/D forms by bits 5:4 (0 = unallocated); the plain forms are words. */
    private static int exclusiveSize(int insn) {
        if (!bit(insn, 23)) {
            return 4;
        }
        switch (bits(insn, 5, 4)) {
            case 0: return 1;
            case 1: return 2;
            case 3: return 8;
            default: return 0;
        }
    }

    /** LDREX{B,H,D}: the value-based monitor of runtime/Mem, as the translator. */
    static final class Ldrex extends Op {
        final int rn, rt, rt2, size, off;

        private Ldrex(int insn, int pc, int cond, int size) {
            super(pc, cond);
            this.size = size;
            rn = rn(insn);
            rt = bits(insn, 15, 12);
            rt2 = rd(insn);
            off = !bit(insn, 23) ? (insn & 0xff) << 2 : 0;
        }

        static Op make(int insn, int pc, int cond) {
            int size = exclusiveSize(insn);
            int rn = rn(insn);
            int rt = bits(insn, 15, 12);
            int rt2 = rd(insn);
            if (size == 0 || rn == 15 || rt == 15 || (size == 8 && (rt2 == 15 || rt == rt2))) {
                return null;
            }
            return new Ldrex(insn, pc, cond(cond), size);
        }

        @Override
        public int exec(CpuState c) {
            int[] r = c.r;
            int a = r[rn] + off;
            if (size == 8) {
                long v = Mem.ldrexd(c, a);
                r[rt] = (int) v;
                r[rt2] = (int) (v >>> 32);
            } else {
                r[rt] = Mem.ldrex(c, a, size);
            }
            return NEXT;
        }
    }

    /** STREX{B,H,D}: Rd = 0 if stored, 1 if the monitor had been lost. */
    static final class Strex extends Op {
        final int rn, rt, rt2, rd, size, off;

        private Strex(int insn, int pc, int cond, int size) {
            super(pc, cond);
            this.size = size;
            rn = rn(insn);
            rt = bits(insn, 15, 12);
            rt2 = rd(insn);
            rd = size == 4 ? rd(insn) : insn & 15;
            off = !bit(insn, 23) ? (insn & 0xff) << 2 : 0;
        }

        static Op make(int insn, int pc, int cond) {
            int size = exclusiveSize(insn);
            int rn = rn(insn);
            int rt = bits(insn, 15, 12);
            int rt2 = rd(insn);
            int rd = size == 4 ? rd(insn) : insn & 15;
            boolean bad = size == 0 || rn == 15 || rd == 15 || rt == 15 || rd == rn || rd == rt;
            if (size == 8) {
                bad |= rt2 == 15 || rd == rt2;
            }
            return bad ? null : new Strex(insn, pc, cond(cond), size);
        }

        @Override
        public boolean stores() {
            return true;
        }

        @Override
        public int exec(CpuState c) {
            int[] r = c.r;
            int a = r[rn] + off;
            r[rd] = size == 8 ? Mem.strexd(c, a, r[rt], r[rt2]) : Mem.strex(c, a, size, r[rt]);
            return NEXT;
        }
    }

    /** TBB [Rn, Rm] / TBH [Rn, Rm, LSL #1]: BranchWritePC(PC + 2 * entry); Rn = PC reads the table after it. */
    static final class TableBranch extends Op {
        final int rn, rm;
        final boolean half;

        private TableBranch(int insn, int pc, int cond) {
            super(pc, cond);
            rn = rn(insn);
            rm = insn & 15;
            half = bit(insn, 4);
        }

        static Op make(int insn, int pc, int cond) {
            int rn = rn(insn);
            int rm = insn & 15;
            if (rm == 15 || rm == 13 || rn == 13 || bits(insn, 15, 8) != 0xf0) {
                return null; // UNPREDICTABLE
            }
            return new TableBranch(insn, pc, cond(cond));
        }

        @Override
        public boolean branches() {
            return true;
        }

        @Override
        public int exec(CpuState c) {
            int[] r = c.r;
            int entry = half ? Mem.ld16(c, r[rn] + (r[rm] << 1)) : Mem.ld8(c, r[rn] + r[rm]);
            return ThumbOps.branchWritePc(c, pc + 4 + (entry << 1));
        }
    }

}
