package io.mttcgj.codegen.arm.a32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.arm.state.GuestException;
import io.mttcgj.codegen.arm.state.Mode;
import io.mttcgj.codegen.testing.A32Harness;
import io.mttcgj.platform.MmioDevice;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LDM/STM, PUSH/POP, the user-bank and exception-return forms (ARM ARM A8.8.58-A8.8.62,
 * A8.8.199-A8.8.202, B9.3.5, B9.3.6, B9.3.17). Encodings come from arm-none-eabi-as; expected values
 * from the pseudocode: registers go lowest-numbered to the lowest address; IA starts at Rn, IB at
 * Rn + 4, DA at Rn - 4n + 4, DB at Rn - 4n; writeback adds or subtracts 4n.
 */
class LoadStoreMultipleTest {
    private static final int DATA = A32Harness.DATA;
    private static final int MID = DATA + 0x40;
    /** An MMIO window outside RAM for the fault-in-the-middle tests. */
    private static final int DEV = 0x1c0f0000;

    private static int word(A32Harness h, int addr) {
        return h.mem.read(addr, 4);
    }

    @Test
    void stmInAllFourModesWithWriteback() {
        // stmia r0!, {r1-r3} ; stmib ... ; stmda ... ; stmdb ...
        int[] insns = {0xe8a0000e, 0xe9a0000e, 0xe820000e, 0xe920000e};
        int[] lowest = {MID, MID + 4, MID - 8, MID - 12};
        int[] after = {MID + 12, MID + 12, MID - 12, MID - 12};
        for (int m = 0; m < 4; m++) {
            A32Harness h = new A32Harness().code(insns[m]).reg(0, MID).reg(1, 0x11).reg(2, 0x22).reg(3, 0x33).run();
            assertEquals(0x11, word(h, lowest[m]), "mode " + m);
            assertEquals(0x22, word(h, lowest[m] + 4), "mode " + m);
            assertEquals(0x33, word(h, lowest[m] + 8), "mode " + m);
            assertEquals(0, word(h, lowest[m] - 4), "mode " + m);
            assertEquals(0, word(h, lowest[m] + 12), "mode " + m);
            assertEquals(after[m], h.r(0), "mode " + m);
        }
    }

    @Test
    void stmWithoutWritebackKeepsBase() {
        // stmia r0, {r1-r3}
        A32Harness h = new A32Harness().code(0xe880000e).reg(0, MID).reg(1, 1).reg(2, 2).reg(3, 3).run();
        assertEquals(3, word(h, MID + 8));
        assertEquals(MID, h.r(0));
    }

    private static A32Harness withPattern(int... code) {
        A32Harness h = new A32Harness().code(code);
        for (int off = -64; off < 64; off += 4) {
            h.mem.write(MID + off, 4, 0x5000 + off);
        }
        return h;
    }

    @Test
    void ldmInAllFourModesWithWriteback() {
        // ldmia r0!, {r1-r3} ; ldmib ... ; ldmda ... ; ldmdb ...
        int[] insns = {0xe8b0000e, 0xe9b0000e, 0xe830000e, 0xe930000e};
        int[] lowest = {0, 4, -8, -12};
        int[] after = {MID + 12, MID + 12, MID - 12, MID - 12};
        for (int m = 0; m < 4; m++) {
            A32Harness h = withPattern(insns[m]).reg(0, MID).run();
            assertEquals(0x5000 + lowest[m], h.r(1), "mode " + m);
            assertEquals(0x5000 + lowest[m] + 4, h.r(2), "mode " + m);
            assertEquals(0x5000 + lowest[m] + 8, h.r(3), "mode " + m);
            assertEquals(after[m], h.r(0), "mode " + m);
        }
    }

    @Test
    void ldmWithoutWritebackShortAndLongLists() {
        // ldmib r0, {r1-r3} ; ldmdb r9, {r1-r8}
        A32Harness h = withPattern(0xe990000e).reg(0, MID).run();
        assertEquals(0x5004, h.r(1));
        assertEquals(0x500c, h.r(3));
        assertEquals(MID, h.r(0));
        h = withPattern(0xe91901fe).reg(9, MID).run();
        for (int i = 1; i <= 8; i++) {
            assertEquals(0x5000 - 32 + 4 * (i - 1), h.r(i), "r" + i);
        }
        assertEquals(MID, h.r(9));
    }

    @Test
    void pushAndPopLongLists() {
        // push {r1-r12, lr} ; pop {r0-r12}
        A32Harness h = new A32Harness().code(0xe92d5ffe, 0xe8bd1fff).reg(13, MID);
        for (int i = 1; i <= 12; i++) {
            h.reg(i, 0x100 + i);
        }
        h.reg(14, 0xeeee).run();
        for (int i = 1; i <= 12; i++) {
            assertEquals(0x100 + i, word(h, MID - 52 + 4 * (i - 1)), "pushed r" + i);
        }
        assertEquals(0xeeee, word(h, MID - 4));
        for (int i = 0; i < 12; i++) {
            assertEquals(0x100 + i + 1, h.r(i), "popped r" + i);
        }
        assertEquals(0xeeee, h.r(12));
        assertEquals(MID, h.r(13));
    }

    @Test
    void ldmWithPcBranches() {
        // ldm r0, {r1, pc} ; mov r5, #1 (skipped) ; mov r6, #2 (the target)
        A32Harness h = new A32Harness().code(0xe8908002, 0xe3a05001, 0xe3a06002).reg(0, DATA);
        h.mem.write(DATA, 4, 0x77);
        h.mem.write(DATA + 4, 4, A32Harness.BASE + 8);
        h.run();
        assertEquals(0x77, h.r(1));
        assertEquals(0, h.r(5));
        assertEquals(2, h.r(6));
        assertFalse(h.cpu.thumb());
    }

    @Test
    void ldmWithPcAndWritebackLongList() {
        // ldm r0!, {r1-r7, pc} ; mov r8, #1 (skipped) ; mov r9, #2 (the target)
        A32Harness h = new A32Harness().code(0xe8b080fe, 0xe3a08001, 0xe3a09002).reg(0, DATA);
        for (int i = 0; i < 7; i++) {
            h.mem.write(DATA + 4 * i, 4, 0x70 + i);
        }
        h.mem.write(DATA + 28, 4, A32Harness.BASE + 8);
        h.run();
        for (int i = 1; i <= 7; i++) {
            assertEquals(0x70 + i - 1, h.r(i));
        }
        assertEquals(DATA + 32, h.r(0));
        assertEquals(0, h.r(8));
        assertEquals(2, h.r(9));
    }

    @Test
    void ldmWithPcInterworksToThumb() {
        // ldm r0, {r1, pc} loading an odd address: BXWritePC sets CPSR.T and clears bit 0
        A32Harness h = new A32Harness().code(0xe8908002).reg(0, DATA);
        h.mem.write(DATA, 4, 0x77);
        h.mem.write(DATA + 4, 4, (DATA + 0x201));
        h.exec.run(1); // one block: the LDM ends it
        assertEquals(0x77, h.r(1));
        assertEquals(DATA + 0x200, h.r(15));
        assertTrue((h.cpu.cpsrCtl & CpuState.CPSR_T) != 0);
    }

    @Test
    void stmStoresPcPlus8() {
        // stm r0, {r1, pc} at BASE
        A32Harness h = new A32Harness().code(0xe8808002).reg(0, DATA).reg(1, 9).run();
        assertEquals(9, word(h, DATA));
        assertEquals(A32Harness.BASE + 8, word(h, DATA + 4));
    }

    @Test
    void stmWithBaseLowestInListStoresOriginalBase() {
        // stmia r1!, {r1, r2} ; and the long-list form stmia r1!, {r1-r8}
        A32Harness h = new A32Harness().code(0xe8a10006).reg(1, DATA).reg(2, 0x22).run();
        assertEquals(DATA, word(h, DATA));
        assertEquals(0x22, word(h, DATA + 4));
        assertEquals(DATA + 8, h.r(1));
        h = new A32Harness().code(0xe8a101fe).reg(1, DATA);
        for (int i = 2; i <= 8; i++) {
            h.reg(i, 0x20 * i);
        }
        h.run();
        assertEquals(DATA, word(h, DATA));
        assertEquals(0x100, word(h, DATA + 28));
        assertEquals(DATA + 32, h.r(1));
    }

    @Test
    void ldmUserBankFromSvcMode() {
        // ldm r0, {r12, sp, lr}^ ; add r2, r12, #1 (the block must see the new r12)
        A32Harness h = new A32Harness().code(0xe8d07000, 0xe28c2001).reg(0, DATA).reg(13, 0xaaaa0000)
                .reg(14, 0xaaaa1111);
        assertEquals(Mode.SVC, h.cpu.mode());
        h.cpu.setBankedReg(Mode.USR, 13, 0x55550000);
        h.cpu.setBankedReg(Mode.USR, 14, 0x55551111);
        h.mem.write(DATA, 4, 0xc12);
        h.mem.write(DATA + 4, 4, 0xc13);
        h.mem.write(DATA + 8, 4, 0xc14);
        h.run();
        assertEquals(0xc12, h.r(12));
        assertEquals(0xc13, h.cpu.bankedReg(Mode.USR, 13));
        assertEquals(0xc14, h.cpu.bankedReg(Mode.USR, 14));
        assertEquals(0xaaaa0000, h.r(13));
        assertEquals(0xaaaa1111, h.r(14));
        assertEquals(0xc13, h.r(2));
        assertEquals(DATA, h.r(0));
        assertEquals(Mode.SVC, h.cpu.mode());
    }

    @Test
    void stmUserBankFromFiqModeStoresUserR8SpLr() {
        // add r3, r8, #1 ; stmia r0!, {r8, sp, lr}^ in FIQ mode: r8 is banked, the user one is stored.
        // W = 1 here is UNPREDICTABLE; qemu-system-arm writes the base back, and so do we.
        A32Harness h = new A32Harness().code(0xe2883001, 0xe8e06100);
        h.cpu.switchMode(Mode.FIQ);
        h.reg(0, DATA).reg(8, 0xf8).reg(13, 0xf13).reg(14, 0xf14);
        h.cpu.setBankedReg(Mode.USR, 8, 0x08);
        h.cpu.setBankedReg(Mode.USR, 13, 0x13);
        h.cpu.setBankedReg(Mode.USR, 14, 0x14);
        h.run();
        assertEquals(0x08, word(h, DATA));
        assertEquals(0x13, word(h, DATA + 4));
        assertEquals(0x14, word(h, DATA + 8));
        assertEquals(0xf9, h.r(3));
        assertEquals(0xf8, h.r(8));
        assertEquals(DATA + 12, h.r(0));
        assertEquals(Mode.FIQ, h.cpu.mode());
    }

    @Test
    void exceptionReturnLdmRestoresCpsrFromSpsr() {
        // ldm r0!, {r1, pc}^ ; mov r5, #1 (skipped) ; STOP ; mov r5, #9 (the target, in User mode)
        A32Harness h = new A32Harness().code(0xe8f08002, 0xe3a05001, A32Harness.STOP, 0xe3a05009)
                .reg(0, DATA).reg(13, 0xaaaa0000);
        h.cpu.setSpsr(0x60000000 | Mode.USR); // Z and C set, User mode, ARM state
        h.cpu.setBankedReg(Mode.USR, 13, 0x1234);
        h.mem.write(DATA, 4, 0x77);
        h.mem.write(DATA + 4, 4, A32Harness.BASE + 12);
        h.run();
        assertEquals(Mode.USR, h.cpu.mode());
        assertEquals(0b0110, h.nzcv());
        assertEquals(9, h.r(5));
        assertEquals(0x77, h.r(1));
        assertEquals(DATA + 8, h.r(0));
        assertEquals(0x1234, h.r(13));
        assertEquals(0xaaaa0000, h.cpu.bankedReg(Mode.SVC, 13));
    }

    /** A device whose word at offset {@code faultAt} aborts; records the offsets accessed. */
    private static final class FaultingDevice implements MmioDevice {
        final int faultAt;
        final List<Integer> accessed = new ArrayList<>();

        FaultingDevice(int faultAt) {
            this.faultAt = faultAt;
        }

        @Override
        public int read(int offset, int size) {
            check(offset);
            return 0xd000 + offset;
        }

        @Override
        public void write(int offset, int size, int value) {
            check(offset);
        }

        private void check(int offset) {
            accessed.add(offset);
            if (offset == faultAt) {
                throw GuestException.dataAbort(0x8, DEV + offset, "test external abort");
            }
        }
    }

    @Test
    void dataAbortInTheMiddleOfLdmLeavesRegistersUntouched() {
        // ldm r0!, {r1-r4} (inline) and ldm r0!, {r1-r8} (runtime loop), third word aborts
        for (int insn : new int[] {0xe8b0001e, 0xe8b001fe}) {
            A32Harness h = new A32Harness().code(insn).reg(0, DEV);
            FaultingDevice dev = new FaultingDevice(8);
            h.mem.mapMmio("faulty", DEV, 0x1000, dev);
            for (int i = 1; i <= 8; i++) {
                h.reg(i, i);
            }
            h.run();
            assertEquals(List.of(0, 4, 8), dev.accessed);
            assertEquals(Mode.ABT, h.cpu.mode());
            assertEquals(DEV + 8, h.cpu.cp15.dfar);
            assertEquals(A32Harness.BASE + 8, h.r(14));
            assertEquals(DEV, h.r(0));
            for (int i = 1; i <= 8; i++) {
                assertEquals(i, h.r(i), "r" + i);
            }
        }
    }

    @Test
    void dataAbortInTheMiddleOfStmKeepsBase() {
        // stmdb r0!, {r1-r8}: the sixth word aborts; no writeback
        A32Harness h = new A32Harness().code(0xe92001fe).reg(0, DEV + 0x100);
        FaultingDevice dev = new FaultingDevice(0x100 - 32 + 20);
        h.mem.mapMmio("faulty", DEV, 0x1000, dev);
        h.run();
        assertEquals(6, dev.accessed.size());
        assertEquals(Mode.ABT, h.cpu.mode());
        assertEquals(DEV + 0x100, h.r(0));
    }

    @Test
    void ldmUnalignedBaseFaultsEvenWithAlignmentCheckOff() {
        // ldm r0!, {r1-r4} with r0 = DATA + 2 (A3.2.1: LDM needs word alignment)
        A32Harness h = new A32Harness().code(0xe8b0001e).reg(0, DATA + 2).reg(1, 1).reg(4, 4).run();
        assertEquals(Mode.ABT, h.cpu.mode());
        assertEquals(DATA + 2, h.cpu.cp15.dfar);
        assertEquals(1, h.cpu.cp15.dfsr & 0x40f);
        assertEquals(DATA + 2, h.r(0));
        assertEquals(1, h.r(1));
        assertEquals(4, h.r(4));
    }

    @Test
    void unpredictableFormsAreUndefinedAsOnQemu() {
        // ldm r1, {} ; ldm pc, {r0, r1} ; ldm r1!, {r1, r2} ; ldm r1!, {r2, r3}^ : all UNPREDICTABLE in
        // ARMv7, and each takes the Undefined exception on qemu-system-arm -M vexpress-a15
        for (int insn : new int[] {0xe8910000, 0xe89f0003, 0xe8b10006, 0xe8f1000c}) {
            A32Harness h = new A32Harness().code(insn).run();
            assertEquals(Mode.UND, h.cpu.mode());
        }
    }
}
