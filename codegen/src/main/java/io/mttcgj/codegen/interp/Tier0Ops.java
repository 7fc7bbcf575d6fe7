package io.mttcgj.codegen.interp;

import io.mttcgj.codegen.arm.decode.DecodeTable;

/** Attaches every tier-0 form to the translator's decode tables (one place, for the machine and the tests). */
public final class Tier0Ops {
    private Tier0Ops() {
    }

    /** {@code t16}/{@code t32} may be null (A32 only). */
    public static void attach(DecodeTable a32, DecodeTable t16, DecodeTable t32) {
        A32Ops.attach(a32);
        A32SystemOps.attach(a32);
        A32MediaOps.attach(a32);
        if (t16 != null) {
            T16Ops.attach(t16);
        }
        if (t32 != null) {
            T32Ops.attach(t32);
            A32SystemOps.attachThumb(t32);
        }
    }
}
