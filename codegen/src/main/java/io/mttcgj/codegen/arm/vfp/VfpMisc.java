package io.mttcgj.codegen.arm.vfp;

import static io.mttcgj.codegen.arm.vfp.VfpRegs.CPU_D;
import static io.mttcgj.codegen.arm.vfp.VfpRegs.F32;
import static io.mttcgj.codegen.arm.vfp.VfpRegs.F64;
import static io.mttcgj.codegen.arm.vfp.VfpRegs.OPS;
import static io.mttcgj.codegen.arm.vfp.VfpRegs.bit;
import static io.mttcgj.codegen.arm.vfp.VfpRegs.bits;

import io.mttcgj.codegen.arm.a32.A32;
import io.mttcgj.codegen.arm.vfp.VfpRegs.Prec;
import io.mttcgj.codegen.emit.Emitter;
import org.objectweb.asm.Opcodes;

/**
 * VFP "other" data processing (opc1 = 1x11): VMOV immediate and register, VABS, VNEG, VSQRT,
 * VCMP{E}, and the conversions (F32/F64, half precision, integer, fixed point).
 */
final class VfpMisc implements Opcodes {
    private VfpMisc() {
    }

    /** VMOV (immediate): VFPExpandImm of imm4H:imm4L. */
    static void vmovImm(Emitter e, int insn) {
        e.condition(insn >>> 28);
        boolean dbl = bit(insn, 8);
        int imm8 = (bits(insn, 19, 16) << 4) | (insn & 15);
        int d = VfpRegs.vd(insn, dbl);
        if (dbl) {
            e.lconst(expandImm64(imm8));
            VfpRegs.storeD(e, d);
        } else {
            e.iconst(expandImm32(imm8));
            VfpRegs.storeS(e, d);
        }
    }

    static int expandImm32(int imm8) {
        int b6 = (imm8 >>> 6) & 1;
        int exp = ((b6 ^ 1) << 7) | (b6 != 0 ? 0x7c : 0) | ((imm8 >>> 4) & 3);
        return ((imm8 >>> 7) << 31) | (exp << 23) | ((imm8 & 15) << 19);
    }

    static long expandImm64(int imm8) {
        long b6 = (imm8 >>> 6) & 1;
        long exp = ((b6 ^ 1) << 10) | (b6 != 0 ? 0x3fc : 0) | ((imm8 >>> 4) & 3);
        return ((long) (imm8 >>> 7) << 63) | (exp << 52) | ((long) (imm8 & 15) << 48);
    }

    /** opc2 = bits 19:16, with bit 7 (opc3 high bit) distinguishing pairs. */
    static void translate(Emitter e, int insn) {
        int opc2 = bits(insn, 19, 16);
        boolean b7 = bit(insn, 7);
        boolean dbl = bit(insn, 8);
        Prec p = new Prec(dbl);
        int d = VfpRegs.vd(insn, dbl);
        int m = VfpRegs.vm(insn, dbl);
        switch (opc2) {
            case 0 -> {
                e.condition(insn >>> 28);
                p.load(e, m);
                if (b7) {
                    p.abs(e); // VABS; else VMOV register
                }
                p.store(e, d);
            }
            case 1 -> {
                e.condition(insn >>> 28);
                if (b7) {
                    e.loadCpu();
                    p.load(e, m);
                    e.iconst(0);
                    String t = p.type();
                    e.call(dbl ? F64 : F32, "sqrt", "(" + CPU_D + t + "Z)" + t);
                } else {
                    p.load(e, m);
                    p.neg(e);
                }
                p.store(e, d);
            }
            case 2, 3 -> halfConvert(e, insn, opc2 == 3, b7);
            case 4, 5 -> {
                e.condition(insn >>> 28);
                e.loadCpu();
                p.load(e, d);
                if (opc2 == 5) {
                    if (dbl) {
                        e.lconst(0);
                    } else {
                        e.iconst(0);
                    }
                } else {
                    p.load(e, m);
                }
                e.iconst(b7 ? 1 : 0);
                String t = p.type();
                e.call(OPS, dbl ? "cmp64" : "cmp32", "(" + CPU_D + t + t + "Z)V");
            }
            case 7 -> {
                if (!b7) {
                    A32.undefined(e, insn);
                    return;
                }
                e.condition(insn >>> 28);
                precisionConvert(e, insn, dbl);
            }
            case 8 -> {
                e.condition(insn >>> 28);
                intToFloat(e, insn, dbl, !b7);
            }
            case 10, 11, 14, 15 -> {
                e.condition(insn >>> 28);
                fixed(e, insn, dbl);
            }
            case 12, 13 -> {
                e.condition(insn >>> 28);
                floatToInt(e, insn, dbl, opc2 == 12, b7);
            }
            default -> A32.undefined(e, insn);
        }
    }

    /** VCVT.F64.F32 (sz = 0) and VCVT.F32.F64 (sz = 1). */
    private static void precisionConvert(Emitter e, int insn, boolean fromDouble) {
        if (fromDouble) {
            e.loadCpu();
            VfpRegs.loadD(e, VfpRegs.vm(insn, true));
            e.call(F64, "toSingle", "(" + CPU_D + "J)I");
            VfpRegs.storeS(e, VfpRegs.vd(insn, false));
        } else {
            e.loadCpu();
            VfpRegs.loadS(e, VfpRegs.vm(insn, false));
            e.call(F32, "toDouble", "(" + CPU_D + "I)J");
            VfpRegs.storeD(e, VfpRegs.vd(insn, true));
        }
    }

    /** VCVTB/VCVTT: half precision in the bottom or top half of Sd/Sm (F64 forms are ARMv8). */
    private static void halfConvert(Emitter e, int insn, boolean toHalf, boolean top) {
        if (bit(insn, 8)) {
            A32.undefined(e, insn);
            return;
        }
        e.condition(insn >>> 28);
        int d = VfpRegs.vd(insn, false);
        int m = VfpRegs.vm(insn, false);
        int shift = top ? 16 : 0;
        if (toHalf) {
            int h = e.temp();
            e.loadCpu();
            VfpRegs.loadS(e, m);
            e.call(OPS, "toHalf", "(" + CPU_D + "I)I");
            e.istore(h);
            VfpRegs.loadS(e, d);
            e.iconst(~(0xffff << shift));
            e.op(IAND);
            e.iload(h);
            e.iconst(0xffff);
            e.op(IAND);
            e.iconst(shift);
            e.op(ISHL);
            e.op(IOR);
        } else {
            e.loadCpu();
            VfpRegs.loadS(e, m);
            e.iconst(shift);
            e.op(IUSHR);
            e.iconst(0xffff);
            e.op(IAND);
            e.call(OPS, "fromHalf", "(" + CPU_D + "I)I");
        }
        VfpRegs.storeS(e, d);
    }

    /** VCVT.F32/F64.S32/U32 Sm: the FPSCR rounding mode applies. */
    private static void intToFloat(Emitter e, int insn, boolean dbl, boolean unsigned) {
        e.loadCpu();
        VfpRegs.loadS(e, VfpRegs.vm(insn, false));
        e.iconst(unsigned ? 1 : 0);
        e.iconst(32);
        e.iconst(0);
        if (dbl) {
            e.call(OPS, "int2d", "(" + CPU_D + "IZII)J");
            VfpRegs.storeD(e, VfpRegs.vd(insn, true));
        } else {
            e.call(OPS, "int2s", "(" + CPU_D + "IZII)I");
            VfpRegs.storeS(e, VfpRegs.vd(insn, false));
        }
    }

    /** VCVT{R}.S32/U32.F32/F64: roundZero (bit 7) for VCVT, FPSCR rounding for VCVTR. */
    private static void floatToInt(Emitter e, int insn, boolean dbl, boolean unsigned, boolean roundZero) {
        e.loadCpu();
        new Prec(dbl).load(e, VfpRegs.vm(insn, dbl));
        e.iconst(unsigned ? 1 : 0);
        e.iconst(32);
        e.iconst(0);
        e.iconst(roundZero ? 1 : 0);
        e.call(OPS, dbl ? "d2int" : "s2int", "(" + CPU_D + (dbl ? "J" : "I") + "ZIIZ)I");
        VfpRegs.storeS(e, VfpRegs.vd(insn, false));
    }

    /**
     * VCVT between floating point and fixed point in place (Vd): bit 18 = to fixed (round to zero),
     * bit 16 = unsigned, bit 7 = 32-bit (else 16-bit) fixed-point size, imm4:i = size - fracBits.
     * From fixed point rounds to nearest (as QEMU), not with FPSCR.RMode.
     */
    private static void fixed(Emitter e, int insn, boolean dbl) {
        boolean toFixed = bit(insn, 18);
        boolean unsigned = bit(insn, 16);
        int width = bit(insn, 7) ? 32 : 16;
        int imm = ((insn & 15) << 1) | bits(insn, 5, 5);
        int fracBits = width - imm;
        int d = VfpRegs.vd(insn, dbl);
        e.loadCpu();
        if (toFixed) {
            new Prec(dbl).load(e, d);
            e.iconst(unsigned ? 1 : 0);
            e.iconst(width);
            e.iconst(fracBits);
            e.iconst(1);
            e.call(OPS, dbl ? "d2int" : "s2int", "(" + CPU_D + (dbl ? "J" : "I") + "ZIIZ)I");
            if (dbl) {
                // D[d] = Extend(result, 64, unsigned); the result is already extended to 32 bits.
                e.op(I2L);
                if (unsigned) {
                    e.lconst(0xffffffffL);
                    e.op(LAND);
                }
                VfpRegs.storeD(e, d);
            } else {
                VfpRegs.storeS(e, d);
            }
        } else {
            if (dbl) {
                VfpRegs.loadD(e, d);
                e.op(L2I);
            } else {
                VfpRegs.loadS(e, d);
            }
            e.iconst(unsigned ? 1 : 0);
            e.iconst(width);
            e.iconst(fracBits);
            if (dbl) {
                e.call(OPS, "fixed2d", "(" + CPU_D + "IZII)J");
                VfpRegs.storeD(e, d);
            } else {
                e.call(OPS, "fixed2s", "(" + CPU_D + "IZII)I");
                VfpRegs.storeS(e, d);
            }
        }
    }
}
