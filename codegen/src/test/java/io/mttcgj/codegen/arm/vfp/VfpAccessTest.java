package io.mttcgj.codegen.arm.vfp;

import static io.mttcgj.codegen.arm.vfp.VfpTestSupport.enabled;
import static io.mttcgj.codegen.arm.vfp.VfpTestSupport.f;
import static io.mttcgj.codegen.arm.vfp.VfpTestSupport.s;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.arm.state.Mode;
import io.mttcgj.codegen.testing.A32Harness;
import org.junit.jupiter.api.Test;

/**
 * Access control (ARM ARM B1.11.1, B4.1.40 CPACR, FPEXC): without cp10/cp11 access everything traps
 * as Undefined; with access but FPEXC.EN clear only VMRS/VMSR of FPEXC/FPSID/MVFRx work, privileged
 * only. Linux relies on the EN=0 trap for lazy VFP context switching.
 */
class VfpAccessTest {
    private static final int VADD = 0xee301a20;

    @Test
    void noCpacrAccessMeansUndefined() {
        A32Harness h = new A32Harness().code(VADD);
        h.run();
        assertEquals(Mode.UND, h.cpu.mode());
        h = new A32Harness().code(0xeef82a10); // vmrs r2, fpexc
        h.run();
        assertEquals(Mode.UND, h.cpu.mode());
    }

    @Test
    void disabledFpexcTrapsDataProcessingButNotFpexcMoves() {
        A32Harness h = enabled().code(VADD);
        h.cpu.fpexc = 0;
        h.run();
        assertEquals(Mode.UND, h.cpu.mode());
        // vmrs r2, fpexc; vmsr fpexc, r0; vadd: enabling takes effect for the next instruction
        h = enabled().code(0xeef82a10, 0xeee80a10, VADD).reg(0, CpuState.FPEXC_EN | 0x1234);
        h.cpu.fpexc = 0;
        s(h, 0, f(1));
        s(h, 1, f(2));
        h.run();
        assertEquals(Mode.SVC, h.cpu.mode());
        assertEquals(0, h.r(2));
        assertEquals(CpuState.FPEXC_EN, h.cpu.fpexc); // only EN is writable
        assertEquals(f(3), s(h, 2));
        // FPSCR needs EN
        h = enabled().code(0xeef11a10); // vmrs r1, fpscr
        h.cpu.fpexc = 0;
        h.run();
        assertEquals(Mode.UND, h.cpu.mode());
    }

    @Test
    void idRegistersArePrivileged() {
        A32Harness h = enabled().code(0xeef00a10); // vmrs r0, fpsid
        h.cpu.setCpsr(Mode.USR);
        h.run();
        assertEquals(Mode.UND, h.cpu.mode());
        h = enabled().code(0xeef11a10).reg(1, 7); // vmrs r1, fpscr is fine in User mode
        h.cpu.fpscr = 0x80000010;
        h.cpu.setCpsr(Mode.USR);
        h.run();
        assertEquals(Mode.USR, h.cpu.mode());
        assertEquals(0x80000010, h.r(1));
    }

    @Test
    void deniedInstructionWithFailingConditionDoesNotTrap() {
        A32Harness h = enabled().code(0x0e301a20); // vaddeq with Z clear
        h.cpu.fpexc = 0;
        h.run();
        assertEquals(Mode.SVC, h.cpu.mode());
    }
}
