package io.mttcgj.codegen.runtime;

/**
 * Flag and shifter arithmetic called from translated code. Each method is tiny so that HotSpot
 * inlines it into the block. Carry results are 0 or 1; overflow results carry V in bit 31.
 */
public final class Alu {
    private static final long M = 0xffffffffL;

    private Alu() {
    }

    public static int addC(int a, int b) {
        return (int) (((a & M) + (b & M)) >>> 32);
    }

    public static int adcC(int a, int b, int c) {
        return (int) (((a & M) + (b & M) + c) >>> 32);
    }

    /** V of a + b = r. */
    public static int addV(int a, int b, int r) {
        return (r ^ a) & (r ^ b);
    }

    /** C of a - b (no borrow). */
    public static int subC(int a, int b) {
        return Integer.compareUnsigned(a, b) >= 0 ? 1 : 0;
    }

    /** C of a - b - (1 - c). */
    public static int sbcC(int a, int b, int c) {
        return ((a & M) - (b & M) - (1 - c)) >= 0 ? 1 : 0;
    }

    /** V of a - b = r. */
    public static int subV(int a, int b, int r) {
        return (a ^ b) & (a ^ r);
    }

    // ---- immediate shifts (amount already decoded: LSR/ASR #0 mean #32, ROR #0 means RRX) ----

    public static int lslImmC(int x, int n) {
        return (x >>> (32 - n)) & 1;
    }

    public static int lsrImm(int x, int n) {
        return n == 32 ? 0 : x >>> n;
    }

    public static int lsrImmC(int x, int n) {
        return (x >>> (n - 1)) & 1;
    }

    public static int asrImm(int x, int n) {
        return x >> (n == 32 ? 31 : n);
    }

    public static int asrImmC(int x, int n) {
        return (x >> (n - 1)) & 1;
    }

    public static int rorImmC(int x, int n) {
        return (x >>> (n - 1)) & 1;
    }

    public static int rrx(int x, int c) {
        return (x >>> 1) | (c << 31);
    }

    // ---- register shifts: amount is Rs[7:0] (0..255) ----

    public static int lslReg(int x, int n) {
        return n >= 32 ? 0 : x << n;
    }

    public static int lslRegC(int x, int n, int c) {
        if (n == 0) {
            return c;
        }
        if (n < 32) {
            return (x >>> (32 - n)) & 1;
        }
        return n == 32 ? x & 1 : 0;
    }

    public static int lsrReg(int x, int n) {
        return n >= 32 ? 0 : x >>> n;
    }

    public static int lsrRegC(int x, int n, int c) {
        if (n == 0) {
            return c;
        }
        if (n < 32) {
            return (x >>> (n - 1)) & 1;
        }
        return n == 32 ? x >>> 31 : 0;
    }

    public static int asrReg(int x, int n) {
        return x >> (n >= 32 ? 31 : n);
    }

    public static int asrRegC(int x, int n, int c) {
        if (n == 0) {
            return c;
        }
        return n < 32 ? (x >> (n - 1)) & 1 : x >>> 31;
    }

    public static int rorReg(int x, int n) {
        return Integer.rotateRight(x, n & 31);
    }

    public static int rorRegC(int x, int n, int c) {
        if (n == 0) {
            return c;
        }
        int m = n & 31;
        return m == 0 ? x >>> 31 : (x >>> (m - 1)) & 1;
    }

    /** Carry out of an A32 modified immediate: unchanged when rotation is 0, else bit 31 of the value. */
    public static int immC(int value, int rot, int c) {
        return rot == 0 ? c : value >>> 31;
    }

    // ---- saturation ----

    /** Signed saturation of a 64-bit value to 32 bits. */
    public static boolean sat32Overflows(long v) {
        return v != (int) v;
    }

    public static int sat32(long v) {
        return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : v < Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) v;
    }

    // ---- divide (ARMv7 with the virtualization extensions: divide by zero gives 0) ----

    public static int sdiv(int n, int d) {
        if (d == 0) {
            return 0;
        }
        if (n == Integer.MIN_VALUE && d == -1) {
            return Integer.MIN_VALUE;
        }
        return n / d;
    }

    public static int udiv(int n, int d) {
        return d == 0 ? 0 : Integer.divideUnsigned(n, d);
    }
}
