package io.mttcgj.codegen.arm.a32;

import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.emit.Emitter;

/** B, BL, BLX (immediate and register), BX, BXJ. */
final class Branches {
    private Branches() {
    }

    static void register(DecodeTable t) {
        t.add(A32.P_SPECIFIC, "1111101Hiiiiiiiiiiiiiiiiiiiiiiii", "blx", Branches::blxImm);
        t.add(A32.P_GENERAL, "cccc1010iiiiiiiiiiiiiiiiiiiiiiii", "b", Branches::b);
        t.add(A32.P_GENERAL, "cccc1011iiiiiiiiiiiiiiiiiiiiiiii", "bl", Branches::bl);
        t.add(A32.P_CARVED, "cccc000100101111111111110001mmmm", "bx", Branches::bx);
        t.add(A32.P_CARVED, "cccc000100101111111111110010mmmm", "bxj", Branches::bx);
        t.add(A32.P_CARVED, "cccc000100101111111111110011mmmm", "blx", Branches::blxReg);
    }

    private static int target(Emitter e, int insn) {
        return e.pc() + 8 + ((insn << 8) >> 6);
    }

    static void b(Emitter e, int insn) {
        e.condition(A32.cond(insn));
        e.branchTo(target(e, insn));
    }

    static void bl(Emitter e, int insn) {
        e.condition(A32.cond(insn));
        e.iconst(e.pc() + 4);
        e.storeReg(14);
        e.branchTo(target(e, insn));
    }

    static void blxImm(Emitter e, int insn) {
        e.iconst(e.pc() + 4);
        e.storeReg(14);
        e.iconst(target(e, insn) + (A32.bit(insn, 24) ? 2 : 0) | 1);
        e.branchIndirect();
    }

    static void bx(Emitter e, int insn) {
        e.condition(A32.cond(insn));
        e.loadReg(insn & 15);
        e.branchIndirect();
    }

    static void blxReg(Emitter e, int insn) {
        e.condition(A32.cond(insn));
        int t = e.temp();
        e.loadReg(insn & 15);
        e.istore(t);
        e.iconst(e.pc() + 4);
        e.storeReg(14);
        e.iload(t);
        e.branchIndirect();
    }
}
