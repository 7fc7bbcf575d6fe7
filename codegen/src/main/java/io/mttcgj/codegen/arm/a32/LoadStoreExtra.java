package io.mttcgj.codegen.arm.a32;

import io.mttcgj.codegen.arm.decode.DecodeTable;

/** Placeholder until this instruction class is implemented: registers no rows (encodings decode as Undefined). */
final class LoadStoreExtra {
    private LoadStoreExtra() {
    }

    static void register(DecodeTable t) {
    }
}
