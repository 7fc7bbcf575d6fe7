package io.mttcgj.codegen.arm.a32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.mttcgj.codegen.arm.state.Mode;
import io.mttcgj.codegen.testing.A32Harness;
import org.junit.jupiter.api.Test;

/**
 * LDREX/STREX in all sizes, CLREX, SWP/SWPB (ARM ARM A8.8.75-A8.8.78, A8.8.212-A8.8.215, A8.8.32,
 * A8.8.229). Encodings from arm-none-eabi-as. STREX writes 0 to Rd on success and 1 on failure.
 * Alignment (A3.2.1, Table A3-1): exclusives fault when not naturally aligned (doubleword for
 * LDREXD/STREXD) and SWP needs word alignment, whatever SCTLR.A says.
 */
class ExclusivesTest {
    private static final int DATA = A32Harness.DATA;
    private static final int LDREX = 0xe1910f9f; // ldrex r0, [r1]
    private static final int ADD1 = 0xe2800001; // add r0, r0, #1
    private static final int STREX = 0xe1812f90; // strex r2, r0, [r1]
    private static final int CLREX = 0xf57ff01f;

    private static A32Harness harness(int... code) {
        A32Harness h = new A32Harness().code(code).reg(1, DATA).reg(2, 7);
        h.mem.write(DATA, 4, 5);
        return h;
    }

    @Test
    void ldrexStrexSucceeds() {
        A32Harness h = harness(LDREX, ADD1, STREX).run();
        assertEquals(0, h.r(2));
        assertEquals(6, h.mem.read(DATA, 4));
        assertFalse(h.cpu.exclusiveValid);
    }

    @Test
    void conditionalStrexNotExecutedKeepsTheMonitor() {
        // ldrex ; movs r6, #0 (Z = 1) ; strexne r2, r0, [r1] (skipped) ; add ; strex
        A32Harness h = harness(LDREX, 0xe3b06000, 0x11812f90, ADD1, STREX).run();
        assertEquals(0, h.r(2));
        assertEquals(6, h.mem.read(DATA, 4));
    }

    @Test
    void strexFailsAfterClrex() {
        A32Harness h = harness(LDREX, CLREX, ADD1, STREX).run();
        assertEquals(1, h.r(2));
        assertEquals(5, h.mem.read(DATA, 4));
    }

    @Test
    void strexFailsWithoutLdrex() {
        A32Harness h = harness(STREX).reg(0, 9).run();
        assertEquals(1, h.r(2));
        assertEquals(5, h.mem.read(DATA, 4));
    }

    @Test
    void strexToAnotherAddressFailsAndClearsTheMonitor() {
        // ldrex r0, [r1] ; strex r2, r0, [r3] (another address: fails) ; add r0, r0, #1 ; strex r2, r0, [r1]
        A32Harness h = harness(LDREX, 0xe1832f90, ADD1, STREX).reg(3, DATA + 4).run();
        assertEquals(1, h.r(2));
        assertEquals(0, h.mem.read(DATA + 4, 4));
        assertEquals(5, h.mem.read(DATA, 4)); // the second STREX failed too: any STREX clears the monitor
    }

    @Test
    void strexFailsWhenMemoryChangedSinceLdrex() {
        // ldrex r0, [r1] ; str r4, [r1] ; add r0, r0, #1 ; strex r2, r0, [r1]
        // The monitor is value-based: the store of a different value makes the STREX fail.
        A32Harness h = harness(LDREX, 0xe5814000, ADD1, STREX).reg(4, 99).run();
        assertEquals(1, h.r(2));
        assertEquals(99, h.mem.read(DATA, 4));
    }

    @Test
    void byteAndHalfwordExclusives() {
        // ldrexb r0, [r1] ; add r0, r0, #1 ; strexb r2, r0, [r1]
        A32Harness h = harness(0xe1d10f9f, ADD1, 0xe1c12f90).reg(1, DATA + 3);
        h.mem.write(DATA, 4, 0x44332211);
        h.run();
        assertEquals(0, h.r(2));
        assertEquals(0x45, h.r(0));
        assertEquals(0x45332211, h.mem.read(DATA, 4));
        // ldrexh r0, [r1] ; add r0, r0, #1 ; strexh r2, r0, [r1]
        h = harness(0xe1f10f9f, ADD1, 0xe1e12f90).reg(1, DATA + 2);
        h.mem.write(DATA, 4, 0xffff2211);
        h.run();
        assertEquals(0, h.r(2));
        assertEquals(0x10000, h.r(0));
        assertEquals(0x00002211, h.mem.read(DATA, 4)); // only the low halfword of r0 is stored
    }

    @Test
    void doublewordExclusives() {
        // ldrexd r4, r5, [r1] ; strexd r2, r6, r7, [r1]
        A32Harness h = harness(0xe1b14f9f, 0xe1a12f96).reg(6, 0x66).reg(7, 0x77);
        h.mem.write(DATA, 4, 0x11111111);
        h.mem.write(DATA + 4, 4, 0x22222222);
        h.run();
        assertEquals(0x11111111, h.r(4));
        assertEquals(0x22222222, h.r(5));
        assertEquals(0, h.r(2));
        assertEquals(0x66, h.mem.read(DATA, 4));
        assertEquals(0x77, h.mem.read(DATA + 4, 4));
    }

    @Test
    void ldrexdNeedsDoublewordAlignment() {
        A32Harness h = harness(0xe1b14f9f).reg(1, DATA + 4).reg(4, 4).reg(5, 5).run();
        assertEquals(Mode.ABT, h.cpu.mode());
        assertEquals(DATA + 4, h.cpu.cp15.dfar);
        assertEquals(1, h.cpu.cp15.dfsr & 0x40f);
        assertEquals(4, h.r(4));
        assertEquals(5, h.r(5));
    }

    @Test
    void ldrexUnalignedFaultsWithAlignmentCheckOff() {
        A32Harness h = harness(LDREX).reg(0, 3).reg(1, DATA + 2).run();
        assertEquals(Mode.ABT, h.cpu.mode());
        assertEquals(DATA + 2, h.cpu.cp15.dfar);
        assertEquals(3, h.r(0));
    }

    @Test
    void unpredictableRegisterChoicesAreUndefined() {
        // strex r2, r2, [r1] (Rd == Rt) and ldrexd r3, r4, [r1] (odd Rt): UNDEFINED on qemu-system-arm too
        for (int insn : new int[] {0xe1812f92, 0xe1b13f9f}) {
            A32Harness h = harness(insn).run();
            assertEquals(Mode.UND, h.cpu.mode());
        }
    }

    @Test
    void swpAndSwpbExchange() {
        // swp r0, r1, [r2] ; swpb r3, r4, [r5]
        A32Harness h = new A32Harness().code(0xe1020091, 0xe1453094).reg(1, 0xabcdef01).reg(2, DATA)
                .reg(4, 0x1ff).reg(5, DATA + 5);
        h.mem.write(DATA, 4, 0x44332211);
        h.mem.write(DATA + 4, 4, 0x88776655);
        h.run();
        assertEquals(0x44332211, h.r(0));
        assertEquals(0xabcdef01, h.mem.read(DATA, 4));
        assertEquals(0x66, h.r(3));
        assertEquals(0x8877ff55, h.mem.read(DATA + 4, 4));
    }

    @Test
    void swpNeedsWordAlignment() {
        A32Harness h = new A32Harness().code(0xe1020091).reg(0, 3).reg(2, DATA + 2).run();
        assertEquals(Mode.ABT, h.cpu.mode());
        assertEquals(DATA + 2, h.cpu.cp15.dfar);
        assertEquals(3, h.r(0));
    }
}
