package io.mttcgj.codegen.runtime;

import static io.mttcgj.codegen.arm.state.CpuState.CPSR_E;
import static io.mttcgj.codegen.arm.state.CpuState.CPSR_F;
import static io.mttcgj.codegen.arm.state.CpuState.CPSR_IT;
import static io.mttcgj.codegen.arm.state.CpuState.CPSR_J;
import static io.mttcgj.codegen.arm.state.CpuState.CPSR_M;
import static io.mttcgj.codegen.arm.state.CpuState.CPSR_T;

import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.arm.state.GuestException;
import io.mttcgj.codegen.arm.state.Mode;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * Runtime helpers of the A32/T32 system instructions: PSR access, CPS, banked register moves,
 * SRS/RFE, HVC/SMC checks, SEV, coprocessor moves. Privilege and security rules follow the ARM ARM
 * (B9.3) and, where it is UNPREDICTABLE, what QEMU's cortex-a15 does (mostly: UNDEFINED).
 *
 * <p>Helpers that read or write registers or flags expect the block's state written back first
 * (Emitter#flushState); they say so.
 */
public final class SysOps {
    /** QEMU's cortex-a15 DBGDIDR: 4 watchpoints, 6 breakpoints, v7.1 debug (measured on QEMU 7.2). */
    public static final int DBGDIDR = 0x3515f021;
    /** DBGOSLSR at reset (OS lock implemented and set), as QEMU reports it. */
    public static final int DBGOSLSR = 0xa;

    /** Bits an MSR may write at all: everything but the reserved bits 23:20. */
    private static final int PSR_VALID = 0xff0fffff;
    /** Execution state bits MSR CPSR never writes (only exception return does). */
    private static final int PSR_EXEC = CPSR_T | CPSR_IT | CPSR_J;
    /** APSR bits User mode may write: NZCVQ, GE (and E, which we do not support). */
    private static final int PSR_USER = 0xf80f0000 | CPSR_E;
    private static final int SCR_NS = 1;
    private static final int SCR_SCD = 1 << 7;
    private static final int SCR_HCE = 1 << 8;
    private static final int SCTLR_NMFI = 1 << 27;

    /**
     * What SEV does: the machine sets this to mark the event register of every vCPU and wake those
     * waiting in WFE. The default (one vCPU, tests) marks the executing vCPU's own event register.
     */

    private SysOps() {
    }

    // ------------------------------------------------------------------ PSR access

    /** MRS Rd, CPSR with the block's flag locals: the execution state bits read as zero. */
    public static int mrsCpsr(CpuState c, int nf, int zf, int cf, int vf) {
        int flags = (nf & CpuState.CPSR_N) | (zf == 0 ? CpuState.CPSR_Z : 0) | (cf != 0 ? CpuState.CPSR_C : 0)
                | (vf < 0 ? CpuState.CPSR_V : 0);
        return (c.cpsr() & 0x0fffffff & ~PSR_EXEC) | flags;
    }

    /** MRS Rd, SPSR: UNDEFINED in User mode (QEMU); System mode reads the unused User/System slot. */
    public static int mrsSpsr(CpuState c) {
        if (!c.privileged()) {
            throw undefined(c, "MRS SPSR in User mode");
        }
        return c.spsr();
    }

    /** MSR CPSR_&lt;fields&gt;: {@code fields} is the instruction's mask (bit 0 c, 1 x, 2 s, 3 f). Needs flushed state. */
    public static void msrCpsr(CpuState c, int value, int fields) {
        int mask = byteMask(fields) & PSR_VALID & ~PSR_EXEC;
        if (!c.privileged()) {
            mask &= PSR_USER;
        }
        writeCpsr(c, value, mask);
    }

    /** MSR SPSR_&lt;fields&gt;: UNDEFINED in User mode. */
    public static void msrSpsr(CpuState c, int value, int fields) {
        if (!c.privileged()) {
            throw undefined(c, "MSR SPSR in User mode");
        }
        int mask = byteMask(fields) & PSR_VALID;
        c.setSpsr((c.spsr() & ~mask) | (value & mask));
    }

    /** CPS: {@code mask} holds the A/I/F/M bits to change, {@code value} their new values. Needs flushed state. */
    public static void cps(CpuState c, int value, int mask) {
        if (c.privileged()) {
            writeCpsr(c, value, mask);
        }
    }

    /** MRC to APSR_nzcv: N Z C V from bits 31:28. Needs flushed state (the caller reloads). */
    public static void setNzcv(CpuState c, int v) {
        c.nf = v & CpuState.CPSR_N;
        c.zf = (v & CpuState.CPSR_Z) != 0 ? 0 : 1;
        c.cf = (v >>> 29) & 1;
        c.vf = (v << 3) & CpuState.CPSR_N;
    }

    private static int byteMask(int fields) {
        int mask = 0;
        for (int i = 0; i < 4; i++) {
            if ((fields & (1 << i)) != 0) {
                mask |= 0xff << (8 * i);
            }
        }
        return mask;
    }

    /** CPSRWriteByInstr with an already privilege-filtered bit mask. */
    private static void writeCpsr(CpuState c, int value, int mask) {
        int old = c.cpsr();
        int v = (old & ~mask) | (value & mask);
        if ((mask & CPSR_E) != 0 && (value & CPSR_E) != 0) {
            c.cp15.unimplemented.accept(String.format(
                    "big-endian data (CPSR.E = 1) is not supported; ignored at pc=0x%08x", c.r[15]));
            v &= ~CPSR_E;
        }
        if ((c.cp15.sctlr & SCTLR_NMFI) != 0 && (mask & CPSR_F) != 0 && (value & CPSR_F) != 0) {
            v = (v & ~CPSR_F) | (old & CPSR_F); // NMFI: software may clear F but not set it
        }
        int newMode = v & CPSR_M;
        if (newMode != c.mode() && badModeSwitch(c, newMode)) {
            v = (v & ~CPSR_M) | c.mode(); // UNPREDICTABLE: QEMU keeps the mode and writes the rest
        }
        c.setCpsr(v);
    }

    /** The UNPREDICTABLE mode changes of CPSRWriteByInstr, which QEMU ignores. */
    private static boolean badModeSwitch(CpuState c, int newMode) {
        if (!Mode.valid(newMode) || c.mode() == Mode.HYP || newMode == Mode.HYP) {
            return true;
        }
        return newMode == Mode.MON && !isSecure(c);
    }

    /** IsSecure(): Monitor mode, or SCR.NS clear. */
    public static boolean isSecure(CpuState c) {
        return c.mode() == Mode.MON || (c.cp15.scr & SCR_NS) == 0;
    }

    // ------------------------------------------------------------------ banked registers (ARMv7VE)

    /** MRS Rd, &lt;banked_reg&gt;: {@code sysm} = insn bit 8 : bits 19:16, {@code spsr} = the R bit. */
    public static int mrsBanked(CpuState c, int sysm, int spsr) {
        int mode = bankedMode(c, sysm, spsr != 0);
        if (spsr != 0) {
            return c.spsr[Mode.bank(mode)];
        }
        int reg = bankedReg(sysm);
        return reg == 17 ? c.elrHyp : c.bankedReg(mode, reg);
    }

    /** MSR &lt;banked_reg&gt;, Rn. */
    public static void msrBanked(CpuState c, int sysm, int spsr, int value) {
        int mode = bankedMode(c, sysm, spsr != 0);
        if (spsr != 0) {
            c.spsr[Mode.bank(mode)] = value;
            return;
        }
        int reg = bankedReg(sysm);
        if (reg == 17) {
            c.elrHyp = value;
        } else {
            c.setBankedReg(mode, reg, value);
        }
    }

    /** Register number of a non-SPSR SYSm value; 17 stands for ELR_hyp. */
    private static int bankedReg(int sysm) {
        if (sysm < 0x10) {
            return 8 + (sysm & 7);
        }
        if (sysm == 0x1e) {
            return 17;
        }
        return (sysm & 1) != 0 ? 13 : 14;
    }

    /**
     * The mode whose register SYSm names, after BankedRegisterAccessValid / SPSRAccessValid: every
     * UNPREDICTABLE case is UNDEFINED, as in QEMU (which also lets Hyp mode reach SPSR_hyp).
     */
    private static int bankedMode(CpuState c, int sysm, boolean spsr) {
        int cur = c.mode();
        if (cur == Mode.USR) {
            throw undefined(c, "banked register access in User mode");
        }
        int mode;
        if (spsr) {
            switch (sysm) {
                case 0x0e: mode = Mode.FIQ; break;
                case 0x10: mode = Mode.IRQ; break;
                case 0x12: mode = Mode.SVC; break;
                case 0x14: mode = Mode.ABT; break;
                case 0x16: mode = Mode.UND; break;
                case 0x1c: mode = Mode.MON; break;
                case 0x1e: mode = Mode.HYP; break;
                default: throw undefined(c, "reserved SPSR SYSm " + sysm);
            }
        } else if (sysm <= 0x06) {
            mode = Mode.USR;
        } else if (sysm >= 0x08 && sysm <= 0x0e) {
            mode = Mode.FIQ;
        } else {
            switch (sysm & ~1) {
                case 0x10: mode = Mode.IRQ; break;
                case 0x12: mode = Mode.SVC; break;
                case 0x14: mode = Mode.ABT; break;
                case 0x16: mode = Mode.UND; break;
                case 0x1c: mode = Mode.MON; break;
                case 0x1e: mode = Mode.HYP; break;
                default: throw undefined(c, "reserved banked register SYSm " + sysm);
            }
        }
        boolean ok;
        if (mode == Mode.HYP) {
            // SP_hyp only from Monitor mode; ELR_hyp and SPSR_hyp from Hyp or Monitor mode.
            boolean sp = !spsr && (sysm & 1) != 0;
            ok = cur == Mode.MON || (!sp && cur == Mode.HYP);
        } else if (mode == cur) {
            ok = false;
        } else if (mode == Mode.MON) {
            ok = isSecure(c);
        } else if (mode == Mode.USR) {
            int reg = sysm + 8;
            ok = reg == 13 ? cur != Mode.SYS : reg == 14 ? cur != Mode.SYS && cur != Mode.HYP : cur == Mode.FIQ;
        } else {
            ok = true;
        }
        if (!ok) {
            throw undefined(c, String.format("banked register SYSm=0x%x%s not accessible from %s mode", sysm,
                    spsr ? " (SPSR)" : "", Mode.name(cur)));
        }
        return mode;
    }

    // ------------------------------------------------------------------ SRS / RFE / ERET

    private static final int[] PRE = {-4, 0, -8, 4};   // DA, IA, DB, IB: first word's offset from Rn
    private static final int[] POST = {-8, 4, -4, 0};  // written-back Rn relative to the second word

    /** SRS{DA,IA,DB,IB} SP_&lt;mode&gt;{!}: stores LR and SPSR of the current mode. Needs flushed state. */
    public static void srs(CpuState c, int mode, int pu, int writeback) {
        int cur = c.mode();
        boolean secure = isSecure(c);
        boolean bad = cur == Mode.USR || cur == Mode.SYS || cur == Mode.HYP || !Mode.valid(mode)
                || (mode == Mode.HYP && !secure) || (mode == Mode.MON && !secure);
        if (bad) {
            throw undefined(c, String.format("SRS to %s mode from %s mode", Mode.name(mode), Mode.name(cur)));
        }
        int addr = c.bankedReg(mode, 13) + PRE[pu];
        Mem.st32a(c, addr, c.r[14]);
        Mem.st32a(c, addr + 4, c.spsr());
        if (writeback != 0) {
            c.setBankedReg(mode, 13, addr + 4 + POST[pu]);
        }
    }

    /** RFE{DA,IA,DB,IB} Rn{!}: loads PC and CPSR and returns; writes the whole state. Needs flushed state. */
    public static void rfe(CpuState c, int rn, int pu, int writeback) {
        if (!c.privileged()) {
            throw undefined(c, "RFE in User mode");
        }
        int addr = c.r[rn] + PRE[pu];
        int pc = Mem.ld32a(c, addr);
        int psr = Mem.ld32a(c, addr + 4);
        if (writeback != 0) {
            c.r[rn] = addr + 4 + POST[pu];
        }
        exceptionReturn(c, pc, psr);
    }

    /** Exception return to {@code pc} with CPSR = {@code psr} (RFE): illegal mode changes keep the mode, as QEMU. */
    public static void exceptionReturn(CpuState c, int pc, int psr) {
        int mode = psr & CPSR_M;
        int cur = c.mode();
        // Hyp is reached only from Hyp or Monitor mode with SCR.NS set; Monitor only from Secure state.
        boolean toHypOk = (c.cp15.scr & SCR_NS) != 0 && (cur == Mode.HYP || cur == Mode.MON);
        boolean legal = Mode.valid(mode) && (mode != Mode.HYP || toHypOk) && (mode != Mode.MON || isSecure(c));
        if (!legal) {
            psr = (psr & ~CPSR_M) | cur;
        }
        if ((psr & CPSR_E) != 0) {
            c.cp15.unimplemented.accept(String.format(
                    "big-endian data (CPSR.E = 1) is not supported; ignored at pc=0x%08x", c.r[15]));
            psr &= ~CPSR_E;
        }
        c.clearExclusive();
        c.setCpsr(psr);
        c.r[15] = (psr & CPSR_T) != 0 ? pc & ~1 : pc & ~3;
    }

    /** ERET: the return address is ELR_hyp in Hyp mode, LR otherwise; UNDEFINED in User mode. */
    public static int eretTarget(CpuState c, int lr) {
        if (!c.privileged()) {
            throw undefined(c, "ERET in User mode");
        }
        return c.mode() == Mode.HYP ? c.elrHyp : lr;
    }

    // ------------------------------------------------------------------ HVC / SMC / SEV / barriers

    /**
     * HVC: UNDEFINED in User mode and while SCR.HCE is clear. QEMU (7.2) does not apply the ARM ARM's
     * "UNDEFINED in Secure state" rule, and neither do we: the board contract is QEMU's behaviour.
     */
    public static void checkHvc(CpuState c) {
        if (!c.privileged()) {
            throw undefined(c, "HVC in User mode");
        }
        if ((c.cp15.scr & SCR_HCE) == 0) {
            throw undefined(c, "HVC with SCR.HCE clear");
        }
    }

    /** SMC: UNDEFINED in User mode, and in Non-secure state while SCR.SCD is set. */
    public static void checkSmc(CpuState c) {
        if (!c.privileged()) {
            throw undefined(c, "SMC in User mode");
        }
        if ((c.cp15.scr & SCR_SCD) != 0 && !isSecure(c)) {
            throw undefined(c, "SMC with SCR.SCD set");
        }
    }

    /** SEV: the machine broadcasts the event to every vCPU (CpuState.sev); a lone CPU just sets its own. */
    public static void sev(CpuState c) {
        Runnable broadcast = c.sev;
        if (broadcast != null) {
            broadcast.run();
        } else {
            c.eventRegister = true;
        }
    }

    /** DMB/DSB: a full fence orders this vCPU's accesses against the other vCPU threads'. */
    public static void fence() {
        VarHandle.fullFence();
    }

    // ------------------------------------------------------------------ coprocessors

    public static int mrc15(CpuState c, int opc1, int crn, int crm, int opc2) {
        return c.cp15.read(c, opc1, crn, crm, opc2);
    }

    public static void mcr15(CpuState c, int opc1, int crn, int crm, int opc2, int v) {
        c.cp15.write(c, opc1, crn, crm, opc2, v);
    }

    public static long mrrc15(CpuState c, int opc1, int crm) {
        return c.cp15.read64(c, opc1, crm);
    }

    public static void mcrr15(CpuState c, int opc1, int crm, int lo, int hi) {
        c.cp15.write64(c, opc1, crm, ((long) hi << 32) | (lo & 0xffffffffL));
    }

    /**
     * MRC p14: the debug ID registers QEMU's cortex-a15 reports. Without a debug unit the other
     * debug registers (DSCRext, breakpoints, watchpoints, vector catch) read as zero.
     */
    public static int mrc14(CpuState c, int opc1, int crn, int crm, int opc2) {
        if (opc1 == 6 && crm == 0 && opc2 == 0 && thumbEeAccess(c, crn)) {
            return crn == 0 ? c.cp15.teecr : c.cp15.teehbr;
        }
        if (opc1 == 0) {
            switch ((crn << 8) | (crm << 4) | opc2) {
                case 0x000: return DBGDIDR;
                case 0x100: return 0; // DBGDRAR: no memory-mapped debug
                case 0x200: return 0; // DBGDSAR
                case 0x010: return 0; // DBGDSCRint
                default: break;
            }
            if (c.privileged()) {
                if (crn == 1 && crm == 1 && opc2 == 4) {
                    return DBGOSLSR;
                }
                if (isDebugRw(crn, crm, opc2)) {
                    return 0;
                }
            }
        }
        throw coprocUndefined(c, "MRC", opc1, crn, crm, opc2);
    }

    /** MCR p14: writes to the debug registers above are ignored (there is no debug unit). */
    public static void mcr14(CpuState c, int opc1, int crn, int crm, int opc2, int v) {
        if (opc1 == 6 && crm == 0 && opc2 == 0 && thumbEeAccess(c, crn)) {
            if (crn == 0) {
                c.cp15.teecr = v & 1;
            } else {
                c.cp15.teehbr = v & ~3;
            }
            return;
        }
        boolean oslar = crn == 1 && crm == 0 && opc2 == 4;
        if (opc1 == 0 && c.privileged() && (oslar || isDebugRw(crn, crm, opc2))) {
            return;
        }
        throw coprocUndefined(c, "MCR", opc1, crn, crm, opc2);
    }

    /**
     * ThumbEE's TEECR (crn 0: privileged only) and TEEHBR (crn 1: also User mode unless TEECR.XED);
     * ID_PFR0 says ThumbEE is present, so Linux saves and restores TEEHBR at every context switch.
     */
    private static boolean thumbEeAccess(CpuState c, int crn) {
        if (crn == 0) {
            return c.privileged();
        }
        return crn == 1 && (c.privileged() || (c.cp15.teecr & 1) == 0);
    }

    /** DBGDSCRext, DBGVCR, DBGBVR/BCR 0-5, DBGWVR/WCR 0-3, DBGOSDLR, DBGPRCR. */
    private static boolean isDebugRw(int crn, int crm, int opc2) {
        if (crn == 0) {
            return (crm == 2 && opc2 == 2) || (crm == 7 && opc2 == 0) || ((opc2 == 4 || opc2 == 5) && crm < 6)
                    || ((opc2 == 6 || opc2 == 7) && crm < 4);
        }
        return crn == 1 && opc2 == 4 && (crm == 3 || crm == 4);
    }

    private static GuestException coprocUndefined(CpuState c, String op, int opc1, int crn, int crm, int opc2) {
        String msg = String.format("%s p14, %d, <Rt>, c%d, c%d, %d at pc=0x%08x: unimplemented register", op, opc1,
                crn, crm, opc2, c.r[15]);
        c.cp15.unimplemented.accept(msg);
        return GuestException.undefined(msg);
    }

    private static GuestException undefined(CpuState c, String why) {
        return GuestException.undefined(String.format("%s at pc=0x%08x", why, c.r[15]));
    }
}
