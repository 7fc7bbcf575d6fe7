package io.mttcgj.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Little-endian layout as the ARM ARM defines it (CPSR.E = 0): the byte at A is bits [7:0] of the word at A. */
class RamRegionTest {
    private final RamRegion ram = new RamRegion("test", 0x8000_0000, 4096);

    @Test
    void wordIsStoredLittleEndianInTheBackingArray() {
        ram.write32(8, 0x11223344);
        assertEquals(0x11223344, ram.read32(8));
        assertEquals(0x44, ram.read8(8));
        assertEquals(0x33, ram.read8(9));
        assertEquals(0x22, ram.read8(10));
        assertEquals(0x11, ram.read8(11));
        assertEquals(0x3344, ram.read16(8));
        assertEquals(0x1122, ram.read16(10));
    }

    @Test
    void bytesAndHalfwordsComposeTheWord() {
        ram.write8(0x10, 0xaa);
        ram.write8(0x11, 0xbb);
        ram.write16(0x12, 0xccdd);
        assertEquals(0xccddbbaa, ram.read32(0x10));
        assertEquals(0xccddbbaa, ram.read32(16));
    }

    @Test
    void subwordWritesKeepOtherBytesAndIgnoreHighBits() {
        ram.write32(0x20, 0x12345678);
        ram.write8(0x21, 0xffffff99);      // only the low byte is stored
        assertEquals(0x12349978, ram.read32(0x20));
        ram.write16(0x22, 0xabcdef01);     // only the low halfword is stored
        assertEquals(0xef019978, ram.read32(0x20));
        ram.write8(0x23, 0x80);
        assertEquals(0x80019978, ram.read32(0x20));
    }

    /** Two threads storing to different bytes of the same words: no store is ever lost (no read-modify-write). */
    @Test
    void concurrentByteStoresToOneWordAreNeverLost() throws InterruptedException {
        int rounds = 200_000;
        Thread[] t = new Thread[2];
        for (int k = 0; k < 2; k++) {
            int lane = k;
            t[k] = new Thread(() -> {
                for (int i = 0; i < rounds; i++) {
                    ram.write8(0x60 + lane, i);
                    ram.write16(0x64 + 2 * lane, i);
                }
            });
            t[k].start();
        }
        for (Thread x : t) {
            x.join(30_000);
        }
        int last = (rounds - 1) & 0xff;
        assertEquals(last | last << 8, ram.read32(0x60) & 0xffff);
        int lastH = (rounds - 1) & 0xffff;
        assertEquals(lastH | lastH << 16, ram.read32(0x64));
    }

    @Test
    void readsAreZeroExtended() {
        ram.write32(0, 0xfffefdfc);
        assertEquals(0xfc, ram.read8(0));
        assertEquals(0xff, ram.read8(3));
        assertEquals(0xfdfc, ram.read16(0));
        assertEquals(0xfffe, ram.read16(2));
    }

    @Test
    void cas32ReturnsWitnessAndOnlyStoresOnMatch() {
        ram.write32(0x40, 5);
        assertEquals(5, ram.cas32(0x40, 5, 6));
        assertEquals(6, ram.read32(0x40));
        assertEquals(6, ram.cas32(0x40, 5, 7));
        assertEquals(6, ram.read32(0x40));
    }

    @Test
    void casSubwordWorksOnEachByteLane() {
        ram.write32(0x50, 0x44332211);
        assertEquals(0x33, ram.casSubword(0x52, 16, 0xff << 16, 0x33, 0x99));
        assertEquals(0x44992211, ram.read32(0x50));
        assertEquals(0x44, ram.casSubword(0x53, 24, 0xff << 24, 0x45, 0x00));
        assertEquals(0x44992211, ram.read32(0x50));
    }

    @Test
    void sizesAndCodePages() {
        assertEquals(4096, ram.bytes != null ? ram.bytes.length : ram.buf.capacity());
        int granule = 1 << RamRegion.CODE_SHIFT;
        assertEquals(4096 / granule, ram.codePages.length);
        RamRegion big = new RamRegion("b", 0x1000_0000, 16 * 4096);
        assertEquals(16 * 4096 / granule, big.codePages.length);
        byte[] none = new byte[16 * 4096 / granule];
        assertArrayEquals(none, big.codePages);
        big.markCodePage(5 * granule + 12);
        assertTrue(big.isCode(5 * granule, 1));
        assertTrue(big.isCode(4 * granule + granule - 1, 2));   // range ending in the marked granule
        assertEquals(false, big.isCode(4 * granule, granule));
    }

    @Test
    void badGeometryIsRejectedWithAMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RamRegion("odd", 0x8000_0000, 1000));
        assertTrue(e.getMessage().contains("odd"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RamRegion("misaligned", 0x8000_0800, 4096));
        assertThrows(IllegalArgumentException.class, () -> new RamRegion("wraps", 0xffff_f000, 8192));
    }
}
