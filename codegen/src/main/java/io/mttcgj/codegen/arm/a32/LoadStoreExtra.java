package io.mttcgj.codegen.arm.a32;

import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.emit.Emitter;
import org.objectweb.asm.Opcodes;

/**
 * Extra load/store instructions (ARM ARM A5.2.8): LDRH, STRH, LDRSB, LDRSH, LDRD, STRD with immediate
 * and register offsets, and the unprivileged LDRHT, STRHT, LDRSBT, LDRSHT. Also registers the other
 * load/store classes this file's owner implements: load/store multiple, the synchronization
 * primitives, and the preload hints.
 *
 * <p>The space is {@code cccc000x xxxx .... .... 1xx1 ....} with bits 6:5 != 00; bits 6:5 == 00 is
 * the multiply and synchronization space. Accesses come first, then writeback, then the destination
 * registers, so a Data Abort leaves every register as it was.
 */
final class LoadStoreExtra implements Opcodes {
    static final String CPU_D = "Lio/mttcgj/codegen/arm/state/CpuState;";

    private static final String[] OP2 = {null, "01", "10", "11"};

    private LoadStoreExtra() {
    }

    static void register(DecodeTable t) {
        for (int op2 = 1; op2 <= 3; op2++) {
            t.add(A32.P_CARVED, "cccc000PU1WLnnnnttttiiii1" + OP2[op2] + "1iiii", "ldrh/strh/ldrs/ldrd/strd",
                    (e, i) -> extra(e, i, true));
            t.add(A32.P_CARVED, "cccc000PU0WLnnnntttt----1" + OP2[op2] + "1mmmm", "ldrh/strh/ldrs/ldrd/strd",
                    (e, i) -> extra(e, i, false));
        }
        // Preload hints (A5.7.1): no cache model, so they are no-ops. PLDW is the R = 0 form.
        t.add(A32.P_SPECIFIC, "11110101--01----1111------------", "pld", (e, i) -> { });
        t.add(A32.P_SPECIFIC, "11110111--01----1111-------0----", "pld", (e, i) -> { });
        t.add(A32.P_SPECIFIC, "11110100-101----1111------------", "pli", (e, i) -> { });
        t.add(A32.P_SPECIFIC, "11110110-101----1111-------0----", "pli", (e, i) -> { });
        LoadStoreMultiple.register(t);
        Exclusives.register(t);
    }

    /*
     * The unprivileged forms (P = 0, W = 1 with op2 = 01, or with L = 1) are translated as ordinary
     * post-indexed accesses: without an MMU there is no privilege check to make. When the MMU comes,
     * they must use the User-mode permissions.
     */
    static void extra(Emitter e, int insn, boolean immediate) {
        int op2 = A32.bits(insn, 6, 5);
        boolean load = A32.bit(insn, 20);
        boolean dual = !load && op2 != 1; // LDRD (op2 = 10) and STRD (op2 = 11) have L = 0
        int rn = A32.bits(insn, 19, 16);
        int rt = A32.bits(insn, 15, 12);
        if (dual && (rt & 1) != 0) {
            A32.undefined(e, insn); // Rt odd is UNPREDICTABLE; QEMU makes it UNDEFINED
            return;
        }
        e.condition(A32.cond(insn));
        boolean p = A32.bit(insn, 24);
        boolean u = A32.bit(insn, 23);
        boolean writeback = (!p || A32.bit(insn, 21)) && rn != 15;

        int offset = e.temp();
        if (immediate) {
            e.iconst((A32.bits(insn, 11, 8) << 4) | (insn & 15));
        } else {
            e.loadReg(insn & 15);
        }
        e.istore(offset);
        int base = e.temp();
        e.loadReg(rn); // Rn = PC is the literal form: PC reads as this insn + 8, already word-aligned
        e.istore(base);
        int indexed = e.temp();
        e.iload(base);
        e.iload(offset);
        e.op(u ? IADD : ISUB);
        e.istore(indexed);
        int addr = p ? indexed : base;

        int value = e.temp();
        int value2 = e.temp();
        if (dual && op2 == 2) {
            // LDRD: two word accesses that need word alignment even with SCTLR.A = 0 (A3.2.1, Table A3-1)
            loadWordAligned(e, addr, 0, value);
            loadWordAligned(e, addr, 4, value2);
        } else if (dual) {
            storeWordAligned(e, addr, 0, rt);
            storeWordAligned(e, addr, 4, rt + 1);
        } else if (load) {
            e.iload(addr);
            if (op2 == 2) {
                e.fastLoad8();
                e.op(I2B);
            } else {
                e.fastLoad16();
                if (op2 == 3) {
                    e.op(I2S);
                }
            }
            e.istore(value);
        } else {
            e.iload(addr);
            e.loadReg(rt);
            e.fastStore16();
        }
        if (writeback) {
            e.iload(indexed);
            e.storeReg(rn);
        }
        if (dual && op2 == 2) {
            e.iload(value);
            e.storeReg(rt);
            e.iload(value2);
            e.storeReg(rt + 1); // Rt = 14 makes this the PC (UNPREDICTABLE): a branch, and it comes last
        } else if (load) {
            e.iload(value);
            e.storeReg(rt); // UNPREDICTABLE for Rt = PC; the interworking branch is as good as anything
        }
    }

    private static void loadWordAligned(Emitter e, int addr, int plus, int into) {
        e.loadCpu();
        e.iload(addr);
        if (plus != 0) {
            e.iconst(plus);
            e.op(IADD);
        }
        e.mem("ld32a", "(" + CPU_D + "I)I");
        e.istore(into);
    }

    private static void storeWordAligned(Emitter e, int addr, int plus, int reg) {
        e.loadCpu();
        e.iload(addr);
        if (plus != 0) {
            e.iconst(plus);
            e.op(IADD);
        }
        e.loadReg(reg);
        e.mem("st32a", "(" + CPU_D + "II)V");
    }
}
