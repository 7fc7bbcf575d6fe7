package io.mttcgj.codegen.arm.thumb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.mttcgj.codegen.arm.state.Mode;
import io.mttcgj.codegen.testing.A32Harness;
import org.junit.jupiter.api.Test;

/**
 * 32-bit Thumb media, multiply and divide instructions: saturate, bit field, PKH, extends, parallel
 * add/subtract, miscellaneous (QADD family, REV family, SEL, CLZ), multiplies and long multiplies.
 * Encodings come from arm-none-eabi-as (-march=armv7ve -mthumb); expected values are worked out
 * from the ARM ARM pseudocode (A8.8.*). Unless noted the instruction is {@code op r0, r1, r2[, r3]};
 * long multiplies are {@code op r0 (RdLo), r1 (RdHi), r2, r3}.
 */
class T32MediaTest {
    private static final int IT_EQ = 0xbf08;

    private static A32Harness run(int insn, int... regs) {
        return runCode(new int[] {insn}, regs);
    }

    private static A32Harness runCode(int[] code, int... regs) {
        A32Harness h = new A32Harness().thumb(code);
        for (int i = 0; i < regs.length; i++) {
            h.reg(i, regs[i]);
        }
        return h.run();
    }

    /** Runs {@code op r0, r1, r2} and returns r0. */
    private static int r0(int insn, int n, int m) {
        return run(insn, 0, n, m).r(0);
    }

    // ---------------------------------------------------------------- saturate, bit field, pack

    @Test
    void signedAndUnsignedSaturation() {
        // ssat r0, #8, r1, asr #2: 0x1000 >> 2 = 1024 -> 127, Q
        A32Harness h = run(0xf3210087, 0, 0x1000);
        assertEquals(127, h.r(0));
        assertEquals(1, h.cpu.qf);
        // -4 >> 2 = -1 fits: Q stays clear
        h = run(0xf3210087, 0, -4);
        assertEquals(-1, h.r(0));
        assertEquals(0, h.cpu.qf);
        // usat r0, #8, r1: -5 -> 0 (Q); 200 fits
        h = run(0xf3810008, 0, -5);
        assertEquals(0, h.r(0));
        assertEquals(1, h.cpu.qf);
        h = run(0xf3810008, 0, 200);
        assertEquals(200, h.r(0));
        assertEquals(0, h.cpu.qf);
        // ssat16 r0, #8, r1: halves 256 -> 127 and -256 -> -128
        h = run(0xf3210007, 0, 0x0100ff00);
        assertEquals(0x007fff80, h.r(0));
        assertEquals(1, h.cpu.qf);
        // usat16 r0, #4, r1: halves 16 -> 15 and 5
        h = run(0xf3a10004, 0, 0x00100005);
        assertEquals(0x000f0005, h.r(0));
        assertEquals(1, h.cpu.qf);
    }

    @Test
    void bitFieldExtractInsertClear() {
        // sbfx/ubfx r0, r1, #4, #8 of 0xf80: field 0xf8
        assertEquals(0xfffffff8, r0(0xf3411007, 0xf80, 0));
        assertEquals(0xf8, r0(0xf3c11007, 0xf80, 0));
        // bfi r0, r1, #4, #8 ; bfc r2, #4, #8
        A32Harness h = runCode(new int[] {0xf361100b, 0xf36f120b}, -1, 0x12, -1);
        assertEquals(0xfffff12f, h.r(0));
        assertEquals(0xfffff00f, h.r(2));
    }

    @Test
    void unpredictableBitFieldsAreUndefined() {
        // sbfx r0, r1, #28, #8 (lsb + width > 32) and bfi r0, r1, #8, msb 4 (msb < lsb): Undefined, as QEMU
        A32Harness h = run(0xf3417007 | (0b11 << 6), 5, 6); // lsb = imm3:imm2 = 0b11111 = 31, width 8
        assertEquals(Mode.UND, h.cpu.mode());
        assertEquals(A32Harness.BASE + 2, h.cpu.r[14]);
        assertEquals(5, h.r(0));
        h = run(0xf3612204, 5, 6); // lsb = 8, msb = 4
        assertEquals(Mode.UND, h.cpu.mode());
        assertEquals(A32Harness.BASE + 2, h.cpu.r[14]);
    }

    @Test
    void packHalfwords() {
        // pkhbt r0, r1, r2, lsl #16: top from r2 << 16, bottom from r1
        assertEquals(0xbbbbaaaa, r0(0xeac14002, 0x1111aaaa, 0x0000bbbb));
        // pkhtb r0, r1, r2, asr #3: top from r1, bottom from r2 asr 3 = 0xffff1000
        assertEquals(0x12341000, r0(0xeac100e2, 0x12345678, 0xfff88000));
    }

    // ---------------------------------------------------------------- extends

    @Test
    void extendsWithRotation() {
        // sxtah r0, r1, r2, ror #8: ROR(0x00ffff00, 8) = 0x0000ffff -> -1; 0x100 - 1
        assertEquals(0xff, r0(0xfa01f092, 0x100, 0x00ffff00));
        // sxtah without rotation: r1 + SignExtend(0x8000)
        assertEquals(0x100 - 0x8000, r0(0xfa01f082, 0x100, 0x12348000));
        // uxth.w r0, r1 ; sxth.w r0, r1
        assertEquals(0x8765, r0(0xfa1ff081, 0x12348765, 0));
        assertEquals(0xffff8765, r0(0xfa0ff081, 0x12348765, 0));
        // sxtb16 r0, r1: bytes 0 (0x70) and 2 (0x80) sign-extended into halves
        assertEquals(0xff800070, r0(0xfa2ff081, 0x00800170, 0));
        // uxtb16 r0, r1, ror #8: ROR(0x11223344, 8) = 0x44112233 -> bytes 0x33 and 0x11
        assertEquals(0x00110033, r0(0xfa3ff091, 0x11223344, 0));
        // uxtab16 r0, r1, r2: halves 2 + 0xff and 1 + 0xff
        assertEquals(0x01000101, r0(0xfa31f082, 0x00010002, 0x00ff00ff));
        // sxtab16 r0, r1, r2: halves 0x0001 + -1 and 0x0005 + -128, each wrapping in 16 bits
        assertEquals(0x0000ff85, r0(0xfa21f082, 0x00010005, 0x00ff0080));
        // sxtb.w r0, r1, ror #16: 0x80 -> -128
        assertEquals(0xffffff80, r0(0xfa4ff0a1, 0x00800000, 0));
        // uxtab r0, r1, r2 ; sxtab r0, r1, r2
        assertEquals(0x100, r0(0xfa51f082, 1, 0xffff));
        assertEquals(0, r0(0xfa41f082, 1, 0xffff));
    }

    // ---------------------------------------------------------------- parallel add/subtract

    @Test
    void parallelSignedWithGe() {
        // sadd16: lane0 1 + -1 = 0 (GE 11), lane1 0x7fff + 1 = 32768 (>= 0, GE 11) wraps to 0x8000
        A32Harness h = run(0xfa91f002, 0, 0x7fff0001, 0x0001ffff);
        assertEquals(0x80000000, h.r(0));
        assertEquals(0xf, h.cpu.ge);
        // ssub8: b0 -128 - 1 -> 0x7f (GE 0); b1 3-1; b2 2-1; b3 1-2 = -1 (GE 0)
        h = run(0xfac1f002, 0, 0x01020380, 0x02010101);
        assertEquals(0xff01027f, h.r(0));
        assertEquals(0b0110, h.cpu.ge);
    }

    @Test
    void parallelUnsignedWithGe() {
        // usub16: lane0 5 - 3 = 2 (GE 11), lane1 1 - 2 borrows (GE 00)
        A32Harness h = run(0xfad1f042, 0, 0x00010005, 0x00020003);
        assertEquals(0xffff0002, h.r(0));
        assertEquals(0b0011, h.cpu.ge);
        // uadd8: b0 0xff + 1 carries (GE0), b1 1 + 1, b2 0x80 + 0x80 carries (GE2), b3 0
        h = run(0xfa81f042, 0, 0x008001ff, 0x00800101);
        assertEquals(0x00000200, h.r(0));
        assertEquals(0b0101, h.cpu.ge);
    }

    @Test
    void parallelSaturatingAndHalving() {
        int ge = 0b1010;
        // uqsub8: bytes 0x40-0x50 -> 0, 0x30-0x30 = 0, 0x20-0x10 = 0x10, 0x10-0x20 -> 0; GE untouched
        A32Harness h = new A32Harness().thumb(0xfac1f052).reg(1, 0x10203040).reg(2, 0x20103050);
        h.cpu.ge = ge;
        h.run();
        assertEquals(0x00100000, h.r(0));
        assertEquals(ge, h.cpu.ge);
        // shadd16: (3 + 1) / 2 = 2, (5 + 1) / 2 = 3
        assertEquals(0x00020003, r0(0xfa91f022, 0x00030005, 0x00010001));
        // qasx: lane0 = n0 - m1 = -32768 - 1 -> -32768, lane1 = n1 + m0 = 32767 + 1 -> 32767
        assertEquals(0x7fff8000, r0(0xfaa1f012, 0x7fff8000, 0x00010001));
        // uhsax: lane0 = (n0 + m1) / 2 = (0xffff + 1) / 2 = 0x8000, lane1 = (n1 - m0) / 2 = (2 - 4) / 2 = -1
        assertEquals(0xffff8000, r0(0xfae1f062, 0x0002ffff, 0x00010004));
    }

    // ---------------------------------------------------------------- miscellaneous

    @Test
    void saturatingAddSubtract() {
        // qadd r0, r1, r2 is Rm = r1, Rn = r2: 0x7fffffff + 1 saturates
        A32Harness h = run(0xfa82f081, 0, 0x7fffffff, 1);
        assertEquals(0x7fffffff, h.r(0));
        assertEquals(1, h.cpu.qf);
        // qsub r0, r1, r2: 5 - 3
        h = run(0xfa82f0a1, 0, 5, 3);
        assertEquals(2, h.r(0));
        assertEquals(0, h.cpu.qf);
        // qdsub r0, r1, r2: 0 - SignedSat(2 * 0x40000000) = 0 - 0x7fffffff, Q from the doubling
        h = run(0xfa82f0b1, 0, 0, 0x40000000);
        assertEquals(0x80000001, h.r(0));
        assertEquals(1, h.cpu.qf);
    }

    @Test
    void reverseCountSelect() {
        assertEquals(0x78563412, r0(0xfa91f081, 0x12345678, 0)); // rev.w
        assertEquals(0x34127856, r0(0xfa91f091, 0x12345678, 0)); // rev16.w
        assertEquals(0x80000000, r0(0xfa91f0a1, 1, 0)); // rbit
        assertEquals(0xffffff80, r0(0xfa91f0b1, 0x000080ff, 0)); // revsh.w: 0xff80 sign-extended
        assertEquals(15, r0(0xfab1f081, 0x00010000, 0)); // clz
        assertEquals(32, r0(0xfab1f081, 0, 0));
        // sel r0, r1, r2 with GE = 0101: bytes 0 and 2 from r1, 1 and 3 from r2
        A32Harness h = new A32Harness().thumb(0xfaa1f082).reg(1, 0x11223344).reg(2, 0xaabbccdd);
        h.cpu.ge = 0b0101;
        assertEquals(0xaa22cc44, h.run().r(0));
    }

    // ---------------------------------------------------------------- multiplies

    @Test
    void multiplyAccumulate() {
        A32Harness h = run(0xfb01f002, 0, 0x10001, 0x10001); // mul.w: low word of 0x100020001
        assertEquals(0x00020001, h.r(0));
        assertEquals(0, h.nzcv()); // no flags: T32 MUL has no S form
        assertEquals(17, run(0xfb013002, 0, 3, 4, 5).r(0)); // mla: 3 * 4 + 5
        assertEquals(-7, run(0xfb013012, 0, 3, 4, 5).r(0)); // mls: 5 - 3 * 4
    }

    @Test
    void halfwordMultiplies() {
        // smulbb: -2 * 3
        assertEquals(-6, r0(0xfb11f002, 0xfffffffe, 3));
        // smultt: 0x7fff * -1
        assertEquals(-0x7fff, r0(0xfb11f032, 0x7fff0000, 0xffff0000));
        // smlabt r0, r1, r2, r3: -32768 * 32767 + -2^31 = -3221192704 overflows: low word, Q
        A32Harness h = run(0xfb113012, 0, 0x00008000, 0x7fff0000, 0x80000000);
        assertEquals((int) (-32768L * 32767 - 0x80000000L), h.r(0));
        assertEquals(1, h.cpu.qf);
        // smlawb: (65536 * 3) >> 16 + 10
        h = run(0xfb313002, 0, 0x10000, 0x00000003, 10);
        assertEquals(13, h.r(0));
        assertEquals(0, h.cpu.qf);
        // smulwt: (-65536 * 2) >> 16
        assertEquals(-2, r0(0xfb31f012, 0xffff0000, 0x00020000));
    }

    @Test
    void dualMultiplies() {
        // smlad: 3 * 5 + 2 * 4 + 100 ; smladx: 3 * 4 + 2 * 5 + 100 ; smusd: 3 * 5 - 2 * 4
        assertEquals(123, run(0xfb213002, 0, 0x00020003, 0x00040005, 100).r(0));
        assertEquals(122, run(0xfb213012, 0, 0x00020003, 0x00040005, 100).r(0));
        assertEquals(7, r0(0xfb41f002, 0x00020003, 0x00040005));
        // smlsd: 3 * 5 - 2 * 4 + 100
        assertEquals(107, run(0xfb413002, 0, 0x00020003, 0x00040005, 100).r(0));
        // smuad of 0x80008000 * 0x80008000 = 2 * 2^30 = 2^31: overflows, Q
        A32Harness h = run(0xfb21f002, 0, 0x80008000, 0x80008000);
        assertEquals(0x80000000, h.r(0));
        assertEquals(1, h.cpu.qf);
    }

    @Test
    void mostSignificantWordMultiplies() {
        assertEquals(1, r0(0xfb51f002, 0x40000000, 4)); // smmul: 2^32 >> 32
        assertEquals(0, r0(0xfb51f002, 0x40000000, 3)); // smmul: 0xc0000000 >> 32
        assertEquals(1, r0(0xfb51f012, 0x40000000, 3)); // smmulr rounds 0xc0000000 up
        assertEquals(11, run(0xfb513002, 0, 0x40000000, 4, 10).r(0)); // smmla: 10 + 1
        assertEquals(9, run(0xfb613002, 0, 0x40000000, 4, 10).r(0)); // smmls: (10 << 32 - 2^32) >> 32
        // smmlsr: (10 << 32) - 0xc0000000 = 0x9_4000_0000, + 0x80000000 = 0x9_c000_0000 -> 9
        assertEquals(9, run(0xfb613012, 0, 0x40000000, 3, 10).r(0));
    }

    @Test
    void sumOfAbsoluteDifferences() {
        // |1-3| + |5-1| + |0x10-0x10| + |0xff-0| = 261
        assertEquals(261, r0(0xfb71f002, 0x010510ff, 0x03011000));
        assertEquals(1261, run(0xfb713002, 0, 0x010510ff, 0x03011000, 1000).r(0)); // usada8
    }

    @Test
    void longMultiplies() {
        A32Harness h = run(0xfb820103, 0, 0, -2, 3); // smull: -6
        assertEquals(0xfffffffa, h.r(0));
        assertEquals(0xffffffff, h.r(1));
        h = run(0xfba20103, 0, 0, 0xffffffff, 2); // umull: 0x1_fffffffe
        assertEquals(0xfffffffe, h.r(0));
        assertEquals(1, h.r(1));
        h = run(0xfbc20103, 0xffffffff, 0, 1, 1); // smlal: 0x0_ffffffff + 1
        assertEquals(0, h.r(0));
        assertEquals(1, h.r(1));
        h = run(0xfbe20103, 1, 2, 0xffffffff, 0xffffffff); // umlal: 0x2_00000001 + 0xfffffffe_00000001
        assertEquals(2, h.r(0));
        assertEquals(0, h.r(1));
        // umaal with all ones: (2^32-1)^2 + 2 * (2^32-1) = 2^64 - 1
        h = run(0xfbe20163, -1, -1, -1, -1);
        assertEquals(-1, h.r(0));
        assertEquals(-1, h.r(1));
        assertEquals(0, h.nzcv());
    }

    @Test
    void longHalfwordAndDualMultiplies() {
        // smlaltb: Rn.top (-1) * Rm.bottom (5) + 10
        A32Harness h = run(0xfbc201a3, 10, 0, 0xffff0000, 5);
        assertEquals(5, h.r(0));
        assertEquals(0, h.r(1));
        // smlald: 3 * 5 + 2 * 4 = 23 added to 0x0_ffffffff
        h = run(0xfbc201c3, 0xffffffff, 0, 0x00020003, 0x00040005);
        assertEquals(0x16, h.r(0));
        assertEquals(1, h.r(1));
        // smlsldx: 3 * 4 - 2 * 5 = 2 added to -1
        h = run(0xfbd201d3, -1, -1, 0x00020003, 0x00040005);
        assertEquals(1, h.r(0));
        assertEquals(0, h.r(1));
    }

    @Test
    void divide() {
        assertEquals(-3, r0(0xfb91f0f2, -7, 2)); // sdiv rounds towards zero
        assertEquals(0, r0(0xfb91f0f2, 7, 0)); // divide by zero gives 0
        assertEquals(0x80000000, r0(0xfb91f0f2, 0x80000000, -1));
        assertEquals(0x7fffffff, r0(0xfbb1f0f2, 0xfffffffe, 2)); // udiv
    }

    // ---------------------------------------------------------------- IT blocks, PC destination

    @Test
    void eachClassInsideAFalseItBlockHasNoEffect() {
        int[][] cases = {
            {0xf3210087}, // ssat (plain binary immediate)
            {0xfa01f092}, // sxtah (extend)
            {0xfa91f002}, // sadd16 (parallel: GE)
            {0xfa82f081}, // qadd (miscellaneous: Q)
            {0xfb21f002}, // smuad (multiply: Q)
            {0xfb820103}, // smull (long multiply)
            {0xeac14002}, // pkhbt (shifted register space)
        };
        for (int[] c : cases) {
            A32Harness h = new A32Harness().thumb(IT_EQ, c[0]);
            h.reg(0, 0x5555).reg(1, 0x7fff7fff).reg(2, 0x7fff7fff).reg(3, 0x1234);
            h.cpu.ge = 0b1001;
            h.run();
            String name = Integer.toHexString(c[0]);
            assertEquals(0x5555, h.r(0), name);
            assertEquals(0x7fff7fff, h.r(1), name);
            assertEquals(0b1001, h.cpu.ge, name);
            assertEquals(0, h.cpu.qf, name);
            // the same instruction with Z set does run (so the check above is not an Undefined in disguise)
            h = new A32Harness().thumb(IT_EQ, c[0]).flags(0b0100);
            h.reg(0, 0x5555).reg(1, 0x7fff7fff).reg(2, 0x7fff7fff).reg(3, 0x1234);
            h.run();
            assertNotEquals(0x5555, h.r(0), name);
        }
        // and with Z set the same qadd runs and saturates
        A32Harness h = new A32Harness().thumb(IT_EQ, 0xfa82f081).flags(0b0100).reg(1, 0x7fffffff).reg(2, 1);
        h.run();
        assertEquals(0x7fffffff, h.r(0));
        assertEquals(1, h.cpu.qf);
    }

    @Test
    void pcDestinationBranchesLikeQemu() {
        // uxtab pc, r6, r7 (0xfa56ff87) ; mov.w r1, #1 ; mov.w r2, #2: branches to (r6 + r7[7:0]) & ~1
        A32Harness h = new A32Harness().thumb(0xfa56ff87, 0xf04f0101, 0xf04f0202);
        h.reg(6, A32Harness.BASE).reg(7, 0xffffff09); // BASE + 9 -> the "mov.w r2" at BASE + 8
        h.run();
        assertEquals(0, h.r(1));
        assertEquals(2, h.r(2));
        // umull r6, pc, r0, r4 (0xfba06f04): RdLo written, then a branch to RdHi. With r0 = 2^32 - 1 and
        // r4 = x the product is x * 2^32 - x: RdHi = x - 1, RdLo = 2^32 - x.
        h = new A32Harness().thumb(0xfba06f04, 0xf04f0101, 0xf04f0202);
        h.reg(0, -1).reg(4, A32Harness.BASE + 10); // RdHi = BASE + 9 -> the "mov.w r2" at BASE + 8
        h.run();
        assertEquals(-(A32Harness.BASE + 10), h.r(6));
        assertEquals(0, h.r(1));
        assertEquals(2, h.r(2));
    }
}
