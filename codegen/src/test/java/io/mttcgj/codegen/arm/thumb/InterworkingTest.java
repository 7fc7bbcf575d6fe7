package io.mttcgj.codegen.arm.thumb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.arm.state.Mode;
import io.mttcgj.codegen.testing.A32Harness;
import org.junit.jupiter.api.Test;

/** Exception entry and return across instruction sets (ARM ARM B1.8: SCTLR.TE, SPSR.T). */
class InterworkingTest {
    @Test
    void exceptionEntryWithSctlrTeRunsTheVectorAsThumb() {
        A32Harness h = new A32Harness().code(0xe7f000f0); // udf #0 (A32)
        h.mem.write(A32Harness.VECTORS + 4, 2, A32Harness.THUMB_STOP); // Thumb code at the Undefined vector
        h.cpu.cp15.sctlr |= 1 << 30; // TE
        h.run();
        assertTrue(h.cpu.thumb(), "the vector ran in Thumb state");
        assertEquals(Mode.UND, h.cpu.mode());
        assertEquals(A32Harness.BASE + 4, h.r(14), "LR_und = the UDF + 4");
        assertEquals(0, h.cpu.spsr() & CpuState.CPSR_T, "SPSR.T: the exception came from A32 code");
    }

    @Test
    void exceptionReturnIntoThumb() {
        // movs pc, lr (A32, in SVC mode) with SPSR.T set returns to Thumb code at LR.
        A32Harness h = new A32Harness().code(0xe1b0f00e);
        h.mem.write(A32Harness.BASE + 8, 2, 0x2005);                 // movs r0, #5
        h.mem.write(A32Harness.BASE + 10, 2, A32Harness.THUMB_STOP);
        h.cpu.setSpsr(Mode.SVC | CpuState.CPSR_T | CpuState.CPSR_A | CpuState.CPSR_I | CpuState.CPSR_F);
        h.reg(14, A32Harness.BASE + 8);
        h.run();
        assertTrue(h.cpu.thumb());
        assertEquals(5, h.r(0));
    }
}
