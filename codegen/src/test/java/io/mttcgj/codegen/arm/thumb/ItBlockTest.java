package io.mttcgj.codegen.arm.thumb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.testing.A32Harness;
import org.junit.jupiter.api.Test;

/** IT blocks across block boundaries and exceptions taken inside them (expected values from the ARM ARM). */
class ItBlockTest {
    // itt eq ; moveq r0, #1 ; moveq r2, #2 ; movs r3, #3
    private static final int[] ITT_EQ = {0xbf04, 0x2001, 0x2202, 0x2303};

    @Test
    void itBlockSplitAcrossTranslationBlocks() {
        // One instruction per translated block: the IT state must travel in CPSR and in the block key.
        for (int z : new int[] {0, 1}) {
            A32Harness h = new A32Harness(1).thumb(ITT_EQ).flags(z == 1 ? 0b0100 : 0).reg(0, 7).reg(2, 7);
            h.run();
            assertEquals(z == 1 ? 1 : 7, h.r(0), "first instruction of the IT block, Z=" + z);
            assertEquals(z == 1 ? 2 : 7, h.r(2), "second instruction of the IT block, Z=" + z);
            assertEquals(3, h.r(3), "after the IT block (always runs; sets flags again outside it)");
            assertEquals(0, h.cpu.itState(), "IT state is clear after the block");
        }
    }

    @Test
    void abortInsideAnItBlockSavesTheItStateAndReturnAddress() {
        // itt ne ; ldrne r0, [r1] (unaligned, SCTLR.A = 1: Data Abort) ; addne r4, #1
        A32Harness h = new A32Harness().thumb(0xbf1c, 0x6808, 0x3401).reg(1, A32Harness.DATA + 2).reg(4, 5);
        h.cpu.cp15.sctlr |= 2;
        h.run();
        assertEquals(0x17, h.cpu.mode(), "Abort mode");
        int spsr = h.cpu.spsr();
        // The faulting LDR is the first of two in an ITT NE block: ITSTATE = 0001 1100 (firstcond NE, mask 1100),
        // stored as SPSR[15:10] = IT[7:2] and SPSR[26:25] = IT[1:0].
        int it = ((spsr >>> 8) & 0xfc) | ((spsr >>> 25) & 3);
        assertEquals(0x1c, it, String.format("SPSR IT bits (spsr=%08x)", spsr));
        assertEquals(CpuState.CPSR_T, spsr & CpuState.CPSR_T, "SPSR.T: the abort came from Thumb code");
        assertEquals(A32Harness.BASE + 2 + 8, h.r(14), "LR_abt = faulting instruction + 8");
        assertEquals(5, h.r(4), "the rest of the IT block did not run");
        assertEquals(0, h.cpu.itState(), "IT state cleared on exception entry");
    }

    /**
     * b.n L; itt eq; moveq r1, #1; moveq r2, #2; L: movs r3, #3 with a 3-instruction block limit: the jump to L
     * is left pending past the limit, and its exit must leave ITSTATE 0 (the jump was made outside the IT
     * block), not the state after the last instruction translated.
     */
    @Test
    void aPendingJumpPastTheBlockLimitLeavesNoItState() {
        for (boolean tier0 : new boolean[] {false, true}) {
            A32Harness h = new A32Harness(3);
            if (tier0) {
                h.tier0();
            }
            h.thumb(0xe002, 0xbf04, 0x2101, 0x2202, 0x2303).flags(0).run();
            assertEquals(3, h.r(3), "the instruction at the jump target runs unconditionally (tier 0: " + tier0 + ")");
            assertEquals(0, h.r(1));
            assertEquals(0, h.r(2));
        }
    }

    /**
     * cbz r0, L; movs r1, #1; b.n end; .hword 0xbf01 (data that looks like an IT); L: movs r2, #5; movs r3, #6:
     * the halfword before L must not make L's instructions conditional.
     */
    @Test
    void dataThatLooksLikeAnItBeforeAJumpTargetIsNotAnIt() {
        for (boolean tier0 : new boolean[] {false, true}) {
            A32Harness h = new A32Harness();
            if (tier0) {
                h.tier0();
            }
            h.thumb(0xb110, 0x2101, 0xe002, 0xbf01, 0x2205, 0x2306).reg(0, 0).flags(0).run();
            assertEquals(5, h.r(2), "tier 0: " + tier0);
            assertEquals(6, h.r(3), "tier 0: " + tier0);
            assertEquals(0, h.r(1), "tier 0: " + tier0);
        }
    }
}
