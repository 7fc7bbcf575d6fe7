package io.mttcgj.codegen.runtime.fp;

/** An IEEE binary interchange format as the slow path sees it (bit patterns held in a long). */
enum Format {
    HALF(5, 10),
    SINGLE(8, 23),
    DOUBLE(11, 52);

    final int expBits;
    final int fracBits;
    final int bias;
    final int expMax;
    final long fracMask;
    final long signBit;
    final long quietBit;
    final long defaultNan;

    Format(int expBits, int fracBits) {
        this.expBits = expBits;
        this.fracBits = fracBits;
        this.bias = (1 << (expBits - 1)) - 1;
        this.expMax = (1 << expBits) - 1;
        this.fracMask = (1L << fracBits) - 1;
        this.signBit = 1L << (expBits + fracBits);
        this.quietBit = 1L << (fracBits - 1);
        this.defaultNan = ((long) expMax << fracBits) | quietBit;
    }

    int exp(long bits) {
        return (int) (bits >>> fracBits) & expMax;
    }

    boolean isNan(long bits) {
        return exp(bits) == expMax && (bits & fracMask) != 0;
    }

    boolean isSignalling(long bits) {
        return isNan(bits) && (bits & quietBit) == 0;
    }

    boolean isDenormal(long bits) {
        return exp(bits) == 0 && (bits & fracMask) != 0;
    }

    long inf(boolean negative) {
        return (negative ? signBit : 0) | ((long) expMax << fracBits);
    }

    long maxNormal(boolean negative) {
        return (negative ? signBit : 0) | ((long) (expMax - 1) << fracBits) | fracMask;
    }

    long zero(boolean negative) {
        return negative ? signBit : 0;
    }
}
