package io.mttcgj.codegen.arm.thumb;

import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.emit.InsnTranslator;

/**
 * Every 16-bit Thumb instruction of ARMv7-A (ARM ARM A6.2). The instruction sits in the low 16 bits
 * of the decoded word. The rows live in three files: data processing (T16DataProcessing), loads and
 * stores (T16LoadStore), branches and the miscellaneous/exception-generating ones (T16Control).
 *
 * <p>Where the ARM ARM marks a bit "(0)" the rows require it to be 0, as qemu-system-arm does: other
 * values decode as Undefined. The IT instruction (1011 1111 xxxx yyyy, yyyy != 0) has no row: the
 * block compiler consumes it.
 */
final class T16 {
    /** The T16 rows are all disjoint: one priority. */
    static final int P = 30;
    /** Carve-outs from a broader row (B&lt;c&gt; with cond 1110/1111 = UDF/SVC). */
    static final int P_FIRST = 10;

    private T16() {
    }

    static void register(DecodeTable t) {
        T16DataProcessing.register(t);
        T16LoadStore.register(t);
        T16Control.register(t);
    }

    /** Adds a row whose 16-bit pattern (spaces allowed) is matched in the low halfword. */
    static void row(DecodeTable t, int priority, String pattern16, String name, InsnTranslator tr) {
        String p = pattern16.replace(" ", "");
        if (p.length() != 16) {
            throw new IllegalArgumentException("T16 pattern must have 16 bits: '" + pattern16 + "'");
        }
        t.add(priority, "0000000000000000" + p, name, tr);
    }

    static void row(DecodeTable t, String pattern16, String name, InsnTranslator tr) {
        row(t, P, pattern16, name, tr);
    }

    static int bits(int insn, int hi, int lo) {
        return (insn >>> lo) & ((1 << (hi - lo + 1)) - 1);
    }

    static boolean bit(int insn, int n) {
        return ((insn >>> n) & 1) != 0;
    }
}
