package io.mttcgj.codegen.runtime.fp;

import io.mttcgj.codegen.arm.state.CpuState;

/**
 * Double-precision operations with ARM (QEMU softfloat) semantics; see {@link F32}. The fast paths
 * use the host's round-to-nearest result and an exact residual (error-free sum, or Math.fma for
 * products, quotients and roots) to detect inexactness; they decline operands or results small
 * enough for the residual itself to underflow.
 */
public final class F64 {
    /** Above this magnitude, residuals of products/quotients/roots are exact doubles. */
    private static final double SAFE = 0x1p-900;

    private F64() {
    }

    static boolean plain(long a) {
        int exp = (int) (a >>> 52) & 0x7ff;
        return exp != 0x7ff && (exp != 0 || (a << 1) == 0);
    }

    private static boolean fast(CpuState c, boolean standard) {
        return standard || (c.fpscr & Fp.RMODE_MASK) == 0;
    }

    private static SoftFloat.Status status(CpuState c, boolean standard) {
        return new SoftFloat.Status(Fp.mode(c.fpscr, standard));
    }

    private static long done(CpuState c, SoftFloat.Status s, long bits) {
        c.fpscr |= s.flags;
        return bits;
    }

    private static long finish(CpuState c, double r, boolean inexact) {
        if (inexact) {
            c.fpscr |= Fp.IXC;
        }
        return Double.doubleToRawLongBits(r);
    }

    private static boolean finite(double x) {
        return Math.abs(x) <= Double.MAX_VALUE;
    }

    public static long add(CpuState c, long a, long b, boolean standard) {
        if (fast(c, standard) && plain(a) && plain(b)) {
            double x = Double.longBitsToDouble(a);
            double y = Double.longBitsToDouble(b);
            double s = x + y;
            if (s == 0 || (Math.abs(s) >= Double.MIN_NORMAL && finite(s))) {
                double bv = s - x;
                return finish(c, s, (x - (s - bv)) + (y - bv) != 0);
            }
        }
        if (Special.applies(Format.DOUBLE, a, b)) {
            return Special.add(c, Format.DOUBLE, a, b, false, standard);
        }
        SoftFloat.Status s = status(c, standard);
        return done(c, s, SoftFloat.add(Format.DOUBLE, a, b, false, s));
    }

    public static long sub(CpuState c, long a, long b, boolean standard) {
        if (fast(c, standard) && plain(a) && plain(b)) {
            double x = Double.longBitsToDouble(a);
            double y = -Double.longBitsToDouble(b);
            double s = x + y;
            if (s == 0 || (Math.abs(s) >= Double.MIN_NORMAL && finite(s))) {
                double bv = s - x;
                return finish(c, s, (x - (s - bv)) + (y - bv) != 0);
            }
        }
        if (Special.applies(Format.DOUBLE, a, b)) {
            return Special.add(c, Format.DOUBLE, a, b, true, standard);
        }
        SoftFloat.Status s = status(c, standard);
        return done(c, s, SoftFloat.add(Format.DOUBLE, a, b, true, s));
    }

    public static long mul(CpuState c, long a, long b, boolean standard) {
        if (fast(c, standard) && plain(a) && plain(b)) {
            double x = Double.longBitsToDouble(a);
            double y = Double.longBitsToDouble(b);
            double p = x * y;
            if ((x == 0 || y == 0) || (Math.abs(p) >= SAFE && finite(p))) {
                return finish(c, p, p != 0 && Math.fma(x, y, -p) != 0);
            }
        }
        if (Special.applies(Format.DOUBLE, a, b)) {
            return Special.mul(c, Format.DOUBLE, a, b, standard);
        }
        SoftFloat.Status s = status(c, standard);
        return done(c, s, SoftFloat.mul(Format.DOUBLE, a, b, s));
    }

    public static long div(CpuState c, long a, long b, boolean standard) {
        if (fast(c, standard) && plain(a) && plain(b) && (b << 1) != 0) {
            double x = Double.longBitsToDouble(a);
            double y = Double.longBitsToDouble(b);
            double q = x / y;
            if (x == 0 || (Math.abs(q) >= SAFE && Math.abs(x) >= SAFE && finite(q))) {
                return finish(c, q, x != 0 && Math.fma(-q, y, x) != 0);
            }
        }
        if (Special.appliesDiv(Format.DOUBLE, a, b)) {
            return Special.div(c, Format.DOUBLE, a, b, standard);
        }
        SoftFloat.Status s = status(c, standard);
        return done(c, s, SoftFloat.div(Format.DOUBLE, a, b, s));
    }

    public static long sqrt(CpuState c, long a, boolean standard) {
        if (fast(c, standard) && plain(a) && a > 0) {
            double x = Double.longBitsToDouble(a);
            if (x >= SAFE) {
                double r = Math.sqrt(x);
                return finish(c, r, Math.fma(-r, r, x) != 0);
            }
        }
        SoftFloat.Status s = status(c, standard);
        return done(c, s, SoftFloat.sqrt(Format.DOUBLE, a, s));
    }

    /** Fused acc + a * b (rare in practice: always the exact path). */
    public static long mulAdd(CpuState c, long acc, long a, long b, boolean standard) {
        SoftFloat.Status s = status(c, standard);
        return done(c, s, SoftFloat.mulAdd(Format.DOUBLE, acc, a, b, s));
    }

    /** -1, 0, 1 or 2 (unordered). */
    public static int compare(CpuState c, long a, long b, boolean signalling, boolean standard) {
        if (Special.noDenormal(Format.DOUBLE, a, b)) {
            if (Format.DOUBLE.isNan(a) || Format.DOUBLE.isNan(b)) {
                return Special.unordered(c, Format.DOUBLE, a, b, signalling);
            }
            return Double.compare(Double.longBitsToDouble(a) + 0.0, Double.longBitsToDouble(b) + 0.0);
        }
        SoftFloat.Status s = status(c, standard);
        int r = SoftFloat.compare(Format.DOUBLE, a, b, signalling, s);
        c.fpscr |= s.flags;
        return r;
    }

    public static int toInt(CpuState c, long a, boolean unsigned, int width, int fracBits, boolean roundZero,
            boolean standard) {
        if (plain(a)) {
            long v = toInt32Fast(c, Double.longBitsToDouble(a), unsigned, width, fracBits, roundZero, standard);
            if (v != NO_FAST) {
                return (int) v;
            }
        }
        SoftFloat.Status s = status(c, standard);
        int rmode = roundZero ? Fp.RZ : s.rmode();
        long v = SoftConvert.toInt(Format.DOUBLE, a, unsigned, width, fracBits, rmode, s);
        c.fpscr |= s.flags;
        return (int) v;
    }

    static final long NO_FAST = Long.MIN_VALUE;

    /**
     * The common float-to-integer cases (32-bit result, round towards zero or to nearest, in range) on
     * a normal or zero operand: scaling by 2^fracBits is exact in a double. NO_FAST otherwise.
     */
    static long toInt32Fast(CpuState c, double value, boolean unsigned, int width, int fracBits, boolean roundZero,
            boolean standard) {
        if (width != 32 || fracBits < 0) {
            return NO_FAST;
        }
        int rm = roundZero ? Fp.RZ : Fp.rmode(Fp.mode(c.fpscr, standard));
        if (rm != Fp.RZ && rm != Fp.RN) {
            return NO_FAST;
        }
        double x = Math.scalb(value, fracBits);
        double r = rm == Fp.RN ? Math.rint(x) : x < 0 ? Math.ceil(x) : Math.floor(x);
        boolean inRange = unsigned ? r >= 0 && r <= 4294967295.0 : r >= -2147483648.0 && r <= 2147483647.0;
        if (!inRange) {
            return NO_FAST;
        }
        if (r != x) {
            c.fpscr |= Fp.IXC;
        }
        return (long) r;
    }

    /** v (already extended to 64 bits) divided by 2^fracBits, rounded with the FPSCR rounding mode. */
    public static long fromInt(CpuState c, long v, int fracBits, boolean standard) {
        if (fracBits == 0) {
            return Double.doubleToRawLongBits(v); // a 32-bit integer is exact in a double
        }
        if (fracBits <= 32 && (v == (int) v || v == (v & 0xffffffffL))) {
            return fromScaled(v, fracBits);
        }
        SoftFloat.Status s = status(c, standard);
        return done(c, s, SoftConvert.fromInt(Format.DOUBLE, v, fracBits, s));
    }

    /** A 32-bit integer (signed or unsigned) divided by 2^fracBits (fracBits <= 32): exact, never denormal. */
    static long fromScaled(long v, int fracBits) {
        return Double.doubleToRawLongBits(Math.scalb((double) v, -fracBits));
    }

    /** To single precision (VCVT.F32.F64). */
    public static int toSingle(CpuState c, long a) {
        if (fast(c, false) && plain(a)) {
            double x = Double.longBitsToDouble(a);
            float r = (float) x;
            double m = Math.abs(x);
            if (x == 0 || (m >= 0x1p-126 && !Float.isInfinite(r))) {
                if (r != x) {
                    c.fpscr |= Fp.IXC;
                }
                return Float.floatToRawIntBits(r);
            }
        }
        SoftFloat.Status s = status(c, false);
        return (int) done(c, s, SoftConvert.convert(Format.DOUBLE, Format.SINGLE, a, s, false));
    }
}
