package io.mttcgj.codegen.arm.neon;

import static io.mttcgj.codegen.arm.neon.NeonTestSupport.a32;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mttcgj.codegen.arm.state.Mode;
import io.mttcgj.codegen.runtime.neon.Lanes;
import io.mttcgj.codegen.testing.A32Harness;
import org.junit.jupiter.api.Test;

/**
 * Advanced SIMD data processing, one or two instructions per class; encodings from arm-none-eabi-as,
 * expected values worked out by hand from the ARM ARM pseudocode.
 */
class NeonDataProcessingTest {
    private static long[] regs(long... values) {
        return values;
    }

    @Test
    void vaddI8WrapsEachByte() {
        // vadd.i8 d0, d1, d2
        A32Harness h = a32(regs(0, 0x80ff7f0102030405L, 0x8001010203040506L), 0xf2010802).run();
        assertEquals(0x000080030507090bL, h.cpu.d[0]);
    }

    @Test
    void vqaddS16SaturatesAndSetsQc() {
        // vqadd.s16 d3, d4, d5
        long[] d = new long[6];
        d[4] = 0x7fff80000001fffeL;
        d[5] = 0x0001ffff00020001L;
        A32Harness h = a32(d, 0xf2143015).run();
        assertEquals(0x7fff80000003ffffL, h.cpu.d[3]);
        assertEquals(Lanes.QC, h.cpu.fpscr & Lanes.QC);
    }

    @Test
    void vqaddWithoutOverflowLeavesQcClear() {
        long[] d = new long[6];
        d[4] = 0x0001000100010001L;
        d[5] = 0x0001000100010001L;
        A32Harness h = a32(d, 0xf2143015).run();
        assertEquals(0x0002000200020002L, h.cpu.d[3]);
        assertEquals(0, h.cpu.fpscr);
    }

    @Test
    void modifiedImmediateMovAndBic() {
        // vmov.i32 q5, #0x00ff0000 ; vbic.i16 d4, #0xff00
        long[] d = new long[12];
        d[4] = 0x1234567890abcdefL;
        A32Harness h = a32(d, 0xf387a45f, 0xf3874b3f).run();
        assertEquals(0x00ff000000ff0000L, h.cpu.d[10]);
        assertEquals(0x00ff000000ff0000L, h.cpu.d[11]);
        assertEquals(0x0034007800ab00efL, h.cpu.d[4]);
    }

    @Test
    void shiftsByTheFullLaneWidth() {
        // vshr.u32 d2, d3, #32 then vrshr.u32 d4, d3, #32: (x + 2^31) >> 32
        long[] d = new long[5];
        d[3] = 0x800000007fffffffL;
        A32Harness h = a32(d, 0xf3a02013, 0xf3a04213).run();
        assertEquals(0, h.cpu.d[2]);
        assertEquals(0x0000000100000000L, h.cpu.d[4]);
    }

    @Test
    void vqshrunSaturatesNegativeToZeroAndLargeToMax() {
        // vqshrun.s32 d0, q1, #4
        long[] d = new long[4];
        d[2] = 0xfffffff000001230L;
        d[3] = 0x000ffff07fffffffL;
        A32Harness h = a32(d, 0xf39c0812).run();
        assertEquals(0xffffffff00000123L, h.cpu.d[0]);
        assertEquals(Lanes.QC, h.cpu.fpscr & Lanes.QC);
    }

    @Test
    void vmullP8IsCarryLess() {
        // vmull.p8 q6, d1, d2: 3 * 3 = x^2 + 1, 0x80 * 2 = 0x100
        A32Harness h = a32(regs(0, 0x8003, 0x0203), 0xf281ce02).run();
        assertEquals(0x0000000001000005L, h.cpu.d[12]);
        assertEquals(0, h.cpu.d[13]);
    }

    @Test
    void vqdmulhSaturatesMinTimesMin() {
        // vqdmulh.s16 d8, d9, d10
        long[] d = new long[11];
        d[9] = 0xffff000140008000L;
        d[10] = 0x00017fff40008000L;
        A32Harness h = a32(d, 0xf2198b0a).run();
        assertEquals(0xffff000020007fffL, h.cpu.d[8]);
        assertEquals(Lanes.QC, h.cpu.fpscr & Lanes.QC);
    }

    @Test
    void vpaddAddsAdjacentPairs() {
        // vpadd.i16 d0, d1, d2
        A32Harness h = a32(regs(0, 0x0004000300020001L, 0x0014000a0001ffffL), 0xf2110b12).run();
        assertEquals(0x001e000000070003L, h.cpu.d[0]);
    }

    @Test
    void vabalAccumulatesAbsoluteDifferencesWidened() {
        // vabal.u8 q2, d1, d2
        long[] d = new long[6];
        d[1] = 0xff10L;
        d[2] = 0xff0020L;
        d[4] = 0x000100010001ffffL;
        A32Harness h = a32(d, 0xf3814502).run();
        assertEquals(0x000101000100000fL, h.cpu.d[4]);
        assertEquals(0, h.cpu.d[5]);
    }

    @Test
    void vmovlWidensUnsigned() {
        // vmovl.u8 q1, d4
        long[] d = new long[5];
        d[4] = 0x80ff000102030405L;
        A32Harness h = a32(d, 0xf3882a14).run();
        assertEquals(0x0002000300040005L, h.cpu.d[2]);
        assertEquals(0x008000ff00000001L, h.cpu.d[3]);
    }

    @Test
    void tableLookupAndExtension() {
        // vtbl.8 d0, {d1, d2}, d3 ; vtbx.8 d4, {d1}, d3
        long[] d = new long[5];
        d[1] = 0x1716151413121110L;
        d[2] = 0x2726252423222120L;
        d[3] = 0x000f100807ff0109L;
        d[4] = 0xaaaaaaaaaaaaaaaaL;
        A32Harness h = a32(d, 0xf3b10903, 0xf3b14843).run();
        assertEquals(0x1027002017001121L, h.cpu.d[0]);
        assertEquals(0x10aaaaaa17aa11aaL, h.cpu.d[4]);
    }

    @Test
    void permutesAndReversals() {
        // vrev64.8 d4, d5 ; vzip.8 d1, d2 ; vext.8 d6, d7, d8, #3
        long[] d = new long[9];
        d[5] = 0x0102030405060708L;
        d[1] = 0x0706050403020100L;
        d[2] = 0x1716151413121110L;
        d[7] = 0x0706050403020100L;
        d[8] = 0x1716151413121110L;
        A32Harness h = a32(d, 0xf3b04005, 0xf3b21182, 0xf2b76308).run();
        assertEquals(0x0807060504030201L, h.cpu.d[4]);
        assertEquals(0x1303120211011000L, h.cpu.d[1]);
        assertEquals(0x1707160615051404L, h.cpu.d[2]);
        assertEquals(0x1211100706050403L, h.cpu.d[6]);
    }

    @Test
    void miscCountsAndCompares() {
        // vcnt.8 d0, d1 ; vcgt.s8 d2, d3, #0 ; vrecpe.u32 d6, d7
        long[] d = new long[8];
        d[1] = 0xff0f010080030700L;
        d[3] = 0x7f80010000ff0102L;
        d[7] = 0x7fffffff80000000L;
        A32Harness h = a32(d, 0xf3b00501, 0xf3b12003, 0xf3bb6407).run();
        assertEquals(0x0804010001020300L, h.cpu.d[0]);
        assertEquals(0xff00ff000000ffffL, h.cpu.d[2]);
        assertEquals(0xffffffffff800000L, h.cpu.d[6]);
    }

    @Test
    void floatMultiplyAccumulateByScalarAndFixedPointConvert() {
        // vmla.f32 q0, q1, d4[1] ; vcvt.s32.f32 d6, d5, #16
        long[] d = new long[7];
        d[0] = 0x3f0000003f000000L;                // 0.5, 0.5
        d[1] = 0x3f0000003f000000L;
        d[2] = 0x400000003f800000L;                // 1.0, 2.0
        d[3] = 0xbfc0000040400000L;                // 3.0, -1.5
        d[4] = 0x4000000000000000L;                // d4[1] = 2.0
        d[5] = 0xc01000003fc00000L;                // 1.5, -2.25
        A32Harness h = a32(d, 0xf3a20164, 0xf2b06f15).run();
        assertEquals(0x4090000040200000L, h.cpu.d[0]); // 2.5, 4.5
        assertEquals(0xc020000040d00000L, h.cpu.d[1]); // 6.5, -2.5
        assertEquals(0xfffdc00000018000L, h.cpu.d[6]); // 98304, -147456
    }

    @Test
    void undefinedWhenFpexcDisabled() {
        A32Harness h = a32(regs(0, 1, 2), 0xf2010802);
        h.cpu.fpexc = 0;
        h.run();
        assertEquals(Mode.UND, h.cpu.mode());
        assertEquals(A32Harness.BASE + 4, h.r(14));
        assertEquals(0, h.cpu.d[0]);
    }

    @Test
    void undefinedEncodingsRaiseUndefined() {
        // vadd.i8 q0, q1, q3 with Vn odd (d3): UNDEFINED for a quadword op
        A32Harness h = a32(regs(0, 1, 2), 0xf2030846).run();
        assertEquals(Mode.UND, h.cpu.mode());
    }

    @Test
    void thumbEncodingsRunTheSameOperations() {
        // T32: vadd.i8 d0, d1, d2 ; vld1.32 {d6-d7}, [r0]!
        A32Harness h = NeonTestSupport.enabled().thumb(0xef010802, 0xf9206a8d).reg(0, A32Harness.DATA);
        h.cpu.d[1] = 0x80ff7f0102030405L;
        h.cpu.d[2] = 0x8001010203040506L;
        for (int i = 0; i < 4; i++) {
            h.mem.write(A32Harness.DATA + 4 * i, 4, 0x11111111 * (i + 1));
        }
        h.run();
        assertEquals(0x000080030507090bL, h.cpu.d[0]);
        assertEquals(0x2222222211111111L, h.cpu.d[6]);
        assertEquals(0x4444444433333333L, h.cpu.d[7]);
        assertEquals(A32Harness.DATA + 16, h.r(0));
    }
}
