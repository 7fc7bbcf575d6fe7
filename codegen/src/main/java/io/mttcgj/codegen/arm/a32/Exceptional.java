package io.mttcgj.codegen.arm.a32;

import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.emit.Emitter;

/** SVC, BKPT, UDF: they leave the block and the execution loop takes the exception (or semihosting). */
final class Exceptional {
    private Exceptional() {
    }

    static void register(DecodeTable t) {
        t.add(A32.P_SPECIFIC, "111001111111iiiiiiiiiiii1111iiii", "udf", Exceptional::udf);
        t.add(A32.P_GENERAL, "cccc1111iiiiiiiiiiiiiiiiiiiiiiii", "svc", Exceptional::svc);
        t.add(A32.P_CARVED, "cccc00010010iiiiiiiiiiii0111iiii", "bkpt", Exceptional::bkpt);
    }

    static void svc(Emitter e, int insn) {
        e.condition(A32.cond(insn));
        e.exitSpecial(CpuState.EXIT_SVC, insn & 0xffffff, e.pc());
    }

    static void bkpt(Emitter e, int insn) {
        // BKPT is unconditional in ARMv7 (cond must be AL; other values are UNPREDICTABLE).
        e.exitSpecial(CpuState.EXIT_BKPT, ((insn >>> 4) & 0xfff0) | (insn & 0xf), e.pc());
    }

    static void udf(Emitter e, int insn) {
        e.exitSpecial(CpuState.EXIT_UDF, insn, e.pc());
    }
}
