package io.mttcgj.codegen.runtime;

import io.mttcgj.codegen.arm.state.CpuState;

/**
 * Saturating, parallel (SIMD-within-a-register) and other media arithmetic called from translated
 * code. Q and GE are not block locals, so the helpers that produce them write {@link CpuState#qf}
 * and {@link CpuState#ge} directly. The {@code op} arguments are translation-time constants, which
 * lets HotSpot fold the branches once a helper is inlined into a block.
 */
public final class MediaOps {
    /** Parallel 16-bit operations, numbered as the encoding's op2 field (bits 7:5). */
    public static final int ADD16 = 0;
    public static final int ASX = 1;
    public static final int SAX = 2;
    public static final int SUB16 = 3;
    /** Parallel 8-bit operations (op2 = 100 and 111). */
    public static final int ADD8 = 4;
    public static final int SUB8 = 7;

    private MediaOps() {
    }

    // ------------------------------------------------------------------ Q-setting arithmetic

    /** Returns v[31:0]; sets Q when v does not fit in 32 signed bits (SMLAxy, SMLAD, SMUAD, ...). */
    public static int sumQ(CpuState c, long v) {
        if (v != (int) v) {
            c.qf = 1;
        }
        return (int) v;
    }

    private static int sat32Q(CpuState c, long v) {
        if (v != (int) v) {
            c.qf = 1;
            return v < 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        }
        return (int) v;
    }

    /** QADD: SignedSat(Rm + Rn, 32). */
    public static int qadd(CpuState c, int m, int n) {
        return sat32Q(c, (long) m + n);
    }

    /** QSUB: SignedSat(Rm - Rn, 32). */
    public static int qsub(CpuState c, int m, int n) {
        return sat32Q(c, (long) m - n);
    }

    /** QDADD: SignedSat(Rm + SignedSat(2 * Rn, 32), 32); either saturation sets Q. */
    public static int qdadd(CpuState c, int m, int n) {
        return sat32Q(c, (long) m + sat32Q(c, 2L * n));
    }

    /** QDSUB: SignedSat(Rm - SignedSat(2 * Rn, 32), 32). */
    public static int qdsub(CpuState c, int m, int n) {
        return sat32Q(c, (long) m - sat32Q(c, 2L * n));
    }

    /** SSAT: signed saturation of v to {@code bits} (1..32) bits, sign-extended. */
    public static int ssat(CpuState c, int v, int bits) {
        long max = (1L << (bits - 1)) - 1;
        long min = -(1L << (bits - 1));
        if (v > max) {
            c.qf = 1;
            return (int) max;
        }
        if (v < min) {
            c.qf = 1;
            return (int) min;
        }
        return v;
    }

    /** USAT: unsigned saturation of the signed value v to {@code bits} (0..31) bits. */
    public static int usat(CpuState c, int v, int bits) {
        long max = (1L << bits) - 1;
        if (v < 0) {
            c.qf = 1;
            return 0;
        }
        if (v > max) {
            c.qf = 1;
            return (int) max;
        }
        return v;
    }

    /** SSAT16: each signed halfword saturated to {@code bits} (1..16) bits. */
    public static int ssat16(CpuState c, int v, int bits) {
        int lo = ssat(c, (short) v, bits);
        int hi = ssat(c, v >> 16, bits);
        return (hi << 16) | (lo & 0xffff);
    }

    /** USAT16: each signed halfword saturated to {@code bits} (0..15) unsigned bits. */
    public static int usat16(CpuState c, int v, int bits) {
        int lo = usat(c, (short) v, bits);
        int hi = usat(c, v >> 16, bits);
        return (hi << 16) | lo;
    }

    // ------------------------------------------------------------------ 64-bit results

    /** A value whose sign is bit 63 of v and which is zero exactly when v is: N and Z of a 64-bit result. */
    public static int nz64(long v) {
        int lo = (int) v;
        return (int) (v >>> 32) | (lo >>> 1) | (lo & 1);
    }

    // ------------------------------------------------------------------ parallel add/subtract

    /**
     * Full-precision result of lane 0 (bits 15:0) or lane 1 (bits 31:16) of ADD16/ASX/SAX/SUB16.
     * ASX: lane0 = n0 - m1, lane1 = n1 + m0; SAX: lane0 = n0 + m1, lane1 = n1 - m0.
     */
    private static int lane16(int n, int m, int op, int lane, boolean signed) {
        int nShift = lane * 16;
        int mShift = (op == ASX || op == SAX) ? 16 - nShift : nShift;
        int x = signed ? (short) (n >> nShift) : (n >>> nShift) & 0xffff;
        int y = signed ? (short) (m >> mShift) : (m >>> mShift) & 0xffff;
        return sub16(op, lane) ? x - y : x + y;
    }

    private static boolean sub16(int op, int lane) {
        return lane == 0 ? (op == ASX || op == SUB16) : (op == SAX || op == SUB16);
    }

    private static int lane8(int n, int m, int lane, boolean signed, boolean sub) {
        int sh = lane * 8;
        int x = signed ? (byte) (n >> sh) : (n >>> sh) & 0xff;
        int y = signed ? (byte) (m >> sh) : (m >>> sh) & 0xff;
        return sub ? x - y : x + y;
    }

    private static int pack16(int lo, int hi) {
        return (hi << 16) | (lo & 0xffff);
    }

    private static int clamp(int v, int min, int max) {
        return v < min ? min : v > max ? max : v;
    }

    /** SADD16/SASX/SSAX/SSUB16: GE pair set where the signed lane result is >= 0. */
    public static int s16(CpuState c, int n, int m, int op) {
        int r0 = lane16(n, m, op, 0, true);
        int r1 = lane16(n, m, op, 1, true);
        c.ge = (r0 >= 0 ? 0x3 : 0) | (r1 >= 0 ? 0xc : 0);
        return pack16(r0, r1);
    }

    /** UADD16/UASX/USAX/USUB16: GE pair set on carry out of an add lane, on no borrow in a subtract lane. */
    public static int u16(CpuState c, int n, int m, int op) {
        int r0 = lane16(n, m, op, 0, false);
        int r1 = lane16(n, m, op, 1, false);
        boolean ge0 = sub16(op, 0) ? r0 >= 0 : r0 >= 0x10000;
        boolean ge1 = sub16(op, 1) ? r1 >= 0 : r1 >= 0x10000;
        c.ge = (ge0 ? 0x3 : 0) | (ge1 ? 0xc : 0);
        return pack16(r0, r1);
    }

    public static int q16(int n, int m, int op) {
        return pack16(clamp(lane16(n, m, op, 0, true), -0x8000, 0x7fff),
                clamp(lane16(n, m, op, 1, true), -0x8000, 0x7fff));
    }

    public static int uq16(int n, int m, int op) {
        return pack16(clamp(lane16(n, m, op, 0, false), 0, 0xffff), clamp(lane16(n, m, op, 1, false), 0, 0xffff));
    }

    /** Halving forms keep bits 16:1 of the full-precision lane result. */
    public static int sh16(int n, int m, int op) {
        return pack16(lane16(n, m, op, 0, true) >> 1, lane16(n, m, op, 1, true) >> 1);
    }

    public static int uh16(int n, int m, int op) {
        return pack16(lane16(n, m, op, 0, false) >> 1, lane16(n, m, op, 1, false) >> 1);
    }

    /** SADD8/SSUB8: GE[i] set where byte lane i's signed result is >= 0. */
    public static int s8(CpuState c, int n, int m, int op) {
        int r = 0;
        int ge = 0;
        for (int i = 0; i < 4; i++) {
            int v = lane8(n, m, i, true, op == SUB8);
            r |= (v & 0xff) << (8 * i);
            ge |= v >= 0 ? 1 << i : 0;
        }
        c.ge = ge;
        return r;
    }

    /** UADD8/USUB8: GE[i] set on carry out (add) or no borrow (subtract). */
    public static int u8(CpuState c, int n, int m, int op) {
        int r = 0;
        int ge = 0;
        for (int i = 0; i < 4; i++) {
            int v = lane8(n, m, i, false, op == SUB8);
            r |= (v & 0xff) << (8 * i);
            boolean g = op == SUB8 ? v >= 0 : v >= 0x100;
            ge |= g ? 1 << i : 0;
        }
        c.ge = ge;
        return r;
    }

    public static int q8(int n, int m, int op) {
        int r = 0;
        for (int i = 0; i < 4; i++) {
            r |= (clamp(lane8(n, m, i, true, op == SUB8), -0x80, 0x7f) & 0xff) << (8 * i);
        }
        return r;
    }

    public static int uq8(int n, int m, int op) {
        int r = 0;
        for (int i = 0; i < 4; i++) {
            r |= clamp(lane8(n, m, i, false, op == SUB8), 0, 0xff) << (8 * i);
        }
        return r;
    }

    public static int sh8(int n, int m, int op) {
        int r = 0;
        for (int i = 0; i < 4; i++) {
            r |= ((lane8(n, m, i, true, op == SUB8) >> 1) & 0xff) << (8 * i);
        }
        return r;
    }

    public static int uh8(int n, int m, int op) {
        int r = 0;
        for (int i = 0; i < 4; i++) {
            r |= ((lane8(n, m, i, false, op == SUB8) >> 1) & 0xff) << (8 * i);
        }
        return r;
    }

    // ------------------------------------------------------------------ select, sums, packing

    /** SEL: byte i from n where GE[i] is set, else from m. */
    public static int sel(int ge, int n, int m) {
        int mask = 0;
        for (int i = 0; i < 4; i++) {
            if ((ge & (1 << i)) != 0) {
                mask |= 0xff << (8 * i);
            }
        }
        return (n & mask) | (m & ~mask);
    }

    /** USAD8: sum of the absolute differences of the four unsigned byte pairs. */
    public static int usad8(int n, int m) {
        int sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += Math.abs(((n >>> (8 * i)) & 0xff) - ((m >>> (8 * i)) & 0xff));
        }
        return sum;
    }

    /** SXTAB16/UXTAB16 (and SXTB16/UXTB16 with n = 0): bytes 0 and 2 of v extended and added per halfword. */
    public static int xtab16(int n, int v, boolean signed) {
        int b0 = signed ? (byte) v : v & 0xff;
        int b2 = signed ? (byte) (v >> 16) : (v >>> 16) & 0xff;
        return pack16(n + b0, (n >>> 16) + b2);
    }

    public static int rev16(int v) {
        return ((v >>> 8) & 0x00ff00ff) | ((v << 8) & 0xff00ff00);
    }

    /** REVSH: the low halfword byte-swapped and sign-extended. */
    public static int revsh(int v) {
        return Short.reverseBytes((short) v);
    }
}
