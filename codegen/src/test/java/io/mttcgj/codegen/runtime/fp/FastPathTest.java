package io.mttcgj.codegen.runtime.fp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.testing.A32Harness;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The host-arithmetic fast paths of F32/F64 must agree bit for bit (result and flags) with the exact
 * slow path, which the QEMU differential test checks. Operands are biased towards the fast paths'
 * edges: results near the normal range's ends, products and quotients near rounding ties.
 */
class FastPathTest {
    private static final int N = 10_000;
    /** Round to nearest; FZ + DN; DN alone; FZ alone; round towards zero (only the Special paths are fast there). */
    private static final int[] MODES = {0, Fp.STANDARD, Fp.DN, Fp.FZ, Fp.RZ << Fp.RMODE_SHIFT};
    private final CpuState c = new A32Harness().cpu;

    private static int f32(SplittableRandom r) {
        int sign = r.nextBoolean() ? 0x80000000 : 0;
        switch (r.nextInt(8)) {
            case 6: return special32(r, sign);
            case 0: return sign | ((r.nextInt(40) + 1) << 23) | r.nextInt(1 << 23);      // small normals
            case 1: return sign | ((r.nextInt(40) + 214) << 23) | r.nextInt(1 << 23);    // large normals
            case 2: return sign | ((r.nextInt(40) + 120) << 23) | (r.nextInt(1 << 12) << 11); // short mantissas
            case 3: return r.nextInt(5) == 0 ? sign : sign | ((r.nextInt(254) + 1) << 23);
            default: return sign | ((r.nextInt(254) + 1) << 23) | r.nextInt(1 << 23);
        }
    }

    private static long f64(SplittableRandom r) {
        long sign = r.nextBoolean() ? Long.MIN_VALUE : 0;
        long frac = r.nextLong() & ((1L << 52) - 1);
        switch (r.nextInt(8)) {
            case 6: return special64(r, sign, frac);
            case 0: return sign | ((long) (r.nextInt(200) + 1) << 52) | frac;
            case 1: return sign | ((long) (r.nextInt(200) + 1846) << 52) | frac;
            case 2: return sign | ((long) (r.nextInt(40) + 1016) << 52) | (frac & 0xfffff00000000L);
            case 3: return r.nextInt(5) == 0 ? sign : sign | ((long) (r.nextInt(2046) + 1) << 52);
            default: return sign | ((long) (r.nextInt(2046) + 1) << 52) | frac;
        }
    }

    /** Infinities, quiet and signalling NaNs, zeros and denormals: the Special paths and their limits. */
    private static int special32(SplittableRandom r, int sign) {
        int frac = r.nextInt(1 << 22) + 1;
        switch (r.nextInt(5)) {
            case 0: return sign | 0x7f800000;
            case 1: return sign | 0x7fc00000 | frac;
            case 2: return sign | 0x7f800000 | frac;
            case 3: return sign;
            default: return sign | frac;
        }
    }

    private static long special64(SplittableRandom r, long sign, long frac) {
        long f = (frac & ((1L << 51) - 1)) | 1;
        switch (r.nextInt(5)) {
            case 0: return sign | 0x7ff0000000000000L;
            case 1: return sign | 0x7ff8000000000000L | f;
            case 2: return sign | 0x7ff0000000000000L | f;
            case 3: return sign;
            default: return sign | f;
        }
    }

    private interface Fast32 {
        int run(int a, int b, int z);
    }

    private interface Slow {
        long run(long a, long b, long z, SoftFloat.Status s);
    }

    private void check32(String name, Fast32 fast, Slow slow, int mode) {
        SplittableRandom r = new SplittableRandom(name.hashCode());
        for (int i = 0; i < N; i++) {
            int a = f32(r);
            int b = f32(r);
            int z = f32(r);
            c.fpscr = mode;
            int got = fast.run(a, b, z);
            int gotFlags = c.fpscr & Fp.FLAGS;
            SoftFloat.Status s = new SoftFloat.Status(mode);
            int want = (int) slow.run(a & 0xffffffffL, b & 0xffffffffL, z & 0xffffffffL, s);
            String what = String.format("%s(%08x, %08x, %08x) mode %08x", name, a, b, z, mode);
            assertEquals(want, got, what);
            assertEquals(s.flags, gotFlags, what + " flags");
        }
    }

    private interface Fast64 {
        long run(long a, long b, long z);
    }

    private void check64(String name, Fast64 fast, Slow slow, int mode) {
        SplittableRandom r = new SplittableRandom(name.hashCode());
        for (int i = 0; i < N; i++) {
            long a = f64(r);
            long b = f64(r);
            long z = f64(r);
            c.fpscr = mode;
            long got = fast.run(a, b, z);
            int gotFlags = c.fpscr & Fp.FLAGS;
            SoftFloat.Status s = new SoftFloat.Status(mode);
            long want = slow.run(a, b, z, s);
            String what = String.format("%s(%016x, %016x, %016x) mode %08x", name, a, b, z, mode);
            assertEquals(want, got, what);
            assertEquals(s.flags, gotFlags, what + " flags");
        }
    }

    @Test
    void singlePrecision() {
        for (int mode : MODES) {
            check32("add", (a, b, z) -> F32.add(c, a, b, false), (a, b, z, s) -> SoftFloat.add(Format.SINGLE, a, b,
                    false, s), mode);
            check32("sub", (a, b, z) -> F32.sub(c, a, b, false), (a, b, z, s) -> SoftFloat.add(Format.SINGLE, a, b,
                    true, s), mode);
            check32("mul", (a, b, z) -> F32.mul(c, a, b, false), (a, b, z, s) -> SoftFloat.mul(Format.SINGLE, a, b,
                    s), mode);
            check32("div", (a, b, z) -> F32.div(c, a, b, false), (a, b, z, s) -> SoftFloat.div(Format.SINGLE, a, b,
                    s), mode);
            check32("sqrt", (a, b, z) -> F32.sqrt(c, a, false), (a, b, z, s) -> SoftFloat.sqrt(Format.SINGLE, a, s),
                    mode);
            check32("fma", (a, b, z) -> F32.mulAdd(c, z, a, b, false),
                    (a, b, z, s) -> SoftFloat.mulAdd(Format.SINGLE, z, a, b, s), mode);
            check32("cvt", (a, b, z) -> (int) (F32.toDouble(c, a) >>> 16),
                    (a, b, z, s) -> (int) (SoftConvert.convert(Format.SINGLE, Format.DOUBLE, a, s, false) >>> 16), mode);
        }
    }

    @Test
    void floatToInteger() {
        for (int mode : new int[] {0, Fp.RZ << Fp.RMODE_SHIFT, Fp.STANDARD}) {
            for (int k = 0; k < 8; k++) {
                boolean unsigned = (k & 1) != 0;
                boolean roundZero = (k & 2) != 0;
                int frac = (k & 4) != 0 ? 20 : 0;
                check32("toInt" + k, (a, b, z) -> F32.toInt32(c, a, unsigned, frac, roundZero, false),
                        (a, b, z, s) -> SoftConvert.toInt(Format.SINGLE, a, unsigned, 32, frac,
                                roundZero ? Fp.RZ : s.rmode(), s), mode);
                check64("toInt" + k, (a, b, z) -> F64.toInt(c, a, unsigned, 32, frac, roundZero, false) & 0xffffffffL,
                        (a, b, z, s) -> SoftConvert.toInt(Format.DOUBLE, a, unsigned, 32, frac,
                                roundZero ? Fp.RZ : s.rmode(), s) & 0xffffffffL, mode);
            }
        }
    }

    @Test
    void doublePrecision() {
        for (int mode : MODES) {
            check64("add", (a, b, z) -> F64.add(c, a, b, false), (a, b, z, s) -> SoftFloat.add(Format.DOUBLE, a, b,
                    false, s), mode);
            check64("sub", (a, b, z) -> F64.sub(c, a, b, false), (a, b, z, s) -> SoftFloat.add(Format.DOUBLE, a, b,
                    true, s), mode);
            check64("mul", (a, b, z) -> F64.mul(c, a, b, false), (a, b, z, s) -> SoftFloat.mul(Format.DOUBLE, a, b,
                    s), mode);
            check64("div", (a, b, z) -> F64.div(c, a, b, false), (a, b, z, s) -> SoftFloat.div(Format.DOUBLE, a, b,
                    s), mode);
            check64("sqrt", (a, b, z) -> F64.sqrt(c, a, false), (a, b, z, s) -> SoftFloat.sqrt(Format.DOUBLE, a, s),
                    mode);
            check64("cvt", (a, b, z) -> F64.toSingle(c, a) & 0xffffffffL,
                    (a, b, z, s) -> SoftConvert.convert(Format.DOUBLE, Format.SINGLE, a, s, false), mode);
        }
    }

    @Test
    void comparisons() {
        for (int mode : MODES) {
            for (boolean signalling : new boolean[] {false, true}) {
                check32("cmp" + signalling, (a, b, z) -> F32.compare(c, a, b, signalling, false),
                        (a, b, z, s) -> SoftFloat.compare(Format.SINGLE, a, b, signalling, s), mode);
                check64("cmp" + signalling, (a, b, z) -> F64.compare(c, a, b, signalling, false),
                        (a, b, z, s) -> SoftFloat.compare(Format.DOUBLE, a, b, signalling, s), mode);
            }
        }
    }

    /** VCVT from fixed point rounds to nearest whatever RMode says; the exact path with RMode cleared is the reference. */
    @Test
    void fixedToFloat() {
        SplittableRandom r = new SplittableRandom(7);
        for (int mode : MODES) {
            for (int i = 0; i < N; i++) {
                boolean unsigned = r.nextBoolean();
                int width = r.nextBoolean() ? 16 : 32;
                int frac = 1 + r.nextInt(width);
                int v = r.nextInt(4) == 0 ? r.nextInt(5) - 2 : r.nextInt();
                long x = width == 16 ? (unsigned ? v & 0xffff : (short) v) : (unsigned ? v & 0xffffffffL : v);
                String what = String.format("fixed(%08x, unsigned=%b, width=%d, frac=%d) mode %08x", v, unsigned,
                        width, frac, mode);

                c.fpscr = mode;
                int got = VfpOps.fixed2s(c, v, unsigned, width, frac);
                SoftFloat.Status s = new SoftFloat.Status(mode & ~Fp.RMODE_MASK);
                assertEquals((int) SoftConvert.fromInt(Format.SINGLE, x, frac, s), got, what + " to single");
                assertEquals(s.flags, c.fpscr & Fp.FLAGS, what + " to single, flags");

                c.fpscr = mode;
                long gotD = VfpOps.fixed2d(c, v, unsigned, width, frac);
                s = new SoftFloat.Status(mode & ~Fp.RMODE_MASK);
                assertEquals(SoftConvert.fromInt(Format.DOUBLE, x, frac, s), gotD, what + " to double");
                assertEquals(s.flags, c.fpscr & Fp.FLAGS, what + " to double, flags");

                c.fpscr = mode;
                got = F32.fromInt32(c, (int) x, false, frac, false);
                s = new SoftFloat.Status(mode);
                assertEquals((int) SoftConvert.fromInt(Format.SINGLE, (int) x, frac, s), got, what + " fromInt32");
                assertEquals(s.flags, c.fpscr & Fp.FLAGS, what + " fromInt32, flags");

                c.fpscr = mode;
                gotD = F64.fromInt(c, x, frac, false);
                s = new SoftFloat.Status(mode);
                assertEquals(SoftConvert.fromInt(Format.DOUBLE, x, frac, s), gotD, what + " F64.fromInt");
                assertEquals(s.flags, c.fpscr & Fp.FLAGS, what + " F64.fromInt, flags");
            }
        }
    }
}
