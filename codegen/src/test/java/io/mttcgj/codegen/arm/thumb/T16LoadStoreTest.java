package io.mttcgj.codegen.arm.thumb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.codegen.arm.state.Mode;
import io.mttcgj.codegen.testing.A32Harness;
import org.junit.jupiter.api.Test;

/** T16 loads and stores; encodings from arm-none-eabi-as, expected values from the ARM ARM pseudocode. */
class T16LoadStoreTest {
    private static final int BASE = A32Harness.BASE;
    private static final int DATA = A32Harness.DATA;
    /** ARM code: mov r3, #9 */
    private static final int ARM_MOV_R3_9 = 0xe3a03009;

    private static A32Harness t(int... insns) {
        return new A32Harness().thumb(insns);
    }

    private static int word(A32Harness h, int addr) {
        return h.mem.read(addr, 4);
    }

    @Test
    void ldrLiteralUsesAlignedPc() {
        // ldr r0, [pc, #8] at BASE: BASE + 4 + 8; ldr r1, [pc, #8] at BASE + 2: Align(BASE + 6, 4) + 8: same word
        A32Harness h = t(0x4802, 0x4902);
        h.mem.write(BASE + 12, 4, 0xdeadbeef);
        h.mem.write(BASE + 14, 2, 0x1111); // what an unaligned PC would also read
        h.run();
        assertEquals(h.mem.read(BASE + 12, 4), h.r(0));
        assertEquals(h.r(0), h.r(1));
        assertEquals(0x1111beef, h.r(0));
    }

    @Test
    void registerOffsetStores() {
        // str r0, [r1, r2] / strh / strb, one program each, checked in memory
        A32Harness h = t(0x5088).reg(0, 0x11223344).reg(1, DATA).reg(2, 8).run();
        assertEquals(0x11223344, word(h, DATA + 8));
        h = t(0x5288).reg(0, 0x11223344).reg(1, DATA).reg(2, 8).run(); // strh: low halfword only
        assertEquals(0x3344, word(h, DATA + 8));
        h = t(0x5488).reg(0, 0x11223344).reg(1, DATA).reg(2, 9).run(); // strb at DATA + 9
        assertEquals(0x4400, word(h, DATA + 8));
    }

    @Test
    void registerOffsetLoadsExtendCorrectly() {
        // ldrsb r3; ldrsh r4; ldrh r5; ldrb r6; ldr r7, all [r1, r2]
        A32Harness h = t(0x568b, 0x5e8c, 0x5a8d, 0x5c8e, 0x588f).reg(1, DATA).reg(2, 4);
        h.mem.write(DATA + 4, 4, 0x12348685);
        h.run();
        assertEquals(0xffffff85, h.r(3));
        assertEquals(0xffff8685, h.r(4));
        assertEquals(0x8685, h.r(5));
        assertEquals(0x85, h.r(6));
        assertEquals(0x12348685, h.r(7));
    }

    @Test
    void immediateOffsetsAreScaled() {
        // str r0, [r1, #4]: word offsets are imm5 * 4, halfword imm5 * 2, byte imm5
        A32Harness h = t(0x6048).reg(0, 0xaabbccdd).reg(1, DATA).run();
        assertEquals(0xaabbccdd, word(h, DATA + 4));
        h = t(0x7148).reg(0, 0xaabbccdd).reg(1, DATA).run(); // strb r0, [r1, #5]
        assertEquals(0x0000dd00, word(h, DATA + 4));
        h = t(0x80c8).reg(0, 0xaabbccdd).reg(1, DATA).run(); // strh r0, [r1, #6]
        assertEquals(0xccdd0000, word(h, DATA + 4));
        // str r0, [r1, #124]; ldr r2, [r1, #124] (the largest word offset)
        h = t(0x67c8, 0x6fca).reg(0, 0x5a5a).reg(1, DATA).run();
        assertEquals(0x5a5a, word(h, DATA + 124));
        assertEquals(0x5a5a, h.r(2));
        // ldr r0, [r1, #4]; ldrb r0, [r1, #5]; ldrh r0, [r1, #6]
        h = t(0x6848).reg(1, DATA);
        h.mem.write(DATA + 4, 4, 0x87654321);
        h.run();
        assertEquals(0x87654321, h.r(0));
        h = t(0x7948).reg(1, DATA);
        h.mem.write(DATA + 4, 4, 0x87654321);
        h.run();
        assertEquals(0x43, h.r(0));
        h = t(0x88c8).reg(1, DATA);
        h.mem.write(DATA + 4, 4, 0x87654321);
        h.run();
        assertEquals(0x8765, h.r(0));
    }

    @Test
    void spRelativeLoadStore() {
        // str r0, [sp, #8]; ldr r3, [sp, #8]
        A32Harness h = t(0x9002, 0x9b02).reg(0, 0x1234).reg(13, DATA + 0x100).run();
        assertEquals(0x1234, word(h, DATA + 0x108));
        assertEquals(0x1234, h.r(3));
        assertEquals(DATA + 0x100, h.r(13));
    }

    @Test
    void pushStoresLowestRegisterLowest() {
        // push {r0, r1, lr}
        A32Harness h = t(0xb503).reg(0, 1).reg(1, 2).reg(14, 3).reg(13, DATA + 0x100).run();
        assertEquals(DATA + 0xf4, h.r(13));
        assertEquals(1, word(h, DATA + 0xf4));
        assertEquals(2, word(h, DATA + 0xf8));
        assertEquals(3, word(h, DATA + 0xfc));
    }

    @Test
    void pushAndPopLongListsRoundTrip() {
        // push {r0-r7, lr}; movs r0..: clobber; pop {r0-r7}
        A32Harness h = t(0xb5ff, 0x2000, 0x2100, 0x2700, 0xbcff).reg(13, DATA + 0x100);
        for (int i = 0; i < 8; i++) {
            h.reg(i, 100 + i);
        }
        h.reg(14, 0x77);
        h.run();
        for (int i = 0; i < 8; i++) {
            assertEquals(100 + i, h.r(i));
        }
        assertEquals(0x77, word(h, DATA + 0x100 - 4)); // LR went highest
        assertEquals(DATA + 0x100 - 4, h.r(13)); // 9 pushed, 8 popped
    }

    @Test
    void popPcToThumbAddress() {
        // pop {r0, r1, pc} with the PC word = (BASE + 0x101): Thumb at BASE + 0x100: movs r3, #9
        A32Harness h = t(0xbd03).reg(13, DATA);
        h.mem.write(DATA, 4, 0x11);
        h.mem.write(DATA + 4, 4, 0x22);
        h.mem.write(DATA + 8, 4, BASE + 0x101);
        h.mem.write(BASE + 0x100, 2, 0x2309);
        h.mem.write(BASE + 0x102, 2, A32Harness.THUMB_STOP);
        h.run();
        assertEquals(0x11, h.r(0));
        assertEquals(0x22, h.r(1));
        assertEquals(9, h.r(3));
        assertEquals(DATA + 12, h.r(13));
        assertTrue(h.cpu.thumb());
    }

    @Test
    void popPcToArmAddressLeavesThumb() {
        // pop {pc} with an even address: LoadWritePC interworks to ARM (mov r3, #9; ARM stop)
        A32Harness h = t(0xbd00).reg(13, DATA);
        h.mem.write(DATA, 4, BASE + 0x100);
        h.mem.write(BASE + 0x100, 4, ARM_MOV_R3_9);
        h.mem.write(BASE + 0x104, 4, A32Harness.STOP);
        h.run();
        assertEquals(9, h.r(3));
        assertFalse(h.cpu.thumb());
        assertEquals(DATA + 4, h.r(13));
    }

    @Test
    void popFromMisalignedSpAbortsWithRegistersUnchanged() {
        // movs r4, #7; pop {r0, r1}: SP = DATA + 2 -> alignment fault; SP and r0/r1 untouched, LR = address + 8
        A32Harness h = t(0x2407, 0xbc03).reg(13, DATA + 2).reg(0, 5).reg(1, 6).run();
        assertEquals(Mode.ABT, h.cpu.mode());
        assertEquals(BASE + 2 + 8, h.r(14));
        assertEquals(DATA + 2, h.cpu.cp15.dfar);
        assertEquals(5, h.r(0));
        assertEquals(6, h.r(1));
        assertEquals(7, h.r(4));
        h.cpu.switchMode(Mode.SVC);
        assertEquals(DATA + 2, h.r(13));
    }

    @Test
    void stmWritesBack() {
        // stmia r0!, {r1, r2}
        A32Harness h = t(0xc006).reg(0, DATA).reg(1, 0xa).reg(2, 0xb).run();
        assertEquals(0xa, word(h, DATA));
        assertEquals(0xb, word(h, DATA + 4));
        assertEquals(DATA + 8, h.r(0));
        // stmia r1!, {r0, r2-r7}: 7 registers (the MultiOps path)
        h = t(0xc1fd).reg(1, DATA);
        for (int i = 0; i < 8; i++) {
            if (i != 1) {
                h.reg(i, 0x100 + i);
            }
        }
        h.run();
        assertEquals(DATA + 28, h.r(1));
        assertEquals(0x100, word(h, DATA));
        assertEquals(0x107, word(h, DATA + 24));
    }

    @Test
    void ldmWritesBackOnlyWithoutBaseInList() {
        // ldmia r0!, {r1, r2}
        A32Harness h = t(0xc806).reg(0, DATA);
        h.mem.write(DATA, 4, 0x31);
        h.mem.write(DATA + 4, 4, 0x32);
        h.run();
        assertEquals(0x31, h.r(1));
        assertEquals(0x32, h.r(2));
        assertEquals(DATA + 8, h.r(0));
        // ldmia r0, {r0, r1}: r0 is in the list, no writeback: r0 = the loaded word
        h = t(0xc803).reg(0, DATA);
        h.mem.write(DATA, 4, 0x41);
        h.mem.write(DATA + 4, 4, 0x42);
        h.run();
        assertEquals(0x41, h.r(0));
        assertEquals(0x42, h.r(1));
        // ldmia r1, {r0-r7}: long list, base in list
        h = t(0xc9ff).reg(1, DATA);
        for (int i = 0; i < 8; i++) {
            h.mem.write(DATA + 4 * i, 4, 0x50 + i);
        }
        h.run();
        for (int i = 0; i < 8; i++) {
            assertEquals(0x50 + i, h.r(i));
        }
    }

    @Test
    void emptyRegisterListIsUndefined() {
        // ldmia r0!, {} (0xc800): UNPREDICTABLE; Undefined as on QEMU; LR = address + 2
        A32Harness h = t(0xc800).reg(0, DATA).run();
        assertEquals(Mode.UND, h.cpu.mode());
        assertEquals(BASE + 2, h.r(14));
    }
}
