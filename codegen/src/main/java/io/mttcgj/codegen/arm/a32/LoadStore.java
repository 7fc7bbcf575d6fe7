package io.mttcgj.codegen.arm.a32;

import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.emit.Emitter;
import org.objectweb.asm.Opcodes;

/**
 * LDR, STR, LDRB, STRB (and the unprivileged T forms) with immediate and scaled-register offsets.
 * Order inside an instruction keeps aborts precise: the access comes first, register writeback
 * after it, so a fault leaves every register as it was.
 */
final class LoadStore implements Opcodes {
    private LoadStore() {
    }

    static void register(DecodeTable t) {
        t.add(A32.P_GENERAL, "cccc010PUBWLnnnnttttiiiiiiiiiiii", "ldr/str", (e, i) -> ldst(e, i, true));
        t.add(A32.P_GENERAL, "cccc011PUBWLnnnnttttiiiiitt0mmmm", "ldr/str", (e, i) -> ldst(e, i, false));
    }

    static void ldst(Emitter e, int insn, boolean immediate) {
        e.condition(A32.cond(insn));
        boolean p = A32.bit(insn, 24);
        boolean u = A32.bit(insn, 23);
        boolean byteAccess = A32.bit(insn, 22);
        boolean w = A32.bit(insn, 21);
        boolean load = A32.bit(insn, 20);
        int rn = (insn >>> 16) & 15;
        int rt = (insn >>> 12) & 15;
        boolean writeback = !p || w;

        int offset = e.temp();
        if (immediate) {
            e.iconst(insn & 0xfff);
        } else {
            Shifter.pushImmShift(e, insn & 15, (insn >>> 5) & 3, (insn >>> 7) & 31);
        }
        e.istore(offset);
        int base = e.temp();
        e.loadReg(rn);
        e.istore(base);
        int indexed = e.temp();
        e.iload(base);
        e.iload(offset);
        e.op(u ? IADD : ISUB);
        e.istore(indexed);
        int addr = p ? indexed : base;

        int value = e.temp();
        if (load) {
            e.iload(addr);
            if (byteAccess) {
                e.fastLoad8();
            } else {
                e.fastLoad32();
            }
            e.istore(value);
        } else if (byteAccess) {
            e.iload(addr);
            e.loadReg(rt);
            e.fastStore8();
        } else {
            e.iload(addr);
            e.loadReg(rt);
            e.fastStore32();
        }
        if (writeback && rn != 15) {
            e.iload(indexed);
            e.storeReg(rn);
        }
        if (load) {
            e.iload(value);
            e.storeReg(rt); // rt == 15: LoadWritePC, an interworking branch
        }
    }
}
