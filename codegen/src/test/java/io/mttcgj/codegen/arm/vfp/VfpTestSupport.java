package io.mttcgj.codegen.arm.vfp;

import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.testing.A32Harness;

/** Harness set-up shared by the VFP tests: CPACR grants cp10/cp11, FPEXC.EN set (or not). */
final class VfpTestSupport {
    private VfpTestSupport() {
    }

    static A32Harness enabled() {
        A32Harness h = new A32Harness();
        h.cpu.cp15.cpacr |= 0xf << 20;
        h.cpu.fpexc = CpuState.FPEXC_EN;
        return h;
    }

    static void s(A32Harness h, int n, int bits) {
        long w = h.cpu.d[n >> 1];
        int shift = (n & 1) * 32;
        h.cpu.d[n >> 1] = (w & ~(0xffffffffL << shift)) | ((bits & 0xffffffffL) << shift);
    }

    static int s(A32Harness h, int n) {
        return (int) (h.cpu.d[n >> 1] >>> ((n & 1) * 32));
    }

    static int f(float v) {
        return Float.floatToRawIntBits(v);
    }

    static long d(double v) {
        return Double.doubleToRawLongBits(v);
    }
}
