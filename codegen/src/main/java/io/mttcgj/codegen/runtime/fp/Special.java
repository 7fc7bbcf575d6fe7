package io.mttcgj.codegen.runtime.fp;

import io.mttcgj.codegen.arm.state.CpuState;

/**
 * NaN and infinity operands (and division by zero) without {@link SoftFloat}'s allocation: the result
 * is a NaN, an infinity or a zero, so rounding mode and flush-to-zero of results cannot matter. A
 * program whose values overflow keeps computing with infinities and NaNs for the rest of its run, and
 * every such operation through the exact path costs a few hundred bytes of garbage; these are the
 * same rules as SoftFloat's (ARM FPProcessNaNs, default NaN under DN, Invalid for inf - inf, 0 * inf,
 * inf / inf, 0 / 0, DivideByZero for x / 0). Operands that are denormal are never taken here: under
 * FZ they would be flushed first (with IDC), which only the exact path models.
 */
final class Special {
    private Special() {
    }

    /** Neither operand denormal, and one is a NaN or an infinity: {@link #add}/{@link #mul} apply. */
    static boolean applies(Format f, long a, long b) {
        return noDenormal(f, a, b) && (f.exp(a) == f.expMax || f.exp(b) == f.expMax);
    }

    /** As {@link #applies}, or a zero divisor (x / 0): {@link #div} applies. */
    static boolean appliesDiv(Format f, long a, long b) {
        return applies(f, a, b) || (noDenormal(f, a, b) && zero(f, b));
    }

    private static boolean dn(CpuState c, boolean standard) {
        return standard || (c.fpscr & Fp.DN) != 0;
    }

    private static boolean negative(Format f, long bits) {
        return (bits & f.signBit) != 0;
    }

    private static boolean inf(Format f, long bits) {
        return f.exp(bits) == f.expMax && (bits & f.fracMask) == 0;
    }

    private static boolean zero(Format f, long bits) {
        return (bits & ~f.signBit) == 0;
    }

    private static long invalid(CpuState c, Format f) {
        c.fpscr |= Fp.IOC;
        return f.defaultNan;
    }

    /** ARM FPProcessNaNs: the first signalling NaN, else the first quiet NaN, quietened (or the default NaN). */
    static long nan2(CpuState c, Format f, long a, long b, boolean standard) {
        boolean sa = f.isSignalling(a);
        boolean sb = f.isSignalling(b);
        if (sa || sb) {
            c.fpscr |= Fp.IOC;
        }
        if (dn(c, standard)) {
            return f.defaultNan;
        }
        long pick = sa ? a : sb ? b : f.isNan(a) ? a : b;
        return pick | f.quietBit;
    }

    static long add(CpuState c, Format f, long a, long b, boolean subtract, boolean standard) {
        if (f.isNan(a) || f.isNan(b)) {
            return nan2(c, f, a, b, standard);
        }
        boolean aneg = negative(f, a);
        boolean bneg = negative(f, b) ^ subtract;
        if (inf(f, a) && inf(f, b)) {
            return aneg == bneg ? f.inf(aneg) : invalid(c, f);
        }
        return inf(f, a) ? f.inf(aneg) : f.inf(bneg);
    }

    static long mul(CpuState c, Format f, long a, long b, boolean standard) {
        if (f.isNan(a) || f.isNan(b)) {
            return nan2(c, f, a, b, standard);
        }
        if (zero(f, a) || zero(f, b)) {
            return invalid(c, f); // the other one is infinite
        }
        return f.inf(negative(f, a) ^ negative(f, b));
    }

    static long div(CpuState c, Format f, long a, long b, boolean standard) {
        if (f.isNan(a) || f.isNan(b)) {
            return nan2(c, f, a, b, standard);
        }
        boolean neg = negative(f, a) ^ negative(f, b);
        if (inf(f, a)) {
            return inf(f, b) ? invalid(c, f) : f.inf(neg);
        }
        if (inf(f, b)) {
            return f.zero(neg);
        }
        // b is zero
        if (zero(f, a)) {
            return invalid(c, f);
        }
        c.fpscr |= Fp.DZC;
        return f.inf(neg);
    }

    /** A compare with a NaN operand: unordered (2); Invalid for a signalling NaN, or any NaN in a signalling compare. */
    static int unordered(CpuState c, Format f, long a, long b, boolean signalling) {
        if (signalling || f.isSignalling(a) || f.isSignalling(b)) {
            c.fpscr |= Fp.IOC;
        }
        return 2;
    }

    /** Not denormal (zero, normal, infinite or NaN). */
    static boolean noDenormal(Format f, long a, long b) {
        return !f.isDenormal(a) && !f.isDenormal(b);
    }
}
