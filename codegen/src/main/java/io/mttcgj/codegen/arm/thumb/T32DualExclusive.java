package io.mttcgj.codegen.arm.thumb;

import static io.mttcgj.codegen.arm.thumb.T32LoadStore.CPU_D;
import static io.mttcgj.codegen.arm.thumb.T32LoadStore.bit;
import static io.mttcgj.codegen.arm.thumb.T32LoadStore.bits;

import io.mttcgj.codegen.arm.a32.A32;
import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.emit.Emitter;
import org.objectweb.asm.Opcodes;

/**
 * 32-bit Thumb load/store dual, load/store exclusive and table branch (ARM ARM A6.3.6): LDRD/STRD
 * (immediate, literal), LDREX/STREX{,B,H,D}, TBB/TBH. LDRD/STRD need word alignment whatever
 * SCTLR.A says; the exclusives use the value-based monitor of runtime/Mem, as the A32 forms do.
 *
 * <p>UNPREDICTABLE register choices that would make a destination the PC (or overlap the status
 * register of a STREX) are UNDEFINED here, like QEMU's treatment of the A32 forms.
 */
final class T32DualExclusive implements Opcodes {
    private T32DualExclusive() {
    }

    static void register(DecodeTable t) {
        t.add(A32.P_SPECIFIC, "111010000100nnnn ttttddddiiiiiiii", "strex", T32DualExclusive::strex);
        t.add(A32.P_SPECIFIC, "111010000101nnnn tttt----iiiiiiii", "ldrex", T32DualExclusive::ldrex);
        t.add(A32.P_SPECIFIC, "111010001100nnnn --------01ssdddd", "strexb/h/d", T32DualExclusive::strex);
        t.add(A32.P_SPECIFIC, "111010001101nnnn --------01ss----", "ldrexb/h/d", T32DualExclusive::ldrex);
        t.add(A32.P_SPECIFIC, "111010001101nnnn --------000hmmmm", "tbb/tbh", T32DualExclusive::tableBranch);
        // LDRD/STRD: P = 1 (offset or pre-indexed) or P = 0 with W = 1 (post-indexed).
        t.add(A32.P_SPECIFIC, "11101001-1-Lnnnn ----------------", "ldrd/strd", T32DualExclusive::dual);
        t.add(A32.P_SPECIFIC, "11101000-11Lnnnn ----------------", "ldrd/strd", T32DualExclusive::dual);
    }

    /** Access size of the B/H/D forms by bits 5:4 (0 = unallocated); the plain forms are words. */
    private static int size(int insn) {
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

    static void ldrex(Emitter e, int insn) {
        int size = size(insn);
        int rn = bits(insn, 19, 16);
        int rt = bits(insn, 15, 12);
        int rt2 = bits(insn, 11, 8);
        if (size == 0 || rn == 15 || rt == 15 || (size == 8 && (rt2 == 15 || rt == rt2))) {
            A32.undefined(e, insn);
            return;
        }
        e.loadCpu();
        pushExclusiveAddress(e, insn, rn);
        if (size == 8) {
            e.mem("ldrexd", "(" + CPU_D + "I)J");
            int v = e.temp2();
            e.lstore(v);
            e.lload(v);
            e.op(L2I);
            e.storeReg(rt);
            e.lload(v);
            e.iconst(32);
            e.op(LUSHR);
            e.op(L2I);
            e.storeReg(rt2);
        } else {
            e.iconst(size);
            e.mem("ldrex", "(" + CPU_D + "II)I");
            e.storeReg(rt);
        }
    }

    static void strex(Emitter e, int insn) {
        int size = size(insn);
        int rn = bits(insn, 19, 16);
        int rt = bits(insn, 15, 12);
        int rt2 = bits(insn, 11, 8);
        int rd = size == 4 ? bits(insn, 11, 8) : insn & 15;
        boolean bad = size == 0 || rn == 15 || rd == 15 || rt == 15 || rd == rn || rd == rt;
        if (size == 8) {
            bad |= rt2 == 15 || rd == rt2;
        }
        if (bad) {
            A32.undefined(e, insn);
            return;
        }
        e.loadCpu();
        pushExclusiveAddress(e, insn, rn);
        if (size == 8) {
            e.loadReg(rt);
            e.loadReg(rt2);
            e.mem("strexd", "(" + CPU_D + "III)I");
        } else {
            e.iconst(size);
            e.loadReg(rt);
            e.mem("strex", "(" + CPU_D + "III)I");
        }
        e.storeReg(rd); // 0 = stored, 1 = failed
    }

    /** Rn, plus imm8 * 4 for the word forms (the B/H/D forms have no offset). */
    private static void pushExclusiveAddress(Emitter e, int insn, int rn) {
        e.loadReg(rn);
        if (!bit(insn, 23) && (insn & 0xff) != 0) {
            e.iconst((insn & 0xff) << 2);
            e.op(IADD);
        }
    }

    /** TBB/TBH: BranchWritePC(PC + 2 * entry); the table may follow the instruction (Rn = PC). */
    static void tableBranch(Emitter e, int insn) {
        boolean half = bit(insn, 4);
        int rn = bits(insn, 19, 16);
        int rm = insn & 15;
        if (rm == 15 || rm == 13 || rn == 13) {
            A32.undefined(e, insn); // UNPREDICTABLE
            return;
        }
        if (half) {
            e.loadCpu();
        }
        e.loadReg(rn);
        e.loadReg(rm);
        if (half) {
            e.iconst(1);
            e.op(ISHL);
        }
        e.op(IADD);
        if (half) {
            e.load16();
        } else {
            e.fastLoad8();
        }
        e.iconst(1);
        e.op(ISHL);
        e.iconst(e.pc() + 4);
        e.op(IADD);
        e.branchWritePc();
    }

    /** LDRD/STRD (immediate and literal): two word accesses, then writeback, then the destinations. */
    static void dual(Emitter e, int insn) {
        boolean p = bit(insn, 24);
        boolean u = bit(insn, 23);
        boolean w = bit(insn, 21);
        boolean load = bit(insn, 20);
        int rn = bits(insn, 19, 16);
        int rt = bits(insn, 15, 12);
        int rt2 = bits(insn, 11, 8);
        int imm = (insn & 0xff) << 2;
        if (rt == 15 || rt2 == 15 || (load && rt == rt2) || (rn == 15 && (!load || w))) {
            A32.undefined(e, insn); // UNPREDICTABLE
            return;
        }
        int addr = e.temp();
        int indexed = e.temp();
        if (rn == 15) {
            int base = (e.pc() + 4) & ~3; // LDRD (literal): Align(PC, 4)
            e.iconst(u ? base + imm : base - imm);
            e.istore(addr);
        } else {
            int base = e.temp();
            e.loadReg(rn);
            e.istore(base);
            e.iload(base);
            e.iconst(imm);
            e.op(u ? IADD : ISUB);
            e.istore(indexed);
            e.iload(p ? indexed : base);
            e.istore(addr);
        }
        int v1 = e.temp();
        int v2 = e.temp();
        for (int k = 0; k < 2; k++) {
            e.loadCpu();
            e.iload(addr);
            if (k == 1) {
                e.iconst(4);
                e.op(IADD);
            }
            if (load) {
                e.mem("ld32a", "(" + CPU_D + "I)I");
                e.istore(k == 0 ? v1 : v2);
            } else {
                e.loadReg(k == 0 ? rt : rt2);
                e.mem("st32a", "(" + CPU_D + "II)V");
            }
        }
        if (w) {
            e.iload(indexed);
            e.storeReg(rn);
        }
        if (load) {
            e.iload(v1);
            e.storeReg(rt);
            e.iload(v2);
            e.storeReg(rt2);
        }
    }
}
