package io.mttcgj.codegen.arm.thumb;

import io.mttcgj.codegen.arm.a32.A32;
import io.mttcgj.codegen.arm.decode.DecodeTable;

/**
 * The Thumb decoders. T16 instructions are matched in the low 16 bits of the pattern (the upper 16
 * pattern bits are '0'); T32 instructions are matched with the first halfword in bits 31:16 and the
 * second in 15:0. IT blocks are handled by the block compiler: instructions inside one arrive already
 * made conditional (Emitter#inItBlock tells a translator it is inside one), and the IT instruction itself
 * is never passed to a translator.
 */
public final class Thumb {
    private Thumb() {
    }

    public static DecodeTable t16() {
        DecodeTable t = new DecodeTable(A32::undefined);
        T16.register(t);
        return t;
    }

    public static DecodeTable t32() {
        DecodeTable t = new DecodeTable(A32::undefined);
        T32DataProcessing.register(t);
        T32Media.register(t);
        T32LoadStore.register(t);
        T32Control.register(t);
        io.mttcgj.codegen.arm.vfp.Vfp.registerT32(t);
        io.mttcgj.codegen.arm.neon.Neon.registerT32(t);
        return t;
    }
}
