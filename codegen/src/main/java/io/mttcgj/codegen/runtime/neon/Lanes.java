package io.mttcgj.codegen.runtime.neon;

import io.mttcgj.codegen.arm.state.CpuState;

/**
 * Element access on the D register file and the saturation helpers every Advanced SIMD class shares.
 * A vector is {@code regs} consecutive D registers starting at {@code reg}; element {@code i} of size
 * {@code size} (0-3: 8, 16, 32, 64 bits) lives in D[reg + i / (8 >> size)]. Values are returned in a
 * long: zero-extended ({@link #get}) or sign-extended ({@link #getS}).
 */
public final class Lanes {
    /** FPSCR.QC, the cumulative saturation flag. */
    public static final int QC = 1 << 27;

    private Lanes() {
    }

    public static int perReg(int size) {
        return 8 >> size;
    }

    public static long mask(int size) {
        return size == 3 ? -1L : (1L << (8 << size)) - 1;
    }

    public static long get(long[] d, int reg, int i, int size) {
        int per = 8 >> size;
        int bits = 8 << size;
        long v = d[(reg + i / per) & 31] >>> ((i % per) * bits);
        return size == 3 ? v : v & ((1L << bits) - 1);
    }

    public static long getS(long[] d, int reg, int i, int size) {
        int bits = 8 << size;
        return get(d, reg, i, size) << (64 - bits) >> (64 - bits);
    }

    public static long get(long[] d, int reg, int i, int size, boolean unsigned) {
        return unsigned ? get(d, reg, i, size) : getS(d, reg, i, size);
    }

    public static void set(long[] d, int reg, int i, int size, long v) {
        int per = 8 >> size;
        int bits = 8 << size;
        int r = (reg + i / per) & 31;
        if (size == 3) {
            d[r] = v;
            return;
        }
        int sh = (i % per) * bits;
        long m = ((1L << bits) - 1) << sh;
        d[r] = (d[r] & ~m) | ((v << sh) & m);
    }

    /** Reads a whole vector's elements (before any write, so overlapping operands behave). */
    public static long[] read(long[] d, int reg, int count, int size, boolean unsigned) {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = get(d, reg, i, size, unsigned);
        }
        return out;
    }

    public static void write(long[] d, int reg, int size, long[] v) {
        for (int i = 0; i < v.length; i++) {
            set(d, reg, i, size, v[i]);
        }
    }

    public static void qc(CpuState c) {
        c.fpscr |= QC;
    }

    /** Saturates an exact value to a signed or unsigned element of {@code size} (0-2), setting QC. */
    public static long sat(CpuState c, long v, int size, boolean unsigned) {
        int bits = 8 << size;
        long max = unsigned ? (1L << bits) - 1 : (1L << (bits - 1)) - 1;
        long min = unsigned ? 0 : -(1L << (bits - 1));
        if (v > max) {
            qc(c);
            return max;
        }
        if (v < min) {
            qc(c);
            return min;
        }
        return v;
    }

    public static long satAdd64(CpuState c, long a, long b, boolean unsigned) {
        long r = a + b;
        if (unsigned) {
            if (Long.compareUnsigned(r, a) < 0) {
                qc(c);
                return -1L;
            }
            return r;
        }
        if (((a ^ r) & (b ^ r)) < 0) {
            qc(c);
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }

    public static long satSub64(CpuState c, long a, long b, boolean unsigned) {
        long r = a - b;
        if (unsigned) {
            if (Long.compareUnsigned(a, b) < 0) {
                qc(c);
                return 0;
            }
            return r;
        }
        if (((a ^ b) & (a ^ r)) < 0) {
            qc(c);
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }

    /** Arithmetic (signed) or logical right shift by n >= 0, any n (64 and more give the sign or 0). */
    public static long shr(long v, int n, boolean unsigned) {
        if (n >= 64) {
            return unsigned ? 0 : v >> 63;
        }
        return unsigned ? v >>> n : v >> n;
    }

    /** Rounding right shift by n >= 1 of a 64-bit value (signed or unsigned), in arbitrary precision:
     * floor((v + 2^(n-1)) / 2^n) = (v >> n) + bit n-1 of v. The unsigned 64-bit result can need 65
     * bits only when n == 0, which callers never pass. */
    public static long rshr(long v, int n, boolean unsigned) {
        return shr(v, n, unsigned) + (shr(v, n - 1, unsigned) & 1);
    }
}
