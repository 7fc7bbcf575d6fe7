package io.mttcgj.memory;

import static io.mttcgj.memory.VexpressMemoryMap.FLASH0;
import static io.mttcgj.memory.VexpressMemoryMap.RAM_BASE;
import static io.mttcgj.memory.VexpressMemoryMap.SRAM;
import static io.mttcgj.memory.VexpressMemoryMap.UART0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.platform.MmioDevice;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AddressSpaceTest {
    /** Records every access; reads return a value derived from offset and size. */
    static final class RecordingDevice implements MmioDevice {
        final List<String> log = new ArrayList<>();

        @Override
        public int read(int offset, int size) {
            log.add(String.format("R %x %d", offset, size));
            return readValue(offset, size);
        }

        static int readValue(int offset, int size) {
            int v = 0;
            for (int i = 0; i < size; i++) {
                v |= ((offset + i) & 0xff) << (8 * i);  // byte at offset o reads as o: a byte-addressed register file
            }
            return v;
        }

        @Override
        public void write(int offset, int size, int value) {
            log.add(String.format("W %x %d %x", offset, size, value));
        }
    }

    private AddressSpace as;
    private RamRegion ram;
    private final List<String> errors = new ArrayList<>();
    private final List<String> codeWrites = new ArrayList<>();
    private final RecordingDevice uart = new RecordingDevice();

    @BeforeEach
    void setUp() {
        as = new AddressSpace();
        ram = as.mapRam("ram", RAM_BASE, 1 << 20);
        as.mapRam("sram", SRAM, 64 * 1024);
        as.mapMmio("uart0", UART0, 0x1000, uart);
        as.mapZero("flash0", FLASH0, 0x0400_0000);
        as.setGuestErrorLog(errors::add);
        as.setCodeWriteListener((a, l) -> codeWrites.add(String.format("%08x/%d", a, l)));
    }

    @Test
    void roundTripsOfEverySizeInBothRamRegions() {
        for (int base : new int[] {RAM_BASE, SRAM}) {
            as.write(base + 0x100, 4, 0xdeadbeef);
            assertEquals(0xdeadbeef, as.read(base + 0x100, 4));
            as.write(base + 0x104, 2, 0x1234abcd);
            assertEquals(0xabcd, as.read(base + 0x104, 2));
            as.write(base + 0x107, 1, 0x1ff);
            assertEquals(0xff, as.read(base + 0x107, 1));
            as.write64(base + 0x108, 0x0123_4567_89ab_cdefL);
            assertEquals(0x0123_4567_89ab_cdefL, as.read64(base + 0x108));
            // doubleword layout: low word at the lower address (ARM ARM, LDRD/STRD little-endian)
            assertEquals(0x89abcdef, as.read(base + 0x108, 4));
            assertEquals(0x01234567, as.read(base + 0x10c, 4));
            assertEquals(0xef, as.read(base + 0x108, 1));
        }
        assertTrue(errors.isEmpty(), errors::toString);
    }

    @Test
    void genericWritesLandInTheBackingStoreLittleEndian() {
        as.write(RAM_BASE + 0x20, 4, 0x11223344);
        assertEquals(0x11223344, ram.read32(0x20));
        assertEquals(0x44, as.read(RAM_BASE + 0x20, 1));
        assertEquals(0x2233, as.read(RAM_BASE + 0x21, 2));   // unaligned halfword
        assertSame(ram, as.mainRam());
        assertSame(ram, as.ramAt(RAM_BASE + 0xfffff));
        assertNull(as.ramAt(RAM_BASE + 0x100000));
        assertNull(as.ramAt(UART0));
        assertEquals("sram", as.regionName(SRAM + 4));
        assertEquals("uart0", as.regionName(UART0 + 0xffc));
        assertEquals("unmapped", as.regionName(UART0 + 0x1000));
    }

    @Test
    void unalignedAccessesAcrossAWordBoundary() {
        as.write(RAM_BASE, 4, 0x03020100);
        as.write(RAM_BASE + 4, 4, 0x07060504);
        assertEquals(0x04030201, as.read(RAM_BASE + 1, 4));
        assertEquals(0x05040302, as.read(RAM_BASE + 2, 4));
        assertEquals(0x06050403, as.read(RAM_BASE + 3, 4));
        assertEquals(0x0403, as.read(RAM_BASE + 3, 2));

        as.write(RAM_BASE + 3, 4, 0xaabbccdd);
        assertEquals(0xdd020100, as.read(RAM_BASE, 4));
        assertEquals(0x07aabbcc, as.read(RAM_BASE + 4, 4));
        as.write(RAM_BASE + 7, 2, 0x9988);
        assertEquals(0x88aabbcc, as.read(RAM_BASE + 4, 4));
        assertEquals(0x99, as.read(RAM_BASE + 8, 1));

        as.write64(RAM_BASE + 0x42, 0x1122_3344_5566_7788L);
        assertEquals(0x1122_3344_5566_7788L, as.read64(RAM_BASE + 0x42));
        assertEquals(0x7788, as.read(RAM_BASE + 0x42, 2));
    }

    @Test
    void unalignedAccessAtTheEndOfRamReadsZeroForTheUnmappedPart() {
        int last = RAM_BASE + (1 << 20) - 2;
        as.write(last, 2, 0xbeef);
        assertEquals(0x0000beef, as.read(last, 4));
        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.get(0).contains("0x80100000"), errors.get(0));
    }

    @Test
    void unmappedReadsZeroIgnoresWritesAndLogs() {
        int hole = 0x1c3f_0000;
        assertEquals(0, as.read(hole, 4));
        as.write(hole, 4, 0xcafe);
        assertEquals(0, as.read(hole, 4));
        assertEquals(3, errors.size(), errors::toString);
        assertTrue(errors.get(0).contains("0x1C3F0000") && errors.get(0).contains("size 4"), errors.get(0));
        assertTrue(errors.get(1).contains("write") && errors.get(1).contains("0xCAFE"), errors.get(1));
        assertEquals(0L, as.read64(hole));
    }

    @Test
    void defaultLogDiscardsQuietly() {
        AddressSpace quiet = new AddressSpace();
        assertEquals(0, quiet.read(0x1234, 4));
        quiet.write(0x1234, 1, 1);
        assertEquals(0, quiet.read(0x1235, 2));
    }

    @Test
    void zeroRegionReadsZeroAndLogsWrites() {
        assertEquals(0, as.read(FLASH0 + 0x10, 4));
        assertTrue(errors.isEmpty(), errors::toString);
        as.write(FLASH0 + 0x10, 4, 0x98);
        assertEquals(0, as.read(FLASH0 + 0x10, 4));
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("flash0"), errors.get(0));
    }

    @Test
    void mmioGetsOffsetsWithinTheRegion() {
        assertEquals(RecordingDevice.readValue(0x18, 4), as.read(UART0 + 0x18, 4));
        as.write(UART0, 4, 0x41);
        as.write(UART0 + 0x2, 2, 0x1ffff);
        as.write(UART0 + 0xffc, 1, 0x1aa);
        assertEquals(List.of("R 18 4", "W 0 4 41", "W 2 2 ffff", "W ffc 1 aa"), uart.log);
        assertTrue(errors.isEmpty());
    }

    @Test
    void unalignedMmioIsSplitIntoNaturallyAlignedPieces() {
        // bytes of the value land at increasing offsets (little-endian), each piece naturally aligned
        as.write(UART0 + 0x11, 4, 0x44332211);
        as.write(UART0 + 0x22, 4, 0x88776655);
        as.write(UART0 + 0x33, 2, 0xbbaa);
        assertEquals(List.of(
                "W 11 1 11", "W 12 2 3322", "W 14 1 44",
                "W 22 2 6655", "W 24 2 8877",
                "W 33 1 aa", "W 34 1 bb"), uart.log);
        uart.log.clear();
        // a byte-addressed register file read at offset 0x21 must give the bytes 21,22,23,24
        assertEquals(0x24232221, as.read(UART0 + 0x21, 4));
        assertEquals(List.of("R 21 1", "R 22 2", "R 24 1"), uart.log);
    }

    @Test
    void eightByteMmioIsTwoWordAccesses() {
        as.write64(UART0 + 0x40, 0x1111_2222_3333_4444L);
        assertEquals(List.of("W 40 4 33334444", "W 44 4 11112222"), uart.log);
        long v = as.read64(UART0 + 0x40);
        assertEquals(((long) RecordingDevice.readValue(0x44, 4) << 32) | RecordingDevice.readValue(0x40, 4), v);
    }

    @Test
    void casOfEverySizeSucceedsOnlyOnTheExpectedValue() {
        int a = RAM_BASE + 0x200;
        as.write(a, 4, 0x44332211);
        // byte lane 2
        assertEquals(0x33, as.cas(a + 2, 1, 0x33, 0xee));
        assertEquals(0x44ee2211, as.read(a, 4));
        assertEquals(0xee, as.cas(a + 2, 1, 0x33, 0x00));
        assertEquals(0x44ee2211, as.read(a, 4));
        // halfword lane 1
        assertEquals(0x44ee, as.cas(a + 2, 2, 0x44ee, 0x5566));
        assertEquals(0x55662211, as.read(a, 4));
        assertEquals(0x5566, as.cas(a + 2, 2, 0x44ee, 0));
        // word
        assertEquals(0x55662211, as.cas(a, 4, 0x55662211, 7));
        assertEquals(7, as.read(a, 4));
        assertEquals(7, as.cas(a, 4, 8, 9));
        assertEquals(7, as.read(a, 4));
        // doubleword
        as.write64(a + 8, 0x1_0000_0002L);
        assertEquals(0x1_0000_0002L, as.cas64(a + 8, 0x1_0000_0002L, 0xffff_ffff_0000_0003L));
        assertEquals(0xffff_ffff_0000_0003L, as.read64(a + 8));
        assertEquals(0xffff_ffff_0000_0003L, as.cas64(a + 8, 0x1_0000_0002L, 5));
        assertEquals(0xffff_ffff_0000_0003L, as.read64(a + 8));
        // the other RAM region too
        as.write(SRAM, 4, 1);
        assertEquals(1, as.cas(SRAM, 4, 1, 2));
        assertEquals(2, as.read(SRAM, 4));
    }

    @Test
    void casIgnoresBitsAboveTheAccessSize() {
        int a = RAM_BASE + 0x300;
        as.write(a, 4, 0x000000ff);
        assertEquals(0xff, as.cas(a, 1, 0xffffffff, 0x1234));   // LDREXB zero-extends: 0xff matches
        assertEquals(0x34, as.read(a, 4));
    }

    @Test
    void unalignedExclusivesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> as.cas(RAM_BASE + 2, 4, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> as.cas(RAM_BASE + 1, 2, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> as.cas64(RAM_BASE + 4, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> as.cas(RAM_BASE, 3, 0, 1));
    }

    @Test
    void casOutsideRamIsAPlainReadCompareWrite() {
        assertEquals(RecordingDevice.readValue(0x8, 4), as.cas(UART0 + 8, 4, RecordingDevice.readValue(0x8, 4), 5));
        assertEquals(List.of("R 8 4", "W 8 4 5"), uart.log);
        assertEquals(0, as.cas(0x1c3f_0000, 4, 1, 2));   // unmapped: reads 0, no match, nothing written
        assertEquals(1, errors.size(), errors::toString);
    }

    @Test
    void codeWriteListenerFiresForMarkedPagesOnly() {
        int code = RAM_BASE + 0x3000;
        int data = RAM_BASE + 0x4000;
        as.markCode(code);
        as.markCode(code + 16);
        assertTrue(as.isCodePage(code));
        assertFalse(as.isCodePage(data));
        assertEquals(1, ram.codePages[0x3000 >>> RamRegion.CODE_SHIFT]);

        as.write(data, 4, 1);
        as.write(data + 1, 4, 1);
        as.write64(data + 8, 1);
        as.cas(data, 4, 1, 2);
        as.cas64(data + 8, 1, 2);
        assertTrue(codeWrites.isEmpty(), codeWrites::toString);

        as.write(code + 4, 4, 0xe1a00000);
        as.write(code + 9, 2, 0xffff);
        as.write64(code + 16, -1L);
        as.cas(code + 4, 4, 0xe1a00000, 0xe320f000);
        as.cas(code + 4, 4, 0xe1a00000, 0);          // fails: nothing stored, no notification
        as.cas(code + 6, 1, 0x20, 0x21);
        as.cas64(code + 16, -1L, 0);
        assertEquals(List.of(
                "80003004/4", "80003009/2", "80003010/8", "80003004/4", "80003006/1", "80003010/8"), codeWrites);

        // the RamRegion fast path does not check: generated code does that itself
        codeWrites.clear();
        ram.write32(0x3000, 0);
        ram.write8(0x3001, 0);
        assertTrue(codeWrites.isEmpty());

        as.unmarkCode(code);
        as.write(code, 4, 0);
        assertTrue(codeWrites.isEmpty());
    }

    @Test
    void unalignedWriteStraddlingIntoACodePageNotifiesOnce() {
        as.markCode(RAM_BASE + 0x5000);
        as.write(RAM_BASE + 0x4ffe, 4, 0x12345678);
        assertEquals(List.of("80004ffe/4"), codeWrites);
        assertEquals(0x1234, as.read(RAM_BASE + 0x5000, 2));
    }

    @Test
    void markCodeOutsideRamIsIgnored() {
        as.markCode(FLASH0);
        as.markCode(0x1c3f_0000);
        assertFalse(as.isCodePage(FLASH0));
    }

    @Test
    void loadCopiesBytesAndRejectsRangesOutsideRam() {
        byte[] img = new byte[11];
        for (int i = 0; i < img.length; i++) {
            img[i] = (byte) (0xa0 + i);
        }
        as.load(RAM_BASE + 0x601, img, 1, 10);
        for (int i = 0; i < 10; i++) {
            assertEquals(0xa1 + i, as.read(RAM_BASE + 0x601 + i, 1));
        }
        assertEquals(0, as.read(RAM_BASE + 0x600, 1));
        assertEquals(0, as.read(RAM_BASE + 0x60b, 1));
        assertEquals(0xa4a3a2a1, as.read(RAM_BASE + 0x601, 4));

        assertTrue(as.isRam(RAM_BASE, 1 << 20));
        assertFalse(as.isRam(RAM_BASE, (1 << 20) + 1));
        assertFalse(as.isRam(FLASH0, 4));
        assertFalse(as.isRam(RAM_BASE - 4, 8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> as.load(RAM_BASE + (1 << 20) - 4, img, 0, 8));
        assertTrue(e.getMessage().contains("0x800FFFFC-0x80100003"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> as.load(FLASH0, img, 0, 4));
    }

    @Test
    void loadIntoACodePageNotifies() {
        as.markCode(RAM_BASE + 0x7000);
        as.load(RAM_BASE + 0x6ff0, new byte[0x20], 0, 0x20);
        assertEquals(List.of("80006ff0/32"), codeWrites);
    }

    @Test
    void overlappingRegionsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> as.mapMmio("clash", UART0 + 0x800, 0x1000, uart));
        assertTrue(e.getMessage().contains("clash") && e.getMessage().contains("uart0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> as.mapRam("ram2", RAM_BASE + 0x8_0000, 0x10_0000));
        assertThrows(IllegalArgumentException.class, () -> as.mapZero("under", RAM_BASE - 0x1000, 0x2000));
        assertThrows(IllegalArgumentException.class, () -> as.mapZero("wrap", 0xffff_f000, 0x2000));
        assertThrows(IllegalArgumentException.class, () -> as.mapZero("odd", 0x4000_0000, 6));
        // adjacent regions are fine
        as.mapMmio("uart1", UART0 + 0x1000, 0x1000, uart);
        as.mapZero("top", 0xffff_f000, 0x1000);
        assertEquals("top", as.regionName(0xffff_ffff));
    }

    @Test
    void accessWrappingPastTheTopOfTheAddressSpace() {
        AddressSpace s = new AddressSpace();
        s.mapRam("low", 0, 0x1000);
        s.mapRam("high", 0xffff_f000, 0x1000);
        s.write(0xffff_fffe, 4, 0xa1b2c3d4);
        assertEquals(0xc3d4, s.read(0xffff_fffe, 2));
        assertEquals(0xa1b2, s.read(0, 2));
        assertEquals(0xa1b2c3d4, s.read(0xffff_fffe, 4));
    }

    @Test
    void badAccessSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> as.read(RAM_BASE, 3));
        assertThrows(IllegalArgumentException.class, () -> as.write(RAM_BASE, 8, 0));
        assertThrows(IllegalArgumentException.class, () -> as.read(UART0 + 1, 0));
    }

    @Test
    void largestRam() {
        long need = VexpressMemoryMap.MAX_RAM + (256L << 20);
        long max = Runtime.getRuntime().maxMemory();
        // memory-service/pom.xml gives the test JVM the heap (and so the direct-memory limit) for it
        assertTrue(max >= need, "the largest-RAM test needs a heap of at least " + (need >> 20) + " MiB, this JVM has "
                + (max >> 20) + " MiB: Surefire's argLine in memory-service/pom.xml sets -Xmx");
        AddressSpace big = new AddressSpace();
        RamRegion r = big.mapRam("ram", RAM_BASE, (int) VexpressMemoryMap.MAX_RAM);
        int end = RAM_BASE + (int) VexpressMemoryMap.MAX_RAM;
        assertEquals(VexpressMemoryMap.MAX_RAM, r.bytes != null ? r.bytes.length : r.buf.capacity());
        assertEquals((int) (VexpressMemoryMap.MAX_RAM >>> RamRegion.CODE_SHIFT), r.codePages.length);
        big.write(end - 4, 4, 0x5a5a5a5a);
        assertEquals(0x5a5a5a5a, big.read(end - 4, 4));
        assertEquals(0x5a5a5a5a, r.read32(r.size - 4));
        big.write(end - 1, 1, 0x11);
        assertEquals(0x115a5a5a, big.read(end - 4, 4));
        assertTrue(big.isRam(RAM_BASE, (int) VexpressMemoryMap.MAX_RAM - 1));
        big.markCode(end - 16);
        assertEquals(1, r.codePages[r.codePages.length - 1]);
        assertEquals(0, big.cas(end - 8, 4, 0, 1));
        assertEquals(1, r.read32(r.size - 8));
        assertEquals(0, big.read(end, 4));           // just past RAM: unmapped
        assertEquals(0, big.read(0x7fff_fffc, 4));   // just below RAM: unmapped
    }
}
