package io.mttcgj.codegen.arm.mmu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** TLBI by address on the soft TLB: one page, or every entry the covering large mapping produced. */
class SoftTlbTest {
    private static final int RW = SoftTlb.PERM_R | SoftTlb.PERM_W;

    private static boolean cached(SoftTlb t, int va) {
        return t.tag[SoftTlb.index(va)] == (va & SoftTlb.PAGE_MASK);
    }

    private static void fill(SoftTlb t, int va) {
        t.fill(va, va & SoftTlb.PAGE_MASK, RW, 0);
    }

    @Test
    void smallPagesAreDroppedOneAtATime() {
        SoftTlb t = new SoftTlb();
        fill(t, 0xc0001000);
        fill(t, 0xc0002000);
        assertEquals(12, t.flushPage(0xc0001abc));
        assertEquals(false, cached(t, 0xc0001000));
        assertEquals(true, cached(t, 0xc0002000));
        assertEquals(-1, t.read[SoftTlb.index(0xc0001000)], "the fast tag must go with the entry");
    }

    @Test
    void aSectionIsDroppedWholeButOnlyItself() {
        SoftTlb t = new SoftTlb();
        for (int va : new int[] {0xc0000000, 0xc0055000, 0xc00ff000}) {
            fill(t, va);
            t.noteLarge(va, 1 << 20);
        }
        fill(t, 0xc0100000);            // the next MiB: another section
        t.noteLarge(0xc0100000, 1 << 20);
        fill(t, 0xe0801000);            // a small page elsewhere (vmalloc)

        assertEquals(20, t.flushPage(0xc0055000));
        assertEquals(false, cached(t, 0xc0000000));
        assertEquals(false, cached(t, 0xc00ff000));
        assertEquals(true, cached(t, 0xc0100000), "another section's entries must stay");
        assertEquals(true, cached(t, 0xe0801000));

        assertEquals(12, t.flushPage(0xe0802000), "a page outside every large mapping drops one page");
        assertEquals(true, cached(t, 0xe0801000));
    }

    @Test
    void aSupersectionIsDroppedFromAnyOfItsSixteenMegabytes() {
        SoftTlb t = new SoftTlb();
        fill(t, 0x41000000);
        t.noteLarge(0x41000000, 1 << 24);
        fill(t, 0x40ff0000);
        t.noteLarge(0x40ff0000, 1 << 24);
        fill(t, 0x42000000);
        assertEquals(24, t.flushPage(0x41fe0000)); // the last MiB of the first one
        assertEquals(false, cached(t, 0x41000000));
        assertEquals(true, cached(t, 0x40ff0000), "the supersection below is another mapping");
        assertEquals(true, cached(t, 0x42000000));
    }

    @Test
    void aLargePageIsDroppedWholeAndAFullFlushForgetsLargeMappings() {
        SoftTlb t = new SoftTlb();
        fill(t, 0x10010000);
        fill(t, 0x1001f000);
        t.noteLarge(0x1001f000, 1 << 16);
        fill(t, 0x10020000);
        assertEquals(16, t.flushPage(0x10012000));
        assertEquals(false, cached(t, 0x10010000));
        assertEquals(false, cached(t, 0x1001f000));
        assertEquals(true, cached(t, 0x10020000));

        t.flush();
        fill(t, 0x10010000);
        fill(t, 0x10011000);
        assertEquals(12, t.flushPage(0x10011000), "after a full flush no large mapping is known");
        assertEquals(true, cached(t, 0x10010000));
    }
}
