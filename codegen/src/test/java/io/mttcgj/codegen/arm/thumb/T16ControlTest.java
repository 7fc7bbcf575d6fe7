package io.mttcgj.codegen.arm.thumb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.arm.state.Mode;
import io.mttcgj.codegen.testing.A32Harness;
import org.junit.jupiter.api.Test;

/**
 * T16 branches, exception-generating, hint and system instructions. Encodings from arm-none-eabi-as;
 * expected behaviour from the ARM ARM (B1.8 exception entry: LR_und = address + 2 for a 16-bit Thumb
 * instruction, LR_svc = address of the next instruction).
 */
class T16ControlTest {
    private static final int BASE = A32Harness.BASE;
    private static final int ARM_MOV_R3_9 = 0xe3a03009;
    private static final int MOVS_R3_9 = 0x2309;

    private static A32Harness t(int... insns) {
        return new A32Harness().thumb(insns);
    }

    /** ARM code at {@code addr}: mov r3, #9; stop. */
    private static void armTarget(A32Harness h, int addr) {
        h.mem.write(addr, 4, ARM_MOV_R3_9);
        h.mem.write(addr + 4, 4, A32Harness.STOP);
    }

    /** Thumb code at {@code addr}: movs r3, #9; stop. */
    private static void thumbTarget(A32Harness h, int addr) {
        h.mem.write(addr, 2, MOVS_R3_9);
        h.mem.write(addr + 2, 2, A32Harness.THUMB_STOP);
    }

    // ------------------------------------------------------------------ BX / BLX

    @Test
    void bxLrToThumb() {
        // bx lr; movs r0, #1; movs r3, #9 with lr = BASE + 5 -> Thumb at BASE + 4
        A32Harness h = t(0x4770, 0x2001, MOVS_R3_9).reg(14, BASE + 5).reg(0, 0x55).run();
        assertEquals(0x55, h.r(0));
        assertEquals(9, h.r(3));
        assertTrue(h.cpu.thumb());
    }

    @Test
    void bxLrToArm() {
        A32Harness h = t(0x4770).reg(14, BASE + 0x100);
        armTarget(h, BASE + 0x100);
        h.run();
        assertEquals(9, h.r(3));
        assertFalse(h.cpu.thumb());
    }

    @Test
    void bxPcGoesToArmAtAlignedPc() {
        // nop; bx pc at BASE + 2: PC reads BASE + 6, bit 0 clear -> ARM, word-aligned target BASE + 4
        A32Harness h = t(0xbf00, 0x4778);
        armTarget(h, BASE + 4);
        h.run();
        assertEquals(9, h.r(3));
        assertFalse(h.cpu.thumb());
    }

    @Test
    void blxRegisterSetsLrWithThumbBit() {
        // nop; blx r2 at BASE + 2: LR = BASE + 4 | 1
        A32Harness h = t(0xbf00, 0x4790).reg(2, BASE + 0x101);
        thumbTarget(h, BASE + 0x100);
        h.run();
        assertEquals(BASE + 5, h.r(14));
        assertEquals(9, h.r(3));
        assertTrue(h.cpu.thumb());
    }

    @Test
    void blxLrUsesTheOldLr() {
        // blx lr: the target is LR as read before LR is overwritten
        A32Harness h = t(0x47f0).reg(14, BASE + 0x100);
        armTarget(h, BASE + 0x100);
        h.run();
        assertEquals(BASE + 3, h.r(14));
        assertEquals(9, h.r(3));
        assertFalse(h.cpu.thumb());
    }

    // ------------------------------------------------------------------ CBZ / CBNZ

    @Test
    void cbzBranchesForwardOnZero() {
        // cbz r0, BASE + 8; movs r3, #1; movs r3, #2; movs r3, #3; movs r4, #7 (at BASE + 8)
        int[] code = {0xb110, 0x2301, 0x2302, 0x2303, 0x2407};
        A32Harness h = t(code).reg(0, 0).reg(3, 0x55).run();
        assertEquals(0x55, h.r(3));
        assertEquals(7, h.r(4));
        h = t(code).reg(0, 1).reg(3, 0x55).run();
        assertEquals(3, h.r(3));
        assertEquals(7, h.r(4));
    }

    @Test
    void cbnzBranchesForwardOnNonZero() {
        int[] code = {0xb910, 0x2301, 0x2302, 0x2303, 0x2407};
        A32Harness h = t(code).reg(0, 5).reg(3, 0x55).run();
        assertEquals(0x55, h.r(3));
        assertEquals(7, h.r(4));
        h = t(code).reg(0, 0).reg(3, 0x55).run();
        assertEquals(3, h.r(3));
    }

    @Test
    void cbzLargestOffset() {
        // cbz r0 with i = 1, imm5 = 31 (0xb3f8): target = PC + 4 + 126
        A32Harness h = t(0xb3f8).reg(0, 0);
        thumbTarget(h, BASE + 4 + 126);
        h.run();
        assertEquals(9, h.r(3));
    }

    // ------------------------------------------------------------------ B<c>, B

    @Test
    void conditionalBranchUsesItsOwnCondition() {
        // beq BASE + 8; movs r3, #1; movs r3, #2; movs r3, #3; movs r4, #7
        int[] code = {0xd002, 0x2301, 0x2302, 0x2303, 0x2407};
        A32Harness h = t(code).reg(3, 0x55).flags(0b0100).run();
        assertEquals(0x55, h.r(3));
        assertEquals(7, h.r(4));
        h = t(code).reg(3, 0x55).flags(0b0000).run();
        assertEquals(3, h.r(3));
    }

    @Test
    void backwardConditionalBranchLoops() {
        // loop: adds r1, #1; subs r0, #1; bne loop
        A32Harness h = t(0x3101, 0x3801, 0xd1fc).reg(0, 10).reg(1, 0).run();
        assertEquals(10, h.r(1));
        assertEquals(0, h.r(0));
    }

    @Test
    void unconditionalBranch() {
        // b BASE + 8 (0xe002); movs r3, #1 ...; movs r4, #7
        A32Harness h = t(0xe002, 0x2301, 0x2302, 0x2303, 0x2407).reg(3, 0x55).run();
        assertEquals(0x55, h.r(3));
        assertEquals(7, h.r(4));
        // b .+2 (imm11 = -1, sign-extended: PC + 4 - 2): the next instruction
        h = t(0xe7ff, MOVS_R3_9).run();
        assertEquals(9, h.r(3));
    }

    @Test
    void lastInItBlockBranchIsConditional() {
        // it ne; b BASE + 10 (0xe002 at BASE + 2); movs r3, #1 ...
        int[] code = {0xbf18, 0xe002, 0x2301, 0x2302, 0x2303, 0x2407};
        A32Harness h = t(code).reg(3, 0x55).flags(0b0000).run();
        assertEquals(0x55, h.r(3));
        assertEquals(7, h.r(4));
        h = t(code).reg(3, 0x55).flags(0b0100).run();
        assertEquals(3, h.r(3));
        assertEquals(7, h.r(4));
    }

    // ------------------------------------------------------------------ exceptions

    @Test
    void undefinedEncodingTakesUndefWithLrPlusTwo() {
        // nop; 0xb700 (unallocated in the miscellaneous space) at BASE + 2
        A32Harness h = t(0xbf00, 0xb700).run();
        assertEquals(Mode.UND, h.cpu.mode());
        assertEquals(BASE + 2 + 2, h.r(14));
        assertEquals(A32Harness.VECTORS + 4 + 4, h.cpu.r[15]);
    }

    @Test
    void udfTakesUndef() {
        // udf #1 at BASE
        A32Harness h = t(0xde01).run();
        assertEquals(Mode.UND, h.cpu.mode());
        assertEquals(BASE + 2, h.r(14));
        assertTrue((h.cpu.spsr() & CpuState.CPSR_T) != 0);
    }

    @Test
    void bxWithNonZeroLowBitsIsUndefined() {
        // 0x4771: bx lr with a should-be-zero bit set; qemu-system-arm decodes it as Undefined
        A32Harness h = t(0x4771).reg(14, BASE + 0x101).run();
        assertEquals(Mode.UND, h.cpu.mode());
    }

    @Test
    void svcTakesSupervisorCallWithNextAddress() {
        // nop; svc #1: LR_svc = BASE + 4
        A32Harness h = t(0xbf00, 0xdf01);
        h.cpu.switchMode(Mode.SYS);
        h.run();
        assertEquals(Mode.SVC, h.cpu.mode());
        assertEquals(BASE + 4, h.r(14));
        assertEquals(A32Harness.VECTORS + 8 + 4, h.cpu.r[15]);
    }

    @Test
    void bkptIsAPrefetchAbort() {
        A32Harness h = t(0xbe01).run();
        assertEquals(Mode.ABT, h.cpu.mode());
    }

    @Test
    void hltReachesTheLoopWithItsImmediate() {
        // hlt #0x3c: the harness does no semihosting for HLT, so the loop reports it as undefined
        A32Harness h = t(0xbf00, 0xbabc).run();
        assertEquals(Mode.UND, h.cpu.mode());
        assertTrue(h.log.stream().anyMatch(s -> s.contains("0x0000003c at 0x80000002")), h.log.toString());
    }

    // ------------------------------------------------------------------ hints and system

    @Test
    void hintsContinue() {
        // nop; yield; sev; wfe (event set by sev: no wait); wfi; movs r3, #9
        A32Harness h = t(0xbf00, 0xbf10, 0xbf40, 0xbf20, 0xbf30, MOVS_R3_9).run();
        assertEquals(9, h.r(3));
        assertFalse(h.cpu.eventRegister);
    }

    @Test
    void cpsClearsAndSetsIrqMask() {
        // cpsie i; movs r3, #9
        A32Harness h = t(0xb662, MOVS_R3_9).reg(5, 0x55);
        assertTrue((h.cpu.cpsr() & CpuState.CPSR_I) != 0);
        h.run();
        assertEquals(0, h.cpu.cpsr() & CpuState.CPSR_I);
        assertEquals(9, h.r(3));
        assertEquals(0x55, h.r(5));
        assertTrue(h.cpu.thumb());
        // cpsid i
        h = t(0xb672, MOVS_R3_9);
        h.cpu.cpsrCtl &= ~CpuState.CPSR_I;
        h.run();
        assertTrue((h.cpu.cpsr() & CpuState.CPSR_I) != 0);
        assertEquals(9, h.r(3));
    }

    @Test
    void cpsInUserModeIsANop() {
        A32Harness h = t(0xb662, MOVS_R3_9);
        h.cpu.switchMode(Mode.USR);
        h.run();
        assertTrue((h.cpu.cpsr() & CpuState.CPSR_I) != 0);
        assertEquals(9, h.r(3));
    }

    @Test
    void setendLittleIsNopBigIsUndefined() {
        A32Harness h = t(0xb650, MOVS_R3_9).run();
        assertEquals(9, h.r(3));
        h = t(0xb658).run();
        assertEquals(Mode.UND, h.cpu.mode());
    }

    // ------------------------------------------------------------------ decoding

    @Test
    void miscellaneousSpaceUnallocatedEncodings() {
        // ARM ARM A6.2.5 (miscellaneous 16-bit instructions): 1011 0110 00xx, 0110 1xxx, 0111 and 1000 are
        // unallocated; SETEND/CPS with a non-zero "(0)" bit, and IT (consumed by the block compiler), have no
        // row either. Everything else in 1011 xxxx decodes to an instruction.
        var t16 = Thumb.t16();
        for (int v = 0xb000; v <= 0xbfff; v++) {
            boolean unallocated = (v >= 0xb600 && v <= 0xb64f)
                    || (v >= 0xb650 && v <= 0xb65f && (v & 7) != 0)
                    || (v >= 0xb668 && v <= 0xb66f)
                    || (v >= 0xb678 && v <= 0xb8ff)
                    || (v >= 0xbf00 && (v & 0xf) != 0);
            assertEquals(unallocated, t16.name(v).equals("undefined"), Integer.toHexString(v));
        }
    }
}
