package io.mttcgj.codegen.arm.vfp;

import static io.mttcgj.codegen.arm.vfp.VfpTestSupport.d;
import static io.mttcgj.codegen.arm.vfp.VfpTestSupport.enabled;
import static io.mttcgj.codegen.arm.vfp.VfpTestSupport.f;
import static io.mttcgj.codegen.arm.vfp.VfpTestSupport.s;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mttcgj.codegen.testing.A32Harness;
import org.junit.jupiter.api.Test;

/**
 * VCVT in all its forms and VMOV immediate. Expected values from the ARM ARM (FPToFixed saturates with
 * InvalidOp, NaN gives 0; FPConvert quietens signalling NaNs; VFPExpandImm) and IEEE 754 rounding.
 */
class VfpConvertTest {
    private static final int VCVT_S32_F32_S2_S0 = 0xeebd1ac0;
    private static final int VCVTR_S32_F32_S2_S0 = 0xeebd1a40;
    private static final int VCVT_U32_F32_S2_S0 = 0xeebc1ac0;
    private static final int VCVT_F64_F32_D2_S0 = 0xeeb72ac0;
    private static final int VCVT_F32_F64_S2_D0 = 0xeeb71bc0;
    private static final int VCVTB_F16_F32_S2_S0 = 0xeeb31a40;
    private static final int VCVTT_F32_F16_S2_S0 = 0xeeb21ac0;
    private static final int VCVT_S16_F32_S0_S0_4 = 0xeebe0a46;
    private static final int VCVT_F32_U32_S0_S0_1 = 0xeebb0aef;
    private static final int VCVT_F64_S32_D1_S0 = 0xeeb81bc0;

    private static A32Harness single(int insn, int s0, int fpscr) {
        A32Harness h = enabled().code(insn);
        s(h, 0, s0);
        h.cpu.fpscr = fpscr;
        return h.run();
    }

    @Test
    void floatToIntegerRoundsTowardsZeroOrPerFpscr() {
        A32Harness h = single(VCVT_S32_F32_S2_S0, f(-2.5f), 0);
        assertEquals(-2, s(h, 2));
        assertEquals(0x10, h.cpu.fpscr);
        assertEquals(2, s(single(VCVTR_S32_F32_S2_S0, f(2.5f), 0), 2));  // ties to even
        assertEquals(4, s(single(VCVTR_S32_F32_S2_S0, f(3.5f), 0), 2));
        assertEquals(3, s(single(VCVTR_S32_F32_S2_S0, f(2.5f), 1 << 22), 2)); // RP
    }

    @Test
    void floatToIntegerSaturatesAndNanGivesZero() {
        A32Harness h = single(VCVT_S32_F32_S2_S0, f(3e9f), 0);
        assertEquals(0x7fffffff, s(h, 2));
        assertEquals(0x01, h.cpu.fpscr);
        h = single(VCVT_S32_F32_S2_S0, 0x7fc00000, 0);
        assertEquals(0, s(h, 2));
        assertEquals(0x01, h.cpu.fpscr);
        h = single(VCVT_U32_F32_S2_S0, f(-0.5f), 0); // rounds to 0: only inexact
        assertEquals(0, s(h, 2));
        assertEquals(0x10, h.cpu.fpscr);
        h = single(VCVT_U32_F32_S2_S0, f(-1.5f), 0);
        assertEquals(0, s(h, 2));
        assertEquals(0x01, h.cpu.fpscr);
        assertEquals(0xffffff00, s(single(VCVT_U32_F32_S2_S0, f(4294967040f), 0), 2)); // 2^32 - 256, exact
    }

    @Test
    void precisionConversions() {
        A32Harness h = single(VCVT_F64_F32_D2_S0, 0x7f800001, 0); // signalling NaN: quietened, payload kept
        assertEquals(0x7ff8000020000000L, h.cpu.d[2]);
        assertEquals(0x01, h.cpu.fpscr);
        h = enabled().code(VCVT_F32_F64_S2_D0);
        h.cpu.d[0] = d(1.0 / 3);
        h.run();
        assertEquals(0x3eaaaaab, s(h, 2));
        assertEquals(0x10, h.cpu.fpscr);
        h = enabled().code(VCVT_F32_F64_S2_D0);
        h.cpu.d[0] = d(1e300);
        h.run();
        assertEquals(0x7f800000, s(h, 2));
        assertEquals(0x14, h.cpu.fpscr);
    }

    @Test
    void halfPrecisionBottomAndTop() {
        A32Harness h = enabled().code(VCVTB_F16_F32_S2_S0);
        s(h, 0, f(1.0f));
        s(h, 2, 0xabcd1234);
        h.run();
        assertEquals(0xabcd3c00, s(h, 2)); // top half kept
        h = single(VCVTT_F32_F16_S2_S0, 0xc0000000, 0);
        assertEquals(f(-2.0f), s(h, 2));
        // 65536 overflows IEEE half (Inf, OFC|IXC) but is exactly 2^16 in the alternative format
        h = single(VCVTB_F16_F32_S2_S0, f(65536f), 0);
        assertEquals(0x7c00, s(h, 2) & 0xffff);
        assertEquals(0x14, h.cpu.fpscr);
        h = single(VCVTB_F16_F32_S2_S0, f(65536f), 1 << 26);
        assertEquals(0x7c00, s(h, 2) & 0xffff);
        assertEquals(1 << 26, h.cpu.fpscr);
        // AHP has no NaN: zero with the NaN's sign, InvalidOp
        h = single(VCVTB_F16_F32_S2_S0, 0xffc00000, 1 << 26);
        assertEquals(0x8000, s(h, 2) & 0xffff);
        assertEquals((1 << 26) | 1, h.cpu.fpscr);
    }

    @Test
    void fixedPoint() {
        A32Harness h = single(VCVT_S16_F32_S0_S0_4, f(-1.0f), 0);
        assertEquals(-16, s(h, 0)); // sign-extended 16-bit result
        h = single(VCVT_S16_F32_S0_S0_4, f(3000f), 0);
        assertEquals(0x7fff, s(h, 0));
        assertEquals(0x01, h.cpu.fpscr);
        h = single(VCVT_F32_U32_S0_S0_1, 0xffffffff, 0);
        assertEquals(f(2147483648f), s(h, 0)); // (2^32 - 1) / 2 rounded to nearest
        assertEquals(0x10, h.cpu.fpscr);
        h = single(VCVT_F64_S32_D1_S0, -7, 0);
        assertEquals(d(-7), h.cpu.d[1]);
    }

    @Test
    void vmovImmediateExpands() {
        A32Harness h = enabled().code(0xeeb80b04, 0xeef41a00); // vmov.f64 d0, #-2.5; vmov.f32 s3, #0.125
        h.run();
        assertEquals(d(-2.5), h.cpu.d[0]);
        assertEquals(f(0.125f), s(h, 3));
    }
}
