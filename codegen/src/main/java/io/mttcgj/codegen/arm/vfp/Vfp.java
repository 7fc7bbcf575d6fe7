package io.mttcgj.codegen.arm.vfp;

import io.mttcgj.codegen.arm.decode.DecodeTable;

/** VFPv4-D32 (coprocessors 10 and 11): registers its rows in the A32 and T32 decoders. */
public final class Vfp {
    private Vfp() {
    }

    public static void registerA32(DecodeTable t) {
    }

    public static void registerT32(DecodeTable t) {
    }
}
