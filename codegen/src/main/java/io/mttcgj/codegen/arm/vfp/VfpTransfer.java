package io.mttcgj.codegen.arm.vfp;

import static io.mttcgj.codegen.arm.vfp.VfpRegs.CPU_D;
import static io.mttcgj.codegen.arm.vfp.VfpRegs.OPS;
import static io.mttcgj.codegen.arm.vfp.VfpRegs.bit;
import static io.mttcgj.codegen.arm.vfp.VfpRegs.bits;

import io.mttcgj.codegen.arm.a32.A32;
import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.emit.Emitter;
import io.mttcgj.codegen.emit.Flags;
import io.mttcgj.codegen.runtime.fp.VfpOps;
import io.mttcgj.codegen.tb.TbKey;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.LabelNode;

/**
 * Moves between core and extension registers: VMOV (core/single, two cores/two singles, two
 * cores/double, core/scalar), VDUP from a core register, and VMRS/VMSR.
 */
final class VfpTransfer implements Opcodes {
    private VfpTransfer() {
    }

    /**
     * VMOV Rt, Sn / VMOV Sn, Rt (bit 20 = to core). Rt = 15 is UNPREDICTABLE; QEMU (checked on 7.2)
     * copies bits 31:28 into NZCV for VMOV PC, Sn and reads the PC for VMOV Sn, PC: so do we.
     */
    static void coreSingle(Emitter e, int insn) {
        int rt = bits(insn, 15, 12);
        boolean toCore = bit(insn, 20);
        e.condition(insn >>> 28);
        int n = VfpRegs.vn(insn, false);
        if (toCore) {
            VfpRegs.loadS(e, n);
            if (rt == 15) {
                nzcvFromValue(e);
            } else {
                e.storeReg(rt);
            }
        } else {
            e.loadReg(rt);
            VfpRegs.storeS(e, n);
        }
    }

    /** VMOV Rt, Rt2, Sm, Sm1 / Dm (bit 8 = double), bit 20 = to core. */
    static void twoCore(Emitter e, int insn) {
        int rt = bits(insn, 15, 12);
        int rt2 = bits(insn, 19, 16);
        boolean toCore = bit(insn, 20);
        boolean dbl = bit(insn, 8);
        int m = VfpRegs.vm(insn, dbl);
        if (rt == 15 || rt2 == 15 || (!dbl && m == 31) || (toCore && rt == rt2)) {
            A32.undefined(e, insn); // UNPREDICTABLE
            return;
        }
        e.condition(insn >>> 28);
        if (toCore) {
            if (dbl) {
                int v = e.temp2();
                VfpRegs.loadD(e, m);
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
                VfpRegs.loadS(e, m);
                e.storeReg(rt);
                VfpRegs.loadS(e, m + 1);
                e.storeReg(rt2);
            }
        } else if (dbl) {
            e.loadReg(rt2);
            e.op(I2L);
            e.iconst(32);
            e.op(LSHL);
            e.loadReg(rt);
            e.op(I2L);
            e.lconst(0xffffffffL);
            e.op(LAND);
            e.op(LOR);
            VfpRegs.storeD(e, m);
        } else {
            e.loadReg(rt);
            VfpRegs.storeS(e, m);
            e.loadReg(rt2);
            VfpRegs.storeS(e, m + 1);
        }
    }

    /** VMOV.{8,16,32} Dd[x], Rt: opc1 = bits 22:21, opc2 = bits 6:5. */
    static void coreToScalar(Emitter e, int insn) {
        int opc = (bits(insn, 22, 21) << 2) | bits(insn, 6, 5);
        int rt = bits(insn, 15, 12);
        int size;
        int index;
        if ((opc & 8) != 0) {
            size = 8;
            index = opc & 7;
        } else if ((opc & 1) != 0) {
            size = 16;
            index = (opc >>> 1) & 3;
        } else if ((opc & 2) == 0) {
            size = 32;
            index = (opc >>> 2) & 1;
        } else {
            A32.undefined(e, insn);
            return;
        }
        if (rt == 15) {
            A32.undefined(e, insn); // UNPREDICTABLE
            return;
        }
        e.condition(insn >>> 28);
        int d = VfpRegs.reg(true, bits(insn, 19, 16), bit(insn, 7));
        int shift = size * index;
        long mask = (size == 32 ? 0xffffffffL : (1L << size) - 1) << shift;
        VfpRegs.loadD(e, d);
        e.lconst(~mask);
        e.op(LAND);
        e.loadReg(rt);
        e.op(I2L);
        e.iconst(shift);
        e.op(LSHL);
        e.lconst(mask);
        e.op(LAND);
        e.op(LOR);
        VfpRegs.storeD(e, d);
    }

    /** VMOV.{S8,U8,S16,U16,32} Rt, Dn[x]: U = bit 23. */
    static void scalarToCore(Emitter e, int insn) {
        boolean unsigned = bit(insn, 23);
        int opc = (bits(insn, 22, 21) << 2) | bits(insn, 6, 5);
        int rt = bits(insn, 15, 12);
        int size;
        int index;
        if ((opc & 8) != 0) {
            size = 8;
            index = opc & 7;
        } else if ((opc & 1) != 0) {
            size = 16;
            index = (opc >>> 1) & 3;
        } else if ((opc & 2) == 0 && !unsigned) {
            size = 32;
            index = (opc >>> 2) & 1;
        } else {
            A32.undefined(e, insn);
            return;
        }
        if (rt == 15) {
            A32.undefined(e, insn); // UNPREDICTABLE
            return;
        }
        e.condition(insn >>> 28);
        int n = VfpRegs.reg(true, bits(insn, 19, 16), bit(insn, 7));
        VfpRegs.loadD(e, n);
        e.iconst(size * index);
        e.op(LUSHR);
        e.op(L2I);
        if (size == 8) {
            if (unsigned) {
                e.iconst(0xff);
                e.op(IAND);
            } else {
                e.op(I2B);
            }
        } else if (size == 16) {
            if (unsigned) {
                e.iconst(0xffff);
                e.op(IAND);
            } else {
                e.op(I2S);
            }
        }
        e.storeReg(rt);
    }

    /** VDUP.{8,16,32} Dd/Qd, Rt: B = bit 22, E = bit 5, Q = bit 21. */
    static void vdup(Emitter e, int insn) {
        int be = (bits(insn, 22, 22) << 1) | bits(insn, 5, 5);
        boolean q = bit(insn, 21);
        int rt = bits(insn, 15, 12);
        int vd = bits(insn, 19, 16);
        if (be == 3 || (q && (vd & 1) != 0)) {
            A32.undefined(e, insn);
            return;
        }
        if (rt == 15) {
            A32.undefined(e, insn); // UNPREDICTABLE
            return;
        }
        e.condition(insn >>> 28);
        int d = VfpRegs.reg(true, vd, bit(insn, 7));
        e.loadReg(rt);
        String name = be == 0 ? "dup32" : be == 1 ? "dup16" : "dup8";
        e.call(OPS, name, "(I)J");
        int v = e.temp2();
        e.lstore(v);
        e.lload(v);
        VfpRegs.storeD(e, d);
        if (q) {
            e.lload(v);
            VfpRegs.storeD(e, d + 1);
        }
    }

    /** VMRS Rt, reg (bit 20 = 1) / VMSR reg, Rt. FPSCR needs FPEXC.EN, the others privilege. */
    static void sysReg(Emitter e, int insn) {
        boolean read = bit(insn, 20);
        int reg = bits(insn, 19, 16);
        int rt = bits(insn, 15, 12);
        int flags = e.tbFlags();
        boolean known = reg == VfpOps.FPSID || reg == VfpOps.FPSCR || reg == VfpOps.MVFR0
                || reg == VfpOps.MVFR1 || reg == VfpOps.FPEXC;
        boolean enabledOnly = reg == VfpOps.FPSCR;
        if (!known || (flags & TbKey.FP_ACCESS) == 0 || (enabledOnly && (flags & TbKey.FP_ENABLED) == 0)
                || (!read && rt == 15)) {
            A32.undefined(e, insn);
            return;
        }
        e.condition(insn >>> 28);
        if (read) {
            if (reg == VfpOps.FPSCR) {
                e.getCpuField("fpscr", "I");
            } else {
                e.loadCpu();
                e.iconst(reg);
                e.callMayFault(OPS, "vmrsPrivileged", "(" + CPU_D + "I)I");
            }
            if (rt == 15) {
                nzcvFromValue(e);
            } else {
                e.storeReg(rt);
            }
            return;
        }
        if (reg == VfpOps.FPSCR) {
            e.loadCpu();
            e.loadReg(rt);
            e.call(OPS, "setFpscr", "(" + CPU_D + "I)V");
            return; // RMode/FZ/DN are read at run time: the block stays valid
        }
        e.loadCpu();
        e.iconst(reg);
        e.loadReg(rt);
        e.callMayFault(OPS, "vmsrPrivileged", "(" + CPU_D + "II)V");
        if (reg == VfpOps.FPEXC) {
            e.exitSpecial(CpuState.EXIT_SYNC, 0, e.nextPc()); // FPEXC.EN is part of the block key
        }
    }

    /** VMRS APSR_nzcv: stack value's bits 31:28 become the CPU flags. */
    private static void nzcvFromValue(Emitter e) {
        int v = e.temp();
        e.istore(v);
        LabelNode common = e.label();
        LabelNode end = e.label();
        e.iload(v);
        e.call(OPS, "nzBoth", "(I)Z");
        e.jump(IFEQ, common);
        e.flushState();
        e.loadCpu();
        e.iload(v);
        e.call(OPS, "nzcvToCpu", "(" + CPU_D + "I)V");
        e.reloadState();
        e.jump(GOTO, end);
        e.place(common);
        e.iload(v);
        e.call(OPS, "nzOf", "(I)I");
        e.setNZ();
        e.iload(v);
        e.iconst(29);
        e.op(IUSHR);
        e.iconst(1);
        e.op(IAND);
        e.setC();
        e.iload(v);
        e.iconst(3);
        e.op(ISHL);
        e.setV();
        e.place(end);
        e.markFlagsWritten(Flags.ALL);
    }
}
