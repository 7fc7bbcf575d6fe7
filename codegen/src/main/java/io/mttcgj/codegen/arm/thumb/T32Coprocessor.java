package io.mttcgj.codegen.arm.thumb;

import static io.mttcgj.codegen.arm.thumb.T32LoadStore.CPU_D;
import static io.mttcgj.codegen.arm.thumb.T32LoadStore.bits;

import io.mttcgj.codegen.arm.state.SystemRegisters;
import io.mttcgj.codegen.arm.a32.A32;
import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.emit.Emitter;
import org.objectweb.asm.Opcodes;

/**
 * T32 coprocessor moves (ARM ARM A6.3.18): MRC/MCR for p15 and p14, MRRC/MCRR for p15, through the
 * same runtime/SysOps helpers as A32. The encodings are the A32 ones with 1110 in place of the
 * condition. CDP, LDC/STC, the "2" forms and the other coprocessors have no row here: Undefined.
 */
final class T32Coprocessor implements Opcodes {
    private static final String OPS = "io/mttcgj/codegen/runtime/SysOps";

    private T32Coprocessor() {
    }

    static void register(DecodeTable t) {
        t.add(A32.P_SPECIFIC, "11101110ooo1nnnn tttt1111ooo1mmmm", "mrc", (e, i) -> mrc(e, i, 15));
        t.add(A32.P_SPECIFIC, "11101110ooo0nnnn tttt1111ooo1mmmm", "mcr", (e, i) -> mcr(e, i, 15));
        t.add(A32.P_SPECIFIC, "11101110ooo1nnnn tttt1110ooo1mmmm", "mrc", (e, i) -> mrc(e, i, 14));
        t.add(A32.P_SPECIFIC, "11101110ooo0nnnn tttt1110ooo1mmmm", "mcr", (e, i) -> mcr(e, i, 14));
        t.add(A32.P_SPECIFIC, "111011000101ssss tttt1111oooommmm", "mrrc", T32Coprocessor::mrrc);
        t.add(A32.P_SPECIFIC, "111011000100ssss tttt1111oooommmm", "mcrr", T32Coprocessor::mcrr);
    }

    private static void pushRegisterId(Emitter e, int insn) {
        T32System.setPc(e, e.pc());
        e.loadCpu();
        e.iconst(bits(insn, 23, 21));
        e.iconst(bits(insn, 19, 16));
        e.iconst(insn & 15);
        e.iconst(bits(insn, 7, 5));
    }

    static void mrc(Emitter e, int insn, int cp) {
        int rt = bits(insn, 15, 12);
        pushRegisterId(e, insn);
        e.callMayFault(OPS, cp == 15 ? "mrc15" : "mrc14", "(" + CPU_D + "IIII)I");
        io.mttcgj.codegen.arm.a32.SystemInsns.mrcResult(e, rt);
    }

    static void mcr(Emitter e, int insn, int cp) {
        pushRegisterId(e, insn);
        e.loadReg(bits(insn, 15, 12));
        e.callMayFault(OPS, cp == 15 ? "mcr15" : "mcr14", "(" + CPU_D + "IIIII)V");
        if (cp == 15 && !SystemRegisters.writeKeepsBlock(bits(insn, 23, 21), bits(insn, 19, 16), insn & 15, bits(insn, 7, 5))) {
            e.exitSpecial(CpuState.EXIT_SYNC, 0, e.nextPc());
        }
    }


    static void mrrc(Emitter e, int insn) {
        int rt2 = bits(insn, 19, 16);
        int rt = bits(insn, 15, 12);
        if (rt == 15 || rt2 == 15 || rt == rt2) {
            A32.undefined(e, insn); // UNPREDICTABLE
            return;
        }
        T32System.setPc(e, e.pc());
        e.loadCpu();
        e.iconst(bits(insn, 7, 4));
        e.iconst(insn & 15);
        e.callMayFault(OPS, "mrrc15", "(" + CPU_D + "II)J");
        int v = e.temp2();
        e.lstore(v);
        e.lload(v);
        e.op(L2I);
        e.storeReg(rt);
        e.lload(v);
        e.iconst(32);
        e.op(LUSHR);
        e.op(L2I);
        e.storeReg(rt2);
    }

    static void mcrr(Emitter e, int insn) {
        T32System.setPc(e, e.pc());
        e.loadCpu();
        e.iconst(bits(insn, 7, 4));
        e.iconst(insn & 15);
        e.loadReg(bits(insn, 15, 12));
        e.loadReg(bits(insn, 19, 16));
        e.callMayFault(OPS, "mcrr15", "(" + CPU_D + "IIII)V");
        e.exitSpecial(CpuState.EXIT_SYNC, 0, e.nextPc());
    }
}
