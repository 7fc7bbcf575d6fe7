package io.mttcgj.codegen.arm.a32;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mttcgj.codegen.testing.A32Harness;
import org.junit.jupiter.api.Test;

/** Expected values worked out from the ARM ARM pseudocode (A8.8.*), not from running the emulator. */
class DataProcessingTest {
    @Test
    void addsSetsCarryAndZero() {
        // adds r0, r1, r2 with 0xffffffff + 1 = 0, C=1, Z=1, V=0, N=0
        A32Harness h = new A32Harness().code(0xe0910002).reg(1, -1).reg(2, 1).run();
        assertEquals(0, h.r(0));
        assertEquals(0b0110, h.nzcv());
    }

    @Test
    void addsSignedOverflow() {
        // adds r0, r1, r2: 0x7fffffff + 1 = 0x80000000: N=1 V=1
        A32Harness h = new A32Harness().code(0xe0910002).reg(1, 0x7fffffff).reg(2, 1).run();
        assertEquals(0x80000000, h.r(0));
        assertEquals(0b1001, h.nzcv());
    }

    @Test
    void subsBorrow() {
        // subs r0, r1, r2: 1 - 2 = -1: N=1, C=0 (borrow)
        A32Harness h = new A32Harness().code(0xe0510002).reg(1, 1).reg(2, 2).run();
        assertEquals(-1, h.r(0));
        assertEquals(0b1000, h.nzcv());
    }

    @Test
    void cmpEqualSetsZC() {
        // cmp r1, #5 with r1 = 5: Z=1 C=1
        A32Harness h = new A32Harness().code(0xe3510005).reg(1, 5).run();
        assertEquals(0b0110, h.nzcv());
    }

    @Test
    void movsLsrBy32ViaImmZero() {
        // movs r0, r1, lsr #32 (imm5 = 0): result 0, C = bit 31 of r1
        A32Harness h = new A32Harness().code(0xe1b00021).reg(1, 0x80000000).run();
        assertEquals(0, h.r(0));
        assertEquals(0b0110, h.nzcv());
    }

    @Test
    void registerShiftByMoreThan32() {
        // movs r0, r1, lsl r2 with r2 = 33: result 0, C = 0
        A32Harness h = new A32Harness().code(0xe1b00211).reg(1, -1).reg(2, 33).flags(0b0010).run();
        assertEquals(0, h.r(0));
        assertEquals(0b0100, h.nzcv());
    }

    @Test
    void registerShiftBy32() {
        // movs r0, r1, lsl r2 with r2 = 32: result 0, C = bit 0 of r1
        A32Harness h = new A32Harness().code(0xe1b00211).reg(1, 1).reg(2, 32).run();
        assertEquals(0, h.r(0));
        assertEquals(0b0110, h.nzcv());
    }

    @Test
    void registerShiftByZeroKeepsCarry() {
        // movs r0, r1, lsr r2 with r2 = 0 (only the bottom byte counts: 0x100): value unchanged, C unchanged
        A32Harness h = new A32Harness().code(0xe1b00231).reg(1, 0x40).reg(2, 0x100).flags(0b0010).run();
        assertEquals(0x40, h.r(0));
        assertEquals(0b0010, h.nzcv());
    }

    @Test
    void rrxRotatesCarryIn() {
        // movs r0, r1, rrx with C=1, r1 = 3: result 0x80000001, C = 1 (old bit 0)
        A32Harness h = new A32Harness().code(0xe1b00061).reg(1, 3).flags(0b0010).run();
        assertEquals(0x80000001, h.r(0));
        assertEquals(0b1010, h.nzcv());
    }

    @Test
    void adcAndSbcUseCarry() {
        // adc r0, r1, r2 (C=1): 1+2+1 = 4; sbc r3, r1, r2 (C=1): 1-2 = -1
        A32Harness h = new A32Harness().code(0xe0a10002, 0xe0c13002).reg(1, 1).reg(2, 2).flags(0b0010).run();
        assertEquals(4, h.r(0));
        assertEquals(-1, h.r(3));
    }

    @Test
    void pcAsOperandReadsAddressPlus8() {
        // add r0, pc, #0 at 0x80000000 -> 0x80000008
        A32Harness h = new A32Harness().code(0xe28f0000).run();
        assertEquals(A32Harness.BASE + 8, h.r(0));
    }

    @Test
    void conditionalExecutionSkips() {
        // cmp r1, r1 ; movne r0, #1 ; moveq r2, #2
        A32Harness h = new A32Harness().code(0xe1510001, 0x13a00001, 0x03a02002).reg(0, 7).run();
        assertEquals(7, h.r(0));
        assertEquals(2, h.r(2));
    }

    @Test
    void immediateWithRotationSetsCarryFromBit31() {
        // movs r0, #0x80000000 (imm8=2, rot=1): C = 1, N = 1
        A32Harness h = new A32Harness().code(0xe3b00102).run();
        assertEquals(0x80000000, h.r(0));
        assertEquals(0b1010, h.nzcv());
    }

    @Test
    void loopWithBranchesCounts() {
        // mov r0, #0 ; mov r1, #10 ; loop: add r0, r0, r1 ; subs r1, r1, #1 ; bne loop
        A32Harness h = new A32Harness().code(0xe3a00000, 0xe3a0100a, 0xe0800001, 0xe2511001, 0x1afffffc).run();
        assertEquals(55, h.r(0));
        assertEquals(0, h.r(1));
    }

    @Test
    void loadStoreWithWriteback() {
        // str r1, [r2, #4]! ; ldr r3, [r2], #-4 ; ldrb r4, [r2, #4]
        A32Harness h = new A32Harness().code(0xe5a21004, 0xe4123004, 0xe5d24004)
                .reg(1, 0x11223344).reg(2, A32Harness.DATA).run();
        assertEquals(0x11223344, h.r(3));
        assertEquals(A32Harness.DATA, h.r(2));
        assertEquals(0x44, h.r(4));
    }

    @Test
    void branchWithLinkAndReturn() {
        // bl +8 (to 0x..0c) ; mov r0, #1 ; svc stop ; f: mov r1, #2 ; bx lr
        A32Harness h = new A32Harness().code(0xeb000001, 0xe3a00001, A32Harness.STOP, 0xe3a01002, 0xe12fff1e).run();
        assertEquals(1, h.r(0));
        assertEquals(2, h.r(1));
        assertEquals(A32Harness.BASE + 4, h.r(14));
    }

    @Test
    void undefinedInstructionTakesUndefException() {
        // udf #0 -> UND mode, LR = pc + 4, PC at vector 0x04
        A32Harness h = new A32Harness().code(0xe7f000f0).run();
        assertEquals(0x1b, h.cpu.mode());
        assertEquals(A32Harness.BASE + 4, h.r(14));
    }

    @Test
    void unalignedWordLoadWithAlignmentCheckAborts() {
        // ldr r0, [r1] with r1 unaligned and SCTLR.A = 1 -> data abort, LR = pc + 8, DFAR = address
        A32Harness h = new A32Harness().code(0xe3a05007, 0xe5910000).reg(1, A32Harness.DATA + 1);
        h.cpu.cp15.sctlr |= 2;
        h.run();
        assertEquals(0x17, h.cpu.mode());
        assertEquals(A32Harness.BASE + 4 + 8, h.r(14));
        assertEquals(A32Harness.DATA + 1, h.cpu.cp15.dfar);
        assertEquals(7, h.r(5)); // the instruction before the fault completed
    }
}
