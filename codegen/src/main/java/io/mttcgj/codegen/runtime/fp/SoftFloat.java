package io.mttcgj.codegen.runtime.fp;

import java.math.BigInteger;

/**
 * The exact slow path behind the F32/F64 fast paths: every operation is computed exactly (or with
 * a sticky bit) on BigInteger significands and rounded once, following ARM's choices as QEMU's
 * softfloat makes them: tininess detected before rounding, flush-to-zero of inputs (IDC) and of
 * tiny results (UFC, no IXC), ARM NaN selection (first signalling NaN, then first quiet NaN) and
 * the default NaN when FPSCR.DN is set. Used for directed rounding, denormals, NaNs, infinities,
 * overflow and whatever else the fast paths decline.
 */
final class SoftFloat {
    static final int ZERO = 0;
    static final int FINITE = 1;
    static final int INF = 2;
    static final int NAN = 3;

    private SoftFloat() {
    }

    /** Rounding controls and the flags raised so far. */
    static final class Status {
        final int mode;
        int flags;

        Status(int mode) {
            this.mode = mode;
        }

        int rmode() {
            return Fp.rmode(mode);
        }

        boolean fz() {
            return (mode & Fp.FZ) != 0;
        }

        boolean dn() {
            return (mode & Fp.DN) != 0;
        }
    }

    /** An operand: value = (-1)^neg * m * 2^e when FINITE. */
    static final class Val {
        final boolean neg;
        final int cls;
        final BigInteger m;
        final int e;
        final long bits;

        Val(boolean neg, int cls, BigInteger m, int e, long bits) {
            this.neg = neg;
            this.cls = cls;
            this.m = m;
            this.e = e;
            this.bits = bits;
        }
    }

    static Val unpack(Format f, long bits, Status s, boolean flushInputs) {
        boolean neg = (bits & f.signBit) != 0;
        int exp = f.exp(bits);
        long frac = bits & f.fracMask;
        if (exp == f.expMax) {
            return new Val(neg, frac == 0 ? INF : NAN, null, 0, bits);
        }
        if (exp == 0) {
            if (frac == 0) {
                return new Val(neg, ZERO, null, 0, bits);
            }
            if (flushInputs && s.fz()) {
                s.flags |= Fp.IDC;
                return new Val(neg, ZERO, null, 0, f.zero(neg));
            }
            return new Val(neg, FINITE, BigInteger.valueOf(frac), 1 - f.bias - f.fracBits, bits);
        }
        return new Val(neg, FINITE, BigInteger.valueOf(frac | (1L << f.fracBits)), exp - f.bias - f.fracBits, bits);
    }

    // ------------------------------------------------------------------ NaNs

    static long quiet(Format f, long bits) {
        return bits | f.quietBit;
    }

    /** One NaN operand (sqrt, conversions keep their own payload handling). */
    static long nan1(Format f, Val a, Status s) {
        if (f.isSignalling(a.bits)) {
            s.flags |= Fp.IOC;
        }
        return s.dn() ? f.defaultNan : quiet(f, a.bits);
    }

    /** ARM FPProcessNaNs: the first signalling NaN, else the first quiet NaN, quietened. */
    static long nan2(Format f, Val a, Val b, Status s) {
        boolean sa = f.isSignalling(a.bits);
        boolean sb = f.isSignalling(b.bits);
        if (sa || sb) {
            s.flags |= Fp.IOC;
        }
        if (s.dn()) {
            return f.defaultNan;
        }
        Val pick;
        if (sa) {
            pick = a;
        } else if (sb) {
            pick = b;
        } else {
            pick = a.cls == NAN ? a : b;
        }
        return quiet(f, pick.bits);
    }

    /** Fused multiply-add (addend c, factors a and b): ARM's FPProcessNaNs3 order is c, a, b. */
    static long nan3(Format f, Val c, Val a, Val b, boolean infZero, Status s) {
        boolean sc = f.isSignalling(c.bits);
        boolean sa = f.isSignalling(a.bits);
        boolean sb = f.isSignalling(b.bits);
        if (sa || sb || sc) {
            s.flags |= Fp.IOC;
        }
        if (infZero && c.cls == NAN && !sc) {
            s.flags |= Fp.IOC;
            return f.defaultNan;
        }
        if (s.dn()) {
            return f.defaultNan;
        }
        Val pick;
        if (sc) {
            pick = c;
        } else if (sa) {
            pick = a;
        } else if (sb) {
            pick = b;
        } else if (c.cls == NAN) {
            pick = c;
        } else {
            pick = a.cls == NAN ? a : b;
        }
        return quiet(f, pick.bits);
    }

    static long invalid(Format f, Status s) {
        s.flags |= Fp.IOC;
        return f.defaultNan;
    }

    // ------------------------------------------------------------------ rounding

    /**
     * Rounds (-1)^neg * (m + sticky') * 2^e, where sticky says the exact value lies strictly
     * above m * 2^e (by less than 2^e), to format f. {@code flushOutput}: FZ applies to a tiny result.
     */
    static long round(Format f, boolean neg, BigInteger m, int e, boolean sticky, Status s, boolean flushOutput) {
        return round(f, neg, m, e, sticky, s, flushOutput, false);
    }

    static long round(Format f, boolean neg, BigInteger m, int e, boolean sticky, Status s, boolean flushOutput,
            boolean ahp) {
        if (m.signum() == 0 && !sticky) {
            return f.zero(neg);
        }
        int emin = 1 - f.bias;
        int bl = m.bitLength();
        int exp = e + bl - 1;
        boolean tiny = m.signum() == 0 || exp < emin;
        if (tiny && flushOutput && s.fz()) {
            s.flags |= Fp.UFC;
            return f.zero(neg);
        }
        int lsb = tiny ? emin - f.fracBits : exp - f.fracBits;
        int drop = lsb - e;
        BigInteger mant;
        int cmpHalf; // remainder compared with half an ulp: -1, 0, 1
        boolean inexact;
        if (drop <= 0) {
            mant = m.shiftLeft(-drop);
            cmpHalf = sticky ? -1 : -2; // -2: exactly nothing dropped
            inexact = sticky;
        } else {
            mant = m.shiftRight(drop);
            BigInteger rem = m.subtract(mant.shiftLeft(drop));
            BigInteger half = BigInteger.ONE.shiftLeft(drop - 1);
            int c = rem.compareTo(half);
            if (c == 0 && sticky) {
                c = 1;
            }
            cmpHalf = rem.signum() == 0 && !sticky ? -2 : c;
            inexact = rem.signum() != 0 || sticky;
        }
        boolean up;
        switch (s.rmode()) {
            case Fp.RN -> up = cmpHalf > 0 || (cmpHalf == 0 && mant.testBit(0));
            case Fp.RP -> up = inexact && !neg;
            case Fp.RM -> up = inexact && neg;
            default -> up = false;
        }
        long mv = mant.longValueExact();
        if (up) {
            mv++;
            if (!tiny && mv == (1L << (f.fracBits + 1))) {
                mv >>>= 1;
                exp++;
            }
        }
        int flags = inexact ? Fp.IXC : 0;
        long biased;
        if (tiny) {
            biased = (mv >>> f.fracBits) != 0 ? 1 : 0;
            if (inexact) {
                flags |= Fp.UFC;
            }
        } else {
            biased = exp + f.bias;
            int limit = ahp ? f.expMax : f.expMax - 1;
            if (biased > limit) {
                if (ahp) {
                    s.flags |= Fp.IOC;
                    return (neg ? f.signBit : 0) | ((long) f.expMax << f.fracBits) | f.fracMask;
                }
                s.flags |= Fp.OFC | Fp.IXC;
                int rm = s.rmode();
                boolean toMax = rm == Fp.RZ || (rm == Fp.RP && neg) || (rm == Fp.RM && !neg);
                return toMax ? f.maxNormal(neg) : f.inf(neg);
            }
        }
        s.flags |= flags;
        return (neg ? f.signBit : 0) | (biased << f.fracBits) | (mv & f.fracMask);
    }

    // ------------------------------------------------------------------ arithmetic

    /** a + b (or a - b): NaN selection sees the operands as given, the subtraction flips b's sign after. */
    static long add(Format f, long ab, long bb, boolean subtract, Status s) {
        Val a = unpack(f, ab, s, true);
        Val b = unpack(f, bb, s, true);
        if (a.cls == NAN || b.cls == NAN) {
            return nan2(f, a, b, s);
        }
        boolean bneg = b.neg ^ subtract;
        return addValues(f, a.neg, a, bneg, b, s);
    }

    /** Exact sum of two non-NaN values with the given signs, rounded. */
    private static long addValues(Format f, boolean aneg, Val a, boolean bneg, Val b, Status s) {
        if (a.cls == INF || b.cls == INF) {
            if (a.cls == INF && b.cls == INF && aneg != bneg) {
                return invalid(f, s);
            }
            return f.inf(a.cls == INF ? aneg : bneg);
        }
        if (a.cls == ZERO && b.cls == ZERO) {
            return f.zero(aneg == bneg ? aneg : s.rmode() == Fp.RM);
        }
        if (a.cls == ZERO) {
            return round(f, bneg, b.m, b.e, false, s, true);
        }
        if (b.cls == ZERO) {
            return round(f, aneg, a.m, a.e, false, s, true);
        }
        return sum(f, aneg, a.m, a.e, bneg, b.m, b.e, s);
    }

    private static long sum(Format f, boolean aneg, BigInteger am, int ae, boolean bneg, BigInteger bm, int be,
            Status s) {
        int e = Math.min(ae, be);
        BigInteger x = am.shiftLeft(ae - e);
        BigInteger y = bm.shiftLeft(be - e);
        BigInteger r = (aneg ? x.negate() : x).add(bneg ? y.negate() : y);
        if (r.signum() == 0) {
            return f.zero(s.rmode() == Fp.RM);
        }
        return round(f, r.signum() < 0, r.abs(), e, false, s, true);
    }

    static long mul(Format f, long ab, long bb, Status s) {
        Val a = unpack(f, ab, s, true);
        Val b = unpack(f, bb, s, true);
        if (a.cls == NAN || b.cls == NAN) {
            return nan2(f, a, b, s);
        }
        boolean neg = a.neg ^ b.neg;
        if (a.cls == INF || b.cls == INF) {
            if (a.cls == ZERO || b.cls == ZERO) {
                return invalid(f, s);
            }
            return f.inf(neg);
        }
        if (a.cls == ZERO || b.cls == ZERO) {
            return f.zero(neg);
        }
        return round(f, neg, a.m.multiply(b.m), a.e + b.e, false, s, true);
    }

    static long div(Format f, long ab, long bb, Status s) {
        Val a = unpack(f, ab, s, true);
        Val b = unpack(f, bb, s, true);
        if (a.cls == NAN || b.cls == NAN) {
            return nan2(f, a, b, s);
        }
        boolean neg = a.neg ^ b.neg;
        if (a.cls == INF) {
            return b.cls == INF ? invalid(f, s) : f.inf(neg);
        }
        if (b.cls == INF) {
            return f.zero(neg);
        }
        if (b.cls == ZERO) {
            if (a.cls == ZERO) {
                return invalid(f, s);
            }
            s.flags |= Fp.DZC;
            return f.inf(neg);
        }
        if (a.cls == ZERO) {
            return f.zero(neg);
        }
        int k = f.fracBits + 4 + b.m.bitLength();
        BigInteger[] qr = a.m.shiftLeft(k).divideAndRemainder(b.m);
        return round(f, neg, qr[0], a.e - b.e - k, qr[1].signum() != 0, s, true);
    }

    static long sqrt(Format f, long ab, Status s) {
        Val a = unpack(f, ab, s, true);
        if (a.cls == NAN) {
            return nan1(f, a, s);
        }
        if (a.cls == ZERO) {
            return a.bits;
        }
        if (a.neg) {
            return invalid(f, s);
        }
        if (a.cls == INF) {
            return a.bits;
        }
        int k = Math.max(0, 2 * (f.fracBits + 4) - a.m.bitLength());
        if (((a.e - k) & 1) != 0) {
            k++;
        }
        BigInteger x = a.m.shiftLeft(k);
        BigInteger r = x.sqrt();
        return round(f, false, r, (a.e - k) / 2, !r.multiply(r).equals(x), s, true);
    }

    /** Fused c + a * b, one rounding. */
    static long mulAdd(Format f, long cb, long ab, long bb, Status s) {
        Val c = unpack(f, cb, s, true);
        Val a = unpack(f, ab, s, true);
        Val b = unpack(f, bb, s, true);
        boolean infZero = (a.cls == INF && b.cls == ZERO) || (a.cls == ZERO && b.cls == INF);
        if (a.cls == NAN || b.cls == NAN || c.cls == NAN) {
            return nan3(f, c, a, b, infZero, s);
        }
        if (infZero) {
            return invalid(f, s);
        }
        boolean pneg = a.neg ^ b.neg;
        if (a.cls == INF || b.cls == INF) {
            if (c.cls == INF && c.neg != pneg) {
                return invalid(f, s);
            }
            return f.inf(pneg);
        }
        if (c.cls == INF) {
            return c.bits;
        }
        if (a.cls == ZERO || b.cls == ZERO) {
            if (c.cls == ZERO) {
                return f.zero(c.neg == pneg ? pneg : s.rmode() == Fp.RM);
            }
            return round(f, c.neg, c.m, c.e, false, s, true);
        }
        BigInteger pm = a.m.multiply(b.m);
        int pe = a.e + b.e;
        if (c.cls == ZERO) {
            return round(f, pneg, pm, pe, false, s, true);
        }
        return sum(f, pneg, pm, pe, c.neg, c.m, c.e, s);
    }

    /** -1 less, 0 equal, 1 greater, 2 unordered. Signalling compares raise Invalid for any NaN. */
    static int compare(Format f, long ab, long bb, boolean signalling, Status s) {
        Val a = unpack(f, ab, s, true);
        Val b = unpack(f, bb, s, true);
        if (a.cls == NAN || b.cls == NAN) {
            if (signalling || f.isSignalling(ab) || f.isSignalling(bb)) {
                s.flags |= Fp.IOC;
            }
            return 2;
        }
        return Integer.signum(signedCompare(a, b));
    }

    private static int signedCompare(Val a, Val b) {
        if (a.cls == ZERO && b.cls == ZERO) {
            return 0;
        }
        if (a.neg != b.neg) {
            return a.neg ? -1 : 1;
        }
        int mag = magnitude(a, b);
        return a.neg ? -mag : mag;
    }

    private static int magnitude(Val a, Val b) {
        if (a.cls != FINITE || b.cls != FINITE) {
            return Integer.compare(rank(a), rank(b));
        }
        int e = Math.min(a.e, b.e);
        return a.m.shiftLeft(a.e - e).compareTo(b.m.shiftLeft(b.e - e));
    }

    private static int rank(Val v) {
        return v.cls == ZERO ? 0 : v.cls == FINITE ? 1 : 2;
    }

    /** ARM FPMax/FPMin: NaNs propagate, max(+0,-0) = +0, min(+0,-0) = -0; flushed inputs stay flushed. */
    static long minMax(Format f, long ab, long bb, boolean max, Status s) {
        Val a = unpack(f, ab, s, true);
        Val b = unpack(f, bb, s, true);
        if (a.cls == NAN || b.cls == NAN) {
            return nan2(f, a, b, s);
        }
        int c = signedCompare(a, b);
        if (c == 0 && a.cls == ZERO) {
            return f.zero(max ? a.neg && b.neg : a.neg || b.neg);
        }
        boolean pickA = max ? c >= 0 : c <= 0;
        return pickA ? a.bits : b.bits;
    }
}
