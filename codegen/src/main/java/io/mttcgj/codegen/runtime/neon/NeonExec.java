package io.mttcgj.codegen.runtime.neon;

import io.mttcgj.codegen.arm.state.CpuState;

/**
 * Runs one Advanced SIMD data-processing instruction, given in its A32 form (1111001U ...; T32
 * encodings are converted by the translator). The translator has already rejected the UNDEFINED
 * encodings (arm/neon/NeonDecode), so every word reaching here is valid.
 */
public final class NeonExec {
    private NeonExec() {
    }

    public static int vd(int insn) {
        return ((insn >>> 18) & 16) | ((insn >>> 12) & 15);
    }

    public static int vn(int insn) {
        return ((insn >>> 3) & 16) | ((insn >>> 16) & 15);
    }

    public static int vm(int insn) {
        return ((insn >>> 1) & 16) | (insn & 15);
    }

    /** The class of a data-processing word (A7.4 table), shared with the decoder. */
    public enum Kind { THREE_SAME, IMMEDIATE, SHIFT, DIFFERENT_LENGTHS, SCALAR, EXT, MISC, TABLE, DUP, UNDEFINED }

    public static Kind classify(int insn) {
        boolean u = ((insn >>> 24) & 1) != 0;
        int a = (insn >>> 19) & 31;
        int b = (insn >>> 8) & 15;
        int c = (insn >>> 4) & 15;
        if ((a & 16) == 0) {
            return Kind.THREE_SAME;
        }
        if ((c & 1) != 0) {
            if ((c & 8) != 0) {
                return Kind.SHIFT;
            }
            return (a & 7) == 0 ? Kind.IMMEDIATE : Kind.SHIFT;
        }
        if ((a & 6) != 6) { // 1x0xx or 1x10x
            return (c & 4) == 0 ? Kind.DIFFERENT_LENGTHS : Kind.SCALAR;
        }
        if (!u) {
            return Kind.EXT;
        }
        if ((b & 8) == 0) {
            return Kind.MISC;
        }
        if ((b & 12) == 8) {
            return Kind.TABLE;
        }
        if (b == 12 && (c & 8) == 0) {
            return Kind.DUP;
        }
        return Kind.UNDEFINED;
    }

    /** Entry point from translated code. */
    public static void exec(CpuState c, int insn) {
        long[] d = c.d;
        switch (classify(insn)) {
            case THREE_SAME: NeonThreeSame.exec(d, c, insn); break;
            case IMMEDIATE: NeonMisc.modifiedImmediate(d, insn); break;
            case SHIFT: NeonShift.exec(d, c, insn); break;
            case DIFFERENT_LENGTHS: NeonLong.differentLengths(d, c, insn); break;
            case SCALAR: NeonLong.scalarOps(d, c, insn); break;
            case EXT: NeonMisc.ext(d, insn); break;
            case MISC: NeonMisc.twoRegMisc(d, c, insn); break;
            case TABLE: NeonMisc.table(d, insn); break;
            case DUP: NeonMisc.dupScalar(d, insn); break;
            default: throw new IllegalStateException(String.format("undefined NEON word %08x reached exec", insn));
        }
    }
}
