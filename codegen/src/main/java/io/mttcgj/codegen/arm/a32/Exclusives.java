package io.mttcgj.codegen.arm.a32;

import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.emit.Emitter;
import org.objectweb.asm.Opcodes;

/**
 * Synchronization primitives (ARM ARM A5.2.10): LDREX{,B,H,D}, STREX{,B,H,D}, SWP, SWPB, and CLREX
 * (A5.7.1). The monitor is value-based (runtime/Mem): LDREX records the value it saw and STREX is a
 * compare-and-exchange against it, so STREX fails after CLREX, for another address or size, and when
 * the memory no longer holds the value LDREX saw.
 *
 * <p>Register choices the ARM ARM calls UNPREDICTABLE (PC operands, Rd overlapping Rn or Rt, odd Rt
 * for the doubleword forms) are UNDEFINED here, as in QEMU.
 */
final class Exclusives implements Opcodes {
    private static final String CPU_D = LoadStoreExtra.CPU_D;
    /** Access size by bits 22:21: 00 word, 01 doubleword, 10 byte, 11 halfword. */
    private static final int[] SIZE = {4, 8, 1, 2};

    private Exclusives() {
    }

    static void register(DecodeTable t) {
        t.add(A32.P_CARVED, "cccc00011ss1nnnntttt----1001----", "ldrex", Exclusives::ldrex);
        t.add(A32.P_CARVED, "cccc00011ss0nnnndddd----1001tttt", "strex", Exclusives::strex);
        t.add(A32.P_CARVED, "cccc00010B00nnnntttt----1001mmmm", "swp", Exclusives::swp);
        t.add(A32.P_SPECIFIC, "11110101011111111111000000011111", "clrex", Exclusives::clrex);
    }

    static void ldrex(Emitter e, int insn) {
        int size = SIZE[A32.bits(insn, 22, 21)];
        int rn = A32.bits(insn, 19, 16);
        int rt = A32.bits(insn, 15, 12);
        if (rn == 15 || rt == 15 || (size == 8 && ((rt & 1) != 0 || rt == 14))) {
            A32.undefined(e, insn);
            return;
        }
        e.condition(A32.cond(insn));
        e.loadCpu();
        e.loadReg(rn);
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
            e.storeReg(rt + 1);
        } else {
            e.iconst(size);
            e.mem("ldrex", "(" + CPU_D + "II)I");
            e.storeReg(rt);
        }
    }

    static void strex(Emitter e, int insn) {
        int size = SIZE[A32.bits(insn, 22, 21)];
        int rn = A32.bits(insn, 19, 16);
        int rd = A32.bits(insn, 15, 12);
        int rt = insn & 15;
        boolean bad = rn == 15 || rd == 15 || rt == 15 || rd == rn || rd == rt;
        if (size == 8) {
            bad |= (rt & 1) != 0 || rt == 14 || rd == rt + 1;
        }
        if (bad) {
            A32.undefined(e, insn);
            return;
        }
        e.condition(A32.cond(insn));
        e.loadCpu();
        e.loadReg(rn);
        if (size == 8) {
            e.loadReg(rt);
            e.loadReg(rt + 1);
            e.mem("strexd", "(" + CPU_D + "III)I");
        } else {
            e.iconst(size);
            e.loadReg(rt);
            e.mem("strex", "(" + CPU_D + "III)I");
        }
        e.storeReg(rd); // 0 = stored, 1 = failed
    }

    /** SWP/SWPB: atomic exchange; SWP needs word alignment whatever SCTLR.A says (A3.2.1). */
    static void swp(Emitter e, int insn) {
        int rn = A32.bits(insn, 19, 16);
        int rt = A32.bits(insn, 15, 12);
        int rt2 = insn & 15;
        if (rn == 15 || rt == 15 || rt2 == 15) {
            A32.undefined(e, insn);
            return;
        }
        e.condition(A32.cond(insn));
        e.loadCpu();
        e.loadReg(rn);
        e.iconst(A32.bit(insn, 22) ? 1 : 4);
        e.loadReg(rt2);
        e.mem("swap", "(" + CPU_D + "III)I");
        e.storeReg(rt);
    }

    static void clrex(Emitter e, int insn) {
        e.iconst(0);
        e.putCpuField("exclusiveValid", "Z");
    }
}
