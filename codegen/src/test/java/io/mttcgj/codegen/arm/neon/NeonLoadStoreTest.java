package io.mttcgj.codegen.arm.neon;

import static io.mttcgj.codegen.testing.A32Harness.DATA;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mttcgj.codegen.arm.state.Mode;
import io.mttcgj.codegen.testing.A32Harness;
import org.junit.jupiter.api.Test;

/** VLDn/VSTn: element order, interleaving, lanes, writeback forms and alignment faults (ARM ARM A7.7). */
class NeonLoadStoreTest {
    private static A32Harness words(A32Harness h, int... w) {
        for (int i = 0; i < w.length; i++) {
            h.mem.write(DATA + 4 * i, 4, w[i]);
        }
        return h;
    }

    @Test
    void vld1MultipleWithWritebackBySize() {
        // vld1.32 {d6-d7}, [r0]!
        A32Harness h = words(NeonTestSupport.enabled().code(0xf4206a8d).reg(0, DATA), 0x11111111, 0x22222222,
                0x33333333, 0x44444444).run();
        assertEquals(0x2222222211111111L, h.cpu.d[6]);
        assertEquals(0x4444444433333333L, h.cpu.d[7]);
        assertEquals(DATA + 16, h.r(0));
    }

    @Test
    void vst2InterleavesTwoRegisters() {
        // vst2.16 {d8-d9}, [r1]
        A32Harness h = NeonTestSupport.enabled().code(0xf401884f).reg(1, DATA);
        h.cpu.d[8] = 0x0003000200010000L;
        h.cpu.d[9] = 0x0013001200110010L;
        h.run();
        assertEquals(0x00100000, h.mem.read(DATA, 4));
        assertEquals(0x00110001, h.mem.read(DATA + 4, 4));
        assertEquals(0x00120002, h.mem.read(DATA + 8, 4));
        assertEquals(0x00130003, h.mem.read(DATA + 12, 4));
        assertEquals(DATA, h.r(1));
    }

    @Test
    void vld4SingleLaneWithRegisterPostIndex() {
        // vld4.8 {d0[1], d1[1], d2[1], d3[1]}, [r2], r3
        A32Harness h = words(NeonTestSupport.enabled().code(0xf4a20323).reg(2, DATA).reg(3, 5), 0xddccbbaa).run();
        assertEquals(0xaa00L, h.cpu.d[0]);
        assertEquals(0xbb00L, h.cpu.d[1]);
        assertEquals(0xcc00L, h.cpu.d[2]);
        assertEquals(0xdd00L, h.cpu.d[3]);
        assertEquals(DATA + 5, h.r(2));
    }

    @Test
    void vld2ToAllLanesReplicates() {
        // vld2.16 {d4[], d5[]}, [r2]
        A32Harness h = words(NeonTestSupport.enabled().code(0xf4a24d4f).reg(2, DATA), 0x56781234).run();
        assertEquals(0x1234123412341234L, h.cpu.d[4]);
        assertEquals(0x5678567856785678L, h.cpu.d[5]);
    }

    @Test
    void misalignedAccessWithAlignmentHintAbortsWithoutChangingRegisters() {
        // vld1.32 {d0-d1}, [r0 :128]! at an address that is only 8-byte aligned
        A32Harness h = words(NeonTestSupport.enabled().code(0xf4200aad).reg(0, DATA + 8), 1, 2, 3, 4, 5, 6);
        h.cpu.d[0] = 0x1234;
        h.run();
        assertEquals(Mode.ABT, h.cpu.mode());
        assertEquals(A32Harness.BASE + 8, h.r(14));
        assertEquals(DATA + 8, h.r(0));
        assertEquals(0x1234L, h.cpu.d[0]);
        assertEquals(0L, h.cpu.d[1]);
    }

    @Test
    void alignedAccessWithAlignmentHintLoads() {
        A32Harness h = words(NeonTestSupport.enabled().code(0xf4200aad).reg(0, DATA), 1, 2, 3, 4).run();
        assertEquals(0x0000000200000001L, h.cpu.d[0]);
        assertEquals(0x0000000400000003L, h.cpu.d[1]);
        assertEquals(DATA + 16, h.r(0));
    }
}
