package io.mttcgj.codegen.runtime.fp;

import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.arm.state.GuestException;

/**
 * VFP helpers with guest-visible side effects beyond one value: system register moves, compares
 * that set FPSCR.NZCV, conversions that read FPSCR.AHP. Called from code the arm/vfp translators emit.
 */
public final class VfpOps {
    // VMRS/VMSR register numbers (the 4-bit "reg" field).
    public static final int FPSID = 0;
    public static final int FPSCR = 1;
    public static final int MVFR1 = 6;
    public static final int MVFR0 = 7;
    public static final int FPEXC = 8;

    /** QEMU 7.2 cortex-a15 values (VFPv4-D32 with Advanced SIMD, no short vectors). */
    public static final int FPSID_A15 = 0x410430f0;
    public static final int MVFR0_A15 = 0x10110222;
    public static final int MVFR1_A15 = 0x11111111;

    private VfpOps() {
    }

    /** VMRS of FPSID, MVFR0/1 or FPEXC: privileged only (translation already checked access). */
    public static int vmrsPrivileged(CpuState c, int reg) {
        if (!c.privileged()) {
            throw undefined(c, "VMRS of a VFP ID/control register in User mode");
        }
        switch (reg) {
            case FPSID: return FPSID_A15;
            case MVFR0: return MVFR0_A15;
            case MVFR1: return MVFR1_A15;
            default: return c.fpexc;
        }
    }

    /** VMSR to FPSID, MVFR0/1 (ignored) or FPEXC (only EN is kept, as QEMU does). */
    public static void vmsrPrivileged(CpuState c, int reg, int value) {
        if (!c.privileged()) {
            throw undefined(c, "VMSR of a VFP ID/control register in User mode");
        }
        if (reg == FPEXC) {
            c.fpexc = value & CpuState.FPEXC_EN;
            c.systemStateChanged();
        }
    }

    public static void setFpscr(CpuState c, int value) {
        c.fpscr = value & Fp.FPSCR_WRITABLE;
    }

    /**
     * The value the VMRS APSR_nzcv path hands to setNZ: its sign is N and it is zero iff Z. N and
     * Z both set (only possible after a VMSR) cannot be expressed; {@link #nzBoth} detects that case.
     */
    public static int nzOf(int fpscr) {
        if ((fpscr & 0x40000000) != 0) {
            return 0;
        }
        return (fpscr & 0x80000000) | 1;
    }

    public static boolean nzBoth(int fpscr) {
        return (fpscr & 0xc0000000) == 0xc0000000;
    }

    /** Copies FPSCR.NZCV into the CPU flags (after a flushState; the rare N-and-Z case). */
    public static void nzcvToCpu(CpuState c, int value) {
        c.nf = value & 0x80000000;
        c.zf = (value & 0x40000000) != 0 ? 0 : 1;
        c.cf = (value >>> 29) & 1;
        c.vf = (value << 3) & 0x80000000;
    }

    private static void setCompareFlags(CpuState c, int r) {
        int nzcv;
        switch (r) {
            case -1: nzcv = 0x8; break;
            case 0: nzcv = 0x6; break;
            case 1: nzcv = 0x2; break;
            default: nzcv = 0x3; break;
        }
        c.fpscr = (c.fpscr & 0x0fffffff) | (nzcv << 28);
    }

    /** VCMP/VCMPE .F32 (signalling = VCMPE). */
    public static void cmp32(CpuState c, int a, int b, boolean signalling) {
        setCompareFlags(c, F32.compare(c, a, b, signalling, false));
    }

    public static void cmp64(CpuState c, long a, long b, boolean signalling) {
        setCompareFlags(c, F64.compare(c, a, b, signalling, false));
    }

    public static int toHalf(CpuState c, int a) {
        return F32.toHalf(c, a, (c.fpscr & Fp.AHP) != 0, false);
    }

    public static int fromHalf(CpuState c, int h) {
        return F32.fromHalf(c, h, (c.fpscr & Fp.AHP) != 0, false);
    }

    /** VCVT{R}.S32/U32.F32 and fixed-point (width 16 or 32), result extended to 32 bits. */
    public static int s2int(CpuState c, int a, boolean unsigned, int width, int fracBits, boolean roundZero) {
        return F32.toInt(c, a, unsigned, width, fracBits, roundZero, false);
    }

    public static int d2int(CpuState c, long a, boolean unsigned, int width, int fracBits, boolean roundZero) {
        return F64.toInt(c, a, unsigned, width, fracBits, roundZero, false);
    }

    /** Fixed point (or integer, fracBits 0) of {@code width} bits in the low bits of v, to F32. */
    public static int int2s(CpuState c, int v, boolean unsigned, int width, int fracBits) {
        if (width == 16) {
            v = unsigned ? v & 0xffff : (short) v;
            return F32.fromInt32(c, v, false, fracBits, false);
        }
        return F32.fromInt32(c, v, unsigned, fracBits, false);
    }

    public static long int2d(CpuState c, int v, boolean unsigned, int width, int fracBits) {
        long x;
        if (width == 16) {
            x = unsigned ? v & 0xffff : (short) v;
        } else {
            x = unsigned ? v & 0xffffffffL : v;
        }
        return F64.fromInt(c, x, fracBits, false);
    }

    /**
     * VCVT from fixed point (width 16 or 32, in the low bits of v): QEMU rounds to nearest here
     * whatever FPSCR.RMode says (FZ and DN still apply).
     */
    public static int fixed2s(CpuState c, int v, boolean unsigned, int width, int fracBits) {
        if (fracBits <= 32) {
            return F32.fromScaledNearest(c, extend(v, unsigned, width), fracBits);
        }
        SoftFloat.Status s = new SoftFloat.Status(c.fpscr & ~Fp.RMODE_MASK);
        long r = SoftConvert.fromInt(Format.SINGLE, extend(v, unsigned, width), fracBits, s);
        c.fpscr |= s.flags;
        return (int) r;
    }

    public static long fixed2d(CpuState c, int v, boolean unsigned, int width, int fracBits) {
        if (fracBits <= 32) {
            return F64.fromScaled(extend(v, unsigned, width), fracBits);
        }
        SoftFloat.Status s = new SoftFloat.Status(c.fpscr & ~Fp.RMODE_MASK);
        long r = SoftConvert.fromInt(Format.DOUBLE, extend(v, unsigned, width), fracBits, s);
        c.fpscr |= s.flags;
        return r;
    }

    private static long extend(int v, boolean unsigned, int width) {
        if (width == 16) {
            return unsigned ? v & 0xffff : (short) v;
        }
        return unsigned ? v & 0xffffffffL : v;
    }

    /** VDUP: the core register's low 32/16/8 bits replicated over a doubleword. */
    public static long dup32(int v) {
        long x = v & 0xffffffffL;
        return x | (x << 32);
    }

    public static long dup16(int v) {
        return dup32((v & 0xffff) * 0x10001);
    }

    public static long dup8(int v) {
        return dup32((v & 0xff) * 0x01010101);
    }

    private static GuestException undefined(CpuState c, String why) {
        return GuestException.undefined(String.format("%s at pc=0x%08x", why, c.r[15]));
    }
}
