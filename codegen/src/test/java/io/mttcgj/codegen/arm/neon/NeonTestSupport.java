package io.mttcgj.codegen.arm.neon;

import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.testing.A32Harness;

/** A harness with cp10/cp11 granted and FPEXC.EN set (what the guest's CPACR write and VMSR do). */
final class NeonTestSupport {
    private NeonTestSupport() {
    }

    static A32Harness enabled() {
        A32Harness h = new A32Harness();
        h.cpu.cp15.cpacr = 0xf << 20;
        h.cpu.fpexc = CpuState.FPEXC_EN;
        return h;
    }

    static A32Harness a32(long[] d, int... code) {
        A32Harness h = enabled().code(code);
        System.arraycopy(d, 0, h.cpu.d, 0, d.length);
        return h;
    }
}
