package io.mttcgj.it.diff.neon;

import java.util.SplittableRandom;

/**
 * Generates random NEON cases: 1-3 A32 Advanced SIMD words drawn from per-class templates (the class
 * bits fixed, every other bit random, so UNDEFINED encodings of each class are generated and
 * compared too), over D registers full of edge values (0, -1, lane minimum/maximum, float NaNs,
 * infinities, denormals). A load/store gets a base register pointing into the scratch buffer and an
 * Rm of 13, 15 or a register holding a small offset.
 */
final class NeonGen {
    /** Templates: '0'/'1' fixed, 'x' random; A32 form, bit 31 first. Weights are the repeat counts. */
    private static final String[] DATA_TEMPLATES = {
        "1111001x0xxxxxxxxxxxxxxxxxxxxxxx", // three registers, same length
        "1111001x0xxxxxxxxxxxxxxxxxxxxxxx",
        "1111001x0xxxxxxxxxxxxxxxxxxxxxxx",
        "1111001x0x0xxxxxxxxx11xxxxxxxxxx", // ... float ops
        "1111001x1x000xxxxxxxxxxx0xx1xxxx", // one register and a modified immediate
        "1111001x1xxxxxxxxxxxxxxxxxx1xxxx", // two registers and a shift amount
        "1111001x1xxxxxxxxxxxxxxxxxx1xxxx",
        "1111001x1x1xxxxxxxxx111xx0x1xxxx", // ... VCVT fixed point
        "1111001x1xxxxxxxxxxxxxxxx0x0xxxx", // three registers, different lengths
        "1111001x1xxxxxxxxxxxxxxxx0x0xxxx",
        "1111001x1xxxxxxxxxxxxxxxx1x0xxxx", // two registers and a scalar
        "1111001x1xxxxxxxxxxxxxxxx1x0xxxx",
        "111100101x11xxxxxxxxxxxxxxx0xxxx", // VEXT
        "111100111x11xxxxxxxx0xxxxxx0xxxx", // two registers, miscellaneous
        "111100111x11xxxxxxxx0xxxxxx0xxxx",
        "111100111x1110x1xxxx0xxxxxx0xxxx", // ... float forms
        "111100111x11xxxxxxxx10xxxxx0xxxx", // VTBL/VTBX
        "111100111x11xxxxxxxx11000xx0xxxx", // VDUP (scalar)
    };
    private static final String LOAD_STORE = "11110100xxx0xxxxxxxxxxxxxxxxxxxx";

    private static final long[] EDGE_LANES_8 = {0, 0xff, 0x7f, 0x80, 1, 0xfe};
    private static final long[] EDGE_LANES_16 = {0, 0xffff, 0x7fff, 0x8000, 1, 0xfffe};
    private static final long[] EDGE_LANES_32 = {0, 0xffffffffL, 0x7fffffffL, 0x80000000L, 1,
        0x7fc00000L, 0x7f800001L, 0xffc00000L, 0x7f800000L, 0xff800000L, 0x00000001L, 0x807fffffL, 0x3f800000L,
        0xbf800000L, 0x4f000000L, 0xcf000000L, 0x00800000L, 0x7f7fffffL, 0x80000000L, 0x3fc00000L, 0x5f000000L};

    private NeonGen() {
    }

    static NeonCase generate(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] regs = new int[NeonCase.REG_COUNT];
        for (int i = 0; i < regs.length; i++) {
            regs[i] = value32(r);
        }
        long[] d = new long[32];
        for (int i = 0; i < 32; i++) {
            d[i] = dValue(r);
        }
        byte[] scratch = new byte[NeonCase.SCRATCH_SIZE];
        r.nextBytes(scratch);
        int fpscr = r.nextInt() & ((1 << 27) | 0x9f | (r.nextInt(4) == 0 ? 1 << 26 : 0));
        int n = 1 + r.nextInt(3);
        int[] code = new int[n];
        int ls = r.nextInt(3) == 0 ? r.nextInt(n) : -1;
        for (int i = 0; i < n; i++) {
            code[i] = i == ls ? loadStore(r, regs) : fill(r, DATA_TEMPLATES[r.nextInt(DATA_TEMPLATES.length)]);
            if (i != ls && r.nextInt(5) != 0) {
                code[i] &= ~0x00011001; // even Vd, Vn, Vm: quadword and long forms need them
            }
            if (permuteInPlace(code[i])) {
                code[i] ^= 2; // VTRN/VUZP/VZIP with Dd == Dm is UNPREDICTABLE
            }
        }
        return new NeonCase(seed, regs, fpscr, d, scratch, code);
    }

    private static boolean permuteInPlace(int w) {
        int op = (w >>> 7) & 15;
        boolean permute = (w & 0xffb30010) == 0xf3b20000 && (w & 0x800) == 0 && op >= 1 && op <= 3;
        int vd = ((w >>> 18) & 16) | ((w >>> 12) & 15);
        int vm = ((w >>> 1) & 16) | (w & 15);
        return permute && vd == vm;
    }

    private static int fill(SplittableRandom r, String t) {
        int bits = r.nextInt();
        int w = 0;
        for (int i = 0; i < 32; i++) {
            char ch = t.charAt(i);
            int b = ch == 'x' ? (bits >>> (31 - i)) & 1 : ch - '0';
            w |= b << (31 - i);
        }
        return w;
    }

    /** A load/store whose base (r0-r12) points into the scratch buffer, leaving room for 32 bytes. */
    private static int loadStore(SplittableRandom r, int[] regs) {
        int w = fill(r, LOAD_STORE);
        int rn = r.nextInt(13);
        int align = new int[] {1, 4, 8, 16, 32, 32, 32}[r.nextInt(7)];
        regs[rn] = NeonBatch.SCRATCH_ADDRESS + r.nextInt(160 / align) * align;
        int rm;
        int k = r.nextInt(4);
        if (k == 0) {
            rm = 13;
        } else if (k == 1) {
            rm = 15;
        } else {
            do {
                rm = r.nextInt(13);
            } while (rm == rn);
            regs[rm] = r.nextInt(-32, 64);
        }
        int d = r.nextInt(25); // lists past D31 are UNPREDICTABLE (QEMU reads beyond the register file)
        return (w & 0xffb00ff0) | ((d >> 4) << 22) | (rn << 16) | ((d & 15) << 12) | rm;
    }

    private static int value32(SplittableRandom r) {
        return r.nextInt(4) == 0 ? (int) EDGE_LANES_32[r.nextInt(EDGE_LANES_32.length)] : r.nextInt();
    }

    private static long dValue(SplittableRandom r) {
        switch (r.nextInt(6)) {
            case 0: return r.nextLong();
            case 1: return lanes(r, EDGE_LANES_8, 8);
            case 2: return lanes(r, EDGE_LANES_16, 16);
            case 3:
            case 4: return lanes(r, EDGE_LANES_32, 32);
            default: {
                // small values: shift counts, table indices, exact small floats
                long v = 0;
                for (int i = 0; i < 8; i++) {
                    v |= (long) (r.nextInt(5) == 0 ? r.nextInt(256) : r.nextInt(-40, 40) & 0xff) << (8 * i);
                }
                return v;
            }
        }
    }

    private static long lanes(SplittableRandom r, long[] edges, int bits) {
        long v = 0;
        for (int i = 0; i < 64 / bits; i++) {
            long lane = r.nextInt(3) == 0 ? r.nextLong() : edges[r.nextInt(edges.length)];
            v |= (lane & (bits == 64 ? -1L : (1L << bits) - 1)) << (i * bits);
        }
        return v;
    }
}
