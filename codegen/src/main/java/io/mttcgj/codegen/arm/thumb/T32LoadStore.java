package io.mttcgj.codegen.arm.thumb;

import io.mttcgj.codegen.arm.decode.DecodeTable;

/** Placeholder until this Thumb instruction class is implemented: no rows (encodings decode as Undefined). */
final class T32LoadStore {
    private T32LoadStore() {
    }

    static void register(DecodeTable t) {
    }
}
