package io.mttcgj.codegen.arm.common;

import io.mttcgj.codegen.emit.Emitter;
import org.objectweb.asm.Opcodes;

/** Operand pushes shared by the A32 and T32 multiply translators (halfwords, 32-to-64-bit widening). */
public final class MulOperands implements Opcodes {
    private MulOperands() {
    }

    /** Pushes SInt(Rr[15:0]) or SInt(Rr[31:16]). */
    public static void pushHalf(Emitter e, int r, boolean top) {
        e.loadReg(r);
        if (top) {
            e.iconst(16);
            e.op(ISHR);
        } else {
            e.op(I2S);
        }
    }

    public static void pushSignedLong(Emitter e, int r) {
        e.loadReg(r);
        e.op(I2L);
    }

    public static void pushUnsignedLong(Emitter e, int r) {
        e.loadReg(r);
        e.op(I2L);
        e.lconst(0xffffffffL);
        e.op(LAND);
    }

    /** Pushes RdHi:RdLo as a long. */
    public static void pushPair(Emitter e, int hi, int lo) {
        pushSignedLong(e, hi);
        e.iconst(32);
        e.op(LSHL);
        pushUnsignedLong(e, lo);
        e.op(LOR);
    }
}
