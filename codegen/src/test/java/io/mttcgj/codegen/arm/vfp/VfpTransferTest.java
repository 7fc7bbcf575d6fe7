package io.mttcgj.codegen.arm.vfp;

import static io.mttcgj.codegen.arm.vfp.VfpTestSupport.enabled;
import static io.mttcgj.codegen.arm.vfp.VfpTestSupport.f;
import static io.mttcgj.codegen.arm.vfp.VfpTestSupport.s;
import static io.mttcgj.codegen.testing.A32Harness.DATA;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mttcgj.codegen.arm.state.GuestException;
import io.mttcgj.codegen.arm.state.Mode;
import io.mttcgj.codegen.testing.A32Harness;
import org.junit.jupiter.api.Test;

/**
 * Core/extension register moves, system registers (values measured on QEMU 7.2 cortex-a15:
 * FPSID 0x410430f0, MVFR0 0x10110222, MVFR1 0x11111111, FPSCR after writing all ones 0xfff7009f),
 * and VLDR/VSTR/VLDM/VSTM (ARM ARM A8.8.332-A8.8.338, A8.8.404-A8.8.406).
 */
class VfpTransferTest {
    @Test
    void singleAndDoubleMoves() {
        // vmov s1, r0; vmov r2, r3, d0; vmov d3, r0, r1 (ec410b13)
        A32Harness h = enabled().code(0xee000a90, 0xec532b10, 0xec410b13).reg(0, 0x11223344).reg(1, 0x55667788);
        s(h, 0, 0xaabbccdd);
        h.run();
        assertEquals(0xaabbccdd, h.r(2));
        assertEquals(0x11223344, h.r(3));
        assertEquals(0x5566778811223344L, h.cpu.d[3]);
    }

    @Test
    void vmovWithPcAsQemuDoesIt() {
        // vmov r15, s0 sets NZCV from bits 31:28; vmov s1, r15 reads PC + 8 (QEMU 7.2: Z C, 0x8000000c)
        A32Harness h = enabled().code(0xee10fa10, 0xee00fa90);
        s(h, 0, 0x60000000);
        h.run();
        assertEquals(0b0110, h.nzcv());
        assertEquals(A32Harness.BASE + 12, s(h, 1));
    }

    @Test
    void scalarMovesAndDup() {
        // vmov.u8 r0, d1[5]; vmov.s16 r1, d1[3] (ee311b70); vmov.32 d1[1], r2 (ee212b10); vdup.16 q1, r3 (eea23b30)
        A32Harness h = enabled().code(0xeef10b30, 0xee311b70, 0xee212b10, 0xeea23b30).reg(2, 0xdeadbeef)
                .reg(3, 0x1234abcd);
        h.cpu.d[1] = 0x8001_f066_0000_0000L;
        h.run();
        assertEquals(0xf0, h.r(0));
        assertEquals(0xffff8001, h.r(1));
        assertEquals(0xabcdabcdabcdabcdL, h.cpu.d[2]);
        assertEquals(0xabcdabcdabcdabcdL, h.cpu.d[3]);
        // d1 was written by vmov.32 before vdup overwrote d2/d3 (q1)
    }

    @Test
    void scalarInsertKeepsOtherLanes() {
        A32Harness h = enabled().code(0xee210b10).reg(0, 0xdeadbeef); // vmov.32 d1[1], r0
        h.cpu.d[1] = 0x1111111122222222L;
        h.run();
        assertEquals(0xdeadbeef22222222L, h.cpu.d[1]);
    }

    @Test
    void compareSetsFpscrAndApsr() {
        // vcmp.f32 s0, s1; vmrs APSR_nzcv, fpscr; movlt r0, #1 (b3a00001)
        A32Harness h = enabled().code(0xeeb40a60, 0xeef1fa10, 0xb3a00001);
        s(h, 0, f(1));
        s(h, 1, f(2));
        h.run();
        assertEquals(0x80000000, h.cpu.fpscr);
        assertEquals(0b1000, h.nzcv());
        assertEquals(1, h.r(0));
        // unordered: C and V; VCMP of a quiet NaN raises nothing
        h = enabled().code(0xeeb40a60, 0xeef1fa10);
        s(h, 0, 0x7fc00000);
        h.run();
        assertEquals(0x30000000, h.cpu.fpscr);
        assertEquals(0b0011, h.nzcv());
    }

    @Test
    void apsrFromFpscrWithNAndZBothSet() {
        // vmsr fpscr, r0; vmrs APSR_nzcv, fpscr; then N and Z both set reach the CPSR
        A32Harness h = enabled().code(0xeee10a10, 0xeef1fa10).reg(0, 0xd0000000);
        h.run();
        assertEquals(0b1101, h.nzcv());
    }

    @Test
    void systemRegisters() {
        // vmrs r0, fpsid; vmrs r1, mvfr0; vmrs r2, fpexc; vmsr fpscr, r3 (eee13a10); vmrs r4, fpscr (eef14a10)
        A32Harness h = enabled().code(0xeef00a10, 0xeef71a10, 0xeef82a10, 0xeee13a10, 0xeef14a10).reg(3, -1);
        h.run();
        assertEquals(0x410430f0, h.r(0));
        assertEquals(0x10110222, h.r(1));
        assertEquals(0x40000000, h.r(2));
        assertEquals(0xfff7009f, h.r(4));
    }

    @Test
    void loadsAndStores() {
        // vldr d0, [r0, #8]; vstr s1, [r0, #-4]; vpush {d8-d15}; vpop {d0-d7} (ecbd0b10); vldmia r0!, {s3-s6}
        A32Harness h = enabled().code(0xed900b02, 0xed400a01, 0xed2d8b10, 0xecbd0b10, 0xecf01a04)
                .reg(0, DATA + 16).reg(13, DATA + 0x1000);
        h.mem.write(DATA + 16, 4, 0x100);
        h.mem.write(DATA + 20, 4, 0x101);
        h.mem.write(DATA + 24, 4, 0x11111111);
        h.mem.write(DATA + 28, 4, 0x22222222);
        for (int i = 8; i < 16; i++) {
            h.cpu.d[i] = 0x0101010101010101L * i;
        }
        h.run();
        assertEquals(0x22222222, h.mem.read(DATA + 12, 4)); // s1 = high word of the loaded d0
        assertEquals(DATA + 0x1000, h.r(13));               // push then pop of 16 words
        for (int i : new int[] {0, 4, 5, 6, 7}) { // d1-d3 partly reloaded by the vldmia
            assertEquals(0x0101010101010101L * (i + 8), h.cpu.d[i]);
        }
        assertEquals(DATA + 32, h.r(0));
        assertEquals(0x100, s(h, 3));
        assertEquals(0x101, s(h, 4));
        assertEquals(0x22222222, s(h, 6));
    }

    @Test
    void thumbLiteralUsesTheWordAlignedPc() {
        // nop; vldr s0, [pc, #4] at BASE+2: Align(BASE+2+4, 4) + 4 = BASE+8
        A32Harness h = enabled().thumb(0xbf00, 0xed9f0a01);
        h.mem.write(A32Harness.BASE + 8, 4, 0xcafef00d);
        h.run();
        assertEquals(0xcafef00d, s(h, 0));
    }

    @Test
    void misalignedLoadIsADataAbortThatLeavesTheBaseAlone() {
        // vldmia r0!, {s3-s6} at an odd address
        A32Harness h = enabled().code(0xecf01a04).reg(0, DATA + 2);
        h.run();
        assertEquals(Mode.ABT, h.cpu.mode());
        assertEquals(DATA + 2, h.r(0));
        assertEquals(GuestException.FSR_ALIGNMENT, h.cpu.cp15.dfsr & 0xf);
    }
}
