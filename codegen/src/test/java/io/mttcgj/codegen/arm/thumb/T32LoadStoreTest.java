package io.mttcgj.codegen.arm.thumb;

import static io.mttcgj.codegen.testing.A32Harness.BASE;
import static io.mttcgj.codegen.testing.A32Harness.DATA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.mttcgj.codegen.arm.state.GuestException;
import io.mttcgj.codegen.arm.state.Mode;
import io.mttcgj.codegen.testing.A32Harness;
import org.junit.jupiter.api.Test;

/**
 * T32 load/store single, multiple, dual, exclusive and table branch. Encodings come from
 * arm-none-eabi-as (-march=armv7ve -mthumb); expected addresses and values from the ARM ARM
 * pseudocode (A8.8: offset/pre/post-indexed addressing, Align(PC, 4) for literals, LoadWritePC,
 * TBB/TBH BranchWritePC(PC + 2 * entry)).
 */
class T32LoadStoreTest {
    private static A32Harness data(int... words) {
        A32Harness h = new A32Harness();
        for (int i = 0; i < words.length; i++) {
            h.mem.write(DATA + 4 * i, 4, words[i]);
        }
        return h;
    }

    // ------------------------------------------------------------------ LDR/STR single

    @Test
    void ldrImm12AndNegativeImm8Offsets() {
        // ldr.w r2, [r1, #4]; ldr.w r3, [r1, #-4] (offset addressing: Rn unchanged)
        A32Harness h = data(0x11, 0x22, 0x33).reg(1, DATA + 4);
        T32Programs.thumb(h, 0xf8d12004, 0xf8513c04).run();
        assertEquals(0x33, h.r(2));
        assertEquals(0x11, h.r(3));
        assertEquals(DATA + 4, h.r(1));
    }

    @Test
    void ldrPreIndexedAndPostIndexedWriteBack() {
        // ldr.w r2, [r1, #4]! ; ldr.w r3, [r1], #-4
        A32Harness h = data(0x11, 0x22, 0x33).reg(1, DATA);
        T32Programs.thumb(h, 0xf8512f04, 0xf8513904).run();
        assertEquals(0x22, h.r(2), "pre-indexed: address = Rn + 4");
        assertEquals(0x22, h.r(3), "post-indexed: address = Rn before the update");
        assertEquals(DATA, h.r(1), "+4 then -4");
    }

    @Test
    void ldrAndStrWithScaledRegisterOffset() {
        // ldr.w r2, [r1, r3, lsl #2]; str.w r2, [r1, r3, lsl #3]
        A32Harness h = data(0, 0, 0x5678, 0, 0, 0).reg(1, DATA).reg(3, 2);
        T32Programs.thumb(h, 0xf8512023, 0xf8412033).run();
        assertEquals(0x5678, h.r(2));
        assertEquals(0x5678, h.mem.read(DATA + 16, 4));
        assertEquals(DATA, h.r(1));
    }

    @Test
    void literalLoadsUseTheWordAlignedPc() {
        // At BASE+0x102: ldr.w r2, [pc, #-0x104] (Align(BASE+0x106, 4) - 0x104 = BASE);
        // at BASE+0x106: ldr.w r3, [pc, #-0x104] (BASE+0x108 - 0x104 = BASE+4); ldr.w r4, [pc, #0x800]
        // at BASE+0x10a: Align(BASE+0x10e, 4) + 0x800 = BASE+0x90c. ldrsb.w r5, [pc, #-5] at BASE+0x10e:
        // Align(BASE+0x112, 4) - 5 = BASE+0x10b, the high byte of the halfword 0xf8df at 0x10a.
        A32Harness h = new A32Harness();
        h.mem.write(BASE, 4, 0xaaaa0001);
        h.mem.write(BASE + 4, 4, 0xbbbb0002);
        h.mem.write(BASE + 0x90c, 4, 0xcccc0003);
        T32Programs.load(h, BASE + 0x102, 0xf85f2104, 0xf85f3104, 0xf8df4800, 0xf91f5005);
        h.run();
        assertEquals(0xaaaa0001, h.r(2));
        assertEquals(0xbbbb0002, h.r(3));
        assertEquals(0xcccc0003, h.r(4));
        assertEquals(0xfffffff8, h.r(5), "0xf8 of the halfword 0xf8df, sign-extended");
    }

    @Test
    void byteAndHalfwordLoadsExtend() {
        // ldrsh.w r2, [r1, #-2]; ldrsb.w r3, [r1, #1]!; ldrb.w r4, [r1], #1; ldrh.w r5, [r1, r6, lsl #1]
        A32Harness h = data(0x8001ff80, 0x00c07f90).reg(1, DATA + 2).reg(6, 1);
        // ldrh.w r5, [r1, r6, lsl #1] = f831 5016
        T32Programs.thumb(h, 0xf9312c02, 0xf9113f01, 0xf8114b01, 0xf8315016).run();
        assertEquals(0xffffff80, h.r(2), "halfword 0xff80 at DATA, sign-extended");
        assertEquals(0xffffff80, h.r(3), "byte 0x80 at DATA+3, sign-extended");
        assertEquals(0x80, h.r(4), "post-indexed: byte at DATA+3, zero-extended");
        assertEquals(DATA + 4, h.r(1));
        assertEquals(0x00c0, h.r(5), "halfword at DATA+4+2");
    }

    @Test
    void storesWithWriteBackAndUnprivilegedForms() {
        // str.w r4, [r1], #4; strh.w r3, [r1, #2]!; strb.w r2, [r1, #-1]!; strbt r2, [r1, #8]; ldrt r5, [r1, #8]
        A32Harness h = data(0, 0, 0, 0, 0, 0, 0).reg(1, DATA + 8).reg(2, 0xab).reg(3, 0xcdef).reg(4, 0x12345678);
        T32Programs.thumb(h, 0xf8414b04, 0xf8213f02, 0xf8012d01, 0xf8012e08, 0xf8515e08).run();
        assertEquals(0x12345678, h.mem.read(DATA + 8, 4), "post-indexed: stored at the old Rn");
        assertEquals(0xcdefab00, h.mem.read(DATA + 12, 4), "halfword at DATA+14, byte at DATA+13");
        assertEquals(DATA + 13, h.r(1), "8 + 4 + 2 - 1");
        assertEquals(0xab, h.mem.read(DATA + 21, 1), "T forms: offset addressing, no writeback");
        assertEquals(0xab, h.r(5), "LDRT of the unaligned word at DATA+21");
    }

    @Test
    void preloadHintsDoNotAccessMemory() {
        // pld [r1, #4]; pldw [r1, #4]; pli [r1, #-4]; pld [r1, r2]: r1 points at unmapped memory
        A32Harness h = new A32Harness().reg(1, 0x10).reg(2, 4);
        T32Programs.thumb(h, 0xf891f004, 0xf8b1f004, 0xf911fc04, 0xf811f002).run();
        assertEquals(Mode.SVC, h.cpu.mode(), "no Data Abort");
        assertEquals(0x10, h.r(1));
    }

    @Test
    void ldrToPcInterworks() {
        // ldr.w pc, [r1, #4]: bit 0 set stays in Thumb (at the stop sequence); bit 0 clear goes to ARM.
        A32Harness h = new A32Harness().reg(1, DATA);
        T32Programs.thumb(h, 0xf8d1f004);
        T32Programs.stopAt(h, BASE + 0x200, BASE);
        h.mem.write(DATA + 4, 4, BASE + 0x201);
        h.run();
        assertEquals(BASE + 0x20c, h.r(15) - 4, "stopped at the ARM STOP of the sequence at 0x200");

        A32Harness arm = new A32Harness().reg(1, DATA);
        T32Programs.thumb(arm, 0xf8d1f004);
        arm.mem.write(BASE + 0x300, 4, 0xe3a05007); // mov r5, #7
        arm.mem.write(BASE + 0x304, 4, A32Harness.STOP);
        arm.mem.write(DATA + 4, 4, BASE + 0x300);
        arm.run();
        assertEquals(7, arm.r(5));
        assertFalse(arm.cpu.thumb());
    }

    @Test
    void storeWithPcBaseIsUndefined() {
        // str.w r0, [pc, #4] (f8cf 0004): Rn = 1111 is UNDEFINED for stores (A6.3.10)
        A32Harness h = new A32Harness();
        T32Programs.thumb(h, 0xf8cf0004).run();
        assertEquals(Mode.UND, h.cpu.mode());
        assertEquals(BASE + 2, h.r(14));
    }

    // ------------------------------------------------------------------ LDM/STM

    @Test
    void popWithPcLoadsRegistersAndInterworks() {
        // pop.w {r1, r2, pc} = ldmia.w sp!, {r1, r2, pc}; the popped PC has bit 0 set: Thumb
        A32Harness h = data(0x11, 0x22, BASE + 0x201).reg(13, DATA);
        T32Programs.thumb(h, 0xe8bd8006);
        T32Programs.stopAt(h, BASE + 0x200, BASE);
        h.run();
        assertEquals(0x11, h.r(1));
        assertEquals(0x22, h.r(2));
        assertEquals(DATA + 12, h.r(13));
        assertEquals(BASE + 0x20c, h.r(15) - 4);
    }

    @Test
    void pushStoresLowestRegisterLowest() {
        // push.w {r1, r2, lr} = stmdb sp!, {r1, r2, lr}
        A32Harness h = new A32Harness().reg(13, DATA + 0x100).reg(1, 1).reg(2, 2).reg(14, 0xe);
        T32Programs.thumb(h, 0xe92d4006).run();
        assertEquals(DATA + 0xf4, h.r(13));
        assertEquals(1, h.mem.read(DATA + 0xf4, 4));
        assertEquals(2, h.mem.read(DATA + 0xf8, 4));
        assertEquals(0xe, h.mem.read(DATA + 0xfc, 4));
    }

    @Test
    void ldmIaWithWriteBackAndLdmdbWithout() {
        // ldmia.w r0!, {r1, r2, r3}; ldmdb r0, {r4, r5} (e910 0030)
        A32Harness h = data(1, 2, 3, 4).reg(0, DATA);
        T32Programs.thumb(h, 0xe8b0000e, 0xe9100030).run();
        assertEquals(1, h.r(1));
        assertEquals(2, h.r(2));
        assertEquals(3, h.r(3));
        assertEquals(DATA + 12, h.r(0));
        assertEquals(2, h.r(4));
        assertEquals(3, h.r(5));
    }

    @Test
    void longListsGoThroughTheRuntimeLoops() {
        // stmia.w r0!, {r1-r6}; ldmia.w r7, {r1-r6} with r7 = the old r0
        A32Harness h = new A32Harness().reg(0, DATA).reg(7, DATA);
        for (int i = 1; i <= 6; i++) {
            h.reg(i, 0x100 * i);
        }
        // ldmia.w r7, {r8-r12, lr} = e897 5f00
        T32Programs.thumb(h, 0xe8a0007e, 0xe8975f00).run();
        assertEquals(DATA + 24, h.r(0));
        for (int i = 0; i < 6; i++) {
            assertEquals(0x100 * (i + 1), h.mem.read(DATA + 4 * i, 4));
        }
        assertEquals(0x100, h.r(8));
        assertEquals(0x500, h.r(12));
        assertEquals(0x600, h.r(14));
    }

    @Test
    void ldmWithBaseInListAndWriteBackIsUndefined() {
        // ldmia.w r0!, {r0, r1} (e8b0 0003): UNPREDICTABLE, UNDEFINED in QEMU
        A32Harness h = data(1, 2).reg(0, DATA);
        T32Programs.thumb(h, 0xe8b00003).run();
        assertEquals(Mode.UND, h.cpu.mode());
        assertEquals(DATA, h.r(0));
    }

    @Test
    void ldmAlignmentFaultLeavesRegistersUnchanged() {
        // ldmia.w r0!, {r1, r2} with r0 unaligned: Data Abort, LR_abt = address + 8
        A32Harness h = new A32Harness().reg(0, DATA + 2).reg(1, 7);
        T32Programs.thumb(h, 0xe8b00006).run();
        assertEquals(Mode.ABT, h.cpu.mode());
        assertEquals(BASE + 8, h.r(14));
        assertEquals(DATA + 2, h.r(0));
        assertEquals(7, h.r(1));
        assertEquals(GuestException.FSR_ALIGNMENT, h.cpu.cp15.dfsr & 0x40f);
    }

    // ------------------------------------------------------------------ LDRD/STRD

    @Test
    void ldrdPreIndexedAndStrdPostIndexed() {
        // ldrd r2, r3, [r1, #8]!; strd r2, r3, [r1], #-8 (e861 2302)
        A32Harness h = data(0, 0, 0xa, 0xb).reg(1, DATA);
        T32Programs.thumb(h, 0xe9f12302, 0xe8612302).run();
        assertEquals(0xa, h.r(2));
        assertEquals(0xb, h.r(3));
        assertEquals(DATA, h.r(1));
    }

    @Test
    void ldrdLiteralAndStrdOffset() {
        // ldrd r4, r5, [pc, #-8] at BASE+0x104: Align(BASE+0x108, 4) - 8 = BASE+0x100; strd r2, r3, [r1, #-8]
        A32Harness h = new A32Harness().reg(1, DATA + 8).reg(2, 0x55).reg(3, 0x66);
        h.mem.write(BASE + 0x100, 4, 0x77);
        T32Programs.load(h, BASE + 0x104, 0xe95f4502, 0xe9412302);
        h.run();
        assertEquals(0x77, h.r(4));
        assertEquals(0x4502e95f, h.r(5), "the ldrd's own halfwords, little-endian");
        assertEquals(0x55, h.mem.read(DATA, 4));
        assertEquals(0x66, h.mem.read(DATA + 4, 4));
        assertEquals(DATA + 8, h.r(1));
    }

    @Test
    void ldrdNeedsWordAlignment() {
        // ldrd r2, r3, [r1] with r1 = DATA+2: alignment fault even with SCTLR.A = 0 (A3.2.1)
        A32Harness h = data(1, 2, 3).reg(1, DATA + 2).reg(2, 9);
        T32Programs.thumb(h, 0xe9d12300).run();
        assertEquals(Mode.ABT, h.cpu.mode());
        assertEquals(BASE + 8, h.r(14));
        assertEquals(DATA + 2, h.cpu.cp15.dfar);
        assertEquals(9, h.r(2));
    }

    // ------------------------------------------------------------------ exclusives

    @Test
    void exclusivePairSucceedsWithOffset() {
        // ldrex r2, [r1, #4]; strex r0, r3, [r1, #4] (e841 3001)
        A32Harness h = data(0, 0x42).reg(1, DATA).reg(3, 0x99).reg(0, 7);
        T32Programs.thumb(h, 0xe8512f01, 0xe8413001).run();
        assertEquals(0x42, h.r(2));
        assertEquals(0, h.r(0));
        assertEquals(0x99, h.mem.read(DATA + 4, 4));
    }

    @Test
    void strexAfterClrexFails() {
        // ldrex r2, [r1]; clrex; strex r0, r3, [r1]
        A32Harness h = data(0x42).reg(1, DATA).reg(3, 0x99);
        T32Programs.thumb(h, 0xe8512f00, 0xf3bf8f2f, 0xe8413000).run();
        assertEquals(1, h.r(0));
        assertEquals(0x42, h.mem.read(DATA, 4));
    }

    @Test
    void byteHalfwordAndDoublewordExclusives() {
        // ldrexb r2, [r1]; strexh r0, r3, [r4]: the monitor holds a byte access, so the halfword store fails;
        // ldrexd r6, r7, [r5]; strexd r8, r2, r3, [r5] (e8c5 2378)
        A32Harness h = data(0x1234abcd, 0, 0x11, 0x22).reg(1, DATA).reg(4, DATA).reg(3, 0x7777).reg(5, DATA + 8);
        T32Programs.thumb(h, 0xe8d12f4f, 0xe8c43f50, 0xe8d5677f, 0xe8c52378).run();
        assertEquals(0xcd, h.r(2));
        assertEquals(1, h.r(0));
        assertEquals(0x1234abcd, h.mem.read(DATA, 4));
        assertEquals(0x11, h.r(6));
        assertEquals(0x22, h.r(7));
        assertEquals(0, h.r(8));
        assertEquals(0xcd, h.mem.read(DATA + 8, 4));
        assertEquals(0x7777, h.mem.read(DATA + 12, 4));
    }

    // ------------------------------------------------------------------ TBB/TBH

    @Test
    void tbbJumpsThroughAByteTableAfterTheInstruction() {
        // tbb [pc, r1]; .byte 2, 6, 0, 0; c0: ldr.w r2, [r6]; b.w end; c1: ldr.w r2, [r6, #4]; end:
        for (int index = 0; index < 2; index++) {
            A32Harness h = data(0xc0, 0xc1).reg(1, index).reg(6, DATA);
            T32Programs.thumb(h, 0xe8dff001, 0x0602, 0x0000, 0xf8d62000, 0xf000b802, 0xf8d62004).run();
            assertEquals(0xc0 + index, h.r(2));
        }
    }

    @Test
    void tbhJumpsThroughAHalfwordTable() {
        // tbh [r0, r1, lsl #1]; ldr.w r2, [r6]; b.w end; ldr.w r2, [r6, #4]; end: (entries 0 and 4)
        for (int index = 0; index < 2; index++) {
            A32Harness h = data(0x00040000, 0xc0, 0xc1).reg(0, DATA).reg(1, index).reg(6, DATA + 4);
            T32Programs.thumb(h, 0xe8d0f011, 0xf8d62000, 0xf000b802, 0xf8d62004).run();
            assertEquals(0xc0 + index, h.r(2));
        }
    }
}
