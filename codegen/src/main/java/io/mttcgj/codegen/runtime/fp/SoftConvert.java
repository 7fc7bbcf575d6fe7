package io.mttcgj.codegen.runtime.fp;

import static io.mttcgj.codegen.runtime.fp.SoftFloat.FINITE;
import static io.mttcgj.codegen.runtime.fp.SoftFloat.INF;
import static io.mttcgj.codegen.runtime.fp.SoftFloat.NAN;
import static io.mttcgj.codegen.runtime.fp.SoftFloat.ZERO;
import static io.mttcgj.codegen.runtime.fp.SoftFloat.round;
import static io.mttcgj.codegen.runtime.fp.SoftFloat.unpack;

import io.mttcgj.codegen.runtime.fp.SoftFloat.Status;
import io.mttcgj.codegen.runtime.fp.SoftFloat.Val;
import java.math.BigInteger;

/**
 * The exact slow path of conversions: between formats (including ARM's alternative half
 * precision), to integers and fixed point (saturating, NaN to 0 as QEMU's ARM helpers), and from them.
 */
final class SoftConvert {
    private SoftConvert() {
    }

    /** Between formats; to half precision the output is never flushed, from half the input never is. */
    static long convert(Format from, Format to, long bits, Status s, boolean ahp) {
        boolean fromAhp = ahp && from == Format.HALF;
        boolean toAhp = ahp && to == Format.HALF;
        Val a;
        if (fromAhp) {
            a = unpackAhp(bits);
        } else {
            a = unpack(from, bits, s, from != Format.HALF);
        }
        boolean neg = a.neg;
        switch (a.cls) {
            case NAN -> {
                if (toAhp) {
                    s.flags |= Fp.IOC;
                    return to.zero(neg);
                }
                if (from.isSignalling(bits)) {
                    s.flags |= Fp.IOC;
                }
                if (s.dn()) {
                    return to.defaultNan;
                }
                long frac = bits & from.fracMask;
                long f2 = to.fracBits >= from.fracBits ? frac << (to.fracBits - from.fracBits)
                        : frac >>> (from.fracBits - to.fracBits);
                return (neg ? to.signBit : 0) | ((long) to.expMax << to.fracBits) | f2 | to.quietBit;
            }
            case INF -> {
                if (toAhp) {
                    s.flags |= Fp.IOC;
                    return (neg ? to.signBit : 0) | 0x7fff;
                }
                return to.inf(neg);
            }
            case ZERO -> {
                return to.zero(neg);
            }
            default -> {
                return round(to, neg, a.m, a.e, false, s, to != Format.HALF, toAhp);
            }
        }
    }

    /** Alternative half precision: exponent 31 is an ordinary exponent, there is no Inf or NaN. */
    private static Val unpackAhp(long bits) {
        boolean neg = (bits & 0x8000) != 0;
        int exp = (int) (bits >>> 10) & 31;
        long frac = bits & 0x3ff;
        if (exp == 0) {
            return frac == 0 ? new Val(neg, ZERO, null, 0, bits)
                    : new Val(neg, FINITE, BigInteger.valueOf(frac), 1 - 15 - 10, bits);
        }
        return new Val(neg, FINITE, BigInteger.valueOf(frac | 0x400), exp - 15 - 10, bits);
    }

    /**
     * To a 32-bit (or 16-bit, {@code width}) integer scaled by 2^fracBits, rounding with rmode;
     * NaN gives 0 and Invalid (as QEMU's ARM helpers), out of range saturates with Invalid only.
     */
    static long toInt(Format f, long bits, boolean unsigned, int width, int fracBits, int rmode, Status s) {
        Val a = unpack(f, bits, s, true);
        long max = unsigned ? (1L << width) - 1 : (1L << (width - 1)) - 1;
        long min = unsigned ? 0 : -(1L << (width - 1));
        switch (a.cls) {
            case NAN -> {
                s.flags |= Fp.IOC;
                return 0;
            }
            case INF -> {
                s.flags |= Fp.IOC;
                return a.neg ? min : max;
            }
            case ZERO -> {
                return 0;
            }
            default -> {
            }
        }
        int e = a.e + fracBits;
        BigInteger q;
        boolean inexact;
        boolean up;
        if (e >= 0) {
            if (e > 64) {
                s.flags |= Fp.IOC;
                return a.neg ? min : max;
            }
            q = a.m.shiftLeft(e);
            inexact = false;
            up = false;
        } else {
            int drop = -e;
            q = a.m.shiftRight(drop);
            BigInteger rem = a.m.subtract(q.shiftLeft(drop));
            inexact = rem.signum() != 0;
            int c = rem.compareTo(BigInteger.ONE.shiftLeft(drop - 1));
            switch (rmode) {
                case Fp.RN -> up = c > 0 || (c == 0 && q.testBit(0));
                case Fp.RP -> up = inexact && !a.neg;
                case Fp.RM -> up = inexact && a.neg;
                default -> up = false;
            }
        }
        if (up) {
            q = q.add(BigInteger.ONE);
        }
        BigInteger v = a.neg ? q.negate() : q;
        if (unsigned && a.neg && q.signum() != 0) {
            s.flags |= Fp.IOC;
            return 0;
        }
        if (v.compareTo(BigInteger.valueOf(max)) > 0) {
            s.flags |= Fp.IOC;
            return max;
        }
        if (v.compareTo(BigInteger.valueOf(min)) < 0) {
            s.flags |= Fp.IOC;
            return min;
        }
        if (inexact) {
            s.flags |= Fp.IXC;
        }
        return v.longValue();
    }

    /** v * 2^-fracBits rounded to f (v already sign- or zero-extended by the caller). */
    static long fromInt(Format f, long v, int fracBits, Status s) {
        if (v == 0) {
            return 0;
        }
        return round(f, v < 0, BigInteger.valueOf(Math.abs(v)), -fracBits, false, s, true);
    }
}
