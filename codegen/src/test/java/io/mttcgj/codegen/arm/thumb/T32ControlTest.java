package io.mttcgj.codegen.arm.thumb;

import static io.mttcgj.codegen.testing.A32Harness.BASE;
import static io.mttcgj.codegen.testing.A32Harness.DATA;
import static io.mttcgj.codegen.testing.A32Harness.STOP;
import static io.mttcgj.codegen.testing.A32Harness.VECTORS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.arm.state.Mode;
import io.mttcgj.codegen.arm.state.SystemRegisters;
import io.mttcgj.codegen.runtime.SysOps;
import io.mttcgj.codegen.testing.A32Harness;
import org.junit.jupiter.api.Test;

/**
 * T32 branches, system and coprocessor instructions. Encodings and branch offsets come from
 * arm-none-eabi-as (-march=armv7ve -mthumb); expected values from the ARM ARM (A8.8 B/BL/BLX,
 * B9.3 system instructions: MRS reads the execution state bits as zero, LR_und = the next instruction,
 * Data Abort and the exception returns), the board facts (MIDR) or QEMU (DBGDIDR, as SysOps records).
 * The CPU starts as QEMU's does: Secure SVC with A, I, F set.
 */
class T32ControlTest {
    /** The PC after the ARM STOP of the stop sequence written at {@code seq} (see T32Programs). */
    private static int stopPc(int seq) {
        return ((seq + 4) & ~3) + 12;
    }

    private static A32Harness marked() {
        A32Harness h = new A32Harness().reg(6, DATA);
        h.mem.write(DATA, 4, 0x5a);
        h.mem.write(DATA + 4, 4, 0xa5);
        return h;
    }

    // ------------------------------------------------------------------ branches

    @Test
    void branchOffsetsFollowTheArmArm() {
        // bl at 0xa54320 to 0; bl at 0xa54324 to 0x1088888; blx at 0x5c to 0x9abd30 (from Align(PC, 4) = 0x60)
        assertEquals(-0xa54324, T32Control.offset24(0xf5abde6e));
        assertEquals(0x634560, T32Control.offset24(0xf234f2b0));
        assertEquals(0x9abcd0, T32Control.offset24(0xf1abce68));
    }

    @Test
    void unconditionalBranchesForwardAndBackward() {
        // b.w L2; L1: ldr.w r3, [r6, #4]; b.w end; L2: ldr.w r2, [r6]; b.w L1; end:
        A32Harness h = marked();
        T32Programs.thumb(h, 0xf000b804, 0xf8d63004, 0xf000b804, 0xf8d62000, 0xf7ffbff8).run();
        assertEquals(0x5a, h.r(2));
        assertEquals(0xa5, h.r(3));
        assertEquals(stopPc(BASE + 0x14), h.r(15));
    }

    @Test
    void conditionalBranchUsesItsOwnCondition() {
        // bne.w f; ldr.w r2, [r6]; f: ldr.w r3, [r6]; beq.w g; ldr.w r4, [r6]; g: b.w h; ldr.w r7, [r6]; h:
        int[] code = {0xf0408002, 0xf8d62000, 0xf8d63000, 0xf0008002, 0xf8d64000, 0xf000b802, 0xf8d67000};
        A32Harness z = marked().flags(0b0100);
        T32Programs.thumb(z, code).run();
        assertEquals(0x5a, z.r(2), "Z set: BNE not taken");
        assertEquals(0, z.r(4), "Z set: BEQ taken");
        A32Harness nz = marked().flags(0b0000);
        T32Programs.thumb(nz, code).run();
        assertEquals(0, nz.r(2), "Z clear: BNE taken");
        assertEquals(0x5a, nz.r(4), "Z clear: BEQ not taken");
        for (A32Harness h : new A32Harness[] {z, nz}) {
            assertEquals(0x5a, h.r(3));
            assertEquals(0, h.r(7));
        }
    }

    @Test
    void blSetsLrToTheNextInstructionWithBitZero() {
        // bl f; ldr.w r2, [r6]; f: ldr.w r3, [r6]
        A32Harness h = marked();
        T32Programs.thumb(h, 0xf000f802, 0xf8d62000, 0xf8d63000).run();
        assertEquals(BASE + 5, h.r(14));
        assertEquals(0, h.r(2));
        assertEquals(0x5a, h.r(3));
    }

    @Test
    void blxImmediateGoesToArmAtTheAlignedTarget() {
        // At BASE+2: blx f (Align(BASE+6, 4) + 8 = BASE+0xc); ARM code there: mov r5, #7; STOP
        A32Harness h = new A32Harness();
        h.mem.write(BASE + 2, 2, 0xf000);
        h.mem.write(BASE + 4, 2, 0xe804);
        h.mem.write(BASE + 0xc, 4, 0xe3a05007);
        h.mem.write(BASE + 0x10, 4, STOP);
        T32Programs.stopAt(h, BASE + 0x100, BASE + 2);
        h.run();
        assertEquals(7, h.r(5));
        assertEquals(BASE + 7, h.r(14), "LR = next instruction | 1");
        assertFalse(h.cpu.thumb());
    }

    @Test
    void bxjBranchesLikeBx() {
        // bxj r3 with r3 = the stop sequence at BASE+0x200, bit 0 set (Thumb)
        A32Harness h = new A32Harness().reg(3, BASE + 0x201);
        T32Programs.thumb(h, 0xf3c38f00);
        T32Programs.stopAt(h, BASE + 0x200, BASE);
        h.run();
        assertEquals(stopPc(BASE + 0x200), h.r(15));
    }

    // ------------------------------------------------------------------ PSR access

    @Test
    void msrFlagsAndMrsMaskTheExecutionStateBits() {
        // msr CPSR_f, r1; mrs r2, CPSR
        A32Harness h = new A32Harness().reg(1, 0xf0000000);
        T32Programs.thumb(h, 0xf3818800, 0xf3ef8200).run();
        assertEquals(0xf00001d3, h.r(2), "CPSR.T reads as zero");
        assertEquals(0b1111, h.nzcv());
    }

    @Test
    void msrControlFieldSwitchesModeAndStaysInThumb() {
        // msr CPSR_c, r1 (IRQ, I F set); mrs r3, CPSR; the program goes on in Thumb in IRQ mode
        A32Harness h = new A32Harness().reg(1, 0xd2);
        T32Programs.thumb(h, 0xf3818100, 0xf3ef8300).run();
        assertEquals(Mode.IRQ, h.cpu.mode());
        assertEquals(0x1d2, h.r(3), "the c field leaves A (bit 8) set");
    }

    @Test
    void msrInsideAnItBlockKeepsTheItStateAcrossTheBlockExit() {
        // ite eq; ldreq.w r2, [r6]; ldrne.w r3, [r6]; itt eq; msreq CPSR_c, r1; ldreq.w r4, [r6]; ldr.w r5, [r6]
        int[] code = {0xbf0c, 0xf8d62000, 0xf8d63000, 0xbf04, 0xf3818100, 0xf8d64000, 0xf8d65000};
        A32Harness eq = marked().flags(0b0100).reg(1, 0xd2);
        T32Programs.thumb(eq, code).run();
        assertEquals(0x5a, eq.r(2));
        assertEquals(0, eq.r(3));
        assertEquals(Mode.IRQ, eq.cpu.mode());
        assertEquals(0x5a, eq.r(4), "the MSR ended the block; the next one is still the IT block's second");
        assertEquals(0x5a, eq.r(5));
        A32Harness ne = marked().flags(0b0000).reg(1, 0xd2);
        T32Programs.thumb(ne, code).run();
        assertEquals(0, ne.r(2));
        assertEquals(0x5a, ne.r(3));
        assertEquals(Mode.SVC, ne.cpu.mode());
        assertEquals(0, ne.r(4));
        assertEquals(0x5a, ne.r(5));
        assertEquals(0, ne.cpu.cpsr() & CpuState.CPSR_IT);
    }

    @Test
    void spsrAndBankedRegisterMoves() {
        // msr SPSR_fsxc, r4; mrs r5, SPSR; msr SP_usr, r1; mrs r2, SP_usr; mrs r3, SPSR_irq
        A32Harness h = new A32Harness().reg(4, 0x80000010).reg(1, 0x1234);
        h.cpu.spsr[Mode.bank(Mode.IRQ)] = 0x11223344;
        T32Programs.thumb(h, 0xf3948f00, 0xf3ff8500, 0xf3818520, 0xf3e58220, 0xf3f08330).run();
        assertEquals(0x80000010, h.r(5));
        assertEquals(0x1234, h.cpu.bankSp[Mode.bank(Mode.USR)]);
        assertEquals(0x1234, h.r(2));
        assertEquals(0x11223344, h.r(3));
    }

    @Test
    void cpsChangesMasksAndMode() {
        // cpsie.w aif; mrs r1, CPSR; cpsid.w i; mrs r2, CPSR; cps.w #17 (FIQ)
        A32Harness h = new A32Harness();
        T32Programs.thumb(h, 0xf3af84e0, 0xf3ef8100, 0xf3af8640, 0xf3ef8200, 0xf3af8111).run();
        assertEquals(0x13, h.r(1));
        assertEquals(0x93, h.r(2));
        assertEquals(Mode.FIQ, h.cpu.mode());
    }

    @Test
    void cpsIsIgnoredInUserMode() {
        // cpsid.w i in User mode: no effect (CPSR unchanged, no exception)
        A32Harness h = new A32Harness();
        h.cpu.setCpsr(Mode.USR | CpuState.CPSR_T);
        T32Programs.thumb(h, 0xf3af8640).run();
        assertEquals(Mode.USR, h.cpu.mode());
        assertEquals(0, h.cpu.cpsr() & CpuState.CPSR_I);
    }

    // ------------------------------------------------------------------ hints, barriers

    @Test
    void hintsAndBarriersFallThrough() {
        // nop.w; yield.w; dbg #5; dsb sy; dmb ish; isb sy; wfi.w; ldr.w r2, [r6]
        A32Harness h = marked();
        T32Programs.thumb(h, 0xf3af8000, 0xf3af8001, 0xf3af80f5, 0xf3bf8f4f, 0xf3bf8f5b, 0xf3bf8f6f, 0xf3af8003,
                0xf8d62000).run();
        assertEquals(0x5a, h.r(2));
    }

    @Test
    void sevSetsTheEventRegisterAndWfeConsumesIt() {
        A32Harness sev = new A32Harness();
        T32Programs.thumb(sev, 0xf3af8004).run(); // sev.w
        assertTrue(sev.cpu.eventRegister);
        A32Harness both = new A32Harness();
        T32Programs.thumb(both, 0xf3af8004, 0xf3af8002).run(); // sev.w; wfe.w
        assertFalse(both.cpu.eventRegister);
    }

    // ------------------------------------------------------------------ exceptions

    @Test
    void udfTakesUndefinedWithLrAfterTheInstruction() {
        // udf.w #0x1234 at BASE+2: LR_und = BASE+4 (Thumb: + 2 whatever the size, as QEMU), SPSR_und has T set
        A32Harness h = new A32Harness();
        T32Programs.load(h, BASE + 2, 0xf7f1a234);
        h.run();
        assertEquals(Mode.UND, h.cpu.mode());
        assertEquals(BASE + 4, h.r(14));
        assertTrue((h.cpu.spsr() & CpuState.CPSR_T) != 0);
        assertEquals(VECTORS + 4, h.r(15) - 4, "stopped at the Undefined vector");
    }

    @Test
    void unallocatedEncodingsAreUndefined() {
        // mrc p7 (no such coprocessor), cdp p15, LEAVEX (ThumbEE only): each is Undefined, LR = address + 2 (Thumb)
        for (int insn : new int[] {0xee101710, 0xee021f03, 0xf3bf8f0f}) {
            A32Harness h = new A32Harness();
            T32Programs.thumb(h, insn).run();
            assertEquals(Mode.UND, h.cpu.mode(), Integer.toHexString(insn));
            assertEquals(BASE + 2, h.r(14), Integer.toHexString(insn));
        }
    }

    @Test
    void hvcWithHceClearIsUndefined() {
        A32Harness h = new A32Harness();
        T32Programs.thumb(h, 0xf7e18234).run(); // hvc #0x1234
        assertEquals(Mode.UND, h.cpu.mode());
        assertEquals(BASE + 2, h.r(14));
    }

    @Test
    void smcEntersMonitorMode() {
        A32Harness h = new A32Harness();
        h.cpu.cp15.mvbar = VECTORS;
        T32Programs.thumb(h, 0xf7f38000).run(); // smc #3
        assertEquals(Mode.MON, h.cpu.mode());
        assertEquals(BASE + 4, h.r(14));
        assertEquals(VECTORS + 8, h.r(15) - 4);
    }

    @Test
    void subsPcLrReturnsToThumbUserMode() {
        // subs pc, lr, #4 in SVC with SPSR = User | T: returns to LR - 4 = the stop sequence
        A32Harness h = new A32Harness().reg(14, BASE + 0x204);
        h.cpu.setSpsr(Mode.USR | CpuState.CPSR_T);
        T32Programs.thumb(h, 0xf3de8f04);
        T32Programs.stopAt(h, BASE + 0x200, BASE);
        h.run();
        assertEquals(Mode.USR, h.cpu.mode());
        assertEquals(stopPc(BASE + 0x200), h.r(15));
    }

    @Test
    void eretReturnsToLrOutsideHypAndIsUndefinedInUserMode() {
        A32Harness h = new A32Harness().reg(14, BASE + 0x200);
        h.cpu.setSpsr(Mode.SYS | CpuState.CPSR_T);
        T32Programs.thumb(h, 0xf3de8f00); // eret
        T32Programs.stopAt(h, BASE + 0x200, BASE);
        h.run();
        assertEquals(Mode.SYS, h.cpu.mode());
        assertEquals(stopPc(BASE + 0x200), h.r(15));

        A32Harness user = new A32Harness();
        user.cpu.setCpsr(Mode.USR | CpuState.CPSR_T);
        T32Programs.thumb(user, 0xf3de8f00).run();
        assertEquals(Mode.UND, user.cpu.mode());
        assertEquals(BASE + 2, user.r(14));
    }

    @Test
    void srsStoresLrAndSpsrAndRfeReturns() {
        // srsdb sp!, #19 (SVC's own stack); then rfeia r0! loads PC and CPSR = SVC | T from DATA
        A32Harness h = new A32Harness().reg(13, DATA + 0x100).reg(14, 0xabc).reg(0, DATA);
        h.cpu.setSpsr(0x800001d3);
        h.mem.write(DATA, 4, BASE + 0x200);
        h.mem.write(DATA + 4, 4, Mode.SVC | CpuState.CPSR_T);
        T32Programs.thumb(h, 0xe82dc013, 0xe9b0c000);
        T32Programs.stopAt(h, BASE + 0x200, BASE);
        h.run();
        assertEquals(0xabc, h.mem.read(DATA + 0xf8, 4));
        assertEquals(0x800001d3, h.mem.read(DATA + 0xfc, 4));
        assertEquals(DATA + 0xf8, h.r(13));
        assertEquals(DATA + 8, h.r(0));
        assertEquals(0x13, h.cpu.cpsr() & 0x1ff, "RFE wrote CPSR: A, I, F now clear");
        assertEquals(stopPc(BASE + 0x200), h.r(15));
    }

    // ------------------------------------------------------------------ coprocessors

    @Test
    void mrcReadsMidrAndApsrNzcv() {
        // mrc p15, 0, r1, c0, c0, 0; mrc p15, 0, APSR_nzcv, c0, c0, 0 (MIDR bits 31:28 = 0100: Z)
        A32Harness h = new A32Harness().flags(0b1011);
        T32Programs.thumb(h, 0xee101f10, 0xee10ff10).run();
        assertEquals(SystemRegisters.MIDR, h.r(1));
        assertEquals(0x414fc0f0, h.r(1), "board fact: Cortex-A15 r4p0");
        assertEquals(0b0100, h.nzcv());
    }

    @Test
    void mcrMrcAndMcrrMrrcRoundTrip() {
        // mcr p15, 0, r1, c13, c0, 2 (TPIDRURW); mrc p15, 0, r2, c13, c0, 2;
        // mcrr p15, 0, r1, r2, c2 (TTBR0, 64-bit); mrrc p15, 0, r3, r4, c2
        A32Harness h = new A32Harness().reg(1, 0xcafe0000);
        T32Programs.thumb(h, 0xee0d1f50, 0xee1d2f50, 0xec421f02, 0xec543f02).run();
        assertEquals(0xcafe0000, h.r(2));
        assertEquals(0xcafe0000, h.cpu.cp15.tpidrurw);
        assertEquals(0xcafe0000, h.r(3));
        assertEquals(0xcafe0000, h.r(4));
    }

    @Test
    void mrcP14ReadsTheDebugId() {
        A32Harness h = new A32Harness();
        T32Programs.thumb(h, 0xee101e10).run(); // mrc p14, 0, r1, c0, c0, 0
        assertEquals(SysOps.DBGDIDR, h.r(1));
    }
}
