package io.mttcgj.codegen.arm.thumb;

import static io.mttcgj.codegen.arm.thumb.T16.bits;
import static io.mttcgj.codegen.arm.thumb.T16.row;

import io.mttcgj.codegen.arm.a32.A32;
import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.emit.Emitter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.LabelNode;

/**
 * T16 branches and the miscellaneous / exception-generating instructions: BX, BLX (register),
 * CBZ/CBNZ, B&lt;c&gt; (T1, with its own condition), B (T2), SVC, UDF, BKPT, HLT, the hints (NOP, YIELD,
 * WFE, WFI, SEV), SETEND and CPS.
 */
final class T16Control implements Opcodes {
    private static final String OPS = "io/mttcgj/codegen/runtime/SysOps";
    private static final String CPU_D = "Lio/mttcgj/codegen/arm/state/CpuState;";

    private T16Control() {
    }

    static void register(DecodeTable t) {
        row(t, "010001110 mmmm 000", "bx", T16Control::bx);
        row(t, "010001111 mmmm 000", "blx", T16Control::blx);
        row(t, "1011 0 0 i 1 iiiii nnn", "cbz", (e, i) -> cbz(e, i, false));
        row(t, "1011 1 0 i 1 iiiii nnn", "cbnz", (e, i) -> cbz(e, i, true));
        row(t, T16.P_FIRST, "1101 1110 iiiiiiii", "udf", T16Control::udf);
        row(t, T16.P_FIRST, "1101 1111 iiiiiiii", "svc", T16Control::svc);
        row(t, "1101 cccc iiiiiiii", "b", T16Control::bCond);
        row(t, "11100 iiiiiiiiiii", "b", T16Control::b);
        row(t, "1011 1110 iiiiiiii", "bkpt", T16Control::bkpt);
        row(t, "1011 1010 10 iiiiii", "hlt", T16Control::hlt);
        row(t, "1011 1111 oooo 0000", "hint", T16Control::hint);
        row(t, "1011 0110 0101 e000", "setend", T16Control::setend);
        row(t, "1011 0110 011 m 0 aif", "cps", T16Control::cps);
    }

    /** BX Rm: BXWritePC (bit 0 selects the instruction set; BX PC goes to ARM at Align(PC, 4)). */
    static void bx(Emitter e, int insn) {
        e.loadReg(bits(insn, 6, 3));
        e.storeReg(15);
    }

    /** BLX Rm: LR = the next instruction's address with bit 0 set, then BXWritePC(Rm as read before). */
    static void blx(Emitter e, int insn) {
        int target = e.temp();
        e.loadReg(bits(insn, 6, 3));
        e.istore(target);
        e.iconst(e.nextPc() | 1);
        e.storeReg(14);
        e.iload(target);
        e.storeReg(15);
    }

    /**
     * CBZ/CBNZ: forward only (i:imm5:'0' added to PC); conditional on a register, so the block goes on
     * when the branch is not taken (a CB{N}Z is never inside an IT block).
     */
    static void cbz(Emitter e, int insn, boolean nonZero) {
        int target = e.pc() + 4 + ((bits(insn, 9, 9) << 6) | (bits(insn, 7, 3) << 1));
        e.loadReg(bits(insn, 2, 0));
        e.conditionOnValue(nonZero ? IFEQ : IFNE);
        e.branchTo(target);
    }

    /** B&lt;c&gt; T1: carries its own condition (inside an IT block it is UNPREDICTABLE: the IT condition rules). */
    static void bCond(Emitter e, int insn) {
        if (!e.inItBlock()) {
            e.condition(bits(insn, 11, 8));
        }
        e.branchTo(e.pc() + 4 + ((byte) insn << 1));
    }

    /** B T2: unconditional, or conditional as the last instruction of an IT block (condition already applied). */
    static void b(Emitter e, int insn) {
        e.branchTo(e.pc() + 4 + ((insn << 21) >> 20));
    }

    static void svc(Emitter e, int insn) {
        e.exitSpecial(CpuState.EXIT_SVC, insn & 0xff, e.pc());
    }

    static void udf(Emitter e, int insn) {
        e.exitSpecial(CpuState.EXIT_UDF, insn, e.pc());
    }

    static void bkpt(Emitter e, int insn) {
        e.exitSpecial(CpuState.EXIT_BKPT, insn & 0xff, e.pc());
    }

    /** HLT #imm6: the semihosting trap (HLT #0x3c); otherwise the loop makes it Undefined. */
    static void hlt(Emitter e, int insn) {
        e.exitSpecial(CpuState.EXIT_HLT, insn & 0x3f, e.pc());
    }

    /** NOP, YIELD, WFE, WFI, SEV; the other hint numbers execute as NOP. */
    static void hint(Emitter e, int insn) {
        switch (bits(insn, 7, 4)) {
            case 1:
                e.exitSpecial(CpuState.EXIT_YIELD, 0, e.nextPc());
                break;
            case 2:
                e.exitSpecial(CpuState.EXIT_WFE, 0, e.nextPc());
                break;
            case 3: // WFI: the loop halts; on wake-up execution continues after it
                e.exitSpecial(CpuState.EXIT_WFI, 0, e.nextPc());
                break;
            case 4:
                e.loadCpu();
                e.call(OPS, "sev", "(" + CPU_D + ")V");
                break;
            default:
                break;
        }
    }

    /** SETEND LE is a no-op; big-endian data is not supported, so SETEND BE is Undefined (as in A32). */
    static void setend(Emitter e, int insn) {
        if (T16.bit(insn, 3)) {
            A32.undefined(e, insn);
        }
    }

    /**
     * CPSIE/CPSID with A/I/F (no mode change in T16). A NOP in User mode (SysOps.cps checks). May unmask
     * an interrupt, so the block is left through the loop with the whole state written back.
     */
    static void cps(Emitter e, int insn) {
        int mask = (insn & 7) << 6; // A I F: bits 2:0 here, bits 8:6 in the CPSR
        if (mask == 0) {
            return; // UNPREDICTABLE without A, I or F: nothing to change
        }
        int value = T16.bit(insn, 4) ? mask : 0; // CPSID sets the mask bits
        e.flushState();
        // CPS is not allowed in an IT block, so the IT state after it is 0; the synced exit does not write it.
        e.getCpuField("cpsrCtl", "I");
        e.iconst(~CpuState.CPSR_IT);
        e.op(IAND);
        e.putCpuField("cpsrCtl", "I");
        setPcField(e, e.pc());
        e.loadCpu();
        e.iconst(value);
        e.iconst(mask);
        e.call(OPS, "cps", "(" + CPU_D + "II)V");
        setPcField(e, e.nextPc());
        e.iconst(CpuState.EXIT_SYNC);
        e.putCpuField("exitKind", "I");
        e.iconst(0);
        e.putCpuField("exitInfo", "I");
        e.exitSynced();
    }

    private static void setPcField(Emitter e, int value) {
        e.getCpuField("r", "[I");
        e.iconst(15);
        e.iconst(value);
        e.op(IASTORE);
    }
}
