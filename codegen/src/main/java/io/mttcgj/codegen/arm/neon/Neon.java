package io.mttcgj.codegen.arm.neon;

import io.mttcgj.codegen.arm.decode.DecodeTable;

/** Advanced SIMD (NEON): registers its rows in the A32 and T32 decoders. */
public final class Neon {
    private Neon() {
    }

    public static void registerA32(DecodeTable t) {
    }

    public static void registerT32(DecodeTable t) {
    }
}
