package io.mttcgj.codegen.arm.a32;

import io.mttcgj.codegen.arm.state.SystemRegisters;
import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.emit.Emitter;
import io.mttcgj.codegen.emit.Flags;
import org.objectweb.asm.Opcodes;

/**
 * System instructions: PSR access (MRS/MSR, banked forms, CPS, SETEND), SRS/RFE/ERET, HVC/SMC,
 * hints, barriers and coprocessor moves for p14/p15. Anything that can change CPSR.I/F/mode or the
 * system context ends the block through the loop ({@link CpuState#EXIT_SYNC}), which re-checks
 * pending interrupts. Other coprocessors (CDP, LDC/STC, p10/p11) are left to A32.undefined.
 */
public final class SystemInsns implements Opcodes {
    private static final String OPS = "io/mttcgj/codegen/runtime/SysOps";
    private static final String CPU = "Lio/mttcgj/codegen/arm/state/CpuState;";

    private SystemInsns() {
    }

    static void register(DecodeTable t) {
        // Hints live inside MSR (immediate) with mask 0; bits 11:8 are ignored as QEMU does.
        t.add(A32.P_SPECIFIC, "cccc0011001000001111----oooooooo", "hint", SystemInsns::hint);
        t.add(A32.P_CARVED, "cccc00110r10mmmm1111rrrrvvvvvvvv", "msr", SystemInsns::msr);
        t.add(A32.P_CARVED, "cccc00010r10mmmm111100000000nnnn", "msr", SystemInsns::msr);
        t.add(A32.P_CARVED, "cccc00010r001111dddd000000000000", "mrs", SystemInsns::mrs);
        t.add(A32.P_CARVED, "cccc00010r00mmmmdddd001m00000000", "mrs", SystemInsns::mrsBanked);
        t.add(A32.P_CARVED, "cccc00010r10mmmm1111001m0000nnnn", "msr", SystemInsns::msrBanked);
        t.add(A32.P_CARVED, "cccc0001011000000000000001101110", "eret", SystemInsns::eret);
        t.add(A32.P_CARVED, "cccc00010100iiiiiiiiiiii0111iiii", "hvc", SystemInsns::hvc);
        t.add(A32.P_CARVED, "cccc000101100000000000000111iiii", "smc", SystemInsns::smc);
        t.add(A32.P_SPECIFIC, "111100010000iim00000000aif0ooooo", "cps", SystemInsns::cps);
        t.add(A32.P_SPECIFIC, "1111000100000001000000e000000000", "setend", SystemInsns::setend);
        t.add(A32.P_SPECIFIC, "1111100pu1w0110100000101000ooooo", "srs", SystemInsns::srs);
        t.add(A32.P_SPECIFIC, "1111100pu0w1nnnn0000101000000000", "rfe", SystemInsns::rfe);
        t.add(A32.P_SPECIFIC, "1111010101111111111100000100oooo", "dsb", SystemInsns::fence);
        t.add(A32.P_SPECIFIC, "1111010101111111111100000101oooo", "dmb", SystemInsns::fence);
        t.add(A32.P_SPECIFIC, "1111010101111111111100000110oooo", "isb", SystemInsns::isb);
        t.add(A32.P_CARVED, "cccc1110ooo1nnnntttt1111ooo1mmmm", "mrc", (e, i) -> mrc(e, i, 15));
        t.add(A32.P_CARVED, "cccc1110ooo0nnnntttt1111ooo1mmmm", "mcr", (e, i) -> mcr(e, i, 15));
        t.add(A32.P_CARVED, "cccc1110ooo1nnnntttt1110ooo1mmmm", "mrc", (e, i) -> mrc(e, i, 14));
        t.add(A32.P_CARVED, "cccc1110ooo0nnnntttt1110ooo1mmmm", "mcr", (e, i) -> mcr(e, i, 14));
        t.add(A32.P_CARVED, "cccc11000101sssstttt1111oooommmm", "mrrc", SystemInsns::mrrc);
        t.add(A32.P_CARVED, "cccc11000100sssstttt1111oooommmm", "mcrr", SystemInsns::mcrr);
    }

    /**
     * Stack: new PC. Exception return (SUBS PC, LR and friends, LDM with PC and ^, RFE, ERET):
     * CPSR = SPSR, branch. The helper changes mode, so the block's state is flushed first and the
     * block is left without writing stale locals back.
     */
    public static void exceptionReturn(Emitter e) {
        int t = e.temp();
        e.istore(t);
        e.flushState();
        e.loadCpu();
        e.iload(t);
        e.call("io/mttcgj/codegen/arm/state/Exceptions", "returnFromException",
                "(Lio/mttcgj/codegen/arm/state/CpuState;I)V");
        e.exitSynced();
    }

    static final int EXIT_SYNC = CpuState.EXIT_SYNC;

    // ------------------------------------------------------------------ helpers

    /** cpu.r[15] = this instruction, so a helper's messages and faults name it. */
    private static void setPc(Emitter e, int value) {
        e.getCpuField("r", "[I");
        e.iconst(15);
        e.iconst(value);
        e.op(IASTORE);
    }

    /**
     * After a helper that changed the mode or CPSR control bits with the state flushed: leave for the
     * loop at the next instruction without writing the (now stale) locals back.
     */
    private static void leaveSynced(Emitter e, boolean setNextPc) {
        if (setNextPc) {
            setPc(e, e.nextPc());
        }
        e.iconst(EXIT_SYNC);
        e.putCpuField("exitKind", "I");
        e.iconst(0);
        e.putCpuField("exitInfo", "I");
        e.exitSynced();
    }

    /** Pushes the MSR operand: Rn, or the rotated 8-bit immediate. */
    private static void pushMsrValue(Emitter e, int insn) {
        if (A32.bit(insn, 25)) {
            e.iconst(Integer.rotateRight(insn & 0xff, 2 * A32.bits(insn, 11, 8)));
        } else {
            e.loadReg(insn & 15);
        }
    }

    // ------------------------------------------------------------------ PSR access

    static void mrs(Emitter e, int insn) {
        int rd = A32.bits(insn, 15, 12);
        if (rd == 15) {
            A32.undefined(e, insn); // UNPREDICTABLE
            return;
        }
        e.condition(A32.cond(insn));
        mrs(e, rd, A32.bit(insn, 22));
    }

    /**
     * MRS Rd, CPSR/SPSR (A32 and T32): the CPSR is composed from the block's flag locals, so flags set earlier
     * in the block are seen; SPSR reads may fault (User/System mode).
     */
    public static void mrs(Emitter e, int rd, boolean spsr) {
        if (spsr) {
            setPc(e, e.pc());
            e.loadCpu();
            e.callMayFault(OPS, "mrsSpsr", "(" + CPU + ")I");
        } else {
            e.loadCpu();
            e.loadFlag(Flags.N);
            e.loadFlag(Flags.Z);
            e.loadFlag(Flags.C);
            e.loadFlag(Flags.V);
            e.call(OPS, "mrsCpsr", "(" + CPU + "IIII)I");
        }
        e.storeReg(rd);
    }

    static void msr(Emitter e, int insn) {
        int fields = A32.bits(insn, 19, 16);
        e.condition(A32.cond(insn));
        int v = e.temp();
        pushMsrValue(e, insn);
        e.istore(v);
        if (A32.bit(insn, 22)) {
            setPc(e, e.pc());
            e.loadCpu();
            e.iload(v);
            e.iconst(fields);
            e.callMayFault(OPS, "msrSpsr", "(" + CPU + "II)V");
            return;
        }
        if (fields == 0) {
            return;
        }
        e.flushState();
        setPc(e, e.pc());
        e.loadCpu();
        e.iload(v);
        e.iconst(fields);
        e.call(OPS, "msrCpsr", "(" + CPU + "II)V");
        if ((fields & 3) != 0) {
            leaveSynced(e, true); // control or extension byte: mode, masks
        } else {
            e.reloadState(); // flags and GE only
        }
    }

    private static int sysm(int insn) {
        return (A32.bit(insn, 8) ? 0x10 : 0) | A32.bits(insn, 19, 16);
    }

    static void mrsBanked(Emitter e, int insn) {
        int rd = A32.bits(insn, 15, 12);
        if (rd == 15) {
            A32.undefined(e, insn);
            return;
        }
        e.condition(A32.cond(insn));
        setPc(e, e.pc());
        e.loadCpu();
        e.iconst(sysm(insn));
        e.iconst(A32.bit(insn, 22) ? 1 : 0);
        e.callMayFault(OPS, "mrsBanked", "(" + CPU + "II)I");
        e.storeReg(rd);
    }

    static void msrBanked(Emitter e, int insn) {
        e.condition(A32.cond(insn));
        setPc(e, e.pc());
        e.loadCpu();
        e.iconst(sysm(insn));
        e.iconst(A32.bit(insn, 22) ? 1 : 0);
        e.loadReg(insn & 15);
        e.callMayFault(OPS, "msrBanked", "(" + CPU + "III)V");
    }

    static void cps(Emitter e, int insn) {
        int imod = A32.bits(insn, 19, 18);
        int mask = 0;
        int value = 0;
        if ((imod & 2) != 0) {
            mask = A32.bits(insn, 8, 6) << 6; // A I F sit at bits 8:6 in both the encoding and the CPSR
            if ((imod & 1) != 0) {
                value = mask; // CPSID sets the mask bits
            }
        }
        if (A32.bit(insn, 17)) {
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
        e.call(OPS, "cps", "(" + CPU + "II)V");
        leaveSynced(e, true);
    }

    /**
     * SETEND LE is a no-op (data is always little-endian here). QEMU implements SETEND BE; we do not
     * support big-endian data, so it is an Undefined Instruction, which -d unimp reports.
     */
    static void setend(Emitter e, int insn) {
        if (A32.bit(insn, 9)) {
            A32.undefined(e, insn);
        }
    }

    // ------------------------------------------------------------------ exception-related

    static void srs(Emitter e, int insn) {
        e.flushState();
        setPc(e, e.pc());
        e.loadCpu();
        e.iconst(insn & 0x1f);
        e.iconst(A32.bits(insn, 24, 23));
        e.iconst(A32.bit(insn, 21) ? 1 : 0);
        e.callMayFault(OPS, "srs", "(" + CPU + "III)V");
        leaveSynced(e, true); // the written-back SP may be the current mode's
    }

    static void rfe(Emitter e, int insn) {
        e.flushState();
        setPc(e, e.pc());
        e.loadCpu();
        e.iconst(A32.bits(insn, 19, 16));
        e.iconst(A32.bits(insn, 24, 23));
        e.iconst(A32.bit(insn, 21) ? 1 : 0);
        e.callMayFault(OPS, "rfe", "(" + CPU + "III)V");
        leaveSynced(e, false); // the helper set the PC
    }

    static void eret(Emitter e, int insn) {
        e.condition(A32.cond(insn));
        setPc(e, e.pc());
        e.loadCpu();
        e.loadReg(14);
        e.callMayFault(OPS, "eretTarget", "(" + CPU + "I)I");
        exceptionReturn(e);
    }

    static void hvc(Emitter e, int insn) {
        // HVC must be unconditional (other conditions are UNPREDICTABLE): treated as AL, like BKPT.
        setPc(e, e.pc());
        e.loadCpu();
        e.callMayFault(OPS, "checkHvc", "(" + CPU + ")V");
        e.exitSpecial(CpuState.EXIT_HVC, (A32.bits(insn, 19, 8) << 4) | (insn & 15), e.pc());
    }

    static void smc(Emitter e, int insn) {
        e.condition(A32.cond(insn));
        setPc(e, e.pc());
        e.loadCpu();
        e.callMayFault(OPS, "checkSmc", "(" + CPU + ")V");
        e.exitSpecial(CpuState.EXIT_SMC, insn & 15, e.pc());
    }

    // ------------------------------------------------------------------ hints and barriers

    static void hint(Emitter e, int insn) {
        int op = insn & 0xff;
        switch (op) {
            case 1: // YIELD
                e.condition(A32.cond(insn));
                e.exitSpecial(CpuState.EXIT_YIELD, 0, e.nextPc());
                break;
            case 2: // WFE
                e.condition(A32.cond(insn));
                e.exitSpecial(CpuState.EXIT_WFE, 0, e.nextPc());
                break;
            case 3: // WFI: the loop halts; on wake-up execution continues after the WFI
                e.condition(A32.cond(insn));
                e.exitSpecial(CpuState.EXIT_WFI, 0, e.nextPc());
                break;
            case 4: // SEV
                e.condition(A32.cond(insn));
                e.loadCpu();
                e.call(OPS, "sev", "(" + CPU + ")V");
                break;
            default: // NOP, DBG and the unallocated hints execute as NOP
                break;
        }
    }

    static void fence(Emitter e, int insn) {
        e.call(OPS, "fence", "()V");
    }

    /** ISB: leave the block so that context changed by earlier instructions applies to what follows. */
    static void isb(Emitter e, int insn) {
        e.exitSpecial(CpuState.EXIT_SYNC, 0, e.nextPc());
    }

    // ------------------------------------------------------------------ coprocessors

    static void mrc(Emitter e, int insn, int cp) {
        int opc1 = A32.bits(insn, 23, 21);
        int crn = A32.bits(insn, 19, 16);
        int rt = A32.bits(insn, 15, 12);
        int opc2 = A32.bits(insn, 7, 5);
        int crm = insn & 15;
        e.condition(A32.cond(insn));
        setPc(e, e.pc());
        e.loadCpu();
        e.iconst(opc1);
        e.iconst(crn);
        e.iconst(crm);
        e.iconst(opc2);
        e.callMayFault(OPS, cp == 15 ? "mrc15" : "mrc14", "(" + CPU + "IIII)I");
        mrcResult(e, rt);
    }

    /** Stack: the value MRC read. Rt = 15 is APSR_nzcv: bits 31:28 become N Z C V (A32 and T32). */
    public static void mrcResult(Emitter e, int rt) {
        if (rt != 15) {
            e.storeReg(rt);
            return;
        }
        int v = e.temp();
        e.istore(v);
        e.flushState();
        e.loadCpu();
        e.iload(v);
        e.call(OPS, "setNzcv", "(" + CPU + "I)V");
        e.reloadState();
    }

    static void mcr(Emitter e, int insn, int cp) {
        int opc1 = A32.bits(insn, 23, 21);
        int crn = A32.bits(insn, 19, 16);
        int rt = A32.bits(insn, 15, 12);
        int opc2 = A32.bits(insn, 7, 5);
        int crm = insn & 15;
        e.condition(A32.cond(insn));
        setPc(e, e.pc());
        e.loadCpu();
        e.iconst(opc1);
        e.iconst(crn);
        e.iconst(crm);
        e.iconst(opc2);
        e.loadReg(rt);
        e.callMayFault(OPS, cp == 15 ? "mcr15" : "mcr14", "(" + CPU + "IIIII)V");
        if (cp == 15 && !SystemRegisters.writeKeepsBlock(opc1, crn, crm, opc2)) {
            e.exitSpecial(CpuState.EXIT_SYNC, 0, e.nextPc());
        }
    }


    static void mrrc(Emitter e, int insn) {
        int rt2 = A32.bits(insn, 19, 16);
        int rt = A32.bits(insn, 15, 12);
        if (rt == 15 || rt2 == 15 || rt == rt2) {
            A32.undefined(e, insn); // UNPREDICTABLE
            return;
        }
        e.condition(A32.cond(insn));
        setPc(e, e.pc());
        e.loadCpu();
        e.iconst(A32.bits(insn, 7, 4));
        e.iconst(insn & 15);
        e.callMayFault(OPS, "mrrc15", "(" + CPU + "II)J");
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
        e.condition(A32.cond(insn));
        setPc(e, e.pc());
        e.loadCpu();
        e.iconst(A32.bits(insn, 7, 4));
        e.iconst(insn & 15);
        e.loadReg(A32.bits(insn, 15, 12));
        e.loadReg(A32.bits(insn, 19, 16));
        e.callMayFault(OPS, "mcrr15", "(" + CPU + "IIII)V");
        e.exitSpecial(CpuState.EXIT_SYNC, 0, e.nextPc());
    }
}
