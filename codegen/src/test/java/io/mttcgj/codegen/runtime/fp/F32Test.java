package io.mttcgj.codegen.runtime.fp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.testing.A32Harness;
import org.junit.jupiter.api.Test;

/**
 * The F32 API Advanced SIMD uses. Expected values from the ARM ARM pseudocode (StandardFPSCRValue:
 * RN, FZ, DN; FPMax/FPMin; FPCompareEQ is quiet, FPCompareGE/GT signal on any NaN; FPToFixed,
 * FixedToFP; FPConvert to and from half precision) and IEEE 754.
 */
class F32Test {
    private final CpuState c = new A32Harness().cpu;

    private static int f(float v) {
        return Float.floatToRawIntBits(v);
    }

    private int flags() {
        int r = c.fpscr & Fp.FLAGS;
        c.fpscr &= ~Fp.FLAGS;
        return r;
    }

    @Test
    void standardValueFlushesAndUsesDefaultNan() {
        assertEquals(f(1), F32.add(c, 0x00000001, f(1), true));
        assertEquals(Fp.IDC, flags());
        assertEquals(0, F32.mul(c, 0x00800000, f(0.5f), true));
        assertEquals(Fp.UFC, flags());
        assertEquals(0x7fc00000, F32.add(c, 0x7f800001, f(1), true));
        assertEquals(Fp.IOC, flags());
        // without standard, the guest's FPSCR rules: no flush, NaN quietened with its payload
        assertEquals(0x00400000, F32.mul(c, 0x00800000, f(0.5f), false));
        assertEquals(0, flags());
        assertEquals(0x7fc00001, F32.add(c, 0x7f800001, f(1), false));
        assertEquals(Fp.IOC, flags());
    }

    @Test
    void standardIgnoresFpscrRoundingMode() {
        c.fpscr = Fp.RZ << Fp.RMODE_SHIFT;
        assertEquals(0x3eaaaaab, F32.div(c, f(1), f(3), true));
        assertEquals(0x3eaaaaaa, F32.div(c, f(1), f(3), false));
        assertEquals(Fp.IXC, flags());
        c.fpscr = 0;
    }

    @Test
    void maxMinFollowFpMaxFpMin() {
        assertEquals(0, F32.max(c, 0x80000000, 0, true));
        assertEquals(0x80000000, F32.min(c, 0, 0x80000000, true));
        assertEquals(f(2), F32.max(c, f(-3), f(2), true));
        assertEquals(f(-3), F32.min(c, f(-3), f(2), true));
        assertEquals(0x7fc00123, F32.max(c, f(1), 0x7fc00123, false)); // not maxNum: the NaN wins
        assertEquals(0, flags());
        assertEquals(0x7fc00000, F32.min(c, 0x7f800001, f(1), true));
        assertEquals(Fp.IOC, flags());
    }

    @Test
    void comparisons() {
        assertEquals(0, F32.compareEq(c, 0x7fc00000, 0x7fc00000, true));
        assertEquals(0, flags());
        assertEquals(0, F32.compareEq(c, 0x7f800001, f(1), true));
        assertEquals(Fp.IOC, flags());
        assertEquals(0, F32.compareGe(c, 0x7fc00000, f(1), true));
        assertEquals(Fp.IOC, flags());
        assertEquals(1, F32.compareGe(c, 0x80000000, 0, true));
        assertEquals(0, F32.compareGt(c, 0x80000000, 0, true));
        assertEquals(1, F32.compareGt(c, f(2), f(1), true));
        assertEquals(1, F32.compareEq(c, 0x80000000, 0, true));
        assertEquals(0, flags());
    }

    @Test
    void integerAndFixedPoint() {
        assertEquals(2, F32.toInt32(c, f(2.7f), false, 0, true, true));
        assertEquals(Fp.IXC, flags());
        assertEquals(3, F32.toInt32(c, f(2.7f), false, 0, false, true));
        assertEquals(Fp.IXC, flags());
        assertEquals(-44, F32.toInt32(c, f(-2.75f), false, 4, true, true));
        assertEquals(0, flags());
        assertEquals(0xffffffff, F32.toInt32(c, f(1e10f), true, 0, true, true));
        assertEquals(Fp.IOC, flags());
        assertEquals(f(1.5f), F32.fromInt32(c, 3, true, 1, true));
        assertEquals(f(4294967296f), F32.fromInt32(c, -1, true, 0, true));
        assertEquals(Fp.IXC, flags());
        assertEquals(f(-1f), F32.fromInt32(c, -1, false, 0, true));
    }

    @Test
    void halfPrecision() {
        assertEquals(0x3c00, F32.toHalf(c, f(1), false, true));
        assertEquals(f(1), F32.fromHalf(c, 0x3c00, false, true));
        assertEquals(0x7fc02000, F32.fromHalf(c, 0x7c01, false, false));
        assertEquals(Fp.IOC, flags());
        assertEquals(0x7fc00000, F32.fromHalf(c, 0x7c01, false, true));
        assertEquals(Fp.IOC, flags());
        assertEquals(f(65536f), F32.fromHalf(c, 0x7c00, true, true)); // AHP: exponent 31 is a number
        assertEquals(0x0001, F32.toHalf(c, f(0x1p-24f), false, false)); // smallest half denormal, exact
        assertEquals(0, flags());
    }

    @Test
    void fusedMultiplyAdd() {
        int a = 0x3f800800; // 1 + 2^-12
        assertEquals(0x3a000400, F32.mulAdd(c, f(-1), a, a, true));
        assertEquals(0, flags());
        // Inf * 0 + quiet NaN: Invalid and the default NaN (ARM's FPMulAdd rule), even without DN
        assertEquals(0x7fc00000, F32.mulAdd(c, 0x7fc00001, 0x7f800000, 0, false));
        assertEquals(Fp.IOC, flags());
    }

    @Test
    void absAndNegOnlyTouchTheSign() {
        assertEquals(0x7f800001, F32.abs(c, 0xff800001, true));
        assertEquals(0x80000001, F32.neg(c, 0x00000001, true));
        assertEquals(0, flags());
    }
}
