package io.mttcgj.codegen.arm.thumb;

import static io.mttcgj.codegen.arm.thumb.T32LoadStore.CPU_D;
import static io.mttcgj.codegen.arm.thumb.T32LoadStore.bit;
import static io.mttcgj.codegen.arm.thumb.T32LoadStore.bits;

import io.mttcgj.codegen.arm.a32.A32;
import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.emit.Emitter;
import org.objectweb.asm.Opcodes;

/**
 * The miscellaneous control part of the T32 "branches and miscellaneous control" space (ARM ARM
 * A6.3.4, A6.3.11, A6.3.12): MSR/MRS (incl. banked registers), CPS.W, the hints, CLREX, DSB/DMB/ISB,
 * BXJ, SUBS PC, LR, #imm8 and ERET, HVC, SMC, UDF.W. Semantics and runtime helpers (runtime/SysOps)
 * are those of the A32 system instructions.
 *
 * <p>Whatever can change the mode or CPSR.A/I/F ends the block through the loop (EXIT_SYNC), which
 * re-checks pending interrupts. The helpers that change the mode run on flushed state; the block then
 * reloads its locals and leaves with {@link Emitter#exitSpecial}, which also writes the IT state.
 */
final class T32System implements Opcodes {
    private static final String OPS = "io/mttcgj/codegen/runtime/SysOps";

    private T32System() {
    }

    static void register(DecodeTable t) {
        t.add(A32.P_SPECIFIC, "11110011100rnnnn 10-0mmmm--0-----", "msr", T32System::msr);
        t.add(A32.P_SPECIFIC, "11110011100rnnnn 10-0mmmm--1m----", "msr (banked)", T32System::msrBanked);
        t.add(A32.P_SPECIFIC, "111100111010---- 10-0-ooooooooooo", "cps/hint", T32System::cpsOrHint);
        t.add(A32.P_SPECIFIC, "111100111011---- 10-0----oooo----", "misc", T32System::miscControl);
        t.add(A32.P_SPECIFIC, "111100111100mmmm 10-0------------", "bxj", T32System::bxj);
        t.add(A32.P_SPECIFIC, "111100111101---- 10-0----iiiiiiii", "subs pc, lr", T32System::subsPcLr);
        t.add(A32.P_SPECIFIC, "11110011111r---- 10-0dddd--0-----", "mrs", T32System::mrs);
        t.add(A32.P_SPECIFIC, "11110011111rmmmm 10-0dddd--1m----", "mrs (banked)", T32System::mrsBanked);
        t.add(A32.P_SPECIFIC, "111101111110iiii 1000iiiiiiiiiiii", "hvc", T32System::hvc);
        t.add(A32.P_SPECIFIC, "111101111111iiii 1000------------", "smc", T32System::smc);
        t.add(A32.P_SPECIFIC, "111101111111iiii 1010iiiiiiiiiiii", "udf.w", T32System::udf);
    }

    // ------------------------------------------------------------------ shared helpers

    /** cpu.r[15] = {@code value}, so a helper's messages and faults name this instruction. */
    static void setPc(Emitter e, int value) {
        e.getCpuField("r", "[I");
        e.iconst(15);
        e.iconst(value);
        e.op(IASTORE);
    }

    /**
     * After a helper that changed the mode or CPSR control bits on flushed state: reload the locals
     * (the banked registers may have changed) and leave for the loop at the next instruction.
     */
    static void leaveSynced(Emitter e) {
        e.reloadState();
        e.exitSpecial(CpuState.EXIT_SYNC, 0, e.nextPc());
    }

    /** Stack: new PC. Exception return: CPSR = SPSR, branch; the helper writes the whole state. */
    /** Same as A32's: CPSR = SPSR and branch, leaving without writing stale locals back. */
    static void exceptionReturn(Emitter e) {
        io.mttcgj.codegen.arm.a32.SystemInsns.exceptionReturn(e);
    }

    // ------------------------------------------------------------------ PSR access

    static void msr(Emitter e, int insn) {
        int fields = bits(insn, 11, 8);
        int v = e.temp();
        e.loadReg(bits(insn, 19, 16));
        e.istore(v);
        if (bit(insn, 20)) {
            setPc(e, e.pc());
            e.loadCpu();
            e.iload(v);
            e.iconst(fields);
            e.callMayFault(OPS, "msrSpsr", "(" + CPU_D + "II)V");
            return;
        }
        if (fields == 0) {
            return; // UNPREDICTABLE: writes nothing
        }
        e.flushState();
        setPc(e, e.pc());
        e.loadCpu();
        e.iload(v);
        e.iconst(fields);
        e.call(OPS, "msrCpsr", "(" + CPU_D + "II)V");
        if ((fields & 3) != 0) {
            leaveSynced(e); // control or extension byte: mode, masks
        } else {
            e.reloadState(); // flags and GE only
        }
    }

    static void mrs(Emitter e, int insn) {
        int rd = bits(insn, 11, 8);
        if (rd == 15) {
            A32.undefined(e, insn); // UNPREDICTABLE
            return;
        }
        io.mttcgj.codegen.arm.a32.SystemInsns.mrs(e, rd, bit(insn, 20));
    }

    /** MRS Rd, &lt;banked_reg&gt;: SYSm = M (bit 4) : m1 (first halfword bits 3:0). */
    static void mrsBanked(Emitter e, int insn) {
        int rd = bits(insn, 11, 8);
        if (rd == 15) {
            A32.undefined(e, insn);
            return;
        }
        setPc(e, e.pc());
        e.loadCpu();
        e.iconst((bits(insn, 4, 4) << 4) | bits(insn, 19, 16));
        e.iconst(bit(insn, 20) ? 1 : 0);
        e.callMayFault(OPS, "mrsBanked", "(" + CPU_D + "II)I");
        e.storeReg(rd);
    }

    /** MSR &lt;banked_reg&gt;, Rn: SYSm = M (bit 4) : M1 (bits 11:8). */
    static void msrBanked(Emitter e, int insn) {
        setPc(e, e.pc());
        e.loadCpu();
        e.iconst((bits(insn, 4, 4) << 4) | bits(insn, 11, 8));
        e.iconst(bit(insn, 20) ? 1 : 0);
        e.loadReg(bits(insn, 19, 16));
        e.callMayFault(OPS, "msrBanked", "(" + CPU_D + "III)V");
    }

    // ------------------------------------------------------------------ CPS and hints

    static void cpsOrHint(Emitter e, int insn) {
        if (bits(insn, 10, 8) == 0) {
            hint(e, insn & 0xff);
            return;
        }
        int imod = bits(insn, 10, 9);
        int mask = 0;
        int value = 0;
        if ((imod & 2) != 0) {
            mask = bits(insn, 7, 5) << 6; // A I F: bits 7:5 here, 8:6 in the CPSR
            if ((imod & 1) != 0) {
                value = mask; // CPSID sets the mask bits
            }
        }
        if (bit(insn, 8)) {
            mask |= CpuState.CPSR_M;
            value |= insn & CpuState.CPSR_M;
        }
        if (mask == 0) {
            return;
        }
        e.flushState();
        setPc(e, e.pc());
        e.loadCpu();
        e.iconst(value);
        e.iconst(mask);
        e.call(OPS, "cps", "(" + CPU_D + "II)V");
        leaveSynced(e);
    }

    private static void hint(Emitter e, int op) {
        switch (op) {
            case 1:
                e.exitSpecial(CpuState.EXIT_YIELD, 0, e.nextPc());
                break;
            case 2:
                e.exitSpecial(CpuState.EXIT_WFE, 0, e.nextPc());
                break;
            case 3: // WFI: the loop halts; on wake-up execution continues after the WFI
                e.exitSpecial(CpuState.EXIT_WFI, 0, e.nextPc());
                break;
            case 4:
                e.loadCpu();
                e.call(OPS, "sev", "(" + CPU_D + ")V");
                break;
            default: // NOP, DBG and the unallocated hints execute as NOP
                break;
        }
    }

    /** CLREX, DSB, DMB, ISB (A6.3.12); ENTERX/LEAVEX (ThumbEE) and the rest are UNDEFINED. */
    static void miscControl(Emitter e, int insn) {
        switch (bits(insn, 7, 4)) {
            case 2:
                e.iconst(0);
                e.putCpuField("exclusiveValid", "Z");
                break;
            case 4:
            case 5:
                e.call(OPS, "fence", "()V");
                break;
            case 6: // ISB: later instructions see the context earlier ones changed
                e.exitSpecial(CpuState.EXIT_SYNC, 0, e.nextPc());
                break;
            default:
                A32.undefined(e, insn);
                break;
        }
    }

    /** BXJ: there is no Jazelle state to enter, so it is BX Rm (as in A32 and QEMU). */
    static void bxj(Emitter e, int insn) {
        e.loadReg(bits(insn, 19, 16));
        e.branchIndirect();
    }

    // ------------------------------------------------------------------ exception-related

    /** SUBS PC, LR, #imm8 (B9.3.19); with imm8 = 0 it is ERET, which returns to ELR_hyp in Hyp mode. */
    static void subsPcLr(Emitter e, int insn) {
        int imm = insn & 0xff;
        if (imm == 0) {
            setPc(e, e.pc());
            e.loadCpu();
            e.loadReg(14);
            e.callMayFault(OPS, "eretTarget", "(" + CPU_D + "I)I");
        } else {
            e.loadReg(14);
            e.iconst(imm);
            e.op(ISUB);
        }
        exceptionReturn(e);
    }

    static void hvc(Emitter e, int insn) {
        setPc(e, e.pc());
        e.loadCpu();
        e.callMayFault(OPS, "checkHvc", "(" + CPU_D + ")V");
        e.exitSpecial(CpuState.EXIT_HVC, (bits(insn, 19, 16) << 12) | (insn & 0xfff), e.pc());
    }

    static void smc(Emitter e, int insn) {
        setPc(e, e.pc());
        e.loadCpu();
        e.callMayFault(OPS, "checkSmc", "(" + CPU_D + ")V");
        e.exitSpecial(CpuState.EXIT_SMC, bits(insn, 19, 16), e.pc());
    }

    static void udf(Emitter e, int insn) {
        e.exitSpecial(CpuState.EXIT_UDF, insn, e.pc());
    }
}
