package io.mttcgj.codegen.arm.vfp;

import static io.mttcgj.codegen.arm.vfp.VfpTestSupport.d;
import static io.mttcgj.codegen.arm.vfp.VfpTestSupport.enabled;
import static io.mttcgj.codegen.arm.vfp.VfpTestSupport.f;
import static io.mttcgj.codegen.arm.vfp.VfpTestSupport.s;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mttcgj.codegen.testing.A32Harness;
import org.junit.jupiter.api.Test;

/**
 * VFP data processing. Encodings from arm-none-eabi-as; expected values worked out from IEEE 754
 * and the ARM ARM (FPProcessNaNs, FPRound with tininess before rounding, FZ), and for 1/3 checked
 * against QEMU 7.2 (0x3eaaaaab, FPSCR 0x10).
 */
class VfpArithTest {
    private static final int VADD_S2_S0_S1 = 0xee301a20;
    private static final int VDIV_S2_S0_S1 = 0xee801a20;
    private static final int VMUL_S2_S0_S1 = 0xee201a20;
    private static final int VMLA_S2_S0_S1 = 0xee001a20;
    private static final int VFMA_S2_S0_S1 = 0xeea01a20;
    private static final int VNMUL_D3_D4_D5 = 0xee243b45;
    private static final int VSQRT_D0_D1 = 0xeeb10bc1;

    private static A32Harness binary(int insn, int a, int b, int fpscr) {
        A32Harness h = enabled().code(insn);
        s(h, 0, a);
        s(h, 1, b);
        h.cpu.fpscr = fpscr;
        return h.run();
    }

    @Test
    void addExact() {
        A32Harness h = binary(VADD_S2_S0_S1, f(1.0f), f(2.0f), 0);
        assertEquals(f(3.0f), s(h, 2));
        assertEquals(0, h.cpu.fpscr);
    }

    @Test
    void divisionRoundsPerFpscrMode() {
        assertEquals(0x3eaaaaab, s(binary(VDIV_S2_S0_S1, f(1), f(3), 0), 2));
        assertEquals(0x10, binary(VDIV_S2_S0_S1, f(1), f(3), 0).cpu.fpscr);
        assertEquals(0x3eaaaaab, s(binary(VDIV_S2_S0_S1, f(1), f(3), 1 << 22), 2)); // RP
        assertEquals(0x3eaaaaaa, s(binary(VDIV_S2_S0_S1, f(1), f(3), 2 << 22), 2)); // RM
        assertEquals(0xbeaaaaab, s(binary(VDIV_S2_S0_S1, f(-1), f(3), 2 << 22), 2));
        assertEquals(0x3eaaaaaa, s(binary(VDIV_S2_S0_S1, f(1), f(3), 3 << 22), 2)); // RZ
    }

    @Test
    void divideByZeroAndInvalid() {
        A32Harness h = binary(VDIV_S2_S0_S1, f(1), f(0), 0);
        assertEquals(0x7f800000, s(h, 2));
        assertEquals(0x02, h.cpu.fpscr);
        h = binary(VDIV_S2_S0_S1, f(0), f(-0f), 0);
        assertEquals(0x7fc00000, s(h, 2));
        assertEquals(0x01, h.cpu.fpscr);
    }

    @Test
    void nanPropagationPrefersSignallingThenFirstOperand() {
        // SNaN operand: quietened, IOC
        A32Harness h = binary(VADD_S2_S0_S1, 0x7fc00005, 0xff800001, 0);
        assertEquals(0xffc00001, s(h, 2));
        assertEquals(0x01, h.cpu.fpscr);
        // two quiet NaNs: the first, no flags
        h = binary(VADD_S2_S0_S1, 0x7fc00005, 0xffc00001, 0);
        assertEquals(0x7fc00005, s(h, 2));
        assertEquals(0, h.cpu.fpscr);
        // default NaN mode
        h = binary(VADD_S2_S0_S1, 0x7fc00005, 0xff800001, 1 << 25);
        assertEquals(0x7fc00000, s(h, 2));
        assertEquals((1 << 25) | 0x01, h.cpu.fpscr);
    }

    @Test
    void overflowDependsOnRoundingMode() {
        int max = 0x7f7fffff;
        A32Harness h = binary(VMUL_S2_S0_S1, max, f(2), 0);
        assertEquals(0x7f800000, s(h, 2));
        assertEquals(0x14, h.cpu.fpscr);
        assertEquals(max, s(binary(VMUL_S2_S0_S1, max, f(2), 3 << 22), 2));
        assertEquals(0xff7fffff, s(binary(VMUL_S2_S0_S1, max, f(-2), 1 << 22), 2)); // RP, negative
    }

    @Test
    void underflowAndFlushToZero() {
        // 0x00800001 * 0.5: tiny and inexact (the low bit is lost): UFC | IXC, round to even 0x00400000
        A32Harness h = binary(VMUL_S2_S0_S1, 0x00800001, f(0.5f), 0);
        assertEquals(0x00400000, s(h, 2));
        assertEquals(0x18, h.cpu.fpscr);
        // exact denormal result: no flags
        h = binary(VMUL_S2_S0_S1, 0x00800002, f(0.5f), 0);
        assertEquals(0x00400001, s(h, 2));
        assertEquals(0, h.cpu.fpscr);
        // FZ: a tiny result becomes +0 with UFC only
        h = binary(VMUL_S2_S0_S1, 0x00800002, f(0.5f), 1 << 24);
        assertEquals(0, s(h, 2));
        assertEquals((1 << 24) | 0x08, h.cpu.fpscr);
        // FZ: a denormal input is flushed (IDC)
        h = binary(VADD_S2_S0_S1, 0x80000001, f(1), 1 << 24);
        assertEquals(f(1), s(h, 2));
        assertEquals((1 << 24) | 0x80, h.cpu.fpscr);
    }

    @Test
    void multiplyAccumulateRoundsTwiceFusedOnce() {
        // (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24: the product rounds (tie, to even) to 1 + 2^-11.
        int a = 0x3f800800;
        A32Harness h = enabled().code(VMLA_S2_S0_S1);
        s(h, 0, a);
        s(h, 1, a);
        s(h, 2, f(-1));
        h.run();
        assertEquals(0x3a000000, s(h, 2)); // 2^-11
        assertEquals(0x10, h.cpu.fpscr);
        h = enabled().code(VFMA_S2_S0_S1);
        s(h, 0, a);
        s(h, 1, a);
        s(h, 2, f(-1));
        h.run();
        assertEquals(0x3a000400, s(h, 2)); // 2^-11 + 2^-24, exact
        assertEquals(0, h.cpu.fpscr);
    }

    @Test
    void doublePrecisionNegatedMultiplyAndSqrt() {
        A32Harness h = enabled().code(VNMUL_D3_D4_D5, VSQRT_D0_D1);
        h.cpu.d[4] = d(1.5);
        h.cpu.d[5] = d(-3);
        h.cpu.d[1] = d(2);
        h.run();
        assertEquals(d(4.5), h.cpu.d[3]);
        assertEquals(d(Math.sqrt(2)), h.cpu.d[0]);
        assertEquals(0x10, h.cpu.fpscr);
    }

    @Test
    void thumbItBlockMakesVfpConditional() {
        // it eq; vaddeq.f32 s2, s0, s1; with Z clear the add is skipped
        A32Harness h = enabled().thumb(0xbf08, 0xee301a20).flags(0b0000);
        s(h, 0, f(1.5f));
        s(h, 1, f(2.25f));
        s(h, 2, 0x12345678);
        h.run();
        assertEquals(0x12345678, s(h, 2));
        h = enabled().thumb(0xbf08, 0xee301a20).flags(0b0100);
        s(h, 0, f(1.5f));
        s(h, 1, f(2.25f));
        h.run();
        assertEquals(f(3.75f), s(h, 2));
    }

    @Test
    void thumbEncodingRunsTheSameOperation() {
        A32Harness h = enabled().thumb(0xee301a20);
        s(h, 0, f(1.5f));
        s(h, 1, f(2.25f));
        h.run();
        assertEquals(f(3.75f), s(h, 2));
    }
}
