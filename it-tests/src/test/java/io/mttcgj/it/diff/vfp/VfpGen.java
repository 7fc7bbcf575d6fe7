package io.mttcgj.it.diff.vfp;

import java.util.SplittableRandom;

/**
 * Random VFP cases: operands from a pool of interesting values (signed zeros, infinities, quiet and
 * signalling NaNs with payloads, denormals, extreme normals, values near rounding and conversion
 * boundaries, random bits) in D0-D7, a random FPSCR (RMode, FZ, DN, AHP, some cumulative flags and
 * NZCV), and one or two instructions of a random class. All operands stay in D0-D7 (S0-S15).
 */
final class VfpGen {
    private VfpGen() {
    }

    // opc = bit 23 << 2 | bits 21:20, op = bit 6
    private static final int[][] DP3 = {
        {0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, 0}, {2, 1}, {3, 0}, {3, 1}, {4, 0}, {5, 0}, {5, 1}, {6, 0}, {6, 1}};
    private static final String[] DP3_NAMES = {
        "vmla", "vmls", "vnmls", "vnmla", "vmul", "vnmul", "vadd", "vsub", "vdiv", "vfnms", "vfnma", "vfma", "vfms"};

    static VfpCase generate(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] d = new long[VfpCase.D_COUNT];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextInt(3) == 0 ? f64(r) : (f32(r) & 0xffffffffL) | ((long) f32(r) << 32);
        }
        int fpscr = (r.nextInt(4) << 22) | (r.nextBoolean() ? 1 << 24 : 0) | (r.nextInt(3) == 0 ? 1 << 25 : 0)
                | (r.nextInt(4) == 0 ? 1 << 26 : 0) | (r.nextInt(4) << 28);
        if (r.nextInt(4) == 0) {
            fpscr |= r.nextInt(0x100) & 0x9f;
        }
        int apsr = r.nextInt(16) << 28;
        int[] regs = {VfpBatch.SCRATCH_ADDRESS + VfpBatch.SCRATCH_SIZE / 2, r.nextInt(), f32(r), r.nextInt()};
        int kind = r.nextInt(100);
        String what;
        int[] code;
        boolean dbl = r.nextBoolean();
        if (kind < 35) {
            int k = r.nextInt(DP3.length);
            code = new int[] {dp3(DP3[k][0], DP3[k][1] != 0, dbl, reg(r, dbl), reg(r, dbl), reg(r, dbl))};
            what = DP3_NAMES[k] + (dbl ? ".f64" : ".f32");
        } else if (kind < 42) {
            code = chain(r);
            what = "chain";
        } else if (kind < 75) {
            int[] c = misc(r, dbl);
            code = c;
            what = String.format("misc opc2=%d%s", (c[0] >>> 16) & 15, dbl ? " sz=1" : "");
        } else if (kind < 80) {
            code = transfer(r);
            what = "transfer";
        } else if (kind < 88) {
            code = highRegisters(r, dbl);
            what = "d16-d31 / s16-s31";
        } else {
            code = loadStore(r);
            what = "load/store";
        }
        return new VfpCase(seed, d, fpscr, apsr, regs, code, r.nextInt(3) == 0, what);
    }

    /** A few dependent operations of mixed precision: flags accumulate, results feed later operands. */
    private static int[] chain(SplittableRandom r) {
        int[] code = new int[2 + r.nextInt(4)];
        for (int i = 0; i < code.length; i++) {
            boolean dbl = r.nextBoolean();
            if (r.nextInt(3) == 0) {
                code[i] = misc(r, dbl)[0];
            } else {
                int k = r.nextInt(DP3.length);
                code[i] = dp3(DP3[k][0], DP3[k][1] != 0, dbl, reg(r, dbl), reg(r, dbl), reg(r, dbl));
            }
        }
        return code;
    }

    private static int reg(SplittableRandom r, boolean dbl) {
        return r.nextInt(dbl ? 8 : 16);
    }

    /** Vd/Vn/Vm fields: singles Sx = Vx:b, doubles Dx = b:Vx. */
    private static int fields(boolean dbl, int d, int n, int m) {
        int w = 0;
        if (dbl) {
            w |= (d & 15) << 12 | (d >> 4) << 22 | (n & 15) << 16 | (n >> 4) << 7 | (m & 15) | (m >> 4) << 5;
        } else {
            w |= (d >> 1) << 12 | (d & 1) << 22 | (n >> 1) << 16 | (n & 1) << 7 | (m >> 1) | (m & 1) << 5;
        }
        return w;
    }

    static int dp3(int opc, boolean op, boolean dbl, int d, int n, int m) {
        return 0xee000a00 | (opc >> 2) << 23 | (opc & 3) << 20 | (op ? 1 << 6 : 0) | (dbl ? 1 << 8 : 0)
                | fields(dbl, d, n, m);
    }

    /** cond 1110 1D11 opc2 Vd 101 sz b7 1 M 0 Vm. */
    private static int other(int opc2, boolean b7, boolean sz, int dField, boolean dDbl, int mField, boolean mDbl) {
        int w = 0xeeb00a40 | opc2 << 16 | (b7 ? 1 << 7 : 0) | (sz ? 1 << 8 : 0);
        w |= fields(dDbl, dField, 0, 0) & 0x0040f000;
        w |= fields(mDbl, 0, 0, mField) & 0x0000002f;
        return w;
    }

    private static int[] misc(SplittableRandom r, boolean dbl) {
        int d = reg(r, dbl);
        int m = reg(r, dbl);
        switch (r.nextInt(13)) {
            case 0: { // VMOV immediate
                int imm = r.nextInt(256);
                int w = 0xeeb00a00 | (imm >> 4) << 16 | (imm & 15) | (dbl ? 1 << 8 : 0);
                return new int[] {w | (fields(dbl, d, 0, 0) & 0x0040f000)};
            }
            case 1: return new int[] {other(0, r.nextBoolean(), dbl, d, dbl, m, dbl)};          // VMOV/VABS
            case 2: return new int[] {other(1, r.nextBoolean(), dbl, d, dbl, m, dbl)};          // VNEG/VSQRT
            case 3: return new int[] {other(4, r.nextBoolean(), dbl, d, dbl, m, dbl), 0xeef1fa10}; // VCMP + VMRS
            case 4: return new int[] {other(5, r.nextBoolean(), dbl, d, dbl, 0, dbl), 0xeef1fa10}; // VCMP #0
            case 5: // VCVT between precisions: sz = source is double
                return new int[] {other(7, true, dbl, reg(r, !dbl), !dbl, reg(r, dbl), dbl)};
            case 6: case 7: // VCVTB/VCVTT, both directions (single precision only)
                return new int[] {other(2 + r.nextInt(2), r.nextBoolean(), false, reg(r, false), false,
                        reg(r, false), false)};
            case 8: // VCVT float from integer (Sm)
                return new int[] {other(8, r.nextBoolean(), dbl, d, dbl, reg(r, false), false)};
            case 9: case 10: // VCVT{R} integer from float (Sd)
                return new int[] {other(12 + r.nextInt(2), r.nextBoolean(), dbl, reg(r, false), false, m, dbl)};
            default: { // fixed point, in place: bit 18 to fixed, bit 16 unsigned, bit 7 32-bit, imm4:i
                int opc2 = 0b1010 | (r.nextBoolean() ? 4 : 0) | (r.nextBoolean() ? 1 : 0);
                boolean size32 = r.nextBoolean();
                int imm = size32 ? r.nextInt(32) : r.nextInt(17);
                int w = 0xeeb00a40 | opc2 << 16 | (size32 ? 1 << 7 : 0) | (dbl ? 1 << 8 : 0)
                        | (imm & 1) << 5 | (imm >> 1);
                return new int[] {w | (fields(dbl, d, 0, 0) & 0x0040f000)};
            }
        }
    }

    private static int[] transfer(SplittableRandom r) {
        int rt = r.nextInt(4);
        int rt2 = (rt + 1 + r.nextInt(3)) & 3;
        switch (r.nextInt(9)) {
            case 0: { // VMOV Sn <-> Rt
                int n = r.nextInt(16);
                int t = r.nextInt(6) == 0 ? 15 : rt; // PC: NZCV from the value, or the PC's value (as QEMU)
                int w = 0xee000a10 | (r.nextBoolean() ? 1 << 20 : 0) | (n >> 1) << 16 | (n & 1) << 7 | t << 12;
                return new int[] {w};
            }
            case 1: { // VMOV two cores <-> Dm / Sm,Sm+1
                boolean dbl = r.nextBoolean();
                int m = dbl ? r.nextInt(8) : r.nextInt(15);
                int w = 0xec400a10 | (r.nextBoolean() ? 1 << 20 : 0) | rt2 << 16 | rt << 12 | (dbl ? 1 << 8 : 0)
                        | (fields(dbl, 0, 0, m) & 0x2f);
                return new int[] {w};
            }
            case 2: case 3: { // VMOV Dd[x], Rt (opc1:opc2 not 0x10)
                int opc;
                do {
                    opc = r.nextInt(16);
                } while ((opc & 0xb) == 2);
                int d = r.nextInt(8);
                return new int[] {0xee000b10 | (opc >> 2) << 21 | (opc & 3) << 5 | d << 16 | rt << 12};
            }
            case 4: case 5: { // VMOV Rt, Dn[x] (U=1 needs a sub-word size)
                int opc;
                boolean u;
                do {
                    opc = r.nextInt(16);
                    u = r.nextBoolean();
                } while ((opc & 0xb) == 2 || (u && (opc & 0xb) == 0));
                int n = r.nextInt(8);
                return new int[] {0xee100b10 | (u ? 1 << 23 : 0) | (opc >> 2) << 21 | (opc & 3) << 5 | n << 16
                        | rt << 12};
            }
            case 6: { // VDUP Dd / Qd
                int be = r.nextInt(3);
                boolean q = r.nextBoolean();
                int d = q ? 2 * r.nextInt(4) : r.nextInt(8);
                return new int[] {0xee800b10 | (be >> 1) << 22 | (be & 1) << 5 | (q ? 1 << 21 : 0) | d << 16
                        | rt << 12};
            }
            case 7: { // VMRS of FPSID, MVFR1, MVFR0, FPEXC
                int reg = new int[] {0, 6, 7, 8}[r.nextInt(4)];
                return new int[] {0xeef00a10 | reg << 16 | rt << 12};
            }
            default: { // VMRS Rt, FPSCR after a VMSR FPSCR, Rt2: which bits stick
                return new int[] {0xeee10a10 | rt2 << 12, 0xeef10a10 | rt << 12};
            }
        }
    }

    /**
     * An operation on the upper registers (D16-D31, or S16-S31 which alias D8-D15): copy two
     * operands up, operate there, copy the result back down where the record sees it.
     */
    private static int[] highRegisters(SplittableRandom r, boolean dbl) {
        int a = 16 + r.nextInt(16);
        int b = 16 + r.nextInt(16);
        int t = 16 + r.nextInt(16);
        int k = r.nextInt(DP3.length);
        return new int[] {
            other(0, false, dbl, a, dbl, reg(r, dbl), dbl),
            other(0, false, dbl, b, dbl, reg(r, dbl), dbl),
            dp3(DP3[k][0], DP3[k][1] != 0, dbl, t, a, b),
            other(0, false, dbl, reg(r, dbl), dbl, t, dbl)};
    }

    /** Through scratch memory at r0 (its middle): a store then loads that read it back. */
    private static int[] loadStore(SplittableRandom r) {
        int a = r.nextInt(8);
        int b = r.nextInt(8);
        int off = 1 + r.nextInt(7); // words below r0
        switch (r.nextInt(4)) {
            case 0: { // VSTR Dd, [r0, #-off*4]; VLDR Sx, [r0, #-off*4 + 4]; VLDR Dy, [r0, #-off*4]
                int s = r.nextInt(16);
                return new int[] {0xed000b00 | a << 12 | off, 0xed100a00 | (s >> 1) << 12 | (s & 1) << 22 | (off - 1),
                    0xed900b00 | b << 12 | 0};
            }
            case 1: { // VSTMDB r0!, {Da..}; VLDMIA r0!, {Db..}
                int n = 1 + r.nextInt(8 - Math.max(a, b));
                return new int[] {0xed200b00 | a << 12 | 2 * n, 0xecb00b00 | b << 12 | 2 * n};
            }
            case 2: { // VSTMIA r0, {Sa..}; VLDMDB r0!... singles
                int s1 = r.nextInt(16);
                int s2 = r.nextInt(16);
                int n = 1 + r.nextInt(16 - Math.max(s1, s2));
                return new int[] {0xec800a00 | (s1 >> 1) << 12 | (s1 & 1) << 22 | n,
                    0xec900a00 | (s2 >> 1) << 12 | (s2 & 1) << 22 | n};
            }
            default: { // VPUSH {Da..}; VPOP {Db..}
                int n = 1 + r.nextInt(8 - Math.max(a, b));
                return new int[] {0xed2d0b00 | a << 12 | 2 * n, 0xecbd0b00 | b << 12 | 2 * n};
            }
        }
    }

    // ------------------------------------------------------------------ operands

    static int f32(SplittableRandom r) {
        int sign = r.nextBoolean() ? 0x80000000 : 0;
        switch (r.nextInt(16)) {
            case 0: return sign;                                          // zero
            case 1: return sign | 0x7f800000;                             // inf
            case 2: return sign | 0x7fc00000 | r.nextInt(1 << 22);        // quiet NaN
            case 3: return sign | 0x7f800000 | (1 + r.nextInt((1 << 22) - 1)); // signalling NaN
            case 4: return sign | (1 + r.nextInt((1 << 23) - 1));         // denormal
            case 5: return sign | (r.nextBoolean() ? 0x00800000 : 0x7f7fffff) + (r.nextInt(3) - 1) * (r.nextInt(2));
            case 6: return sign | Float.floatToRawIntBits(r.nextInt(-70000, 70000) / (float) (1 << r.nextInt(8)));
            case 7: return sign | ((r.nextInt(20) + 117) << 23) | r.nextInt(1 << 23); // near 1
            case 8: return sign | ((r.nextInt(40) + 140) << 23) | r.nextInt(1 << 23); // large: int boundaries
            case 9: return sign | ((r.nextInt(30) + 1) << 23) | r.nextInt(1 << 23);  // small normals
            case 10: return sign | ((r.nextInt(30) + 225) << 23) | r.nextInt(1 << 23); // huge normals
            case 11: return sign | ((r.nextInt(254) + 1) << 23) | (r.nextBoolean() ? 0x7fffff : 1); // mantissa edges
            case 12: return sign | ((r.nextInt(16) + 110) << 23) | (r.nextInt(1 << 10) << 13); // half-representable
            default: return r.nextInt();
        }
    }

    static long f64(SplittableRandom r) {
        long sign = r.nextBoolean() ? Long.MIN_VALUE : 0;
        long frac = r.nextLong() & ((1L << 52) - 1);
        switch (r.nextInt(14)) {
            case 0: return sign;
            case 1: return sign | 0x7ff0000000000000L;
            case 2: return sign | 0x7ff8000000000000L | (frac >>> 1);
            case 3: return sign | 0x7ff0000000000000L | Math.max(1, frac >>> 1);
            case 4: return sign | Math.max(1, frac);
            case 5: return sign | (r.nextBoolean() ? 0x0010000000000000L : 0x7fefffffffffffffL);
            case 6: return sign | Double.doubleToRawLongBits(r.nextInt(-70000, 70000) / (double) (1 << r.nextInt(8)));
            case 7: return sign | ((long) (r.nextInt(40) + 1003) << 52) | frac;
            case 8: return sign | ((long) (r.nextInt(40) + 1040) << 52) | frac;
            case 9: return sign | ((long) (r.nextInt(60) + 1) << 52) | frac;
            case 10: return sign | ((long) (r.nextInt(60) + 1985) << 52) | frac;
            case 11: return sign | ((long) (r.nextInt(1200) + 800) << 52) | (frac & 0xfffffe0000000L); // float-exact-ish
            default: return r.nextLong();
        }
    }
}
