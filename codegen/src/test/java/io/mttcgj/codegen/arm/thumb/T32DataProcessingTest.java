package io.mttcgj.codegen.arm.thumb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.arm.state.Mode;
import io.mttcgj.codegen.testing.A32Harness;
import org.junit.jupiter.api.Test;

/**
 * 32-bit Thumb data processing: modified immediate (ThumbExpandImm and its carry), shifted register,
 * plain binary immediate (ADDW/SUBW/ADR.W, MOVW/MOVT) and register-controlled shifts. Encodings come
 * from arm-none-eabi-as; expected values are worked out from the ARM ARM pseudocode (A6.3.2, A8.8.*).
 * Flags are written NZCV as a 4-bit value.
 */
class T32DataProcessingTest {
    private static final int IT_EQ = 0xbf08;
    private static final int IT_NE = 0xbf18;

    /** Runs the Thumb code with r0..rn = regs and flags = nzcv. */
    private static A32Harness run(int nzcv, int[] regs, int... code) {
        A32Harness h = new A32Harness().thumb(code).flags(nzcv);
        for (int i = 0; i < regs.length; i++) {
            h.reg(i, regs[i]);
        }
        return h.run();
    }

    private static int[] regs(int... v) {
        return v;
    }

    // ---------------------------------------------------------------- ThumbExpandImm

    /** Builds the i:imm3:imm8 fields of a modified-immediate instruction from imm12. */
    private static int withImm12(int imm12) {
        return ((imm12 >>> 11) << 26) | (((imm12 >>> 8) & 7) << 12) | (imm12 & 0xff);
    }

    @Test
    void expandImmPatternsAndRotation() {
        // ARM ARM A6.3.2: imm12[11:8] = 0000 00XY, 0001 00XY00XY, 0010 XY00XY00, 0011 XYXYXYXY
        assertEquals(0x000000ab, T32DataProcessing.expandImm(withImm12(0x0ab)));
        assertEquals(0x00ab00ab, T32DataProcessing.expandImm(withImm12(0x1ab)));
        assertEquals(0xab00ab00, T32DataProcessing.expandImm(withImm12(0x2ab)));
        assertEquals(0xabababab, T32DataProcessing.expandImm(withImm12(0x3ab)));
        // otherwise '1':imm12[6:0] rotated right by imm12[11:7]: 0x4ff -> ROR(0xff, 9), 0xfff -> ROR(0xff, 31)
        assertEquals(Integer.rotateRight(0xff, 9), T32DataProcessing.expandImm(withImm12(0x4ff)));
        assertEquals(0x000001fe, T32DataProcessing.expandImm(withImm12(0xfff)));
        assertEquals(0x80000000, T32DataProcessing.expandImm(withImm12(0x400)));
        assertFalse(T32DataProcessing.expandImmSetsCarry(withImm12(0x3ab)));
        assertTrue(T32DataProcessing.expandImmSetsCarry(withImm12(0x400)));
    }

    @Test
    void replicatedImmediatesThroughTheTranslator() {
        // and.w r0, r1, #0x00ab00ab ; orr.w r2, r3, #0xabababab  (no S: flags untouched)
        A32Harness h = run(0b1010, regs(0, -1, 0, 0), 0xf00110ab, 0xf04332ab);
        assertEquals(0x00ab00ab, h.r(0));
        assertEquals(0xabababab, h.r(2));
        assertEquals(0b1010, h.nzcv());
    }

    @Test
    void patternImmediateLeavesCarryAlone() {
        // ands.w r0, r1, #0xab00ab00: N from bit 31, C unchanged for the replicated forms
        A32Harness h = run(0b0010, regs(0, -1), 0xf01120ab);
        assertEquals(0xab00ab00, h.r(0));
        assertEquals(0b1010, h.nzcv());
        h = run(0b0000, regs(0, -1), 0xf01120ab);
        assertEquals(0b1000, h.nzcv());
    }

    @Test
    void rotatedImmediateSetsCarryFromBit31() {
        // movs.w r0, #0x3fc00: C = 0 (bit 31 of the constant), clearing a set C
        A32Harness h = run(0b0010, regs(), 0xf45f307f);
        assertEquals(0x3fc00, h.r(0));
        assertEquals(0b0000, h.nzcv());
        // movs.w r0, #0x80000000: C = 1, N = 1
        h = run(0b0000, regs(), 0xf05f4000);
        assertEquals(0x80000000, h.r(0));
        assertEquals(0b1010, h.nzcv());
        // tst.w r1, #0x80000000: Z = 0, N = 1, C = 1, V kept; no register written
        h = run(0b0001, regs(7, 0x80000000), 0xf0114f00);
        assertEquals(7, h.r(0));
        assertEquals(0b1011, h.nzcv());
    }

    // ---------------------------------------------------------------- arithmetic flags

    @Test
    void compareForms() {
        // cmn.w r1, #1 with r1 = -1: 0, Z C
        assertEquals(0b0110, run(0b1001, regs(0, -1), 0xf1110f01).nzcv());
        // cmp.w r1, r2: 0x80000000 - 1 = 0x7fffffff: C (no borrow), V (signed overflow)
        assertEquals(0b0011, run(0, regs(0, 0x80000000, 1), 0xebb10f02).nzcv());
        // teq r1, r2, lsl #3: 0x22000000 << 3 = 0x10000000 = r1 -> Z; carry out = bit 29 of r2 = 1
        A32Harness h = run(0, regs(0, 0x10000000, 0x22000000), 0xea910fc2);
        assertEquals(0b0110, h.nzcv());
        assertEquals(0, h.r(0));
    }

    @Test
    void addWithCarryAndSubtractWithCarry() {
        // adcs.w r0, r1, #1, C = 1: 0x7ffffffe + 1 + 1 = 0x80000000: N V, no carry
        A32Harness h = run(0b0010, regs(0, 0x7ffffffe), 0xf1510001);
        assertEquals(0x80000000, h.r(0));
        assertEquals(0b1001, h.nzcv());
        // sbcs.w r0, r1, r2, asr #4, C = 0: 5 - 8 - 1 = -4: N, borrow (C = 0)
        h = run(0, regs(0, 5, 0x80), 0xeb711022);
        assertEquals(-4, h.r(0));
        assertEquals(0b1000, h.nzcv());
        // rsbs.w r0, r1, #0: 0 - 0x80000000 = 0x80000000: N, V, and a borrow (C = 0)
        h = run(0, regs(0, 0x80000000), 0xf1d10000);
        assertEquals(0x80000000, h.r(0));
        assertEquals(0b1001, h.nzcv());
        // rsbs.w r0, r1, #0 with r1 = 0: 0, Z C
        assertEquals(0b0110, run(0, regs(0, 0), 0xf1d10000).nzcv());
    }

    @Test
    void shiftedRegisterOperands() {
        // subs.w r0, r1, r2, lsr #32: operand is 0 -> r0 = r1 = 0: Z C
        A32Harness h = run(0b1000, regs(9, 0, -1), 0xebb10012);
        assertEquals(0, h.r(0));
        assertEquals(0b0110, h.nzcv());
        // adds.w r0, r1, r2, lsl #1: 0x80000000 + 0x80000000 = 0: Z C V
        h = run(0, regs(0, 0x80000000, 0x40000000), 0xeb110042);
        assertEquals(0, h.r(0));
        assertEquals(0b0111, h.nzcv());
        // add.w r0, r1, r2: no S, flags untouched
        h = run(0b1010, regs(0, 3, 4), 0xeb010002);
        assertEquals(7, h.r(0));
        assertEquals(0b1010, h.nzcv());
        // orns r0, r1, r2, ror #8: ~ROR(0xffffff00, 8) = 0xff000000; carry out = bit 31 of 0x00ffffff = 0
        h = run(0b0010, regs(0, 0, 0xffffff00), 0xea712032);
        assertEquals(0xff000000, h.r(0));
        assertEquals(0b1000, h.nzcv());
        // eors.w r0, r1, r2 (LSL #0): C unchanged
        h = run(0b0011, regs(0, 5, 5), 0xea910002);
        assertEquals(0, h.r(0));
        assertEquals(0b0111, h.nzcv());
        // bics.w r0, r1, #255
        h = run(0, regs(0, 0x1ff), 0xf03100ff);
        assertEquals(0x100, h.r(0));
        assertEquals(0, h.nzcv());
    }

    @Test
    void moveAndMoveNotWithShifts() {
        // movs.w r0, r1, asr #32: all sign bits, C = bit 31
        A32Harness h = run(0, regs(0, 0x80000000), 0xea5f0021);
        assertEquals(-1, h.r(0));
        assertEquals(0b1010, h.nzcv());
        // movs.w r0, r1, rrx with C = 1: 0x80000001, C = old bit 0 = 1
        h = run(0b0010, regs(0, 3), 0xea5f0031);
        assertEquals(0x80000001, h.r(0));
        assertEquals(0b1010, h.nzcv());
        // movs.w r0, r1, rrx with C = 0 and bit 0 = 0
        h = run(0b0000, regs(0, 2), 0xea5f0031);
        assertEquals(1, h.r(0));
        assertEquals(0b0000, h.nzcv());
        // movs.w r0, r1, lsl #1: C = bit 31
        h = run(0, regs(0, 0x80000001), 0xea5f0041);
        assertEquals(2, h.r(0));
        assertEquals(0b0010, h.nzcv());
        // movs.w r0, r1 (LSL #0): C unchanged, Z set
        assertEquals(0b0110, run(0b0010, regs(9, 0), 0xea5f0001).nzcv());
        // mvns.w r0, #1 ; mvn.w r2, r1, lsl #4 (no flags)
        h = run(0, regs(0, 0x0f), 0xf07f0001, 0xea6f1201);
        assertEquals(0xfffffffe, h.r(0));
        assertEquals(0xffffff0f, h.r(2));
        assertEquals(0b1000, h.nzcv());
    }

    // ---------------------------------------------------------------- plain binary immediate

    @Test
    void addwSubwAndAdr() {
        // addw r0, r1, #0xfff ; subw r2, r1, #1
        A32Harness h = run(0b0110, regs(0, 0x1000), 0xf60170ff, 0xf2a10201);
        assertEquals(0x1fff, h.r(0));
        assertEquals(0x0fff, h.r(2));
        assertEquals(0b0110, h.nzcv());
        // it al (a 16-bit pad) ; addw r0, pc, #0x103 ; subw r2, pc, #4  -- ADR uses Align(PC, 4): the addw
        // at BASE+2 sees PC = BASE+6, aligned BASE+4; the subw at BASE+6 sees BASE+10, aligned BASE+8.
        h = run(0, regs(), 0xbfe8, 0xf20f1003, 0xf2af0204);
        assertEquals(A32Harness.BASE + 4 + 0x103, h.r(0));
        assertEquals(A32Harness.BASE + 8 - 4, h.r(2));
    }

    @Test
    void movwAndMovt() {
        // movw r0, #0xbeef ; movt r0, #0xdead ; movt r1, #0xdead (keeps r1's low half)
        A32Harness h = run(0, regs(0x12345678, 0x12345678), 0xf64b60ef, 0xf6cd60ad, 0xf6cd61ad);
        assertEquals(0xdeadbeef, h.r(0));
        assertEquals(0xdead5678, h.r(1));
    }

    // ---------------------------------------------------------------- register-controlled shifts

    @Test
    void registerShifts() {
        // asrs.w r0, r1, r2 with r2 = 33: all sign bits, C = bit 31
        A32Harness h = run(0, regs(0, 0x80000000, 33), 0xfa51f002);
        assertEquals(-1, h.r(0));
        assertEquals(0b1010, h.nzcv());
        // only Rm[7:0] counts: r2 = 0x100 is a shift by 0, C unchanged
        h = run(0b0010, regs(0, 0x40000000, 0x100), 0xfa51f002);
        assertEquals(0x40000000, h.r(0));
        assertEquals(0b0010, h.nzcv());
        // rors.w r0, r1, r2 by 4: 0xf -> 0xf0000000, C = bit 31
        h = run(0, regs(0, 0xf, 4), 0xfa71f002);
        assertEquals(0xf0000000, h.r(0));
        assertEquals(0b1010, h.nzcv());
        // lsls.w r0, r1, r2 by 32: 0, C = bit 0 of r1
        h = run(0, regs(0, 1, 32), 0xfa11f002);
        assertEquals(0, h.r(0));
        assertEquals(0b0110, h.nzcv());
        // lsr.w r0, r1, r2 by 32 (no S)
        h = run(0b1001, regs(5, -1, 32), 0xfa21f002);
        assertEquals(0, h.r(0));
        assertEquals(0b1001, h.nzcv());
    }

    @Test
    void flagsSurviveLaterPartialWriters() {
        // movs.w r5, #0x80000000 (C = 1, overwritten below) ; adds.w r0, r1, r2 (0xffffffff + 2: C, no V) ;
        // ands r3, r4, #0xff00ff00 (N Z only: C and V must still be those of the adds)
        A32Harness h = run(0b0001, regs(0, -1, 2, 0, 0x00ff00ff), 0xf05f4500, 0xeb110002, 0xf01423ff);
        assertEquals(1, h.r(0));
        assertEquals(0, h.r(3));
        assertEquals(0b0110, h.nzcv());
        // adds.w r0, r1, r2 (-1 + 0x100: C) ; lsls.w r6, r1, r2: only r2[7:0] = 0 counts, so C is kept
        h = run(0, regs(0, -1, 0x100), 0xeb110002, 0xfa11f602);
        assertEquals(-1, h.r(6));
        assertEquals(0b1010, h.nzcv());
        // adds.w (0x7fffffff + 1: N V, no C) ; lsls.w by 1: C = bit 31 of r1 = 0, V kept from the adds
        h = run(0, regs(0, 0x7fffffff, 1), 0xeb110002, 0xfa11f602);
        assertEquals(0xfffffffe, h.r(6));
        assertEquals(0b1001, h.nzcv());
    }

    // ---------------------------------------------------------------- IT blocks

    @Test
    void insideItBlocks() {
        // it eq ; addeq.w r0, r1, r2 -- Z clear: no effect
        A32Harness h = run(0, regs(5, 1, 2), IT_EQ, 0xeb010002);
        assertEquals(5, h.r(0));
        // it ne ; addsne.w r0, r1, r2 -- executes, and a 32-bit S form still sets flags inside IT
        h = run(0, regs(5, -1, 1), IT_NE, 0xeb110002);
        assertEquals(0, h.r(0));
        assertEquals(0b0110, h.nzcv());
        // condition false: no flags either
        h = run(0b0100, regs(5, -1, 1), IT_NE, 0xeb110002);
        assertEquals(5, h.r(0));
        assertEquals(0b0100, h.nzcv());
        // it eq ; movseq.w r0, #0x80000000 (modified immediate), Z clear
        h = run(0, regs(5), IT_EQ, 0xf05f4000);
        assertEquals(5, h.r(0));
        assertEquals(0, h.nzcv());
        // it eq ; movw r0, #0xbeef (plain binary immediate), Z clear / Z set
        assertEquals(5, run(0, regs(5), IT_EQ, 0xf64b60ef).r(0));
        assertEquals(0xbeef, run(0b0100, regs(5), IT_EQ, 0xf64b60ef).r(0));
        // it eq ; lsls.w r0, r1, r2 (register shift), Z clear
        h = run(0, regs(5, 1, 31), IT_EQ, 0xfa11f002);
        assertEquals(5, h.r(0));
        assertEquals(0, h.nzcv());
    }

    // ---------------------------------------------------------------- PC destination, unallocated

    @Test
    void addToPcBranchesAndStaysInThumb() {
        // add.w pc, r0, #0 ; mov.w r1, #1 ; mov.w r2, #2 -- r0 = address of "mov.w r2" | 1: bit 0 ignored
        A32Harness h = run(0, regs(A32Harness.BASE + 8 + 1, 0, 0), 0xf1000f00, 0xf04f0101, 0xf04f0202);
        assertEquals(0, h.r(1));
        assertEquals(2, h.r(2)); // ran as Thumb: in ARM state these bytes are a different instruction
    }

    @Test
    void movsToPcIsAnExceptionReturn() {
        // movs.w pc, r0 (0xea5f0f00) in SVC mode: CPSR = SPSR_svc (Thumb, N and C set), PC = r0 with bit 0 clear
        A32Harness h = new A32Harness().thumb(0xea5f0f00, 0xf04f0101, 0xf04f0202);
        h.reg(0, A32Harness.BASE + 8 + 1);
        h.cpu.spsr[Mode.bank(Mode.SVC)] = 0xa0000000 | CpuState.CPSR_T | CpuState.CPSR_I | Mode.SVC;
        h.run();
        assertEquals(0, h.r(1));
        assertEquals(2, h.r(2));
        assertEquals(0b1010, h.nzcv());
    }

    @Test
    void unallocatedOpcodeIsUndefined() {
        // modified immediate op = 0101 is unallocated
        A32Harness h = run(0, regs(), 0xf0a10000);
        assertEquals(Mode.UND, h.cpu.mode());
        assertEquals(A32Harness.BASE + 2, h.cpu.r[14]); // LR_und = address + 2 (Thumb, any size)
        assertEquals(CpuState.CPSR_T, h.cpu.spsr() & CpuState.CPSR_T);
    }
}
