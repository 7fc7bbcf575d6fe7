package io.mttcgj.codegen.arm.state;

import io.mttcgj.memory.AddressSpace;
import io.mttcgj.memory.RamRegion;

/**
 * Architectural state of one ARMv7-A vCPU, as translated code and runtime helpers see it.
 *
 * <p>Translated blocks copy the registers they use into JVM locals at entry and write them back
 * at every exit, so fields here are plain (one vCPU thread owns them) except the ones other
 * threads write: {@link #exitRequest} and the interrupt lines.
 *
 * <p>Flags are kept QEMU-style so that setting them costs a store: N is the sign of {@link #nf},
 * Z is set when {@link #zf} == 0, C is {@link #cf} (0 or 1), V is the sign of {@link #vf}.
 */
public final class CpuState {
    public static final int CPSR_N = 1 << 31;
    public static final int CPSR_Z = 1 << 30;
    public static final int CPSR_C = 1 << 29;
    public static final int CPSR_V = 1 << 28;
    public static final int CPSR_Q = 1 << 27;
    public static final int CPSR_J = 1 << 24;
    public static final int CPSR_GE = 0xf << 16;
    public static final int CPSR_E = 1 << 9;
    public static final int CPSR_A = 1 << 8;
    public static final int CPSR_I = 1 << 7;
    public static final int CPSR_F = 1 << 6;
    public static final int CPSR_T = 1 << 5;
    public static final int CPSR_M = 0x1f;
    public static final int CPSR_IT = 0x0600fc00;
    /** Bits kept in {@link #cpsrCtl}: everything but NZCVQ and GE. */
    public static final int CTL_MASK = ~(0xf8000000 | CPSR_GE);

    public final int index;
    /** r0-r15 of the current mode; r[15] is the address of the next instruction to execute. */
    public final int[] r = new int[16];
    public int nf;
    public int zf = 1;
    public int cf;
    public int vf;
    /** Sticky saturation flag, 0 or 1. */
    public int qf;
    /** APSR.GE[3:0]. */
    public int ge;
    /** CPSR bits other than NZCVQ and GE: mode, T, E, A, I, F, IT, J. */
    public int cpsrCtl = Mode.SVC | CPSR_A | CPSR_I | CPSR_F;

    // Banked registers, indexed by Mode.bank(mode). The current mode's values live in r[].
    public final int[] bankSp = new int[Mode.BANKS];
    public final int[] bankLr = new int[Mode.BANKS];
    public final int[] spsr = new int[Mode.BANKS];
    public final int[] usrHigh = new int[5];
    public final int[] fiqHigh = new int[5];
    public int elrHyp;

    public final SystemRegisters cp15;

    // Local exclusive monitor: the address LDREX* tagged and the value it saw (STREX is a CAS on it).
    public boolean exclusiveValid;
    public int exclusiveAddr;
    public long exclusiveValue;
    public int exclusiveSize;

    /** Set by other threads to make this vCPU leave translated code at the next block entry. */
    public volatile boolean exitRequest;
    public volatile boolean irqLine;
    public volatile boolean fiqLine;
    /** Set by SEV (any vCPU) or an exclusive-monitor clear; consumed by WFE. */
    public volatile boolean eventRegister;

    /** SEV broadcast to every vCPU of the machine (sets their event registers and wakes WFE sleepers). */
    public Runnable sev;

    // VFP / Advanced SIMD: D0-D31 (S2n is the low word of Dn, S2n+1 the high word; Qn is D2n:D2n+1).
    public final long[] d = new long[32];
    public int fpscr;
    /** FPEXC; bit 30 (EN) gates every VFP/NEON instruction but the system-register moves. */
    public int fpexc;
    public static final int FPEXC_EN = 1 << 30;

    /**
     * CPACR (and NSACR in Non-secure state) grant access to cp10/cp11 at the current privilege level.
     * Part of the block key, so translated code decides at translation time whether VFP traps.
     */
    public boolean fpAccessAllowed() {
        int cp10 = (cp15.cpacr >>> 20) & 3;
        boolean ok = privileged() ? (cp10 & 1) != 0 : cp10 == 3;
        if (ok && !cp15.secure() && (cp15.nsacr & (1 << 10)) == 0) {
            ok = false;
        }
        return ok;
    }

    /*
     * Translation contexts: a pair of soft TLBs (PL1, PL0) and a jump cache per recent DACR value. DACR
     * decides permissions through domains, so a TLB filled under one value is wrong under another; Linux
     * (CONFIG_CPU_SW_DOMAIN_PAN) flips DACR around every kernel access to user memory, and switching
     * between cached contexts keeps those flips from flushing anything.
     */
    public static final int CONTEXTS = 4;
    private final io.mttcgj.codegen.arm.mmu.SoftTlb[] privSets = new io.mttcgj.codegen.arm.mmu.SoftTlb[CONTEXTS];
    private final io.mttcgj.codegen.arm.mmu.SoftTlb[] userSets = new io.mttcgj.codegen.arm.mmu.SoftTlb[CONTEXTS];
    private final int[] contextDacr = new int[CONTEXTS];
    /** Moves on when a context is flushed or reused: its jump cache (keyed by virtual PC) is dropped then. */
    public final long[] contextEpoch = new long[CONTEXTS];
    private int contextNext = 1;
    /** The current context (index into the sets and the execution loop's jump caches). */
    public int context;
    public io.mttcgj.codegen.arm.mmu.SoftTlb tlbPriv;
    public io.mttcgj.codegen.arm.mmu.SoftTlb tlbUser;
    /** The current mode's soft TLB. */
    public io.mttcgj.codegen.arm.mmu.SoftTlb tlb;
    public long tlbFlushes;
    public long tlbFills() {
        long n = 0;
        for (int i = 0; i < CONTEXTS; i++) {
            n += privSets[i].fills + userSets[i].fills;
        }
        return n;
    }

    {
        for (int i = 0; i < CONTEXTS; i++) {
            privSets[i] = new io.mttcgj.codegen.arm.mmu.SoftTlb();
            userSets[i] = new io.mttcgj.codegen.arm.mmu.SoftTlb();
            contextDacr[i] = i == 0 ? 0 : -1;
        }
        tlbPriv = privSets[0];
        tlbUser = userSets[0];
        tlb = tlbPriv;
    }

    /** Drops every cached translation of this vCPU (all contexts, both privilege levels). */
    public void flushTlb() {
        for (int i = 0; i < CONTEXTS; i++) {
            privSets[i].flush();
            userSets[i].flush();
            contextEpoch[i]++;
        }
        tlbFlushes++;
    }

    /** DACR was written: switch to the context cached for that value, or recycle one for it. */
    public void dacrChanged(int dacr) {
        int found = -1;
        for (int i = 0; i < CONTEXTS; i++) {
            if (contextDacr[i] == dacr) {
                found = i;
                break;
            }
        }
        if (found < 0) {
            found = contextNext;
            contextNext = (contextNext + 1) % CONTEXTS;
            privSets[found].flush();
            userSets[found].flush();
            contextEpoch[found]++;
            contextDacr[found] = dacr;
        }
        context = found;
        tlbPriv = privSets[found];
        tlbUser = userSets[found];
        tlb = mode() == Mode.USR ? tlbUser : tlbPriv;
    }

    /**
     * The block-key flags that change rarely (privilege, MMU on, FP access and enable), cached because the
     * execution loop needs the key at every block it does not reach through a chain; -1 = recompute.
     * Everything that can change them resets it: a mode switch, any CP15 write, a VMSR to FPEXC.
     */
    public int keyFlagsCache = -1;

    public void systemStateChanged() {
        keyFlagsCache = -1;
    }

    /** Told of every TLBI by address, to drop the jump cache's blocks of that span (set by the execution loop). */
    public PageFlushListener pageFlushListener = (va, log2) -> { };

    /** Told of every TLBI by address: the virtual span (2^log2 bytes around va) whose translations went. */
    public interface PageFlushListener {
        void flushed(int va, int log2);
    }

    /**
     * TLBI by address: drops the translations of the page of {@code va} (any ASID) at both privilege levels,
     * or of the whole section/supersection/large page that mapped it.
     */
    public void flushTlbPage(int va) {
        int log2 = 12;
        for (int i = 0; i < CONTEXTS; i++) {
            log2 = Math.max(log2, privSets[i].flushPage(va));
            log2 = Math.max(log2, userSets[i].flushPage(va));
        }
        pageFlushListener.flushed(va, log2);
        tlbFlushes++;
    }

    public boolean mmuEnabled() {
        return (cp15.sctlr & SystemRegisters.SCTLR_M) != 0;
    }

    /** Scratch for LDM/STM with long register lists (owned by this vCPU's thread). */
    public final int[] multiBuffer = new int[16];

    /** Guest instructions retired. */
    public long insns;
    /** Of {@link #insns}, those retired by interpreted (tier-0) blocks. */
    public long tier0Insns;
    /** Compiles a hot interpreted block for this vCPU (set by its execution loop; null: never promote). */
    public io.mttcgj.codegen.interp.InterpretedBlock.Promoter promoter;

    /** Why the last block returned to the loop, when not a plain branch: one of EXIT_*. */
    public int exitKind;
    public int exitInfo;

    /** Thumb ITSTATE (8 bits) from CPSR. */
    public int itState() {
        return ((cpsrCtl >>> 8) & 0xfc) | ((cpsrCtl >>> 25) & 3);
    }

    /** Chain slot of the last exit (0 or 1), -1 if the exit cannot be chained. */
    public int exitSlot;

    public static final int EXIT_NONE = 0;
    public static final int EXIT_SVC = 1;
    public static final int EXIT_BKPT = 2;
    public static final int EXIT_UDF = 3;
    public static final int EXIT_WFI = 4;
    public static final int EXIT_WFE = 5;
    public static final int EXIT_YIELD = 6;
    public static final int EXIT_HVC = 7;
    public static final int EXIT_SMC = 8;
    public static final int EXIT_HLT = 9;
    /** CPSR or system state changed in a way that must be looked at before the next block. */
    public static final int EXIT_SYNC = 10;

    // Memory: the bus, and the main RAM region cached for the fast path of translated loads/stores.
    public final AddressSpace mem;
    public final RamRegion ram;
    /** Main RAM's bytes with the ARRAY backing (else null), for the inline fast path. */
    public final byte[] ramBytes;
    /** Main RAM's buffer with the BUFFER backing (else null), for the inline fast path. */
    public final java.nio.ByteBuffer ramBuf;
    public final int ramBase;
    public final int ramSize;
    public final byte[] ramCode;

    public CpuState(int index, AddressSpace mem, SystemRegisters cp15) {
        this.index = index;
        this.mem = mem;
        this.cp15 = cp15;
        RamRegion ram = mem.mainRam();
        this.ram = ram;
        this.ramBytes = ram.bytes;
        this.ramBuf = ram.buf;
        this.ramBase = ram.base;
        this.ramSize = ram.size;
        this.ramCode = ram.codePages;
    }

    public int mode() {
        return cpsrCtl & CPSR_M;
    }

    public boolean thumb() {
        return (cpsrCtl & CPSR_T) != 0;
    }

    public boolean privileged() {
        return mode() != Mode.USR;
    }

    public int cpsr() {
        return (nf & CPSR_N) | (zf == 0 ? CPSR_Z : 0) | (cf != 0 ? CPSR_C : 0) | (vf < 0 ? CPSR_V : 0)
                | (qf != 0 ? CPSR_Q : 0) | ((ge & 0xf) << 16) | (cpsrCtl & CTL_MASK);
    }

    /** Sets the APSR flags N Z C V Q and GE from a PSR value (no mode change). */
    public void setFlags(int psr) {
        nf = psr & CPSR_N;
        zf = (psr & CPSR_Z) != 0 ? 0 : 1;
        cf = (psr >>> 29) & 1;
        vf = psr << 3 & CPSR_N;
        qf = (psr >>> 27) & 1;
        ge = (psr >>> 16) & 0xf;
    }

    /**
     * Writes the whole CPSR, switching register banks if the mode changes. Callers check
     * privilege and mask; an invalid mode value is ignored for the mode field (UNPREDICTABLE in
     * the ARM ARM; QEMU keeps the old mode).
     */
    public void setCpsr(int value) {
        setFlags(value);
        int newMode = value & CPSR_M;
        if (!Mode.valid(newMode)) {
            newMode = mode();
        }
        switchMode(newMode);
        cpsrCtl = (value & CTL_MASK & ~CPSR_M) | newMode;
    }

    /** Changes CPSR.M, saving the current mode's banked registers and loading the new mode's. */
    public void switchMode(int newMode) {
        int oldMode = mode();
        if (oldMode == newMode) {
            return;
        }
        int ob = Mode.bank(oldMode);
        int nb = Mode.bank(newMode);
        bankSp[ob] = r[13];
        bankLr[Mode.lrBank(oldMode)] = r[14];
        if (ob == 1 && nb != 1) {
            System.arraycopy(r, 8, fiqHigh, 0, 5);
            System.arraycopy(usrHigh, 0, r, 8, 5);
        } else if (ob != 1 && nb == 1) {
            System.arraycopy(r, 8, usrHigh, 0, 5);
            System.arraycopy(fiqHigh, 0, r, 8, 5);
        }
        r[13] = bankSp[nb];
        r[14] = bankLr[Mode.lrBank(newMode)];
        cpsrCtl = (cpsrCtl & ~CPSR_M) | newMode;
        tlb = newMode == Mode.USR ? tlbUser : tlbPriv;
        keyFlagsCache = -1;
    }

    /** Reads a register of another mode (banked MRS, LDM/STM user-bank forms). */
    public int bankedReg(int mode, int reg) {
        int cur = mode();
        if (reg < 8 || reg == 15) {
            return r[reg];
        }
        if (reg < 13) {
            boolean wantFiq = Mode.bank(mode) == 1;
            boolean inFiq = Mode.bank(cur) == 1;
            if (wantFiq == inFiq) {
                return r[reg];
            }
            return wantFiq ? fiqHigh[reg - 8] : usrHigh[reg - 8];
        }
        if (reg == 13) {
            return Mode.bank(mode) == Mode.bank(cur) ? r[13] : bankSp[Mode.bank(mode)];
        }
        return Mode.lrBank(mode) == Mode.lrBank(cur) ? r[14] : bankLr[Mode.lrBank(mode)];
    }

    public void setBankedReg(int mode, int reg, int value) {
        int cur = mode();
        if (reg < 8 || reg == 15) {
            r[reg] = value;
        } else if (reg < 13) {
            boolean wantFiq = Mode.bank(mode) == 1;
            boolean inFiq = Mode.bank(cur) == 1;
            if (wantFiq == inFiq) {
                r[reg] = value;
            } else if (wantFiq) {
                fiqHigh[reg - 8] = value;
            } else {
                usrHigh[reg - 8] = value;
            }
        } else if (reg == 13) {
            if (Mode.bank(mode) == Mode.bank(cur)) {
                r[13] = value;
            } else {
                bankSp[Mode.bank(mode)] = value;
            }
        } else if (Mode.lrBank(mode) == Mode.lrBank(cur)) {
            r[14] = value;
        } else {
            bankLr[Mode.lrBank(mode)] = value;
        }
    }

    public int spsr() {
        return spsr[Mode.bank(mode())];
    }

    public void setSpsr(int value) {
        spsr[Mode.bank(mode())] = value;
    }

    public void clearExclusive() {
        exclusiveValid = false;
    }

    /** Asks this vCPU to leave translated code at the next block boundary. */
    public void kick() {
        exitRequest = true;
    }

    /** A one-line summary for error reports. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("CPU#%d pc=%08x cpsr=%08x (%s%s)", index, r[15], cpsr(), Mode.name(mode()),
                thumb() ? ",thumb" : ""));
        for (int i = 0; i < 15; i++) {
            sb.append(i % 4 == 0 ? "\n  " : " ").append(String.format("r%-2d=%08x", i, r[i]));
        }
        return sb.toString();
    }
}
