package io.mttcgj.codegen.arm.a32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.mttcgj.codegen.arm.state.Mode;
import io.mttcgj.codegen.testing.A32Harness;
import org.junit.jupiter.api.Test;

/**
 * Extra load/store instructions (ARM ARM A5.2.8, A8.8.80-A8.8.90, A8.8.208-A8.8.212) and the preload
 * hints. Encodings come from arm-none-eabi-as; expected values from the ARM ARM pseudocode, and the
 * alignment rules from A3.2.1 (Table A3-1: LDRH is an unaligned access with SCTLR.A = 0; LDRD/STRD
 * need word alignment whatever SCTLR.A says), which qemu-system-arm -M vexpress-a15 also follows
 * (an LDRD at a 2 mod 4 address takes a Data Abort there with SCTLR.A = 0).
 */
class LoadStoreExtraTest {
    private static final int DATA = A32Harness.DATA;

    private static A32Harness harness(int... code) {
        A32Harness h = new A32Harness().code(code);
        h.mem.write(DATA, 4, 0x87654321);
        h.mem.write(DATA + 4, 4, 0xfedcba98);
        return h;
    }

    private static int word(A32Harness h, int addr) {
        return h.mem.read(addr, 4);
    }

    @Test
    void ldrhImmediateOffsetPreAndPostIndexed() {
        // ldrh r0, [r1, #-2] ; ldrh r4, [r2, #2]! ; ldrh r5, [r3], #-4
        A32Harness h = harness(0xe15100b2, 0xe1f240b2, 0xe05350b4)
                .reg(1, DATA + 4).reg(2, DATA + 4).reg(3, DATA + 4).run();
        assertEquals(0x8765, h.r(0));
        assertEquals(DATA + 4, h.r(1));
        assertEquals(0xfedc, h.r(4));
        assertEquals(DATA + 6, h.r(2));
        assertEquals(0xba98, h.r(5));
        assertEquals(DATA, h.r(3));
    }

    @Test
    void ldrhRegisterOffsetPreAndPostIndexed() {
        // ldrh r0, [r1, r2] ; ldrh r4, [r6, -r2]! ; ldrh r5, [r7], r2
        A32Harness h = harness(0xe19100b2, 0xe13640b2, 0xe09750b2)
                .reg(1, DATA).reg(2, 2).reg(6, DATA + 4).reg(7, DATA + 4).run();
        assertEquals(0x8765, h.r(0));
        assertEquals(0x8765, h.r(4));
        assertEquals(DATA + 2, h.r(6));
        assertEquals(0xba98, h.r(5));
        assertEquals(DATA + 6, h.r(7));
    }

    @Test
    void ldrsbAndLdrshSignExtend() {
        // ldrsb r0, [r1] ; ldrsb r2, [r1, #2] ; ldrsh r3, [r1] ; ldrsh r4, [r1, #2] ; ldrsh r6, [r7, -r8]
        // ; ldrsb r5, [r1, #1]!
        A32Harness h = harness(0xe1d100d0, 0xe1d120d2, 0xe1d130f0, 0xe1d140f2, 0xe11760f8, 0xe1f150d1)
                .reg(1, DATA).reg(7, DATA + 4).reg(8, 2);
        h.mem.write(DATA, 4, 0x807f80ff);
        h.run();
        assertEquals(0xffffffff, h.r(0));
        assertEquals(0x7f, h.r(2));
        assertEquals(0xffff80ff, h.r(3));
        assertEquals(0xffff807f, h.r(4));
        assertEquals(0xffff807f, h.r(6));
        assertEquals(0xffffff80, h.r(5));
        assertEquals(DATA + 1, h.r(1));
    }

    @Test
    void strhStoresLowHalfwordWithWriteback() {
        // strh r0, [r1, #2] ; strh r0, [r2, r3]! ; strh r0, [r4], #-2
        A32Harness h = harness(0xe1c100b2, 0xe1a200b3, 0xe04400b2)
                .reg(0, 0x12345678).reg(1, DATA).reg(2, DATA + 4).reg(3, 2).reg(4, DATA + 8);
        h.mem.write(DATA + 8, 4, 0xcccccccc);
        h.run();
        assertEquals(0x56784321, word(h, DATA));
        assertEquals(0x5678ba98, word(h, DATA + 4));
        assertEquals(DATA + 6, h.r(2));
        assertEquals(0xcccc5678, word(h, DATA + 8));
        assertEquals(DATA + 6, h.r(4));
        assertEquals(DATA, h.r(1));
    }

    @Test
    void ldrdFormsLoadTwoWordsWithWriteback() {
        // ldrd r4, r5, [r1, #8] ; ldrd r6, r7, [r2, #-8]! ; ldrd r8, r9, [r3], r10
        A32Harness h = harness(0xe1c140d8, 0xe16260d8, 0xe08380da)
                .reg(1, DATA).reg(2, DATA + 8).reg(3, DATA + 4).reg(10, 8);
        for (int i = 0; i < 4; i++) {
            h.mem.write(DATA + 4 * i, 4, 0x11111111 * (i + 1));
        }
        h.run();
        assertEquals(0x33333333, h.r(4));
        assertEquals(0x44444444, h.r(5));
        assertEquals(DATA, h.r(1));
        assertEquals(0x11111111, h.r(6));
        assertEquals(0x22222222, h.r(7));
        assertEquals(DATA, h.r(2));
        // word-aligned but not doubleword-aligned is fine (the two accesses are word accesses)
        assertEquals(0x22222222, h.r(8));
        assertEquals(0x33333333, h.r(9));
        assertEquals(DATA + 12, h.r(3));
    }

    @Test
    void strdFormsStoreTwoWordsWithWriteback() {
        // strd r4, r5, [r1, #8] ; strd r6, r7, [r2, -r3]! ; strd r8, r9, [r10], #16
        A32Harness h = harness(0xe1c140f8, 0xe12260f3, 0xe0ca81f0)
                .reg(4, 0x44).reg(5, 0x55).reg(6, 0x66).reg(7, 0x77).reg(8, 0x88).reg(9, 0x99)
                .reg(1, DATA).reg(2, DATA + 0x24).reg(3, 4).reg(10, DATA + 0x40).run();
        assertEquals(0x44, word(h, DATA + 8));
        assertEquals(0x55, word(h, DATA + 12));
        assertEquals(DATA, h.r(1));
        assertEquals(0x66, word(h, DATA + 0x20));
        assertEquals(0x77, word(h, DATA + 0x24));
        assertEquals(DATA + 0x20, h.r(2));
        assertEquals(0x88, word(h, DATA + 0x40));
        assertEquals(0x99, word(h, DATA + 0x44));
        assertEquals(DATA + 0x50, h.r(10));
    }

    @Test
    void unprivilegedFormsArePostIndexed() {
        // ldrht r0, [r1], #2 ; strht r0, [r2], #2 ; ldrsbt r3, [r4], #1 ; ldrsht r5, [r6], #-2
        A32Harness h = harness(0xe0f100b2, 0xe0e200b2, 0xe0f430d1, 0xe07650f2)
                .reg(1, DATA + 2).reg(2, DATA + 8).reg(4, DATA + 7).reg(6, DATA + 6).run();
        assertEquals(0x8765, h.r(0));
        assertEquals(DATA + 4, h.r(1));
        assertEquals(0x8765, word(h, DATA + 8));
        assertEquals(DATA + 10, h.r(2));
        assertEquals(0xfffffffe, h.r(3));
        assertEquals(DATA + 8, h.r(4));
        assertEquals(0xfffffedc, h.r(5));
        assertEquals(DATA + 4, h.r(6));
    }

    @Test
    void ldrhLiteralReadsRelativeToPcPlus8() {
        // ldrh r0, [pc, #-4] at BASE reads the halfword at BASE + 4: the low half of the STOP word
        A32Harness h = harness(0xe15f00b4).run();
        assertEquals(A32Harness.STOP & 0xffff, h.r(0));
    }

    @Test
    void ldrhUnalignedWorksWithAlignmentCheckOff() {
        // ldrh r0, [r1] at an odd address, SCTLR.A = 0: bytes 2 and 3 of the little-endian word
        A32Harness h = harness(0xe1d100b0).reg(1, DATA + 1).run();
        assertEquals(0x6543, h.r(0));
        assertEquals(Mode.SVC, h.cpu.mode());
    }

    @Test
    void ldrhUnalignedAbortsWithAlignmentCheckOn() {
        A32Harness h = harness(0xe1d100b0).reg(0, 7).reg(1, DATA + 1);
        h.cpu.cp15.sctlr |= 2;
        h.run();
        assertEquals(Mode.ABT, h.cpu.mode());
        assertEquals(A32Harness.BASE + 8, h.r(14));
        assertEquals(DATA + 1, h.cpu.cp15.dfar);
        assertEquals(1, h.cpu.cp15.dfsr & 0x40f); // alignment fault
        assertEquals(7, h.r(0));
    }

    @Test
    void ldrdNeedsWordAlignmentEvenWithAlignmentCheckOff() {
        // ldrd r4, r5, [r1] with r1 = DATA + 2 and SCTLR.A = 0: alignment fault, r4/r5 untouched
        A32Harness h = harness(0xe1c140d0).reg(1, DATA + 2).reg(4, 4).reg(5, 5);
        assertEquals(0, h.cpu.cp15.sctlr & 2);
        h.run();
        assertEquals(Mode.ABT, h.cpu.mode());
        assertEquals(DATA + 2, h.cpu.cp15.dfar);
        assertEquals(1, h.cpu.cp15.dfsr & 0x40f);
        assertEquals(0, h.cpu.cp15.dfsr & (1 << 11)); // a read
        assertEquals(4, h.r(4));
        assertEquals(5, h.r(5));
    }

    @Test
    void strdNeedsWordAlignmentEvenWithAlignmentCheckOff() {
        // strd r4, r5, [r1] with r1 = DATA + 2: alignment fault (WnR set), memory untouched
        A32Harness h = harness(0xe1c140f0).reg(1, DATA + 2).reg(4, 4).reg(5, 5).run();
        assertEquals(Mode.ABT, h.cpu.mode());
        assertEquals(DATA + 2, h.cpu.cp15.dfar);
        assertNotEquals(0, h.cpu.cp15.dfsr & (1 << 11));
        assertEquals(0x87654321, word(h, DATA));
        assertEquals(0xfedcba98, word(h, DATA + 4));
    }

    @Test
    void ldrdWithOddRtIsUndefined() {
        // ldrd r5, r6, [r1]: Rt odd (A8.8.72: UNPREDICTABLE); QEMU, and we, take the Undefined exception
        A32Harness h = harness(0xe1c150d0).reg(1, DATA).run();
        assertEquals(Mode.UND, h.cpu.mode());
    }

    @Test
    void preloadHintsAreNoOps() {
        // pld [r1, #4] ; pldw [r1, #-4] ; pli [r1, r2] ; pld [r1, r2, lsl #2] ; pli [pc, #8] ; mov r0, #1
        A32Harness h = harness(0xf5d1f004, 0xf511f004, 0xf6d1f002, 0xf7d1f102, 0xf4dff008, 0xe3a00001)
                .reg(1, DATA).reg(2, 3).run();
        assertEquals(1, h.r(0));
        assertEquals(DATA, h.r(1));
        assertEquals(Mode.SVC, h.cpu.mode());
    }
}
