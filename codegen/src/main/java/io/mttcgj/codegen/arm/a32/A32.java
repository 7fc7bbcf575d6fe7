package io.mttcgj.codegen.arm.a32;

import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.emit.Emitter;

/**
 * The A32 decoder: every instruction class registers its bit-pattern rows here. Priorities order
 * overlapping encodings: the unconditional space and the specific "miscellaneous" encodings that
 * live inside the data-processing space come before the general data-processing rows.
 */
public final class A32 {
    /** Unconditional space (cond = 1111) and very specific encodings. */
    public static final int P_SPECIFIC = 10;
    /** Miscellaneous, multiply, extra load/store and media encodings carved out of broader spaces. */
    public static final int P_CARVED = 20;
    /** Data processing and the other general classes. */
    public static final int P_GENERAL = 30;

    private A32() {
    }

    public static DecodeTable decoder() {
        DecodeTable t = new DecodeTable(A32::undefined);
        DataProcessing.register(t);
        Branches.register(t);
        LoadStore.register(t);
        Exceptional.register(t);
        Multiply.register(t);
        Media.register(t);
        LoadStoreExtra.register(t);
        SystemInsns.register(t);
        io.mttcgj.codegen.arm.vfp.Vfp.registerA32(t);
        io.mttcgj.codegen.arm.neon.Neon.registerA32(t);
        return t;
    }

    /** Encodings no row claims: the guest's Undefined exception, logged with -d unimp by the loop. */
    public static void undefined(Emitter e, int insn) {
        e.exitSpecial(CpuState.EXIT_UDF, insn, e.pc());
    }

    static int cond(int insn) {
        return insn >>> 28;
    }

    static int bits(int insn, int hi, int lo) {
        return (insn >>> lo) & ((1 << (hi - lo + 1)) - 1);
    }

    static boolean bit(int insn, int n) {
        return ((insn >>> n) & 1) != 0;
    }
}
