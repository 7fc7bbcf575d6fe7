package io.mttcgj.codegen.arm.thumb;

import io.mttcgj.codegen.arm.decode.DecodeTable;

/** Placeholder until this Thumb instruction class is implemented: no rows (encodings decode as Undefined). */
final class T16 {
    private T16() {
    }

    static void register(DecodeTable t) {
    }
}
