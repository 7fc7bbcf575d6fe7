package io.mttcgj.codegen.runtime.neon;

import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.runtime.fp.Fp;

/**
 * VRECPE / VRSQRTE: the ARM ARM's 8-bit reciprocal and reciprocal square root estimates
 * (RecipEstimate, RecipSqrtEstimate), for U32 and F32 lanes with the standard FPSCR value (FZ, DN).
 */
public final class NeonEstimate {
    private static final int DEFAULT_NAN = 0x7fc00000;

    private NeonEstimate() {
    }

    /** 9-bit input 256..511 (0.5 <= a < 1 in 1/512 steps) to a 9-bit estimate of 1/a. */
    static int recipEstimate(int a) {
        int q = 2 * a + 1;
        int b = (1 << 19) / q;
        return (b + 1) >> 1;
    }

    /** 9-bit input 128..511 (0.25 <= a < 1) to a 9-bit estimate of 1/sqrt(a). */
    static int recipSqrtEstimate(int a) {
        if (a < 256) {
            a = a * 2 + 1;
        } else {
            a = (a >> 1) << 1;
            a = (a + 1) * 2;
        }
        int b = 512;
        while ((long) a * (b + 1) * (b + 1) < (1L << 28)) {
            b++;
        }
        return (b + 1) / 2;
    }

    static int recpeU32(int a) {
        if (a >= 0) {
            return -1;
        }
        return recipEstimate(a >>> 23) << 23;
    }

    static int rsqrteU32(int a) {
        if ((a >>> 30) == 0) {
            return -1;
        }
        return recipSqrtEstimate(a >>> 23) << 23;
    }

    /** NaN in: Invalid for a signalling NaN; the default NaN out (standard FPSCR has DN). */
    private static int nan(CpuState c, int a) {
        if ((a & 0x00400000) == 0) {
            c.fpscr |= Fp.IOC;
        }
        return DEFAULT_NAN;
    }

    private static boolean isNan(int a) {
        return (a & 0x7f800000) == 0x7f800000 && (a & 0x007fffff) != 0;
    }

    /** Flush a denormal input to a signed zero, flagging Input Denormal. */
    private static int squash(CpuState c, int a) {
        if ((a & 0x7f800000) == 0 && (a & 0x007fffff) != 0) {
            c.fpscr |= Fp.IDC;
            return a & 0x80000000;
        }
        return a;
    }

    static int recpeF32(CpuState c, int input) {
        int a = squash(c, input);
        int sign = a & 0x80000000;
        int exp = (a >>> 23) & 0xff;
        if (isNan(a)) {
            return nan(c, a);
        }
        if (exp == 0xff) {
            return sign;
        }
        if ((a & 0x7fffffff) == 0) {
            c.fpscr |= Fp.DZC;
            return sign | 0x7f800000;
        }
        if (exp >= 253) { // the result would be denormal: flushed to zero
            c.fpscr |= Fp.UFC;
            return sign;
        }
        int scaled = 256 | ((a >>> 15) & 0xff);
        int est = recipEstimate(scaled);
        int rexp = 253 - exp;
        return sign | (rexp << 23) | ((est & 0xff) << 15);
    }

    static int rsqrteF32(CpuState c, int input) {
        int a = squash(c, input);
        int exp = (a >>> 23) & 0xff;
        if (isNan(a)) {
            return nan(c, a);
        }
        if ((a & 0x7fffffff) == 0) {
            c.fpscr |= Fp.DZC;
            return (a & 0x80000000) | 0x7f800000;
        }
        if (a < 0) {
            c.fpscr |= Fp.IOC;
            return DEFAULT_NAN;
        }
        if (exp == 0xff) {
            return 0;
        }
        int frac = a & 0x7fffff;
        int scaled = (exp & 1) != 0 ? 128 | (frac >>> 16) : 256 | (frac >>> 15);
        int est = recipSqrtEstimate(scaled);
        int rexp = (380 - exp) / 2;
        return (rexp << 23) | ((est & 0xff) << 15);
    }
}
