package io.mttcgj.codegen.arm.state;

import io.mttcgj.platform.GenericTimerPort;

/**
 * CP15 system control registers of one Cortex-A15 vCPU (values as QEMU's cortex-a15 model), reached
 * by MRC/MCR/MRRC/MCRR. An encoding we do not model raises the guest's Undefined exception, as
 * the hardware does for an unallocated one, and is reported to {@link #unimplemented}.
 *
 * <p>Registers are keyed by {@code key(opc1, crn, crm, opc2)}. Security banking: we keep one copy
 * (the Secure one QEMU's default machine boots in); Non-secure copies arrive with the MMU work.
 */
public final class SystemRegisters {
    /** Notified of maintenance operations that affect translation state on this or all vCPUs. */
    public interface Maintenance {
        /** TLB maintenance: {@code op} is the CP15 key, {@code value} the register written; broadcast = the IS forms. */
        void tlb(int op, int value, boolean broadcast);

        /** Instruction cache / branch predictor invalidation (ICIALLU, ICIALLUIS, ICIMVAU, BPIALL...). */
        void icache(int op, int value, boolean broadcast);
    }

    public static final Maintenance NO_MAINTENANCE = new Maintenance() {
        @Override
        public void tlb(int op, int value, boolean broadcast) {
        }

        @Override
        public void icache(int op, int value, boolean broadcast) {
        }
    };

    public static final int MIDR = 0x414fc0f0;
    public static final int SCTLR_RESET = 0x00c50078;
    public static final int SCTLR_M = 1;
    public static final int SCTLR_A = 1 << 1;
    public static final int SCTLR_V = 1 << 13;
    public static final int SCTLR_EE = 1 << 25;
    public static final int SCTLR_TE = 1 << 30;
    public static final int SCTLR_AFE = 1 << 29;

    // The CNTP_* registers are banked by security state (QEMU: the Secure bank raises PPI 29).
    private static final int CNTPS_CTL = GenericTimerPort.CNTPS_CTL;
    private static final int CNTPS_TVAL = GenericTimerPort.CNTPS_TVAL;
    private static final int CNTPS_CVAL = GenericTimerPort.CNTPS_CVAL;

    /** Secure state: SCR.NS clear (Monitor mode is always Secure). */
    public boolean secure() {
        return (scr & 1) == 0;
    }

    /**
     * CP15 writes that cannot change how code runs or whether an interrupt is pending: thread ID
     * registers, data cache maintenance, the CP15 DSB/DMB. A block may go on after them; every other
     * MCR (SCTLR, VBAR, TLB and instruction cache maintenance, timers, CP15ISB...) ends it.
     */
    public static boolean writeKeepsBlock(int opc1, int crn, int crm, int opc2) {
        if (opc1 != 0) {
            return false;
        }
        if (crn == 13) {
            return opc2 >= 2 && opc2 <= 4;
        }
        return crn == 7 && (crm == 6 || crm == 10 || crm == 11 || crm == 14);
    }

    /** TLBIMVA (opc2 1), TLBIMVAA (3), and their IS forms: by address; 0 (all) and 2 (ASID) are not. */
    public static boolean isTlbiByAddress(int opc2) {
        return opc2 == 1 || opc2 == 3;
    }

    public static int key(int opc1, int crn, int crm, int opc2) {
        return (opc1 << 12) | (crn << 8) | (crm << 4) | opc2;
    }

    private final int cpuIndex;
    private final int cpuCount;
    private final GenericTimerPort timer;
    public Maintenance maintenance = NO_MAINTENANCE;
    /** -d unimp sink; never null. */
    public java.util.function.Consumer<String> unimplemented = s -> { };

    public int sctlr = SCTLR_RESET;
    public int actlr;
    public int cpacr;
    public int scr;
    public int sder;
    public int nsacr;
    public int ttbr0;
    public int ttbr0Hi;
    public int ttbr1;
    public int ttbr1Hi;
    public int ttbcr;
    public int dacr;
    public int dfsr;
    public int ifsr;
    public int adfsr;
    public int aifsr;
    public int dfar;
    public int ifar;
    public int par;
    public int parHi;
    public int prrr = 0x000a81a4;
    public int nmrr = 0x44e048e0;
    public int amair0;
    public int amair1;
    public int vbar;
    public int mvbar;
    public int hvbar;
    public int fcseidr;
    public int contextidr;
    public int tpidrurw;
    public int tpidruro;
    public int tpidrprw;
    public int csselr;
    public int hsctlr = 0x30c50818;
    public int hcr;
    public int hdcr;
    public int hcptr;
    public int hstr;
    public int hactlr;
    public int htpidr;
    public int httbr;
    public int htcr;
    public int vtcr;
    public int hsr;
    public int hdfar;
    public int hifar;
    public int hpfar;
    public int vpidr = MIDR;
    public int vmpidr;
    public int pmcr = 0x41002000;
    public int pmselr;
    public int pmuserenr;
    public int pmintenset;
    public int pmcntenset;
    public int pmovsr;
    public int l2ectlr;
    /** ThumbEE configuration and handler base (accessed through p14, opc1 6). */
    public int teecr;
    public int teehbr;

    public SystemRegisters(int cpuIndex, int cpuCount, GenericTimerPort timer) {
        this.cpuIndex = cpuIndex;
        this.cpuCount = cpuCount;
        this.timer = timer;
        this.vmpidr = mpidr();
    }

    public int mpidr() {
        return 0x80000000 | cpuIndex;
    }

    public GenericTimerPort timer() {
        return timer;
    }

    /** MRC p15: returns the register value or throws the guest's Undefined exception. */
    public int read(CpuState cpu, int opc1, int crn, int crm, int opc2) {
        int k = key(opc1, crn, crm, opc2);
        if (!cpu.privileged() && !userReadable(k)) {
            throw undef(cpu, "MRC", opc1, crn, crm, opc2, "not accessible from User mode");
        }
        switch (k) {
            case 0x0000: return MIDR;
            case 0x0001: return 0x8444c004; // CTR
            case 0x0002: return 0; // TCMTR
            case 0x0003: return 0; // TLBTR
            case 0x0005: return mpidr();
            case 0x0006: return 0; // REVIDR
            case 0x0004: case 0x0007: return MIDR; // aliases of MIDR
            case 0x0010: return 0x00001131; // ID_PFR0
            case 0x0011: return 0x00011011; // ID_PFR1
            case 0x0012: return 0x02010555; // ID_DFR0
            case 0x0013: return 0; // ID_AFR0
            case 0x0014: return 0x10201105; // ID_MMFR0
            case 0x0015: return 0x20000000; // ID_MMFR1
            case 0x0016: return 0x01240000; // ID_MMFR2
            case 0x0017: return 0x02102211; // ID_MMFR3
            case 0x0020: return 0x02101110; // ID_ISAR0
            case 0x0021: return 0x13112111; // ID_ISAR1
            case 0x0022: return 0x21232041; // ID_ISAR2
            case 0x0023: return 0x11112131; // ID_ISAR3
            case 0x0024: return 0x10011142; // ID_ISAR4
            case 0x0025: return 0; // ID_ISAR5
            case 0x1000: return ccsidr();
            case 0x1001: return 0x0a200023; // CLIDR
            case 0x1007: return 0; // AIDR
            case 0x2000: return csselr;
            case 0x4000: return vpidr;
            case 0x4005: return vmpidr;
            case 0x0100: return sctlr;
            case 0x0101: return actlr;
            case 0x0102: return cpacr;
            case 0x0110: return scr;
            case 0x0111: return sder;
            case 0x0112: return nsacr;
            case 0x4100: return hsctlr;
            case 0x4101: return hactlr;
            case 0x4110: return hcr;
            case 0x4111: return hdcr;
            case 0x4112: return hcptr;
            case 0x4113: return hstr;
            case 0x4117: return 0; // HACR
            case 0x0200: return ttbr0;
            case 0x0201: return ttbr1;
            case 0x0202: return ttbcr;
            case 0x4202: return htcr;
            case 0x4212: return vtcr;
            case 0x0300: return dacr;
            case 0x0500: return dfsr;
            case 0x0501: return ifsr;
            case 0x0510: return adfsr;
            case 0x0511: return aifsr;
            case 0x4520: return hsr;
            case 0x0600: return dfar;
            case 0x0602: return ifar;
            case 0x4600: return hdfar;
            case 0x4602: return hifar;
            case 0x4604: return hpfar;
            case 0x0740: return par;
            case 0x09c0: return pmcr;
            case 0x09c1: return pmcntenset;
            case 0x09c2: return pmcntenset;
            case 0x09c3: return pmovsr;
            case 0x09c5: return pmselr;
            case 0x09c6: return 0; // PMCEID0
            case 0x09c7: return 0; // PMCEID1
            case 0x09d0: return 0; // PMCCNTR
            case 0x09d1: return 0; // PMXEVTYPER
            case 0x09d2: return 0; // PMXEVCNTR
            case 0x09e0: return pmuserenr;
            case 0x09e1: return pmintenset;
            case 0x09e2: return pmintenset;
            case 0x09e3: return pmovsr;
            case 0x1902: return (cpuCount - 1) << 24; // L2CTLR
            case 0x1903: return l2ectlr;
            case 0x0a20: return prrr;
            case 0x0a21: return nmrr;
            case 0x0a30: return amair0;
            case 0x0a31: return amair1;
            case 0x0c00: return vbar;
            case 0x0c01: return mvbar;
            case 0x0c10: return isr(cpu);
            case 0x4c00: return hvbar;
            case 0x0d00: return fcseidr;
            case 0x0d01: return contextidr;
            case 0x0d02: return tpidrurw;
            case 0x0d03: return tpidruro;
            case 0x0d04: return tpidrprw;
            case 0x4d02: return htpidr;
            case 0x0e00: return timer.read32(GenericTimerPort.CNTFRQ);
            case 0x0e10: return timer.read32(GenericTimerPort.CNTKCTL);
            case 0x0e20: return timer.read32(secure() ? CNTPS_TVAL : GenericTimerPort.CNTP_TVAL);
            case 0x0e21: return timer.read32(secure() ? CNTPS_CTL : GenericTimerPort.CNTP_CTL);
            case 0x0e30: return timer.read32(GenericTimerPort.CNTV_TVAL);
            case 0x0e31: return timer.read32(GenericTimerPort.CNTV_CTL);
            case 0x4e10: return timer.read32(GenericTimerPort.CNTHCTL);
            case 0x4e20: return timer.read32(GenericTimerPort.CNTHP_TVAL);
            case 0x4e21: return timer.read32(GenericTimerPort.CNTHP_CTL);
            case 0x4f00: return 0x2c000000; // CBAR: the A15 MPCore private region
            default:
                if (crn == 15 || (crn == 9 && opc1 == 1)) {
                    return 0; // IMPLEMENTATION DEFINED space: read as zero like QEMU's dummy regs
                }
                throw undef(cpu, "MRC", opc1, crn, crm, opc2, "unimplemented register");
        }
    }

    /** MCR p15. */
    public void write(CpuState cpu, int opc1, int crn, int crm, int opc2, int v) {
        int k = key(opc1, crn, crm, opc2);
        cpu.systemStateChanged();
        if (!cpu.privileged() && k != 0x0d02 && !isBarrier(k)) {
            throw undef(cpu, "MCR", opc1, crn, crm, opc2, "not accessible from User mode");
        }
        switch (k) {
            case 0x2000: csselr = v & 0xf; return;
            case 0x4000: vpidr = v; return;
            case 0x4005: vmpidr = v; return;
            case 0x0100: sctlr = v; cpu.flushTlb(); return;
            case 0x0101: actlr = v; return;
            case 0x0102: cpacr = v & 0xc0f00000; return;
            case 0x0110: scr = v & 0x3ff; return;
            case 0x0111: sder = v & 3; return;
            case 0x0112: nsacr = v; return;
            case 0x4100: hsctlr = v; return;
            case 0x4101: hactlr = v; return;
            case 0x4110: hcr = v; return;
            case 0x4111: hdcr = v; return;
            case 0x4112: hcptr = v; return;
            case 0x4113: hstr = v; return;
            case 0x4117: return;
            case 0x0200: ttbr0 = v; cpu.flushTlb(); return;
            case 0x0201: ttbr1 = v; cpu.flushTlb(); return;
            case 0x0202: ttbcr = v & 0x80000037; cpu.flushTlb(); return;
            case 0x4202: htcr = v; return;
            case 0x4212: vtcr = v; return;
            case 0x0300: dacr = v; cpu.dacrChanged(v); return;
            case 0x0500: dfsr = v; return;
            case 0x0501: ifsr = v; return;
            case 0x0510: adfsr = v; return;
            case 0x0511: aifsr = v; return;
            case 0x4520: hsr = v; return;
            case 0x0600: dfar = v; return;
            case 0x0602: ifar = v; return;
            case 0x4600: hdfar = v; return;
            case 0x4602: hifar = v; return;
            case 0x4604: hpfar = v; return;
            case 0x0740: par = v; return;
            case 0x09c0: pmcr = (pmcr & ~0x3f) | (v & 0x39); return;
            case 0x09c1: pmcntenset |= v; return;
            case 0x09c2: pmcntenset &= ~v; return;
            case 0x09c3: pmovsr &= ~v; return;
            case 0x09c5: pmselr = v & 0x1f; return;
            case 0x09d0: case 0x09d1: case 0x09d2: return;
            case 0x09e0: pmuserenr = v & 1; return;
            case 0x09e1: pmintenset |= v; return;
            case 0x09e2: pmintenset &= ~v; return;
            case 0x09e3: pmovsr |= v; return;
            case 0x1902: return; // L2CTLR: writes ignored
            case 0x1903: l2ectlr = v; return;
            case 0x0a20: prrr = v; return;
            case 0x0a21: nmrr = v; return;
            case 0x0a30: amair0 = v; return;
            case 0x0a31: amair1 = v; return;
            case 0x0c00: vbar = v & ~0x1f; return;
            case 0x0c01: mvbar = v & ~0x1f; return;
            case 0x4c00: hvbar = v & ~0x1f; return;
            case 0x0d00: fcseidr = v; return;
            case 0x0d01: contextidr = v; cpu.flushTlb(); return;
            case 0x0d02: tpidrurw = v; return;
            case 0x0d03: tpidruro = v; return;
            case 0x0d04: tpidrprw = v; return;
            case 0x4d02: htpidr = v; return;
            case 0x0e00: timer.write32(GenericTimerPort.CNTFRQ, v); return;
            case 0x0e10: timer.write32(GenericTimerPort.CNTKCTL, v); return;
            case 0x0e20: timer.write32(secure() ? CNTPS_TVAL : GenericTimerPort.CNTP_TVAL, v); return;
            case 0x0e21: timer.write32(secure() ? CNTPS_CTL : GenericTimerPort.CNTP_CTL, v); return;
            case 0x0e30: timer.write32(GenericTimerPort.CNTV_TVAL, v); return;
            case 0x0e31: timer.write32(GenericTimerPort.CNTV_CTL, v); return;
            case 0x4e10: timer.write32(GenericTimerPort.CNTHCTL, v); return;
            case 0x4e20: timer.write32(GenericTimerPort.CNTHP_TVAL, v); return;
            case 0x4e21: timer.write32(GenericTimerPort.CNTHP_CTL, v); return;
            default:
                break;
        }
        if (crn == 7) {
            cacheMaintenance(cpu, k, crm, opc1, opc2, v);
            return;
        }
        if (crn == 8 && opc1 == 0) {
            // Every TLBI drops this vCPU's whole soft TLB (correct for any scope); the machine broadcasts the
            // Inner Shareable forms (crm 3) to the other vCPUs.
            if (isTlbiByAddress(opc2)) {
                cpu.flushTlbPage(v);
            } else {
                cpu.flushTlb();
            }
            maintenance.tlb(k, v, crm == 3);
            return;
        }
        if (crn == 8 && opc1 == 4) {
            maintenance.tlb(k, v, crm == 3);
            return;
        }
        if (crn == 15 || (crn == 9 && opc1 == 1)) {
            return; // IMPLEMENTATION DEFINED: ignored
        }
        throw undef(cpu, "MCR", opc1, crn, crm, opc2, "unimplemented register");
    }

    private void cacheMaintenance(CpuState cpu, int k, int crm, int opc1, int opc2, int v) {
        if (opc1 != 0) {
            throw undef(cpu, "MCR", opc1, 7, crm, opc2, "unimplemented cache operation");
        }
        switch (crm) {
            case 1: // ICIALLUIS (0), BPIALLIS (6)
                maintenance.icache(k, v, true);
                return;
            case 5: // ICIALLU 0, ICIMVAU 1, CP15ISB 4, BPIALL 6, BPIMVA 7
                if (opc2 != 4) {
                    maintenance.icache(k, v, false);
                }
                return;
            case 4: // PAR is handled above; other c7,c4 are reserved
                break;
            case 6: case 10: case 11: case 14: // data cache maintenance, CP15DSB, CP15DMB
                if (k == 0x07a4 || k == 0x07a5) {
                    java.lang.invoke.VarHandle.fullFence();
                }
                return;
            case 8: // ATS1CPR/CPW/CUR/CUW (opc2 0-3); the ATS12NSO* forms (4-7) act the same without EL2
                par = io.mttcgj.codegen.arm.mmu.Mmu.addressTranslation(cpu, v, (opc2 & 2) != 0, (opc2 & 1) != 0);
                return;
            default:
                break;
        }
        throw undef(cpu, "MCR", opc1, 7, crm, opc2, "unimplemented cache operation");
    }

    /** MRRC p15 (64-bit). */
    public long read64(CpuState cpu, int opc1, int crm) {
        if (crm == 14) {
            switch (opc1) {
                case 0: return timer.read64(GenericTimerPort.CNTPCT);
                case 1: return timer.read64(GenericTimerPort.CNTVCT);
                default: break;
            }
            if (!cpu.privileged()) {
                throw undef(cpu, "MRRC", opc1, 0, crm, 0, "not accessible from User mode");
            }
            switch (opc1) {
                case 2: return timer.read64(secure() ? CNTPS_CVAL : GenericTimerPort.CNTP_CVAL);
                case 3: return timer.read64(GenericTimerPort.CNTV_CVAL);
                case 4: return timer.read64(GenericTimerPort.CNTVOFF);
                case 6: return timer.read64(GenericTimerPort.CNTHP_CVAL);
                default: break;
            }
        } else if (cpu.privileged()) {
            if (crm == 2 && opc1 == 0) {
                return (ttbr0 & 0xffffffffL) | ((long) ttbr0Hi << 32);
            }
            if (crm == 2 && opc1 == 1) {
                return (ttbr1 & 0xffffffffL) | ((long) ttbr1Hi << 32);
            }
            if (crm == 7 && opc1 == 0) {
                return (par & 0xffffffffL) | ((long) parHi << 32);
            }
        }
        throw undef(cpu, "MRRC", opc1, 0, crm, 0, "unimplemented register");
    }

    /** MCRR p15 (64-bit). */
    public void write64(CpuState cpu, int opc1, int crm, long v) {
        cpu.systemStateChanged();
        if (!cpu.privileged()) {
            throw undef(cpu, "MCRR", opc1, 0, crm, 0, "not accessible from User mode");
        }
        if (crm == 14) {
            switch (opc1) {
                case 2: timer.write64(secure() ? CNTPS_CVAL : GenericTimerPort.CNTP_CVAL, v); return;
                case 3: timer.write64(GenericTimerPort.CNTV_CVAL, v); return;
                case 4: timer.write64(GenericTimerPort.CNTVOFF, v); return;
                case 6: timer.write64(GenericTimerPort.CNTHP_CVAL, v); return;
                default: break;
            }
        } else if (crm == 2 && opc1 == 0) {
            ttbr0 = (int) v;
            ttbr0Hi = (int) (v >>> 32);
            return;
        } else if (crm == 2 && opc1 == 1) {
            ttbr1 = (int) v;
            ttbr1Hi = (int) (v >>> 32);
            return;
        } else if (crm == 7 && opc1 == 0) {
            par = (int) v;
            parHi = (int) (v >>> 32);
            return;
        }
        throw undef(cpu, "MCRR", opc1, 0, crm, 0, "unimplemented register");
    }

    private int ccsidr() {
        switch (csselr) {
            case 0: return 0x701fe00a; // L1 data
            case 1: return 0x201fe00a; // L1 instruction
            case 2: return 0x711fe07a; // L2 unified
            default: return 0;
        }
    }

    private static int isr(CpuState cpu) {
        return (cpu.irqLine ? 1 << 7 : 0) | (cpu.fiqLine ? 1 << 6 : 0);
    }

    private static boolean userReadable(int k) {
        return k == 0x0d02 || k == 0x0d03 || k == 0x0e00 || isBarrier(k);
    }

    private static boolean isBarrier(int k) {
        return k == 0x0754 || k == 0x07a4 || k == 0x07a5;
    }

    private GuestException undef(CpuState cpu, String op, int opc1, int crn, int crm, int opc2, String why) {
        String msg = String.format("%s p15, %d, <Rt>, c%d, c%d, %d at pc=0x%08x: %s", op, opc1, crn, crm, opc2,
                cpu.r[15], why);
        unimplemented.accept(msg);
        return GuestException.undefined(msg);
    }
}
