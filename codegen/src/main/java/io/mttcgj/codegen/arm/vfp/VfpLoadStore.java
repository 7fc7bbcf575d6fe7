package io.mttcgj.codegen.arm.vfp;

import static io.mttcgj.codegen.arm.vfp.VfpRegs.CPU_D;
import static io.mttcgj.codegen.arm.vfp.VfpRegs.bit;
import static io.mttcgj.codegen.arm.vfp.VfpRegs.bits;

import io.mttcgj.codegen.arm.a32.A32;
import io.mttcgj.codegen.emit.Emitter;
import org.objectweb.asm.Opcodes;

/**
 * VLDR/VSTR and VLDM/VSTM (VPUSH/VPOP are VSTMDB/VLDMIA on SP). Word accesses always require
 * alignment. A doubleword is transferred low word first and written to Dd only after both words
 * loaded; the base register is written back after every access, so a fault leaves it unchanged
 * (extension registers already transferred stay written, as on QEMU).
 */
final class VfpLoadStore implements Opcodes {
    private VfpLoadStore() {
    }

    /** Pushes the base: Rn, or Align(PC, 4) for a literal. */
    private static void base(Emitter e, int rn) {
        e.loadReg(rn);
        if (rn == 15) {
            e.iconst(~3);
            e.op(IAND);
        }
    }

    /** VLDR/VSTR: cccc 1101 UD0L nnnn dddd 101s iiiiiiii. */
    static void single(Emitter e, int insn) {
        e.condition(insn >>> 28);
        boolean dbl = bit(insn, 8);
        boolean load = bit(insn, 20);
        int rn = bits(insn, 19, 16);
        int d = VfpRegs.vd(insn, dbl);
        int addr = e.temp();
        base(e, rn);
        e.iconst((insn & 0xff) << 2);
        e.op(bit(insn, 23) ? IADD : ISUB);
        e.istore(addr);
        transfer(e, addr, 0, d, dbl, load);
    }

    /** One S or D register at addr + offset. */
    private static void transfer(Emitter e, int addr, int offset, int reg, boolean dbl, boolean load) {
        if (load) {
            if (dbl) {
                int lo = e.temp();
                loadWord(e, addr, offset);
                e.istore(lo);
                loadWord(e, addr, offset + 4);
                e.op(I2L);
                e.iconst(32);
                e.op(LSHL);
                e.iload(lo);
                e.op(I2L);
                e.lconst(0xffffffffL);
                e.op(LAND);
                e.op(LOR);
                VfpRegs.storeD(e, reg);
            } else {
                loadWord(e, addr, offset);
                VfpRegs.storeS(e, reg);
            }
        } else if (dbl) {
            storeWord(e, addr, offset, () -> {
                VfpRegs.loadD(e, reg);
                e.op(L2I);
            });
            storeWord(e, addr, offset + 4, () -> {
                VfpRegs.loadD(e, reg);
                e.iconst(32);
                e.op(LUSHR);
                e.op(L2I);
            });
        } else {
            storeWord(e, addr, offset, () -> VfpRegs.loadS(e, reg));
        }
    }

    private static void address(Emitter e, int addr, int offset) {
        e.iload(addr);
        if (offset != 0) {
            e.iconst(offset);
            e.op(IADD);
        }
    }

    private static void loadWord(Emitter e, int addr, int offset) {
        e.loadCpu();
        address(e, addr, offset);
        e.mem("ld32a", "(" + CPU_D + "I)I");
    }

    private static void storeWord(Emitter e, int addr, int offset, Runnable value) {
        e.loadCpu();
        address(e, addr, offset);
        value.run();
        e.mem("st32a", "(" + CPU_D + "II)V");
    }

    /** VLDM/VSTM: cccc 110P UDWL nnnn dddd 101s iiiiiiii with P:U:W = 010, 011 or 101. */
    static void multiple(Emitter e, int insn) {
        boolean p = bit(insn, 24);
        boolean u = bit(insn, 23);
        boolean w = bit(insn, 21);
        boolean load = bit(insn, 20);
        boolean dbl = bit(insn, 8);
        int rn = bits(insn, 19, 16);
        int imm8 = insn & 0xff;
        int d = VfpRegs.vd(insn, dbl);
        int count = dbl ? imm8 >>> 1 : imm8;
        if (p == u || (rn == 15 && w) || count == 0 || (dbl ? count > 16 || d + count > 32 : d + count > 32)) {
            A32.undefined(e, insn); // UNDEFINED or UNPREDICTABLE encodings
            return;
        }
        e.condition(insn >>> 28);
        int addr = e.temp();
        base(e, rn);
        if (!u) {
            e.iconst(imm8 << 2);
            e.op(ISUB);
        }
        e.istore(addr);
        e.loadCpu();
        e.iload(addr);
        e.iconst(d);
        e.iconst(count);
        e.iconst(dbl ? 1 : 0);
        e.callMayFault("io/mttcgj/codegen/runtime/fp/VfpMem", load ? "load" : "store", "(" + CPU_D + "IIIZ)V");
        if (w) {
            e.loadReg(rn);
            e.iconst(imm8 << 2);
            e.op(u ? IADD : ISUB);
            e.storeReg(rn);
        }
    }
}
