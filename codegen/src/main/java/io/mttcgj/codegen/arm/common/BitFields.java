package io.mttcgj.codegen.arm.common;

import io.mttcgj.codegen.emit.Emitter;
import org.objectweb.asm.Opcodes;

/** BFI/BFC for A32 and T32 (ARM ARM A8.8.20/21): the value emitted is left on the stack for the caller to store. */
public final class BitFields implements Opcodes {
    private BitFields() {
    }

    /**
     * Pushes Rd with bits lsb..msb replaced by the low bits of Rn, or cleared when {@code rn} is 15 (BFC).
     * The caller has checked msb >= lsb.
     */
    public static void insert(Emitter e, int rd, int rn, int lsb, int msb) {
        int width = msb - lsb + 1;
        int mask = (width == 32 ? -1 : (1 << width) - 1) << lsb;
        e.loadReg(rd);
        e.iconst(~mask);
        e.op(IAND);
        if (rn != 15) {
            e.loadReg(rn);
            e.iconst(lsb);
            e.op(ISHL);
            e.iconst(mask);
            e.op(IAND);
            e.op(IOR);
        }
    }
}
