package io.mttcgj.codegen.arm.vfp;

import io.mttcgj.codegen.arm.vfp.VfpRegs.Prec;
import io.mttcgj.codegen.emit.Emitter;

/**
 * Three-register VFP data processing: VMLA VMLS VNMLA VNMLS VMUL VNMUL VADD VSUB VDIV and the fused
 * VFMA VFMS VFNMA VFNMS. The multiply-accumulates are QEMU's compositions: a rounded product, a
 * sign flip where the instruction negates, then a rounded add with the destination first (the order
 * decides which NaN propagates); the negations are plain sign flips, so a NaN product comes back
 * with its sign flipped.
 */
final class VfpArith {
    private VfpArith() {
    }

    /** opc1 = bits 23,21,20 and op = bit 6 select the operation. */
    static void translate(Emitter e, int insn) {
        e.condition(insn >>> 28);
        Prec p = new Prec(VfpRegs.bit(insn, 8));
        int d = VfpRegs.vd(insn, p.dbl());
        int n = VfpRegs.vn(insn, p.dbl());
        int m = VfpRegs.vm(insn, p.dbl());
        int opc = (VfpRegs.bits(insn, 23, 23) << 2) | VfpRegs.bits(insn, 21, 20);
        boolean op = VfpRegs.bit(insn, 6);
        switch (opc) {
            case 0 -> accumulate(e, p, d, n, m, false, op);   // VMLA / VMLS
            case 1 -> accumulate(e, p, d, n, m, true, op);    // VNMLS / VNMLA
            case 2 -> {                                        // VMUL / VNMUL
                product(e, p, n, m);
                if (op) {
                    p.neg(e);
                }
                p.store(e, d);
            }
            case 3 -> binary(e, p, op ? "sub" : "add", d, n, m);
            case 4 -> binary(e, p, "div", d, n, m);            // op = 1 has no row
            case 5 -> fused(e, p, d, n, m, true, op);          // VFNMS (op 0) / VFNMA (op 1)
            case 6 -> fused(e, p, d, n, m, false, op);         // VFMA / VFMS
            default -> throw new IllegalStateException("no VFP operation for opc1 " + opc);
        }
    }

    private static void binary(Emitter e, Prec p, String name, int d, int n, int m) {
        e.loadCpu();
        p.load(e, n);
        p.load(e, m);
        p.binary(e, name);
        p.store(e, d);
    }

    private static void product(Emitter e, Prec p, int n, int m) {
        e.loadCpu();
        p.load(e, n);
        p.load(e, m);
        p.binary(e, "mul");
    }

    /** Vd = (negD ? -Vd : Vd) + (negProduct ? -(Vn*Vm) : Vn*Vm), two roundings. */
    private static void accumulate(Emitter e, Prec p, int d, int n, int m, boolean negD, boolean negProduct) {
        e.loadCpu();
        p.load(e, d);
        if (negD) {
            p.neg(e);
        }
        product(e, p, n, m);
        if (negProduct) {
            p.neg(e);
        }
        p.binary(e, "add");
        p.store(e, d);
    }

    /** Vd = (negD ? -Vd : Vd) + (negN ? -Vn : Vn) * Vm, one rounding. */
    private static void fused(Emitter e, Prec p, int d, int n, int m, boolean negD, boolean negN) {
        e.loadCpu();
        p.load(e, d);
        if (negD) {
            p.neg(e);
        }
        p.load(e, n);
        if (negN) {
            p.neg(e);
        }
        p.load(e, m);
        p.mulAdd(e);
        p.store(e, d);
    }
}
