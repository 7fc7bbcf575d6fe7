package io.mttcgj.codegen.arm.a32;

import static io.mttcgj.codegen.testing.A32Harness.BASE;
import static io.mttcgj.codegen.testing.A32Harness.DATA;
import static io.mttcgj.codegen.testing.A32Harness.STOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.mttcgj.codegen.arm.state.Mode;
import io.mttcgj.codegen.exec.CpuExec;
import io.mttcgj.codegen.testing.A32Harness;
import org.junit.jupiter.api.Test;

/**
 * System instructions. Encodings come from arm-none-eabi-as; expected values from the ARM ARM
 * pseudocode (B9.3), the board facts (ID registers) or QEMU 7.2 runs of the same instruction (DBGDIDR,
 * HVC with SCR.HCE clear). The CPU starts as QEMU's does: Secure SVC, CPSR = 0x1d3.
 */
class SystemInsnsTest {
    private static final int SVC_BANK = Mode.bank(Mode.SVC);
    private static final int IRQ_BANK = Mode.bank(Mode.IRQ);
    private static final int USR_BANK = Mode.bank(Mode.USR);

    private static A32Harness user(A32Harness h) {
        h.cpu.setCpsr(Mode.USR);
        return h;
    }

    // ------------------------------------------------------------------ MRS / MSR

    @Test
    void mrsSeesFlagsSetEarlierInTheBlock() {
        // adds r0, r1, r2 (-1 + 1: Z C); mrs r3, cpsr = CPSR AND 0xf8ff03df
        A32Harness h = new A32Harness().code(0xe0910002, 0xe10f3000).reg(1, -1).reg(2, 1).run();
        assertEquals(0x600001d3, h.r(3));
    }

    @Test
    void msrFlagsOnlyKeepsTheBlockGoing() {
        // msr APSR_nzcvq, r0; mrs r1, cpsr
        A32Harness h = new A32Harness().code(0xe128f000, 0xe10f1000).reg(0, 0xf8000000).run();
        assertEquals(0xf80001d3, h.r(1));
        assertEquals(0b1111, h.nzcv());
        assertEquals(1, h.cpu.qf);
        assertEquals(3, h.cache.get(BASE, 0).insnCount, "MSR of the flags must not end the block");
    }

    @Test
    void msrControlFieldSwitchesModeAndBanks() {
        // msr cpsr_c, #0xd2 (IRQ); mov r0, sp
        A32Harness h = new A32Harness().code(0xe321f0d2, 0xe1a0000d).reg(13, 0x1000);
        h.cpu.bankSp[IRQ_BANK] = 0x2000;
        h.run();
        assertEquals(Mode.IRQ, h.cpu.mode());
        assertEquals(0x2000, h.r(0));
        assertEquals(0x1000, h.cpu.bankSp[SVC_BANK]);
        assertEquals(0x1d2, h.cpu.cpsr() & 0x1ff);
    }

    @Test
    void msrToAnInvalidModeKeepsTheMode() {
        // msr cpsr_c, #0xd5: mode 0x15 does not exist (QEMU keeps the mode)
        A32Harness h = new A32Harness().code(0xe321f0d5).run();
        assertEquals(Mode.SVC, h.cpu.mode());
    }

    @Test
    void msrCannotEnterHypButCpsCanEnterMonitorFromSecureSvc() {
        // QEMU 7.2, Secure SVC: msr cpsr_c, r0 (r0 = 0xda) leaves CPSR = 0x1d3; cps #0x16 gives 0x1d6
        A32Harness h = new A32Harness().code(0xe121f000).reg(0, 0xda).run();
        assertEquals(0x1d3, h.cpu.cpsr());
        A32Harness mon = new A32Harness().code(0xf1020016).run();
        assertEquals(0x1d6, mon.cpu.cpsr());
    }

    @Test
    void msrInUserModeWritesOnlyTheApsr() {
        // msr cpsr_fc, r0 with r0 = NZCV | I F | SVC: only the flags change
        A32Harness h = user(new A32Harness()).code(0xe129f000).reg(0, 0xf00000d3).run();
        assertEquals(Mode.USR, h.cpu.mode());
        assertEquals(0xf0000010, h.cpu.cpsr());
    }

    @Test
    void spsrIsBankedPerMode() {
        // msr spsr_fsxc, r0; cps #0x12; msr spsr_fsxc, r1; mrs r2, spsr; cps #0x13; mrs r3, spsr
        A32Harness h = new A32Harness()
                .code(0xe16ff000, 0xf1020012, 0xe16ff001, 0xe14f2000, 0xf1020013, 0xe14f3000)
                .reg(0, 0x80f00010).reg(1, 0x20000012).run();
        assertEquals(0x20000012, h.r(2));
        assertEquals(0x80000010, h.r(3), "bits 23:20 are reserved and not written");
        assertEquals(Mode.SVC, h.cpu.mode());
    }

    @Test
    void mrsSpsrInUserModeIsUndefined() {
        A32Harness h = user(new A32Harness()).code(0xe14f2000).reg(2, 7).run();
        assertEquals(Mode.UND, h.cpu.mode());
        assertEquals(BASE + 4, h.r(14));
        assertEquals(7, h.r(2));
    }

    @Test
    void bankedRegisterMoves() {
        // msr sp_usr, r0; mrs r1, sp_usr; mrs r2, spsr_irq
        A32Harness h = new A32Harness().code(0xe125f200, 0xe1051200, 0xe1402300).reg(0, 0x1234);
        h.cpu.spsr[IRQ_BANK] = 0x11223344;
        h.run();
        assertEquals(0x1234, h.cpu.bankSp[USR_BANK]);
        assertEquals(0x1234, h.r(1));
        assertEquals(0x11223344, h.r(2));
        assertEquals(Mode.SVC, h.cpu.mode());
    }

    @Test
    void bankedAccessToTheCurrentModeIsUndefined() {
        // mrs r3, sp_svc from SVC mode (UNPREDICTABLE; QEMU: UNDEFINED)
        A32Harness h = new A32Harness().code(0xe1033300).run();
        assertEquals(Mode.UND, h.cpu.mode());
        assertEquals(BASE + 4, h.r(14));
    }

    // ------------------------------------------------------------------ CPS / SETEND

    @Test
    void cpsChangesModeAndSwapsBankedSpLr() {
        // cps #0x1f; mov r0, sp; mov r1, lr
        A32Harness h = new A32Harness().code(0xf102001f, 0xe1a0000d, 0xe1a0100e).reg(13, 0x1000).reg(14, 0x1004);
        h.cpu.bankSp[USR_BANK] = 0x3000;
        h.cpu.bankLr[USR_BANK] = 0x3004;
        h.run();
        assertEquals(Mode.SYS, h.cpu.mode());
        assertEquals(0x3000, h.r(0));
        assertEquals(0x3004, h.r(1));
        assertEquals(0x1000, h.cpu.bankSp[SVC_BANK]);
        assertEquals(0x1004, h.cpu.bankLr[SVC_BANK]);
    }

    @Test
    void cpsieAndCpsidChangeTheMasks() {
        A32Harness h = new A32Harness().code(0xf1080080).run(); // cpsie i
        assertEquals(0x153, h.cpu.cpsr() & 0x1ff);
        A32Harness h2 = new A32Harness();
        h2.cpu.setCpsr(Mode.SVC);
        h2.code(0xf10c00c0).run(); // cpsid if
        assertEquals(0x0d3, h2.cpu.cpsr() & 0x1ff);
    }

    @Test
    void cpsHasNoEffectInUserMode() {
        // cpsid if; cps #0x13
        A32Harness h = user(new A32Harness()).code(0xf10c00c0, 0xf1020013).run();
        assertEquals(0x10, h.cpu.cpsr());
    }

    @Test
    void setendLeIsANopAndSetendBeIsUndefined() {
        A32Harness le = new A32Harness().code(0xf1010000, 0xe3a00001).run();
        assertEquals(1, le.r(0));
        assertEquals(Mode.SVC, le.cpu.mode());
        A32Harness be = new A32Harness().code(0xf1010200).run();
        assertEquals(Mode.UND, be.cpu.mode());
    }

    // ------------------------------------------------------------------ SRS / RFE / exception return

    @Test
    void srsThenRfeRoundTrip() {
        // srsdb sp!, #0x13; rfeia sp!; mov r7, #0x99 (x2, skipped); target: mov r5, sp
        A32Harness h = new A32Harness().code(0xf96d0513, 0xf8bd0a00, 0xe3a07099, 0xe3a07099, 0xe1a0500d)
                .reg(13, DATA + 0x100).reg(14, BASE + 0x10);
        h.cpu.setSpsr(0x200001df); // System mode, C set
        h.cpu.bankSp[USR_BANK] = 0x5555;
        h.run();
        assertEquals(BASE + 0x10, h.mem.read(DATA + 0xf8, 4));
        assertEquals(0x200001df, h.mem.read(DATA + 0xfc, 4));
        assertEquals(Mode.SYS, h.cpu.mode());
        assertEquals(0x5555, h.r(5));
        assertEquals(0, h.r(7));
        assertEquals(DATA + 0x100, h.cpu.bankSp[SVC_BANK], "RFE wrote back SP_svc before the mode change");
        assertEquals(0b0010, h.nzcv());
    }

    @Test
    void srsToAnotherModesStack() {
        // srsia sp!, #0x12: stores at SP_irq, SP_irq += 8
        A32Harness h = new A32Harness().code(0xf8ed0512).reg(14, 0xabcd).reg(13, 0x77);
        h.cpu.setSpsr(0x600001d0);
        h.cpu.bankSp[IRQ_BANK] = DATA + 0x200;
        h.run();
        assertEquals(0xabcd, h.mem.read(DATA + 0x200, 4));
        assertEquals(0x600001d0, h.mem.read(DATA + 0x204, 4));
        assertEquals(DATA + 0x208, h.cpu.bankSp[IRQ_BANK]);
        assertEquals(0x77, h.r(13));
    }

    @Test
    void srsFromSystemModeIsUndefined() {
        A32Harness h = new A32Harness();
        h.cpu.setCpsr(0x1df);
        h.code(0xf96d0513).run();
        assertEquals(Mode.UND, h.cpu.mode());
    }

    @Test
    void subsPcLrReturnsFromSvcToTheCaller() {
        // handler at VBAR + 8: mrs r1, cpsr; movs pc, lr. main (User): mov r0, #1; svc #5; add r0, r0, #1
        A32Harness h = user(new A32Harness()).code(0xe3a00001, 0xef000005, 0xe2800001);
        installVectors(h, DATA + 0x1000, 0xe10f1000, 0xe1b0f00e);
        h.run();
        assertEquals(2, h.r(0));
        assertEquals(Mode.SVC, h.r(1) & 0x1f);
        assertEquals(Mode.USR, h.cpu.mode());
        assertEquals(0x10, h.cpu.spsr[SVC_BANK]);
    }

    @Test
    void eretReturnsLikeSubsPcLrOutsideHyp() {
        A32Harness h = user(new A32Harness()).code(0xe3a00001, 0xef000005, 0xe2800001);
        installVectors(h, DATA + 0x1000, 0xe10f1000, 0xe160006e); // mrs r1, cpsr; eret
        h.run();
        assertEquals(2, h.r(0));
        assertEquals(Mode.USR, h.cpu.mode());
    }

    @Test
    void vbarWriteMovesTheSvcVector() {
        // mcr p15, 0, r0, c12, c0, 0 (VBAR); svc #1; handler at VBAR + 8: mov r7, #0x42
        A32Harness h = new A32Harness().code(0xee0c0f10, 0xef000001).reg(0, DATA + 0x1000);
        h.mem.write(DATA + 0x1008, 4, 0xe3a07042);
        h.mem.write(DATA + 0x100c, 4, STOP);
        h.run();
        assertEquals(0x42, h.r(7));
        assertEquals(BASE + 8, h.r(14));
        assertEquals(DATA + 0x1000, h.cpu.cp15.vbar);
    }

    @Test
    void hvcWithHceClearIsUndefined() {
        // QEMU 7.2 (vexpress-a15, Secure SVC, SCR = 0): HVC -> Undefined, LR = HVC + 4
        A32Harness h = new A32Harness().code(0xe1400070).run();
        assertEquals(Mode.UND, h.cpu.mode());
        assertEquals(BASE + 4, h.r(14));
    }

    @Test
    void hvcWithHceSetEntersHyp() {
        A32Harness h = new A32Harness().code(0xe1400070);
        h.cpu.cp15.scr = 0x100;
        h.cpu.cp15.hvbar = DATA + 0x2000;
        for (int off = 0; off < 0x20; off += 4) {
            h.mem.write(DATA + 0x2000 + off, 4, STOP);
        }
        h.run();
        assertEquals(Mode.HYP, h.cpu.mode());
        assertEquals(BASE + 4, h.cpu.elrHyp);
    }

    @Test
    void smcEntersMonitorMode() {
        A32Harness h = new A32Harness().code(0xe1600070);
        h.cpu.cp15.mvbar = DATA + 0x3000;
        h.mem.write(DATA + 0x3008, 4, STOP);
        h.run();
        assertEquals(Mode.MON, h.cpu.mode());
        assertEquals(BASE + 4, h.r(14));
    }

    // ------------------------------------------------------------------ hints and barriers

    @Test
    void wfiLeavesTheLoopWithPcAfterIt() {
        A32Harness h = new A32Harness().code(0xe3a00005, 0xe320f003);
        assertEquals(CpuExec.Stop.WFI, h.exec.run(1000));
        assertEquals(BASE + 8, h.cpu.r[15]);
        assertEquals(5, h.r(0));
    }

    @Test
    void wfeWithoutEventHaltsAndSevSetsTheEvent() {
        A32Harness h = new A32Harness().code(0xe320f002);
        assertEquals(CpuExec.Stop.WFE, h.exec.run(1000));
        assertEquals(BASE + 4, h.cpu.r[15]);
        // sev; wfe; mov r0, #1: the event set by SEV is consumed and execution goes on
        A32Harness h2 = new A32Harness().code(0xe320f004, 0xe320f002, 0xe3a00001).run();
        assertEquals(1, h2.r(0));
        assertFalse(h2.cpu.eventRegister);
    }

    @Test
    void isbEndsTheBlock() {
        // isb; mov r0, #1
        A32Harness h = new A32Harness().code(0xf57ff06f, 0xe3a00001).run();
        assertEquals(1, h.r(0));
        assertEquals(1, h.cache.get(BASE, 0).insnCount);
        assertNotNull(h.cache.get(BASE + 4, 0));
    }

    @Test
    void barriersAndNopsKeepTheBlockGoing() {
        // dmb ish; dsb sy; nop; yield is excluded (it leaves the loop); mov r0, #1
        A32Harness h = new A32Harness().code(0xf57ff05b, 0xf57ff04f, 0xe320f000, 0xe3a00001).run();
        assertEquals(1, h.r(0));
        assertEquals(5, h.cache.get(BASE, 0).insnCount); // the four plus the STOP
    }

    // ------------------------------------------------------------------ coprocessors

    @Test
    void idRegistersMatchTheBoard() {
        // mrc MIDR, MPIDR, CTR
        A32Harness h = new A32Harness().code(0xee100f10, 0xee101fb0, 0xee102f30).run();
        assertEquals(0x414fc0f0, h.r(0));
        assertEquals(0x80000000, h.r(1));
        assertEquals(0x8444c004, h.r(2));
    }

    @Test
    void tpidrurwRoundTripInUserMode() {
        // mcr p15, 0, r0, c13, c0, 2; mrc p15, 0, r1, c13, c0, 2
        A32Harness h = user(new A32Harness()).code(0xee0d0f50, 0xee1d1f50).reg(0, 0xcafe1234).run();
        assertEquals(0xcafe1234, h.r(1));
        assertEquals(0xcafe1234, h.cpu.cp15.tpidrurw);
        assertEquals(Mode.USR, h.cpu.mode());
    }

    @Test
    void unknownCp15RegisterIsUndefinedAndPrecise() {
        // mov r0, #0x77; mrc p15, 0, r0, c3, c3, 3
        A32Harness h = new A32Harness().code(0xe3a00077, 0xee130f73).run();
        assertEquals(Mode.UND, h.cpu.mode());
        assertEquals(BASE + 8, h.r(14));
        assertEquals(0x77, h.r(0));
    }

    @Test
    void sixtyFourBitCp15RoundTrip() {
        // mcrr p15, 0, r0, r1, c2 (TTBR0); mrrc p15, 0, r2, r3, c2
        A32Harness h = new A32Harness().code(0xec410f02, 0xec532f02).reg(0, 0x4000).reg(1, 0x12).run();
        assertEquals(0x4000, h.r(2));
        assertEquals(0x12, h.r(3));
    }

    @Test
    void debugIdAndMrcToApsr() {
        // mrc p14, 0, r0, c0, c0, 0 (DBGDIDR, QEMU: 0x3515f021); mrc p14, 0, APSR_nzcv, c0, c1, 0 (DSCRint = 0)
        A32Harness h = new A32Harness().code(0xee100e10, 0xee10fe11).flags(0b1111).run();
        assertEquals(0x3515f021, h.r(0));
        assertEquals(0, h.nzcv());
    }

    @Test
    void otherCoprocessorsAreUndefined() {
        // cdp p5, 0, c0, c0, c0, 0
        A32Harness h = new A32Harness().code(0xee000500).run();
        assertEquals(Mode.UND, h.cpu.mode());
    }

    /** Points VBAR at {@code base} and puts {@code handler} at the SVC vector. */
    private static void installVectors(A32Harness h, int base, int... handler) {
        h.cpu.cp15.vbar = base;
        for (int i = 0; i < handler.length; i++) {
            h.mem.write(base + 8 + 4 * i, 4, handler[i]);
        }
    }

    /** ThumbEE (ID_PFR0.State3 = 1): TEEHBR holds what was written (bits 1:0 RES0), TEECR resets to 0. */
    @Test
    void thumbEeRegistersReadBack() {
        A32Harness h = new A32Harness().code(0xeec12e10, 0xeed11e10, 0xeed03e10).reg(2, 0x12345677).reg(3, -1);
        h.run();
        assertEquals(0x12345674, h.r(1));
        assertEquals(0, h.r(3));
    }
}
