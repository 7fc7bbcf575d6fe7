package io.mttcgj.board.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The blobs here are assembled by hand following the Devicetree Specification v0.4, chapter 5 (header
 * fields, FDT_BEGIN_NODE=1, FDT_END_NODE=2, FDT_PROP=3, FDT_NOP=4, FDT_END=9, 4-byte padding), so the reader
 * is not only checked against our own writer.
 */
class FdtTest {
    /** Structure and strings of: / { #address-cells = <1>; cpus { model = "A15"; }; }; with a NOP inside. */
    static byte[] handMade(int version, int declaredTotal, int extraTail) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        words(s, 1, 0);                                   // BEGIN_NODE "" (root, name padded to 4)
        words(s, 3, 4, 0, 1);                             // PROP len 4, nameoff 0 ("#address-cells"), <1>
        words(s, 4);                                      // NOP
        words(s, 1);                                      // BEGIN_NODE "cpus"
        s.writeBytes("cpus\0\0\0\0".getBytes(StandardCharsets.US_ASCII));
        words(s, 3, 4, 15);                               // PROP len 4, nameoff 15 ("model")
        s.writeBytes("A15\0".getBytes(StandardCharsets.US_ASCII));
        words(s, 2, 2, 9);                                // END_NODE cpus, END_NODE root, END
        byte[] strings = "#address-cells\0model\0".getBytes(StandardCharsets.US_ASCII);
        int rsv = 40;
        int structOff = rsv + 32; // one reservation + terminator
        int stringsOff = structOff + s.size();
        int total = stringsOff + strings.length;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        words(b, 0xd00dfeed, declaredTotal < 0 ? total : declaredTotal, structOff, stringsOff, rsv, version, 16,
                3, strings.length, s.size());
        words(b, 0, 0x90000000, 0, 0x1000, 0, 0, 0, 0);  // /memreserve/ 0x90000000 0x1000; then the end
        b.writeBytes(s.toByteArray());
        b.writeBytes(strings);
        b.writeBytes(new byte[extraTail]);
        return b.toByteArray();
    }

    private static void words(ByteArrayOutputStream s, int... ws) {
        for (int w : ws) {
            s.write(w >>> 24);
            s.write(w >>> 16);
            s.write(w >>> 8);
            s.write(w);
        }
    }

    @Test
    void readsAHandMadeBlob() throws ImageException {
        Fdt fdt = Fdt.parse("h.dtb", handMade(17, -1, 0));
        assertEquals("", fdt.root().name());
        assertEquals(1L, fdt.root().property("#address-cells").cell());
        assertEquals(1, fdt.root().properties().size(), "the NOP is skipped");
        Fdt.Node cpus = fdt.find("/cpus");
        assertNotNull(cpus);
        assertArrayEquals("A15\0".getBytes(StandardCharsets.US_ASCII), cpus.property("model").value());
        assertEquals(List.of(new Fdt.Reservation(0x90000000L, 0x1000)), fdt.reservations());
        assertNull(fdt.find("/cpus/cpu@0"));
    }

    @Test
    void writesTheSameTreeBackAndKeepsHeaderFields() throws ImageException {
        byte[] in = handMade(16, -1, 0);
        byte[] out = Fdt.parse("h.dtb", in).toBytes();
        assertEquals(0xd00dfeed, Fdt.be32(out, 0));
        assertEquals(out.length, Fdt.be32(out, 4), "totalsize");
        assertEquals(17, Fdt.be32(out, 20), "version");
        assertEquals(16, Fdt.be32(out, 24), "last compatible version");
        assertEquals(3, Fdt.be32(out, 28), "boot CPU kept");
        assertEquals(in.length - 4, out.length, "the same layout without the NOP");
        Fdt again = Fdt.parse("out.dtb", out);
        assertEquals(Fdt.parse("h.dtb", in).reservations(), again.reservations());
        assertTrue(sameTree(Fdt.parse("h.dtb", in).root(), again.root()));
    }

    @Test
    void slackAfterTheBlobIsAllowed() throws ImageException {
        assertNotNull(Fdt.parse("h.dtb", handMade(17, -1, 100)).find("/cpus"));
    }

    @Test
    void newPropertiesAndNodesGoFirstAsInLibfdt() {
        Fdt.Node n = new Fdt.Node("x");
        n.set("a", new byte[] {1});
        n.set("b", new byte[] {2});
        n.set("a", new byte[] {3});
        assertEquals(List.of("b", "a"), n.properties().stream().map(Fdt.Property::name).toList());
        assertArrayEquals(new byte[] {3}, n.property("a").value());
        n.addFirstChild("c1");
        n.addFirstChild("c2");
        assertEquals(List.of("c2", "c1"), n.children().stream().map(Fdt.Node::name).toList());
    }

    @Test
    void cells() {
        assertArrayEquals(new byte[] {0, 0, 0, 0, (byte) 0x80, 0, 0, 0}, Fdt.cells(2, 0x80000000L));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, Fdt.cells(1, 0x01020304L));
        assertNull(Fdt.cells(1, 1L << 32));
    }

    @Test
    void badInputNamesTheFile() {
        byte[] good = handMade(17, -1, 0);
        assertEquals("dtb 'k.dts' is not a flattened device tree blob (no 0xd00dfeed magic); compile .dts sources"
                + " with dtc", assertThrows(ImageException.class,
                () -> Fdt.parse("k.dts", "/dts-v1/; / { };".getBytes(StandardCharsets.US_ASCII))).getMessage());
        assertEquals("dtb 'cut.dtb' is truncated: its header says " + good.length + " bytes but the file has 100",
                assertThrows(ImageException.class, () -> Fdt.parse("cut.dtb", Arrays.copyOf(good, 100))).getMessage());
        assertTrue(assertThrows(ImageException.class, () -> Fdt.parse("tiny.dtb", Arrays.copyOf(good, 12)))
                .getMessage().startsWith("dtb 'tiny.dtb' is truncated"));
        assertTrue(assertThrows(ImageException.class, () -> Fdt.parse("v1.dtb", handMade(1, -1, 0)))
                .getMessage().startsWith("dtb 'v1.dtb' has device tree format version 1"));

        byte[] badToken = good.clone();
        badToken[72 + 3] = 7; // the root's BEGIN_NODE
        assertEquals("dtb 'bad.dtb' is corrupt: its structure block does not start with the root node",
                assertThrows(ImageException.class, () -> Fdt.parse("bad.dtb", badToken)).getMessage());
        byte[] badNested = good.clone();
        badNested[72 + 4 * 6 + 3] = 6; // the NOP becomes token 6
        assertTrue(assertThrows(ImageException.class, () -> Fdt.parse("bad.dtb", badNested)).getMessage()
                .startsWith("dtb 'bad.dtb' is corrupt: bad token 0x6"));
        byte[] hugeProp = good.clone();
        hugeProp[72 + 4 * 3 + 1] = 1; // the first property's length becomes 0x10004
        assertTrue(assertThrows(ImageException.class, () -> Fdt.parse("bad.dtb", hugeProp)).getMessage()
                .contains("runs past the structure block"));
    }

    static boolean sameTree(Fdt.Node a, Fdt.Node b) {
        if (!a.name().equals(b.name()) || !a.properties().equals(b.properties())
                || a.children().size() != b.children().size()) {
            return false;
        }
        for (int i = 0; i < a.children().size(); i++) {
            if (!sameTree(a.children().get(i), b.children().get(i))) {
                return false;
            }
        }
        return true;
    }
}
