package io.mttcgj.codegen.runtime.fp;

import io.mttcgj.codegen.arm.state.CpuState;

/**
 * Single-precision operations with ARM (QEMU softfloat) semantics, for VFP and Advanced SIMD.
 * Values are raw IEEE bit patterns. {@code standard} selects Advanced SIMD's standard FPSCR value
 * (round to nearest, FZ, DN) instead of cpu.fpscr's RMode/FZ/DN; exception flags always accumulate
 * into cpu.fpscr.
 *
 * <p>Fast paths: with round-to-nearest and normal (or zero) operands, the host's double arithmetic
 * gives the correctly rounded result (a double holds a float product exactly, and rounding a
 * double sum/quotient/root to float is innocuous since 53 >= 2*24+2); exactness is checked with an
 * exact product or an error-free sum. Everything else goes to {@link SoftFloat}.
 */
public final class F32 {
    private static final double MIN_NORMAL = 0x1p-126;

    private F32() {
    }

    /** Normal or zero (not denormal, Inf or NaN): FZ, DN and NaN rules cannot matter. */
    static boolean plain(int a) {
        int exp = (a >>> 23) & 0xff;
        return exp != 0xff && (exp != 0 || (a & 0x7fffffff) == 0);
    }

    private static boolean fast(CpuState c, boolean standard) {
        return standard || (c.fpscr & Fp.RMODE_MASK) == 0;
    }

    private static SoftFloat.Status status(CpuState c, boolean standard) {
        return new SoftFloat.Status(Fp.mode(c.fpscr, standard));
    }

    private static int done(CpuState c, SoftFloat.Status s, long bits) {
        c.fpscr |= s.flags;
        return (int) bits;
    }

    /** Result of a fast path: the rounded float, IXC if it differs from the exact double. */
    private static int finish(CpuState c, float r, boolean inexact) {
        if (inexact) {
            c.fpscr |= Fp.IXC;
        }
        return Float.floatToRawIntBits(r);
    }

    private static boolean normalResult(double x) {
        double m = Math.abs(x);
        return m >= MIN_NORMAL && m <= Float.MAX_VALUE;
    }

    public static int add(CpuState c, int a, int b, boolean standard) {
        if (fast(c, standard) && plain(a) && plain(b)) {
            double x = Float.intBitsToFloat(a);
            double y = Float.intBitsToFloat(b);
            double s = x + y;
            float r = (float) s;
            if (s == 0 || (normalResult(s) && !Float.isInfinite(r))) {
                double bv = s - x;
                double err = (x - (s - bv)) + (y - bv);
                return finish(c, r, err != 0 || r != s);
            }
        }
        if (Special.applies(Format.SINGLE, a & 0xffffffffL, b & 0xffffffffL)) {
            return (int) Special.add(c, Format.SINGLE, a & 0xffffffffL, b & 0xffffffffL, false, standard);
        }
        SoftFloat.Status s = status(c, standard);
        return done(c, s, SoftFloat.add(Format.SINGLE, a & 0xffffffffL, b & 0xffffffffL, false, s));
    }

    public static int sub(CpuState c, int a, int b, boolean standard) {
        if (fast(c, standard) && plain(a) && plain(b)) {
            double x = Float.intBitsToFloat(a);
            double y = -(double) Float.intBitsToFloat(b);
            double s = x + y;
            float r = (float) s;
            if (s == 0 || (normalResult(s) && !Float.isInfinite(r))) {
                double bv = s - x;
                double err = (x - (s - bv)) + (y - bv);
                return finish(c, r, err != 0 || r != s);
            }
        }
        if (Special.applies(Format.SINGLE, a & 0xffffffffL, b & 0xffffffffL)) {
            return (int) Special.add(c, Format.SINGLE, a & 0xffffffffL, b & 0xffffffffL, true, standard);
        }
        SoftFloat.Status s = status(c, standard);
        return done(c, s, SoftFloat.add(Format.SINGLE, a & 0xffffffffL, b & 0xffffffffL, true, s));
    }

    public static int mul(CpuState c, int a, int b, boolean standard) {
        if (fast(c, standard) && plain(a) && plain(b)) {
            double p = (double) Float.intBitsToFloat(a) * Float.intBitsToFloat(b);
            float r = (float) p;
            if (p == 0 || (normalResult(p) && !Float.isInfinite(r))) {
                return finish(c, r, r != p);
            }
        }
        if (Special.applies(Format.SINGLE, a & 0xffffffffL, b & 0xffffffffL)) {
            return (int) Special.mul(c, Format.SINGLE, a & 0xffffffffL, b & 0xffffffffL, standard);
        }
        SoftFloat.Status s = status(c, standard);
        return done(c, s, SoftFloat.mul(Format.SINGLE, a & 0xffffffffL, b & 0xffffffffL, s));
    }

    public static int div(CpuState c, int a, int b, boolean standard) {
        if (fast(c, standard) && plain(a) && plain(b) && (b & 0x7fffffff) != 0) {
            double x = Float.intBitsToFloat(a);
            double y = Float.intBitsToFloat(b);
            double q = x / y;
            float r = (float) q;
            if (q == 0 || (Math.abs(q) > MIN_NORMAL && !Float.isInfinite(r))) {
                return finish(c, r, (double) r * y != x);
            }
        }
        if (Special.appliesDiv(Format.SINGLE, a & 0xffffffffL, b & 0xffffffffL)) {
            return (int) Special.div(c, Format.SINGLE, a & 0xffffffffL, b & 0xffffffffL, standard);
        }
        SoftFloat.Status s = status(c, standard);
        return done(c, s, SoftFloat.div(Format.SINGLE, a & 0xffffffffL, b & 0xffffffffL, s));
    }

    public static int sqrt(CpuState c, int a, boolean standard) {
        if (fast(c, standard) && plain(a) && a > 0) {
            double x = Float.intBitsToFloat(a);
            float r = (float) Math.sqrt(x);
            return finish(c, r, (double) r * r != x);
        }
        SoftFloat.Status s = status(c, standard);
        return done(c, s, SoftFloat.sqrt(Format.SINGLE, a & 0xffffffffL, s));
    }

    /** Fused acc + a * b with a single rounding. */
    public static int mulAdd(CpuState c, int acc, int a, int b, boolean standard) {
        if (fast(c, standard) && plain(a) && plain(b) && plain(acc)) {
            double p = (double) Float.intBitsToFloat(a) * Float.intBitsToFloat(b);
            double z = Float.intBitsToFloat(acc);
            double s = p + z;
            double bv = s - p;
            double err = (p - (s - bv)) + (z - bv);
            float r = (float) s;
            // Exact double sum: one rounding to float. A zero sum needs IEEE's sign rules, which Java follows.
            if (err == 0 && (s == 0 || (normalResult(s) && !Float.isInfinite(r)))) {
                return finish(c, r, r != s);
            }
        }
        SoftFloat.Status s = status(c, standard);
        return done(c, s, SoftFloat.mulAdd(Format.SINGLE, acc & 0xffffffffL, a & 0xffffffffL, b & 0xffffffffL, s));
    }

    /** ARM FPMax: NaNs propagate (not maxNum), max(-0, +0) = +0. */
    public static int max(CpuState c, int a, int b, boolean standard) {
        SoftFloat.Status s = status(c, standard);
        return done(c, s, SoftFloat.minMax(Format.SINGLE, a & 0xffffffffL, b & 0xffffffffL, true, s));
    }

    public static int min(CpuState c, int a, int b, boolean standard) {
        SoftFloat.Status s = status(c, standard);
        return done(c, s, SoftFloat.minMax(Format.SINGLE, a & 0xffffffffL, b & 0xffffffffL, false, s));
    }

    /** Quiet equality (VCEQ): Invalid only for a signalling NaN. 1 if equal. */
    public static int compareEq(CpuState c, int a, int b, boolean standard) {
        return compare(c, a, b, false, standard) == 0 ? 1 : 0;
    }

    /** a >= b (VCGE), signalling: Invalid for any NaN. */
    public static int compareGe(CpuState c, int a, int b, boolean standard) {
        int r = compare(c, a, b, true, standard);
        return r == 0 || r == 1 ? 1 : 0;
    }

    /** a > b (VCGT), signalling. */
    public static int compareGt(CpuState c, int a, int b, boolean standard) {
        return compare(c, a, b, true, standard) == 1 ? 1 : 0;
    }

    /** -1, 0, 1 or 2 (unordered). */
    public static int compare(CpuState c, int a, int b, boolean signalling, boolean standard) {
        if (Special.noDenormal(Format.SINGLE, a & 0xffffffffL, b & 0xffffffffL)) {
            if (Format.SINGLE.isNan(a & 0xffffffffL) || Format.SINGLE.isNan(b & 0xffffffffL)) {
                return Special.unordered(c, Format.SINGLE, a & 0xffffffffL, b & 0xffffffffL, signalling);
            }
            return Float.compare(Float.intBitsToFloat(a) + 0.0f, Float.intBitsToFloat(b) + 0.0f);
        }
        SoftFloat.Status s = status(c, standard);
        int r = SoftFloat.compare(Format.SINGLE, a & 0xffffffffL, b & 0xffffffffL, signalling, s);
        c.fpscr |= s.flags;
        return r;
    }

    /**
     * To a 32-bit integer scaled by 2^fracBits; roundZero forces round-towards-zero (VCVT), else the
     * FPSCR (or standard) rounding mode applies (VCVTR).
     */
    public static int toInt32(CpuState c, int a, boolean unsigned, int fracBits, boolean roundZero, boolean standard) {
        return toInt(c, a, unsigned, 32, fracBits, roundZero, standard);
    }

    /** As toInt32 with a 16-bit result, sign- or zero-extended (VCVT to 16-bit fixed point). */
    public static int toInt(CpuState c, int a, boolean unsigned, int width, int fracBits, boolean roundZero,
            boolean standard) {
        if (plain(a)) {
            long v = F64.toInt32Fast(c, Float.intBitsToFloat(a), unsigned, width, fracBits, roundZero, standard);
            if (v != F64.NO_FAST) {
                return (int) v;
            }
        }
        SoftFloat.Status s = status(c, standard);
        int rmode = roundZero ? Fp.RZ : s.rmode();
        long v = SoftConvert.toInt(Format.SINGLE, a & 0xffffffffL, unsigned, width, fracBits, rmode, s);
        c.fpscr |= s.flags;
        return (int) v;
    }

    /** A 32-bit integer divided by 2^fracBits, rounded with the FPSCR (or standard) rounding mode. */
    public static int fromInt32(CpuState c, int v, boolean unsigned, int fracBits, boolean standard) {
        long x = unsigned ? v & 0xffffffffL : v;
        if (fracBits == 0 && Math.abs(x) <= (1 << 24)) {
            return Float.floatToRawIntBits((float) x);
        }
        if (fracBits <= 32 && ((c.fpscr & Fp.RMODE_MASK) == 0 || standard)) {
            return fromScaledNearest(c, x, fracBits);
        }
        SoftFloat.Status s = status(c, standard);
        return done(c, s, SoftConvert.fromInt(Format.SINGLE, x, fracBits, s));
    }

    /**
     * x (at most 33 significant bits) divided by 2^fracBits (fracBits <= 32), rounded to nearest: exact in
     * a double and far from the denormal range, so one rounding to float is the correctly rounded result.
     */
    static int fromScaledNearest(CpuState c, long x, int fracBits) {
        double d = Math.scalb((double) x, -fracBits);
        float r = (float) d;
        return finish(c, r, r != d);
    }

    public static int abs(int a) {
        return a & 0x7fffffff;
    }

    public static int neg(int a) {
        return a ^ 0x80000000;
    }

    /** The API shape Advanced SIMD uses (flags are untouched: abs/neg never raise). */
    public static int abs(CpuState c, int a, boolean standard) {
        return a & 0x7fffffff;
    }

    public static int neg(CpuState c, int a, boolean standard) {
        return a ^ 0x80000000;
    }

    /** To half precision (low 16 bits of the result), IEEE or ARM alternative format. */
    public static int toHalf(CpuState c, int a, boolean ahp, boolean standard) {
        SoftFloat.Status s = status(c, standard);
        return done(c, s, SoftConvert.convert(Format.SINGLE, Format.HALF, a & 0xffffffffL, s, ahp));
    }

    /** From half precision (bits 15:0 of h). */
    public static int fromHalf(CpuState c, int h, boolean ahp, boolean standard) {
        SoftFloat.Status s = status(c, standard);
        return done(c, s, SoftConvert.convert(Format.HALF, Format.SINGLE, h & 0xffffL, s, ahp));
    }

    /** To double precision (VCVT.F64.F32). */
    public static long toDouble(CpuState c, int a) {
        if (plain(a)) {
            return Double.doubleToRawLongBits(Float.intBitsToFloat(a));
        }
        SoftFloat.Status s = status(c, false);
        long r = SoftConvert.convert(Format.SINGLE, Format.DOUBLE, a & 0xffffffffL, s, false);
        c.fpscr |= s.flags;
        return r;
    }
}
