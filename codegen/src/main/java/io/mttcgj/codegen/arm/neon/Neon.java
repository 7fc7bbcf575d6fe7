package io.mttcgj.codegen.arm.neon;

import io.mttcgj.codegen.arm.a32.A32;
import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.emit.Emitter;
import io.mttcgj.codegen.runtime.neon.NeonMem;
import io.mttcgj.codegen.tb.TbKey;
import org.objectweb.asm.Opcodes;

/**
 * Advanced SIMD (NEON): registers its rows in the A32 and T32 decoders. T32 words are rewritten to
 * their A32 form (111U1111 -> 1111001U, 11111001 -> 11110100), so one decoder and one runtime serve
 * both. Data processing is a call to runtime/neon/NeonExec with the word; loads and stores call
 * runtime/neon/NeonMem, which returns the written-back base.
 */
public final class Neon implements Opcodes {
    private static final String CPU_D = "Lio/mttcgj/codegen/arm/state/CpuState;";
    private static final String EXEC = "io/mttcgj/codegen/runtime/neon/NeonExec";
    private static final String MEM = "io/mttcgj/codegen/runtime/neon/NeonMem";

    private Neon() {
    }

    public static void registerA32(DecodeTable t) {
        t.add(A32.P_SPECIFIC, "1111001x xxxxxxxx xxxxxxxx xxxxxxxx", "neon-dp", (e, i) -> dataProcessing(e, i, i));
        t.add(A32.P_SPECIFIC, "11110100 xxx0xxxx xxxxxxxx xxxxxxxx", "neon-ls", (e, i) -> loadStore(e, i, i));
    }

    public static void registerT32(DecodeTable t) {
        t.add(A32.P_SPECIFIC, "111x1111 xxxxxxxx xxxxxxxx xxxxxxxx", "neon-dp",
                (e, i) -> dataProcessing(e, 0xf2000000 | ((i >>> 4) & 0x01000000) | (i & 0x00ffffff), i));
        t.add(A32.P_SPECIFIC, "11111001 xxx0xxxx xxxxxxxx xxxxxxxx", "neon-ls",
                (e, i) -> loadStore(e, 0xf4000000 | (i & 0x00ffffff), i));
    }

    /** Advanced SIMD is usable only when CPACR grants cp10/cp11 and FPEXC.EN is set (block key bits). */
    private static boolean enabled(Emitter e) {
        int need = TbKey.FP_ACCESS | TbKey.FP_ENABLED;
        return (e.tbFlags() & need) == need;
    }

    /** {@code insn} is the A32 form, {@code original} the word as fetched (for the Undefined report). */
    static void dataProcessing(Emitter e, int insn, int original) {
        if (!enabled(e) || NeonDecode.dataProcessingUndefined(insn)) {
            A32.undefined(e, original);
            return;
        }
        e.loadCpu();
        e.iconst(insn);
        e.call(EXEC, "exec", "(" + CPU_D + "I)V");
    }

    static void loadStore(Emitter e, int insn, int original) {
        if (!enabled(e) || NeonMem.layout(insn) == null) {
            A32.undefined(e, original);
            return;
        }
        int rn = (insn >>> 16) & 15;
        int rm = insn & 15;
        e.loadCpu();
        e.iconst(insn);
        e.loadReg(rn);
        if (rm == 13 || rm == 15) {
            e.iconst(0);
        } else {
            e.loadReg(rm);
        }
        e.callMayFault(MEM, "exec", "(" + CPU_D + "III)I");
        if (rm == 15 || rn == 15) {
            e.op(POP); // no writeback; with Rn = PC (UNPREDICTABLE) it would be a branch
        } else {
            e.storeReg(rn);
        }
    }
}
