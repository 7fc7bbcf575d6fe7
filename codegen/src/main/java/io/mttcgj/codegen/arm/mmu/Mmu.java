package io.mttcgj.codegen.arm.mmu;

import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.arm.state.GuestException;
import io.mttcgj.codegen.arm.state.SystemRegisters;

/**
 * VMSAv7 short-descriptor translation (ARM ARM B3.5, no LPAE): sections, supersections, large and
 * small pages, TTBR0/TTBR1 split by TTBCR.N, DACR domains, AP[2:0] permissions (and the simplified
 * AP[2:1] model with the access flag when SCTLR.AFE is set), XN and PXN. Fault priority and status
 * codes follow QEMU's Cortex-A15 (the reference): translation fault, then domain fault (checked
 * right after the first-level descriptor), then XN, access flag, permission; the status carries the
 * domain in bits 7:4 for every fault.
 *
 * <p>One privilege regime (Secure/Non-secure PL1&0); Hyp's own translation regime is not modelled.
 */
public final class Mmu {
    public static final int READ = 0;
    public static final int WRITE = 1;
    public static final int FETCH = 2;

    private static final int FS_TRANSLATION_L1 = 0x5;
    private static final int FS_TRANSLATION_L2 = 0x7;
    private static final int FS_DOMAIN_L1 = 0x9;
    private static final int FS_DOMAIN_L2 = 0xb;
    private static final int FS_PERMISSION_L1 = 0xd;
    private static final int FS_PERMISSION_L2 = 0xf;
    private static final int FS_ACCESS_L1 = 0x3;
    private static final int FS_ACCESS_L2 = 0x6;

    private Mmu() {
    }

    public static boolean enabled(CpuState c) {
        return (c.cp15.sctlr & SystemRegisters.SCTLR_M) != 0;
    }

    /**
     * The physical address of {@code va} for an access by the current mode, from the soft TLB or a
     * table walk (which fills it). Throws the guest's Data Abort (READ/WRITE) or Prefetch Abort (FETCH).
     */
    public static int translate(CpuState c, int va, int access) {
        return translate(c, va, access, !c.privileged());
    }

    /** As {@link #translate(CpuState, int, int)} with an explicit privilege (LDRT/STRT, ATS1CU*). */
    public static int translate(CpuState c, int va, int access, boolean user) {
        SoftTlb tlb = user ? c.tlbUser : c.tlbPriv;
        int i = SoftTlb.index(va);
        int need = access == WRITE ? SoftTlb.PERM_W : access == FETCH ? SoftTlb.PERM_X : SoftTlb.PERM_R;
        if (tlb.tag[i] == (va & SoftTlb.PAGE_MASK) && (tlb.perm[i] & need) != 0) {
            return tlb.phys[i] | (va & ~SoftTlb.PAGE_MASK);
        }
        long r = walk(c, va, access, user);
        if (r < 0) {
            throw fault(c, va, access, (int) (r >>> 32) & 0xffff);
        }
        int physPage = (int) r & SoftTlb.PAGE_MASK;
        int perms = (int) (r >>> 32) & 7;
        int size = (int) (r >>> 35) & 0x1f;
        if (size > 12) {
            tlb.noteLarge(va, 1 << size);
        }
        int off = physPage - c.ramBase;
        int ramOffset = Integer.compareUnsigned(off, c.ramSize) < 0 ? off : -1;
        tlb.fill(va, physPage, perms, ramOffset);
        return physPage | (va & ~SoftTlb.PAGE_MASK);
    }

    private static GuestException fault(CpuState c, int va, int access, int fsr) {
        String what = describe(fsr & 0xf);
        if (access == FETCH) {
            return GuestException.prefetchAbort(fsr, va,
                    String.format("%s on instruction fetch at 0x%08x", what, va));
        }
        return GuestException.dataAbort(fsr | (access == WRITE ? GuestException.FSR_WNR : 0), va,
                String.format("%s on %s at 0x%08x", what, access == WRITE ? "write" : "read", va));
    }

    private static String describe(int fs) {
        switch (fs) {
            case FS_TRANSLATION_L1: return "section translation fault";
            case FS_TRANSLATION_L2: return "page translation fault";
            case FS_DOMAIN_L1: return "section domain fault";
            case FS_DOMAIN_L2: return "page domain fault";
            case FS_PERMISSION_L1: return "section permission fault";
            case FS_PERMISSION_L2: return "page permission fault";
            case FS_ACCESS_L1: return "section access flag fault";
            case FS_ACCESS_L2: return "page access flag fault";
            default: return "MMU fault";
        }
    }

    /**
     * Walks the tables for {@code va}. On success returns {@code (log2(mapping size) << 3 | perms) << 32 | pa}
     * (pa of the byte, perms as SoftTlb.PERM_* for the given privilege); on a fault returns a negative value whose bits 47:32
     * are the fault status (FS | domain << 4).
     */
    public static long walk(CpuState c, int va, int access, boolean user) {
        SystemRegisters cp = c.cp15;
        if ((cp.sctlr & SystemRegisters.SCTLR_M) == 0) {
            return ((long) (SoftTlb.PERM_R | SoftTlb.PERM_W | SoftTlb.PERM_X | (12 << 3)) << 32) | (va & 0xffffffffL);
        }
        int ttbcr = cp.ttbcr;
        int n = ttbcr & 7;
        int table;
        if (n != 0 && (va >>> (32 - n)) != 0) {
            if ((ttbcr & 0x20) != 0) {
                return faultCode(FS_TRANSLATION_L1, 0);
            }
            table = (cp.ttbr1 & 0xffffc000) | ((va >>> 20) << 2);
        } else {
            if ((ttbcr & 0x10) != 0) {
                return faultCode(FS_TRANSLATION_L1, 0);
            }
            int baseMask = -1 << (14 - n);
            table = (cp.ttbr0 & baseMask) | (((va << n) >>> (n + 20)) << 2);
        }
        int desc = c.mem.read(table, 4);
        int type = desc & 3;
        if (type == 0) {
            return faultCode(FS_TRANSLATION_L1, 0);
        }
        boolean supersection = type != 1 && (desc & (1 << 18)) != 0;
        int domain = supersection ? 0 : (desc >>> 5) & 0xf;
        int domainProt = (cp.dacr >>> (domain * 2)) & 3;
        if (domainProt == 0 || domainProt == 2) {
            return faultCode(type == 1 ? FS_DOMAIN_L2 : FS_DOMAIN_L1, domain);
        }
        int pa;
        int ap;
        boolean xn;
        boolean pxn;
        int permCode;
        int sizeLog2;
        if (type != 1) {
            sizeLog2 = supersection ? 24 : 20;
            pa = supersection ? (desc & 0xff000000) | (va & 0x00ffffff) : (desc & 0xfff00000) | (va & 0x000fffff);
            ap = ((desc >>> 10) & 3) | ((desc >>> 13) & 4);
            xn = (desc & 0x10) != 0;
            pxn = (desc & 1) != 0;
            permCode = FS_PERMISSION_L1;
        } else {
            pxn = (desc & 4) != 0;
            int l2 = (desc & 0xfffffc00) | ((va >>> 10) & 0x3fc);
            int d2 = c.mem.read(l2, 4);
            ap = ((d2 >>> 4) & 3) | ((d2 >>> 7) & 4);
            switch (d2 & 3) {
                case 0:
                    return faultCode(FS_TRANSLATION_L2, domain);
                case 1: // large page, 64 KiB
                    sizeLog2 = 16;
                    pa = (d2 & 0xffff0000) | (va & 0xffff);
                    xn = (d2 & 0x8000) != 0;
                    break;
                default: // small page, 4 KiB
                    sizeLog2 = 12;
                    pa = (d2 & 0xfffff000) | (va & 0xfff);
                    xn = (d2 & 1) != 0;
                    break;
            }
            permCode = FS_PERMISSION_L2;
        }
        int perms;
        if (domainProt == 3) {
            perms = SoftTlb.PERM_R | SoftTlb.PERM_W | SoftTlb.PERM_X;
        } else {
            if (pxn && !user) {
                xn = true;
            }
            if (xn && access == FETCH) {
                return faultCode(permCode, domain);
            }
            if ((cp.sctlr & SystemRegisters.SCTLR_AFE) != 0) {
                if ((ap & 1) == 0) {
                    return faultCode(permCode == FS_PERMISSION_L2 ? FS_ACCESS_L2 : FS_ACCESS_L1, domain);
                }
                perms = simpleAp(ap >>> 1, user);
            } else {
                perms = fullAp(ap, user);
            }
            if (perms != 0 && !xn) {
                perms |= SoftTlb.PERM_X;
            }
            int need = access == WRITE ? SoftTlb.PERM_W : access == FETCH ? SoftTlb.PERM_X : SoftTlb.PERM_R;
            if ((perms & need) == 0) {
                return faultCode(permCode, domain);
            }
        }
        return ((long) (perms | (sizeLog2 << 3)) << 32) | (pa & 0xffffffffL);
    }

    private static long faultCode(int fs, int domain) {
        return Long.MIN_VALUE | ((long) (fs | (domain << 4)) << 32);
    }

    /** AP[2:0] (SCTLR.AFE = 0), ARM ARM table B3-8. */
    private static int fullAp(int ap, boolean user) {
        int rw = SoftTlb.PERM_R | SoftTlb.PERM_W;
        switch (ap) {
            case 1: return user ? 0 : rw;
            case 2: return user ? SoftTlb.PERM_R : rw;
            case 3: return rw;
            case 5: return user ? 0 : SoftTlb.PERM_R;
            case 6: case 7: return SoftTlb.PERM_R;
            default: return 0; // 0: no access; 4: reserved
        }
    }

    /** AP[2:1] (SCTLR.AFE = 1), ARM ARM table B3-9. */
    private static int simpleAp(int ap21, boolean user) {
        int rw = SoftTlb.PERM_R | SoftTlb.PERM_W;
        switch (ap21) {
            case 0: return user ? 0 : rw;
            case 1: return rw;
            case 2: return user ? 0 : SoftTlb.PERM_R;
            default: return SoftTlb.PERM_R;
        }
    }

    /**
     * ATS1C{P,U}{R,W} (MCR c7, c8): the PAR value for a translation of {@code va} (short-descriptor
     * format: the physical page, or F=1 with the fault status).
     */
    public static int addressTranslation(CpuState c, int va, boolean user, boolean write) {
        long r = walk(c, va, write ? WRITE : READ, user);
        if (r < 0) {
            int fsr = (int) (r >>> 32) & 0xffff;
            return ((fsr & (1 << 10)) >> 5) | ((fsr & 0xf) << 1) | 1;
        }
        int pa = (int) r;
        boolean supersection = ((r >>> 35) & 0x1f) == 24;
        int par = supersection ? (pa & 0xff000000) | 2 : pa & 0xfffff000;
        if (!c.cp15.secure()) {
            par |= 1 << 9;
        }
        return par;
    }
}
