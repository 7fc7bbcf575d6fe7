package io.mttcgj.codegen.arm.a32;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mttcgj.codegen.testing.A32Harness;
import org.junit.jupiter.api.Test;

/**
 * Multiplies and divides. Encodings come from arm-none-eabi-as; expected values are worked out
 * from the ARM ARM pseudocode (A8.8.*). Register roles in the comments follow the assembler syntax.
 */
class MultiplyTest {
    /** Runs one instruction with r0..r{n-1} set to {@code regs}. */
    private static A32Harness run(int insn, int... regs) {
        return prepare(insn, regs).run();
    }

    private static A32Harness prepare(int insn, int... regs) {
        A32Harness h = new A32Harness().code(insn);
        for (int i = 0; i < regs.length; i++) {
            h.reg(i, regs[i]);
        }
        return h;
    }

    // ---------------------------------------------------------------- MUL, MLA, MLS

    @Test
    void mulKeepsLow32Bits() {
        // mul r0, r1, r2: 0x10000 * 0x10001 = 0x1_0001_0000
        assertEquals(0x00010000, run(0xe0000291, 0, 0x10000, 0x10001).r(0));
    }

    @Test
    void mulsSetsNAndZOnlyKeepingCAndV() {
        // muls r0, r1, r2: 0x80000000 * 1 -> N=1 Z=0, C=1 V=1 unchanged
        A32Harness h = prepare(0xe0100291, 0, 0x80000000, 1).flags(0b0011).run();
        assertEquals(0x80000000, h.r(0));
        assertEquals(0b1011, h.nzcv());
        // 0x10000 * 0x10000 = 0 (mod 2^32): Z=1, N cleared
        h = prepare(0xe0100291, 0, 0x10000, 0x10000).flags(0b1000).run();
        assertEquals(0, h.r(0));
        assertEquals(0b0100, h.nzcv());
    }

    @Test
    void mlaAndMlas() {
        // mla r0, r1, r2, r3: 3 * 4 + 5
        assertEquals(17, run(0xe0203291, 0, 3, 4, 5).r(0));
        // mlas r0, r1, r2, r3: -1 * 1 + 1 = 0 -> Z
        A32Harness h = run(0xe0303291, 0, -1, 1, 1);
        assertEquals(0, h.r(0));
        assertEquals(0b0100, h.nzcv());
    }

    @Test
    void mlsSubtractsProductFromAccumulator() {
        // mls r0, r1, r2, r3: 10 - 3 * 4 = -2, flags untouched
        A32Harness h = prepare(0xe0603291, 0, 3, 4, 10).flags(0b0110).run();
        assertEquals(-2, h.r(0));
        assertEquals(0b0110, h.nzcv());
    }

    @Test
    void conditionalMulSkipped() {
        // mulne r0, r1, r2 with Z=1
        A32Harness h = prepare(0x10000291, 7, 3, 4).flags(0b0100).run();
        assertEquals(7, h.r(0));
    }

    @Test
    void mulToPcIsUndefined() {
        // mul pc, r1, r2 (UNPREDICTABLE): we take the Undefined exception
        A32Harness h = run(0xe00f0291, 0, 3, 4);
        assertEquals(0x1b, h.cpu.mode());
    }

    // ---------------------------------------------------------------- long multiplies

    @Test
    void umullMaxOperands() {
        // umull r0, r1, r2, r3: 0xffffffff^2 = 0xfffffffe_00000001
        A32Harness h = run(0xe0810392, 0, 0, -1, -1);
        assertEquals(1, h.r(0));
        assertEquals(0xfffffffe, h.r(1));
    }

    @Test
    void umullsFlagsUseAll64Bits() {
        // umulls: 0x10000 * 0x10000 = 0x1_00000000: low word 0 but Z=0; N=0
        A32Harness h = prepare(0xe0910392, 0, 0, 0x10000, 0x10000).flags(0b0100).run();
        assertEquals(0, h.r(0));
        assertEquals(1, h.r(1));
        assertEquals(0b0000, h.nzcv());
        // 0xffffffff^2: bit 63 set -> N=1, C V kept
        h = prepare(0xe0910392, 0, 0, -1, -1).flags(0b0011).run();
        assertEquals(0b1011, h.nzcv());
    }

    @Test
    void smullNegativeOperands() {
        // smull r0, r1, r2, r3: -2 * 3 = -6
        A32Harness h = run(0xe0c10392, 0, 0, -2, 3);
        assertEquals(0xfffffffa, h.r(0));
        assertEquals(0xffffffff, h.r(1));
        // -2 * -3 = 6
        h = run(0xe0c10392, 0, 0, -2, -3);
        assertEquals(6, h.r(0));
        assertEquals(0, h.r(1));
        // INT_MIN * INT_MIN = 2^62
        h = run(0xe0c10392, 0, 0, 0x80000000, 0x80000000);
        assertEquals(0, h.r(0));
        assertEquals(0x40000000, h.r(1));
    }

    @Test
    void smullsSetsN() {
        A32Harness h = run(0xe0d10392, 0, 0, -2, 3);
        assertEquals(0b1000, h.nzcv());
    }

    @Test
    void umlalCarriesIntoHighWord() {
        // umlal r0, r1, r2, r3: 0x00000001_ffffffff + 1 * 1 = 0x2_00000000
        A32Harness h = run(0xe0a10392, 0xffffffff, 1, 1, 1);
        assertEquals(0, h.r(0));
        assertEquals(2, h.r(1));
    }

    @Test
    void smlalAndSmlals() {
        // smlal: 5 + (-1 * 10) = -5
        A32Harness h = run(0xe0e10392, 5, 0, -1, 10);
        assertEquals(0xfffffffb, h.r(0));
        assertEquals(0xffffffff, h.r(1));
        // smlals: 6 + (-2 * 3) = 0 -> Z=1 N=0, C kept
        h = prepare(0xe0f10392, 6, 0, -2, 3).flags(0b1010).run();
        assertEquals(0, h.r(0));
        assertEquals(0, h.r(1));
        assertEquals(0b0110, h.nzcv());
    }

    @Test
    void umaalMaxValuesFitIn64Bits() {
        // umaal r0, r1, r2, r3: (2^32-1)^2 + (2^32-1) + (2^32-1) = 2^64 - 1
        A32Harness h = run(0xe0410392, -1, -1, -1, -1);
        assertEquals(0xffffffff, h.r(0));
        assertEquals(0xffffffff, h.r(1));
        // 2 * 3 + lo 4 + hi 5 = 15
        h = run(0xe0410392, 4, 5, 2, 3);
        assertEquals(15, h.r(0));
        assertEquals(0, h.r(1));
    }

    // ---------------------------------------------------------------- halfword multiplies

    @Test
    void smlaxySelectsHalves() {
        // smlabb r0, r1, r2, r3: (-2) * 5 + 100
        assertEquals(90, run(0xe1003281, 0, 0x0003fffe, 0x7fff0005, 100).r(0));
        // smlatt: 3 * 0x7fff + 1
        assertEquals(3 * 0x7fff + 1, run(0xe10032e1, 0, 0x0003fffe, 0x7fff0005, 1).r(0));
        // smlatb: 3 * 5 ; smlabt: -2 * 0x7fff
        assertEquals(15, run(0xe10032a1, 0, 0x0003fffe, 0x7fff0005, 0).r(0));
        assertEquals(-2 * 0x7fff, run(0xe10032c1, 0, 0x0003fffe, 0x7fff0005, 0).r(0));
    }

    @Test
    void smlabbOverflowSetsQ() {
        // (-32768)^2 + 0x40000000 = 0x80000000: wraps, Q=1
        A32Harness h = run(0xe1003281, 0, 0x8000, 0x8000, 0x40000000);
        assertEquals(0x80000000, h.r(0));
        assertEquals(1, h.cpu.qf);
    }

    @Test
    void qIsStickyAcrossNonOverflowingSmla() {
        A32Harness h = prepare(0xe1003281, 0, 2, 3, 4);
        h.cpu.qf = 1;
        h.run();
        assertEquals(10, h.r(0));
        assertEquals(1, h.cpu.qf);
        h = run(0xe1003281, 0, 2, 3, 4);
        assertEquals(0, h.cpu.qf);
    }

    @Test
    void smlawyTakesBits47To16() {
        // smlawb r0, r1, r2, r3: 0x12345678 * -32768 = -0x91a2b3c0000 -> bits 47:16 = -0x91a2b3c
        A32Harness h = run(0xe1203281, 0, 0x12345678, 0x8000, 0);
        assertEquals(-0x91a2b3c, h.r(0));
        assertEquals(0, h.cpu.qf);
        // smlawt: 0x7fffffff * 0x7fff >> 16 = 0x3fff7fff; + 0x40008001 = 0x80000000 -> Q
        h = run(0xe12032c1, 0, 0x7fffffff, 0x7fff0000, 0x40008001);
        assertEquals(0x80000000, h.r(0));
        assertEquals(1, h.cpu.qf);
    }

    @Test
    void smulwyAndSmulxy() {
        // smulwb r0, r1, r2: -1 * 1 = -1 -> bits 47:16 all ones
        assertEquals(-1, run(0xe12002a1, 0, -1, 1).r(0));
        // smulwt: 0x10000 * 3 >> 16 = 3
        assertEquals(3, run(0xe12002e1, 0, 0x10000, 0x00030000).r(0));
        // smulbb: -1 * -32768 = 32768
        assertEquals(0x8000, run(0xe1600281, 0, 0xffff, 0x8000).r(0));
        // smultt: -32768 * -32768 = 0x40000000, never sets Q
        A32Harness h = run(0xe16002e1, 0, 0x80000000, 0x80000000);
        assertEquals(0x40000000, h.r(0));
        assertEquals(0, h.cpu.qf);
    }

    @Test
    void smlalxyAccumulates64Bits() {
        // smlalbb r0, r1, r2, r3: 0x00000000_ffffffff + (-1 * 1) = 0xfffffffe
        A32Harness h = run(0xe1410382, 0xffffffff, 0, 0xffff, 1);
        assertEquals(0xfffffffe, h.r(0));
        assertEquals(0, h.r(1));
        // smlaltb: 0 + (-32768 * 1) sign-extends into the high word
        h = run(0xe14103a2, 0, 0, 0x80000000, 1);
        assertEquals(-32768, h.r(0));
        assertEquals(-1, h.r(1));
    }

    // ---------------------------------------------------------------- dual 16-bit multiplies

    @Test
    void smuadSmusdAndExchange() {
        int n = 0x00020003;
        int m = 0x00040005;
        assertEquals(3 * 5 + 2 * 4, run(0xe700f211, 0, n, m).r(0)); // smuad
        assertEquals(3 * 4 + 2 * 5, run(0xe700f231, 0, n, m).r(0)); // smuadx
        assertEquals(3 * 5 - 2 * 4, run(0xe700f251, 0, n, m).r(0)); // smusd
        assertEquals(3 * 4 - 2 * 5, run(0xe700f271, 0, n, m).r(0)); // smusdx
    }

    @Test
    void smuadOverflowSetsQButSmusdNever() {
        // 0x40000000 + 0x40000000 overflows
        A32Harness h = run(0xe700f211, 0, 0x80008000, 0x80008000);
        assertEquals(0x80000000, h.r(0));
        assertEquals(1, h.cpu.qf);
        // smusd: 0x40000000 - (0x7fff * -32768) = 0x7fff8000, fits
        h = run(0xe700f251, 0, 0x7fff8000, 0x80008000);
        assertEquals(0x7fff8000, h.r(0));
        assertEquals(0, h.cpu.qf);
    }

    @Test
    void smladAndSmlsdAccumulate() {
        int n = 0x00020003;
        int m = 0x00040005;
        assertEquals(123, run(0xe7003211, 0, n, m, 100).r(0)); // smlad
        assertEquals(122, run(0xe7003231, 0, n, m, 100).r(0)); // smladx
        assertEquals(107, run(0xe7003251, 0, n, m, 100).r(0)); // smlsd
        assertEquals(102, run(0xe7003271, 0, n, m, 100).r(0)); // smlsdx
        // smlad: 0x40000000 + 0 + 0x40000000 overflows -> Q
        A32Harness h = run(0xe7003211, 0, 0x8000, 0x8000, 0x40000000);
        assertEquals(0x80000000, h.r(0));
        assertEquals(1, h.cpu.qf);
    }

    @Test
    void smlaldAndSmlsld() {
        // smlald r0, r1, r2, r3: 0x00000000_fffffff0 + 23 = 0x1_00000007
        A32Harness h = run(0xe7410312, 0xfffffff0, 0, 0x00020003, 0x00040005);
        assertEquals(7, h.r(0));
        assertEquals(1, h.r(1));
        // smlsld: 3 * 2 - 4 * 5 = -14
        h = run(0xe7410352, 0, 0, 0x00040003, 0x00050002);
        assertEquals(-14, h.r(0));
        assertEquals(-1, h.r(1));
        // smlsldx: 3 * 5 - 4 * 2 = 7 ; smlaldx: 15 + 8 = 23
        assertEquals(7, run(0xe7410372, 0, 0, 0x00040003, 0x00050002).r(0));
        assertEquals(23, run(0xe7410332, 0, 0, 0x00040003, 0x00050002).r(0));
    }

    @Test
    void smmulFamilyTakesTopWordWithOptionalRounding() {
        // 0x40000000 * 6 = 0x1_80000000
        assertEquals(1, run(0xe750f211, 0, 0x40000000, 6).r(0));     // smmul
        assertEquals(2, run(0xe750f231, 0, 0x40000000, 6).r(0));     // smmulr
        assertEquals(6, run(0xe7503211, 0, 0x40000000, 6, 5).r(0));  // smmla: 5 + 1
        assertEquals(7, run(0xe7503231, 0, 0x40000000, 6, 5).r(0));  // smmlar
        // smmls: 0x5_00000000 - 0x1_80000000 = 0x3_80000000 ; rounded 0x4_00000000
        assertEquals(3, run(0xe75032d1, 0, 0x40000000, 6, 5).r(0));
        assertEquals(4, run(0xe75032f1, 0, 0x40000000, 6, 5).r(0));
        // negative: -1 * 1 = -1 -> top word -1; rounded: -1 + 0x80000000 -> top word 0
        assertEquals(-1, run(0xe750f211, 0, -1, 1).r(0));
        assertEquals(0, run(0xe750f231, 0, -1, 1).r(0));
    }

    // ---------------------------------------------------------------- divide, sum of differences

    @Test
    void sdivTruncatesAndHandlesEdgeCases() {
        assertEquals(-3, run(0xe710f211, 0, 7, -2).r(0));
        assertEquals(0x80000000, run(0xe710f211, 0, 0x80000000, -1).r(0));
        assertEquals(0, run(0xe710f211, 0, 5, 0).r(0));
    }

    @Test
    void udivIsUnsignedAndDivByZeroGivesZero() {
        assertEquals(0x7fffffff, run(0xe730f211, 0, -1, 2).r(0));
        assertEquals(0, run(0xe730f211, 0, 1234, 0).r(0));
    }

    @Test
    void usad8AndUsada8() {
        // |1-2| + |255-0| + |10-10| + |16-32| = 272
        assertEquals(272, run(0xe780f211, 0, 0x01ff0a10, 0x02000a20).r(0));
        assertEquals(1272, run(0xe7803211, 0, 0x01ff0a10, 0x02000a20, 1000).r(0));
    }

    @Test
    void sequenceInOneBlock() {
        // umull r0, r1, r2, r3 ; muls r4, r0, r1 ; mla r5, r4, r1, r0
        A32Harness h = new A32Harness().code(0xe0810392, 0xe0140190, 0xe0250194)
                .reg(2, 0x10001).reg(3, 0x10003).run();
        // 0x10001 * 0x10003 = 0x1_00040003: lo 0x00040003, hi 1
        assertEquals(0x00040003, h.r(0));
        assertEquals(1, h.r(1));
        assertEquals(0x00040003, h.r(4));
        assertEquals(0x00080006, h.r(5));
    }
}
