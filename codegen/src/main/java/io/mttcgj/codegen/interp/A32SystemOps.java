package io.mttcgj.codegen.interp;

import static io.mttcgj.codegen.interp.A32Ops.bit;
import static io.mttcgj.codegen.interp.A32Ops.bits;

import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.arm.state.SystemRegisters;
import io.mttcgj.codegen.runtime.Mem;
import io.mttcgj.codegen.runtime.SysOps;

/**
 * Tier-0 forms of the A32 system instructions a kernel runs in its cold paths: PSR access (MRS/MSR,
 * CPS), hints and barriers, coprocessor moves (MRC/MCR/MRRC/MCRR), the exclusives and CLREX. They call the
 * runtime helpers the translator calls, so both tiers share one implementation; where the translator
 * leaves the block for the loop ({@link CpuState#EXIT_SYNC}: mode, masks or translation regime changed)
 * so does the op. A helper runs with cpu.r[15] at the instruction, as compiled code sets it, so its
 * messages name the instruction. Rarer forms (banked MRS/MSR, SRS, RFE, ERET, HVC, SMC, SWP) stay compiled.
 * The T32 coprocessor moves share these ops ({@link #attachThumb}).
 */
final class A32SystemOps {
    private A32SystemOps() {
    }

    private static final int[] EX_SIZE = {4, 8, 1, 2};

    static void attach(DecodeTable t) {
        t.attach("cccc0011001000001111----oooooooo", Hint::make);
        t.attach("cccc00110r10mmmm1111rrrrvvvvvvvv", Msr::make);
        t.attach("cccc00010r10mmmm111100000000nnnn", Msr::make);
        t.attach("cccc00010r001111dddd000000000000", Mrs::make);
        t.attach("111100010000iim00000000aif0ooooo", Cps::make);
        t.attach("1111010101111111111100000100oooo", (i, pc, c) -> new Fence(pc));
        t.attach("1111010101111111111100000101oooo", (i, pc, c) -> new Fence(pc));
        t.attach("1111010101111111111100000110oooo", (i, pc, c) -> new Sync(pc, 14, CpuState.EXIT_SYNC));
        t.attach("cccc1110ooo1nnnntttt1111ooo1mmmm", (i, pc, c) -> Mrc.make(i, pc, c, 15));
        t.attach("cccc1110ooo0nnnntttt1111ooo1mmmm", (i, pc, c) -> Mcr.make(i, pc, c, 15));
        t.attach("cccc1110ooo1nnnntttt1110ooo1mmmm", (i, pc, c) -> Mrc.make(i, pc, c, 14));
        t.attach("cccc1110ooo0nnnntttt1110ooo1mmmm", (i, pc, c) -> Mcr.make(i, pc, c, 14));
        t.attach("cccc11000101sssstttt1111oooommmm", Mrrc::make);
        t.attach("cccc11000100sssstttt1111oooommmm", Mcrr::make);
        t.attach("cccc00011ss1nnnntttt----1001----", Ldrex::make);
        t.attach("cccc00011ss0nnnndddd----1001tttt", Strex::make);
        t.attach("11110101011111111111000000011111", (i, pc, c) -> new Clrex(pc));
        // PLD/PLI are hints the translator ignores; the kernel's memcpy and friends are full of them.
        t.attach("11110101--01----1111------------", (i, pc, c) -> new Hint(pc, 14, 0));
        t.attach("11110111--01----1111-------0----", (i, pc, c) -> new Hint(pc, 14, 0));
        t.attach("11110100-101----1111------------", (i, pc, c) -> new Hint(pc, 14, 0));
        t.attach("11110110-101----1111-------0----", (i, pc, c) -> new Hint(pc, 14, 0));
    }

    /**
     * The T32 coprocessor moves (MRC/MCR/MRRC/MCRR): the same fields at the same bits as A32, only the
     * condition comes from an IT block (Linux user space reads its TLS pointer with MRC p15 in Thumb code).
     */
    static void attachThumb(DecodeTable t32) {
        t32.attach("11101110ooo1nnnn tttt1111ooo1mmmm", (i, pc, c) -> Mrc.make(i, pc, c & 15, 15));
        t32.attach("11101110ooo0nnnn tttt1111ooo1mmmm", (i, pc, c) -> Mcr.make(i, pc, c & 15, 15));
        t32.attach("11101110ooo1nnnn tttt1110ooo1mmmm", (i, pc, c) -> Mrc.make(i, pc, c & 15, 14));
        t32.attach("11101110ooo0nnnn tttt1110ooo1mmmm", (i, pc, c) -> Mcr.make(i, pc, c & 15, 14));
        t32.attach("111011000101ssss tttt1111oooommmm", (i, pc, c) -> Mrrc.make(i, pc, c & 15));
        t32.attach("111011000100ssss tttt1111oooommmm", (i, pc, c) -> Mcrr.make(i, pc, c & 15));
    }

    /** Leaves for the loop at the next instruction with cpu.exitKind = {@code kind}. */
    static int leave(CpuState c, int pc, int kind) {
        c.r[15] = pc + 4;
        c.exitKind = kind;
        c.exitInfo = 0;
        return Op.EXIT_SPECIAL;
    }

    /** NOP and the hints that are NOPs; YIELD/WFE/WFI leave for the loop; SEV signals the other vCPUs. */
    static final class Hint extends Op {
        final int kind;

        private Hint(int pc, int cond, int kind) {
            super(pc, cond);
            this.kind = kind;
        }

        static Op make(int insn, int pc, int cond) {
            switch (insn & 0xff) {
                case 1: return new Sync(pc, cond, CpuState.EXIT_YIELD);
                case 2: return new Sync(pc, cond, CpuState.EXIT_WFE);
                case 3: return new Sync(pc, cond, CpuState.EXIT_WFI);
                case 4: return new Hint(pc, cond, 4);
                default: return new Hint(pc, cond, 0);
            }
        }

        @Override
        public int exec(CpuState c) {
            if (kind == 4) {
                SysOps.sev(c);
            }
            return NEXT;
        }
    }

    /** An instruction whose whole effect is to leave for the loop (ISB, WFI, WFE, YIELD). */
    static final class Sync extends Op {
        final int kind;

        Sync(int pc, int cond, int kind) {
            super(pc, cond);
            this.kind = kind;
        }

        @Override
        public boolean branches() {
            return true;
        }

        @Override
        public int exec(CpuState c) {
            return leave(c, pc, kind);
        }
    }

    static final class Fence extends Op {
        Fence(int pc) {
            super(pc, 14);
        }

        @Override
        public int exec(CpuState c) {
            SysOps.fence();
            return NEXT;
        }
    }

    static final class Clrex extends Op {
        Clrex(int pc) {
            super(pc, 14);
        }

        @Override
        public int exec(CpuState c) {
            c.exclusiveValid = false;
            return NEXT;
        }
    }

    static final class Mrs extends Op {
        final int rd;
        final boolean spsr;

        private Mrs(int insn, int pc, int cond) {
            super(pc, cond);
            rd = bits(insn, 15, 12);
            spsr = bit(insn, 22);
        }

        static Op make(int insn, int pc, int cond) {
            return bits(insn, 15, 12) == 15 ? null : new Mrs(insn, pc, cond);
        }

        @Override
        public int exec(CpuState c) {
            if (spsr) {
                c.r[15] = pc;
                c.r[rd] = SysOps.mrsSpsr(c);
            } else {
                c.r[rd] = SysOps.mrsCpsr(c, c.nf, c.zf, c.cf, c.vf);
            }
            return NEXT;
        }
    }

    static final class Msr extends Op {
        final int fields, rn, imm;
        final boolean spsr, immediate;

        private Msr(int insn, int pc, int cond) {
            super(pc, cond);
            fields = bits(insn, 19, 16);
            spsr = bit(insn, 22);
            immediate = bit(insn, 25);
            imm = Integer.rotateRight(insn & 0xff, 2 * bits(insn, 11, 8));
            rn = insn & 15;
        }

        static Op make(int insn, int pc, int cond) {
            return new Msr(insn, pc, cond);
        }

        @Override
        public boolean branches() {
            return !spsr && (fields & 3) != 0;
        }

        @Override
        public int exec(CpuState c) {
            int v = immediate ? imm : c.r[rn];
            if (spsr) {
                c.r[15] = pc;
                SysOps.msrSpsr(c, v, fields);
                return NEXT;
            }
            if (fields == 0) {
                return NEXT;
            }
            c.r[15] = pc;
            SysOps.msrCpsr(c, v, fields);
            return (fields & 3) != 0 ? leave(c, pc, CpuState.EXIT_SYNC) : NEXT;
        }
    }

    static final class Cps extends Op {
        final int value, mask;

        private Cps(int pc, int value, int mask) {
            super(pc, 14);
            this.value = value;
            this.mask = mask;
        }

        static Op make(int insn, int pc, int cond) {
            int imod = bits(insn, 19, 18);
            int mask = 0;
            int value = 0;
            if ((imod & 2) != 0) {
                mask = bits(insn, 8, 6) << 6;
                if ((imod & 1) != 0) {
                    value = mask;
                }
            }
            if (bit(insn, 17)) {
                mask |= CpuState.CPSR_M;
                value |= insn & CpuState.CPSR_M;
            }
            return mask == 0 ? new Hint(pc, 14, 0) : new Cps(pc, value, mask);
        }

        @Override
        public boolean branches() {
            return true;
        }

        @Override
        public int exec(CpuState c) {
            c.r[15] = pc;
            SysOps.cps(c, value, mask);
            return leave(c, pc, CpuState.EXIT_SYNC);
        }
    }

    static final class Mrc extends Op {
        final int cp, opc1, crn, crm, opc2, rt;

        private Mrc(int insn, int pc, int cond, int cp) {
            super(pc, cond);
            this.cp = cp;
            opc1 = bits(insn, 23, 21);
            crn = bits(insn, 19, 16);
            rt = bits(insn, 15, 12);
            opc2 = bits(insn, 7, 5);
            crm = insn & 15;
        }

        static Op make(int insn, int pc, int cond, int cp) {
            return new Mrc(insn, pc, cond, cp);
        }

        @Override
        public int exec(CpuState c) {
            c.r[15] = pc;
            int v = cp == 15 ? SysOps.mrc15(c, opc1, crn, crm, opc2) : SysOps.mrc14(c, opc1, crn, crm, opc2);
            if (rt == 15) {
                SysOps.setNzcv(c, v);
            } else {
                c.r[rt] = v;
            }
            return NEXT;
        }
    }

    static final class Mcr extends Op {
        final int cp, opc1, crn, crm, opc2, rt;
        final boolean keepsBlock;

        private Mcr(int insn, int pc, int cond, int cp) {
            super(pc, cond);
            this.cp = cp;
            opc1 = bits(insn, 23, 21);
            crn = bits(insn, 19, 16);
            rt = bits(insn, 15, 12);
            opc2 = bits(insn, 7, 5);
            crm = insn & 15;
            keepsBlock = cp != 15 || SystemRegisters.writeKeepsBlock(opc1, crn, crm, opc2);
        }

        static Op make(int insn, int pc, int cond, int cp) {
            return new Mcr(insn, pc, cond, cp);
        }

        @Override
        public boolean branches() {
            return !keepsBlock;
        }

        @Override
        public int exec(CpuState c) {
            int v = c.r[rt]; // Rt = 15 reads the PC (+8), as the translator's loadReg does
            c.r[15] = pc;
            if (cp == 15) {
                SysOps.mcr15(c, opc1, crn, crm, opc2, v);
            } else {
                SysOps.mcr14(c, opc1, crn, crm, opc2, v);
            }
            return keepsBlock ? NEXT : leave(c, pc, CpuState.EXIT_SYNC);
        }
    }

    static final class Mrrc extends Op {
        final int opc1, crm, rt, rt2;

        private Mrrc(int insn, int pc, int cond) {
            super(pc, cond);
            rt2 = bits(insn, 19, 16);
            rt = bits(insn, 15, 12);
            opc1 = bits(insn, 7, 4);
            crm = insn & 15;
        }

        static Op make(int insn, int pc, int cond) {
            int rt2 = bits(insn, 19, 16);
            int rt = bits(insn, 15, 12);
            return rt == 15 || rt2 == 15 || rt == rt2 ? null : new Mrrc(insn, pc, cond);
        }

        @Override
        public int exec(CpuState c) {
            c.r[15] = pc;
            long v = SysOps.mrrc15(c, opc1, crm);
            c.r[rt] = (int) v;
            c.r[rt2] = (int) (v >>> 32);
            return NEXT;
        }
    }

    static final class Mcrr extends Op {
        final int opc1, crm, rt, rt2;

        private Mcrr(int insn, int pc, int cond) {
            super(pc, cond);
            rt2 = bits(insn, 19, 16);
            rt = bits(insn, 15, 12);
            opc1 = bits(insn, 7, 4);
            crm = insn & 15;
        }

        static Op make(int insn, int pc, int cond) {
            return new Mcrr(insn, pc, cond);
        }

        @Override
        public boolean branches() {
            return true;
        }

        @Override
        public int exec(CpuState c) {
            int lo = c.r[rt];
            int hi = c.r[rt2];
            c.r[15] = pc;
            SysOps.mcrr15(c, opc1, crm, lo, hi);
            return leave(c, pc, CpuState.EXIT_SYNC);
        }
    }

    static final class Ldrex extends Op {
        final int size, rn, rt;

        private Ldrex(int insn, int pc, int cond) {
            super(pc, cond);
            size = EX_SIZE[bits(insn, 22, 21)];
            rn = bits(insn, 19, 16);
            rt = bits(insn, 15, 12);
        }

        static Op make(int insn, int pc, int cond) {
            int size = EX_SIZE[bits(insn, 22, 21)];
            int rn = bits(insn, 19, 16);
            int rt = bits(insn, 15, 12);
            if (rn == 15 || rt == 15 || (size == 8 && ((rt & 1) != 0 || rt == 14))) {
                return null;
            }
            return new Ldrex(insn, pc, cond);
        }

        @Override
        public int exec(CpuState c) {
            if (size == 8) {
                long v = Mem.ldrexd(c, c.r[rn]);
                c.r[rt] = (int) v;
                c.r[rt + 1] = (int) (v >>> 32);
            } else {
                c.r[rt] = Mem.ldrex(c, c.r[rn], size);
            }
            return NEXT;
        }
    }

    static final class Strex extends Op {
        final int size, rn, rd, rt;

        private Strex(int insn, int pc, int cond) {
            super(pc, cond);
            size = EX_SIZE[bits(insn, 22, 21)];
            rn = bits(insn, 19, 16);
            rd = bits(insn, 15, 12);
            rt = insn & 15;
        }

        static Op make(int insn, int pc, int cond) {
            int size = EX_SIZE[bits(insn, 22, 21)];
            int rn = bits(insn, 19, 16);
            int rd = bits(insn, 15, 12);
            int rt = insn & 15;
            boolean bad = rn == 15 || rd == 15 || rt == 15 || rd == rn || rd == rt;
            if (size == 8) {
                bad |= (rt & 1) != 0 || rt == 14 || rd == rt + 1;
            }
            return bad ? null : new Strex(insn, pc, cond);
        }

        @Override
        public boolean stores() {
            return true;
        }

        @Override
        public int exec(CpuState c) {
            int a = c.r[rn];
            c.r[rd] = size == 8 ? Mem.strexd(c, a, c.r[rt], c.r[rt + 1]) : Mem.strex(c, a, size, c.r[rt]);
            return NEXT;
        }
    }
}
