package io.mttcgj.codegen.arm.thumb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mttcgj.codegen.testing.A32Harness;
import org.junit.jupiter.api.Test;

/**
 * T16 data processing: results and flags, inside and outside IT blocks. Encodings come from
 * arm-none-eabi-as; expected values are worked out from the ARM ARM pseudocode (A8.8.*), flags as NZCV.
 */
class T16Test {
    private static final int BASE = A32Harness.BASE;

    private static A32Harness t(int... insns) {
        return new A32Harness().thumb(insns);
    }

    // ------------------------------------------------------------------ shifts by an immediate

    @Test
    void lslImmediateSetsCarryFromLastBitOut() {
        // lsls r0, r1, #4: 0x18000001 << 4 = 0x80000010; C = bit 28 of r1 = 1; V unchanged (1)
        A32Harness h = t(0x0108).reg(1, 0x18000001).flags(0b0001).run();
        assertEquals(0x80000010, h.r(0));
        assertEquals(0b1011, h.nzcv());
    }

    @Test
    void lsrAndAsrImmediateZeroMeanThirtyTwo() {
        // lsrs r0, r1, #32: 0, C = bit 31
        A32Harness h = t(0x0808).reg(1, 0x80000000).run();
        assertEquals(0, h.r(0));
        assertEquals(0b0110, h.nzcv());
        // asrs r0, r1, #32: all sign bits, C = bit 31
        h = t(0x1008).reg(1, 0x80000000).run();
        assertEquals(-1, h.r(0));
        assertEquals(0b1010, h.nzcv());
    }

    @Test
    void movsRegisterKeepsCarry() {
        // movs r0, r1 (LSL #0): Z from the value, C and V unchanged
        A32Harness h = t(0x0008).reg(1, 0).reg(0, 9).flags(0b0011).run();
        assertEquals(0, h.r(0));
        assertEquals(0b0111, h.nzcv());
    }

    // ------------------------------------------------------------------ add / subtract / move / compare

    @Test
    void addsRegisterOverflow() {
        // adds r0, r1, r2: 0x7fffffff + 1 = 0x80000000, N and V
        A32Harness h = t(0x1888).reg(1, 0x7fffffff).reg(2, 1).run();
        assertEquals(0x80000000, h.r(0));
        assertEquals(0b1001, h.nzcv());
    }

    @Test
    void subsRegisterBorrow() {
        // subs r0, r1, r2: 1 - 2 = -1, N, C = 0 (borrow)
        A32Harness h = t(0x1a88).reg(1, 1).reg(2, 2).flags(0b0010).run();
        assertEquals(-1, h.r(0));
        assertEquals(0b1000, h.nzcv());
    }

    @Test
    void addSubImm3() {
        // adds r0, r1, #7 with r1 = -7: 0, Z and C
        A32Harness h = t(0x1dc8).reg(1, -7).run();
        assertEquals(0, h.r(0));
        assertEquals(0b0110, h.nzcv());
        // subs r0, r1, #1 with r1 = 0x80000000: 0x7fffffff, C (no borrow) and V
        h = t(0x1e48).reg(1, 0x80000000).run();
        assertEquals(0x7fffffff, h.r(0));
        assertEquals(0b0011, h.nzcv());
    }

    @Test
    void movImmAndCmpImm() {
        // movs r3, #0: Z set, C and V unchanged; cmp r3, #5 with r3 = 0 afterwards: N, borrow
        A32Harness h = t(0x2300).reg(3, 44).flags(0b0011).run();
        assertEquals(0, h.r(3));
        assertEquals(0b0111, h.nzcv());
        h = t(0x2b05).reg(3, 5).run();
        assertEquals(0b0110, h.nzcv());
        assertEquals(5, h.r(3));
    }

    @Test
    void addSubImm8() {
        // adds r2, #200 with r2 = -192: 8, carry out
        A32Harness h = t(0x32c8).reg(2, -192).run();
        assertEquals(8, h.r(2));
        assertEquals(0b0010, h.nzcv());
        // subs r2, #1 with r2 = 0: -1, borrow
        h = t(0x3a01).reg(2, 0).run();
        assertEquals(-1, h.r(2));
        assertEquals(0b1000, h.nzcv());
    }

    // ------------------------------------------------------------------ data-processing (register)

    @Test
    void logicalOpsSetNzOnlyAndKeepCv() {
        int a = 0xff00ff00;
        int b = 0x0ff00ff0;
        int[][] cases = {
            {0x4008, a & b},  // ands r0, r1
            {0x4048, a ^ b},  // eors r0, r1
            {0x4308, a | b},  // orrs r0, r1
            {0x4388, a & ~b}, // bics r0, r1
            {0x43c8, ~b},     // mvns r0, r1
        };
        for (int[] c : cases) {
            A32Harness h = t(c[0]).reg(0, a).reg(1, b).flags(0b0011).run();
            assertEquals(c[1], h.r(0), Integer.toHexString(c[0]));
            int n = c[1] < 0 ? 0b1000 : 0;
            assertEquals(n | 0b0011, h.nzcv(), Integer.toHexString(c[0]));
        }
    }

    @Test
    void tstSetsFlagsWithoutWriting() {
        // tst r0, r1: 1 & 2 = 0 -> Z; r0 unchanged
        A32Harness h = t(0x4208).reg(0, 1).reg(1, 2).run();
        assertEquals(1, h.r(0));
        assertEquals(0b0100, h.nzcv());
    }

    @Test
    void registerShifts() {
        // lsls r0, r1 with r1 = 32: 0, C = bit 0 of r0
        A32Harness h = t(0x4088).reg(0, 1).reg(1, 32).run();
        assertEquals(0, h.r(0));
        assertEquals(0b0110, h.nzcv());
        // lsls r0, r1 with r1 = 0x100 (amount is the bottom byte: 0): value and C unchanged
        h = t(0x4088).reg(0, 0x40).reg(1, 0x100).flags(0b0010).run();
        assertEquals(0x40, h.r(0));
        assertEquals(0b0010, h.nzcv());
        // lsrs r0, r1 with r1 = 33: 0, C = 0
        h = t(0x40c8).reg(0, 0x80000000).reg(1, 33).flags(0b0010).run();
        assertEquals(0, h.r(0));
        assertEquals(0b0100, h.nzcv());
        // asrs r0, r1 with r1 = 40: all sign bits, C = bit 31
        h = t(0x4108).reg(0, 0x80000000).reg(1, 40).run();
        assertEquals(-1, h.r(0));
        assertEquals(0b1010, h.nzcv());
        // rors r0, r1 by 1: 0x80000001 -> 0xc0000000, C = bit 31 of the result
        h = t(0x41c8).reg(0, 0x80000001).reg(1, 1).run();
        assertEquals(0xc0000000, h.r(0));
        assertEquals(0b1010, h.nzcv());
        // rors r0, r1 by 32: value unchanged, C = bit 31
        h = t(0x41c8).reg(0, 0x80000001).reg(1, 32).run();
        assertEquals(0x80000001, h.r(0));
        assertEquals(0b1010, h.nzcv());
    }

    @Test
    void adcAndSbcUseCarry() {
        // adcs r0, r1: 0xffffffff + 0 + 1 = 0, Z and C
        A32Harness h = t(0x4148).reg(0, -1).reg(1, 0).flags(0b0010).run();
        assertEquals(0, h.r(0));
        assertEquals(0b0110, h.nzcv());
        // sbcs r0, r1: 5 - 5 - 1 = -1, N, borrow
        h = t(0x4188).reg(0, 5).reg(1, 5).flags(0b0000).run();
        assertEquals(-1, h.r(0));
        assertEquals(0b1000, h.nzcv());
        // sbcs r0, r1 with C = 1: 5 - 5 = 0, Z and C
        h = t(0x4188).reg(0, 5).reg(1, 5).flags(0b0010).run();
        assertEquals(0, h.r(0));
        assertEquals(0b0110, h.nzcv());
    }

    @Test
    void rsbFromZero() {
        // rsbs r0, r1, #0 (negs)
        A32Harness h = t(0x4248).reg(1, 1).run();
        assertEquals(-1, h.r(0));
        assertEquals(0b1000, h.nzcv());
        h = t(0x4248).reg(1, 0).run();
        assertEquals(0, h.r(0));
        assertEquals(0b0110, h.nzcv());
        h = t(0x4248).reg(1, 0x80000000).run();
        assertEquals(0x80000000, h.r(0));
        assertEquals(0b1001, h.nzcv());
    }

    @Test
    void cmpAndCmnRegister() {
        // cmp r0, r1: 1 - (-1) = 2: C = 0 (1 < 0xffffffff unsigned)
        A32Harness h = t(0x4288).reg(0, 1).reg(1, -1).flags(0b0110).run();
        assertEquals(0b0000, h.nzcv());
        assertEquals(1, h.r(0));
        // cmn r0, r1: 1 + (-1) = 0: Z and C
        h = t(0x42c8).reg(0, 1).reg(1, -1).run();
        assertEquals(0b0110, h.nzcv());
        assertEquals(1, h.r(0));
    }

    @Test
    void mulsSetsNzOnly() {
        // muls r0, r1, r0: 3 * -5 = -15, N; C and V unchanged
        A32Harness h = t(0x4348).reg(0, 3).reg(1, -5).flags(0b0011).run();
        assertEquals(-15, h.r(0));
        assertEquals(0b1011, h.nzcv());
    }

    // ------------------------------------------------------------------ IT blocks

    @Test
    void insideItBlockNoFlagsAreSet() {
        // it eq; adds r0, r1, r2 with Z = 1: executes, flags stay (outside IT they would become 0000)
        A32Harness h = t(0xbf08, 0x1888).reg(1, 2).reg(2, 3).flags(0b0100).run();
        assertEquals(5, h.r(0));
        assertEquals(0b0100, h.nzcv());
        // with Z = 0 it is skipped
        h = t(0xbf08, 0x1888).reg(0, 77).reg(1, 2).reg(2, 3).flags(0b0000).run();
        assertEquals(77, h.r(0));
        // it eq; movs r0, #5: no flags inside IT (outside it would clear Z)
        h = t(0xbf08, 0x2005).flags(0b0100).run();
        assertEquals(5, h.r(0));
        assertEquals(0b0100, h.nzcv());
    }

    @Test
    void iteRunsThenOrElse() {
        // ite eq; movs r0, #5; movs r3, #7 (the else) with Z = 0: only the second runs, flags stay
        A32Harness h = t(0xbf0c, 0x2005, 0x2307).reg(0, 1).reg(3, 1).flags(0b0000).run();
        assertEquals(1, h.r(0));
        assertEquals(7, h.r(3));
        assertEquals(0b0000, h.nzcv());
        // with Z = 1: only the first runs
        h = t(0xbf0c, 0x2005, 0x2307).reg(0, 1).reg(3, 1).flags(0b0100).run();
        assertEquals(5, h.r(0));
        assertEquals(1, h.r(3));
        assertEquals(0b0100, h.nzcv());
    }

    @Test
    void compareInsideItBlockSetsFlags() {
        // ite eq; cmp r0, r1; movs r3, #7: CMP always sets flags, so the else sees NE and runs
        A32Harness h = t(0xbf0c, 0x4288, 0x2307).reg(0, 1).reg(1, 2).reg(3, 1).flags(0b0100).run();
        assertEquals(0b1000, h.nzcv());
        assertEquals(7, h.r(3));
        // flag-setting ALU ops inside IT: lsls r0, r1 (register) leaves C alone
        h = t(0xbf08, 0x4088).reg(0, 1).reg(1, 32).flags(0b0100).run();
        assertEquals(0, h.r(0));
        assertEquals(0b0100, h.nzcv());
    }

    @Test
    void afterItBlockFlagsAreSetAgain() {
        // it eq; movs r0, #5; movs r3, #0 (outside the block: sets Z), flags start with Z=1 N=1
        A32Harness h = t(0xbf08, 0x2005, 0x2300).flags(0b1100).run();
        assertEquals(5, h.r(0));
        assertEquals(0b0100, h.nzcv());
    }

    // ------------------------------------------------------------------ high registers

    @Test
    void highRegisterAddMovCmp() {
        // add r8, r1; mov r9, r0; cmp r8, r1: no flags from ADD/MOV, CMP 15 - 5 sets C only
        A32Harness h = t(0x4488, 0x4681, 0x4588).reg(8, 10).reg(1, 5).reg(0, 0x1234).flags(0b1001).run();
        assertEquals(15, h.r(8));
        assertEquals(0x1234, h.r(9));
        assertEquals(0b0010, h.nzcv());
    }

    @Test
    void addRegisterReadsPcPlusFour() {
        // nop; add r0, pc at BASE + 2: r0 += BASE + 6 (PC reads as the address + 4, not aligned)
        A32Harness h = t(0xbf00, 0x4478).reg(0, 0x10).run();
        assertEquals(BASE + 2 + 4 + 0x10, h.r(0));
    }

    @Test
    void addPcIsABranchThatStaysThumb() {
        // add pc, r1 at BASE with r1 = 5: BranchWritePC(BASE + 4 + 5) -> BASE + 8 (bit 0 ignored)
        A32Harness h = t(0x448f, 0x2001, 0x2002, 0x2003, 0x2309).reg(1, 5).reg(0, 0x55).run();
        assertEquals(0x55, h.r(0));
        assertEquals(9, h.r(3));
        assertEquals(true, h.cpu.thumb());
    }

    @Test
    void movPcIsABranchThatStaysThumb() {
        // mov pc, r1 with r1 = BASE + 6 (bit 0 clear: BranchWritePC does not interwork)
        A32Harness h = t(0x468f, 0x2001, 0x2002, 0x2309).reg(1, BASE + 6).reg(0, 0x55).run();
        assertEquals(0x55, h.r(0));
        assertEquals(9, h.r(3));
        assertEquals(true, h.cpu.thumb());
    }

    // ------------------------------------------------------------------ PC/SP-relative, extend, reverse

    @Test
    void adrUsesAlignedPc() {
        // nop; adr r0, #4 at BASE + 2: Align(BASE + 6, 4) + 4 = BASE + 8; adr r1, #4 at BASE + 4: BASE + 12
        A32Harness h = t(0xbf00, 0xa001, 0xa101).run();
        assertEquals(BASE + 8, h.r(0));
        assertEquals(BASE + 12, h.r(1));
    }

    @Test
    void spRelativeAdds() {
        // add r0, sp, #16; add sp, #16; sub sp, #16 (twice, so SP ends 16 lower than it started)
        A32Harness h = t(0xa804, 0xb004, 0xb084, 0xb084).reg(13, 0x1000).run();
        assertEquals(0x1010, h.r(0));
        assertEquals(0x1000 - 16, h.r(13));
    }

    @Test
    void extendsAndReverses() {
        int v = 0x12348685;
        int[][] cases = {
            {0xb208, 0xffff8685}, // sxth r0, r1
            {0xb248, 0xffffff85}, // sxtb r0, r1
            {0xb288, 0x00008685}, // uxth r0, r1
            {0xb2c8, 0x00000085}, // uxtb r0, r1
            {0xba08, 0x85863412}, // rev r0, r1
            {0xba48, 0x34128586}, // rev16 r0, r1
            {0xbac8, 0xffff8586}, // revsh r0, r1
        };
        for (int[] c : cases) {
            A32Harness h = t(c[0]).reg(1, v).flags(0b0101).run();
            assertEquals(c[1], h.r(0), Integer.toHexString(c[0]));
            assertEquals(0b0101, h.nzcv());
        }
    }
}
