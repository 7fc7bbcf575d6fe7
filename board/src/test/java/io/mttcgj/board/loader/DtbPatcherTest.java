package io.mttcgj.board.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expected trees are what {@code qemu-system-arm -M vexpress-a15,dumpdtb=q.dtb -m 512M -kernel vmlinuz
 * -initrd rootfs.cpio.gz -dtb vexpress-v2p-ca15-tc1.dtb -append console=ttyAMA0} (QEMU 7.2) dumped, read with
 * {@code dtc -I dtb -O dts}: the initrd of 0x139a50 bytes at 0x88000000. (it-tests' DtbVsQemuTest compares
 * whole trees with QEMU's when it is installed.)
 */
class DtbPatcherTest {
    /** A cut-down vexpress tree: 2 address and size cells, a GIC with phandle 1, a memory node, empty /chosen. */
    static Fdt vexpressLike() {
        Fdt.Node root = new Fdt.Node("");
        root.properties().add(new Fdt.Property("model", Fdt.string("V2P-CA15")));
        root.properties().add(new Fdt.Property("#address-cells", Fdt.cells(1, 2)));
        root.properties().add(new Fdt.Property("#size-cells", Fdt.cells(1, 2)));
        Fdt.Node chosen = new Fdt.Node("chosen");
        Fdt.Node memory = new Fdt.Node("memory@80000000");
        memory.properties().add(new Fdt.Property("device_type", Fdt.string("memory")));
        memory.properties().add(new Fdt.Property("reg", Fdt.cells(4, 0x40000000L)));
        Fdt.Node gic = new Fdt.Node("interrupt-controller@2c001000");
        gic.properties().add(new Fdt.Property("compatible", "arm,cortex-a15-gic\0arm,cortex-a9-gic\0".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII)));
        gic.properties().add(new Fdt.Property("interrupt-controller", new byte[0]));
        gic.properties().add(new Fdt.Property("phandle", Fdt.cells(1, 1)));
        root.children().addAll(List.of(gic, chosen, memory));
        return new Fdt(root, List.of(), 0);
    }

    private static final long RAM = 0x80000000L;

    @Test
    void memoryChosenAndInitrdAsQemu() throws ImageException {
        Fdt fdt = vexpressLike();
        DtbPatcher.patch(fdt, "v.dtb", RAM, 512L << 20, "console=ttyAMA0", 0x88000000L, 0x139a50, false);
        assertEquals(List.of("memory@80000000", "interrupt-controller@2c001000", "chosen"),
                fdt.root().children().stream().map(Fdt.Node::name).toList(), "the old memory node is replaced");
        Fdt.Node memory = fdt.find("/memory@80000000");
        assertEquals(List.of(new Fdt.Property("reg", new byte[] {0, 0, 0, 0, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0x20, 0, 0, 0}),
                new Fdt.Property("device_type", Fdt.string("memory"))), memory.properties());
        assertEquals(List.of(new Fdt.Property("linux,initrd-end", Fdt.cells(1, 0x88139a50L)),
                new Fdt.Property("linux,initrd-start", Fdt.cells(1, 0x88000000L)),
                new Fdt.Property("bootargs", Fdt.string("console=ttyAMA0"))), fdt.find("/chosen").properties());
    }

    @Test
    void noAppendNoInitrdLeavesChosenEmpty() throws ImageException {
        Fdt fdt = vexpressLike();
        DtbPatcher.patch(fdt, "v.dtb", RAM, 128L << 20, "", 0x88000000L, 0, false);
        assertEquals(List.of(), fdt.find("/chosen").properties());
    }

    @Test
    void missingChosenIsCreatedAndOneCellTreesGetOneCellReg() throws ImageException {
        Fdt.Node root = new Fdt.Node("");
        root.properties().add(new Fdt.Property("#address-cells", Fdt.cells(1, 1)));
        root.properties().add(new Fdt.Property("#size-cells", Fdt.cells(1, 1)));
        Fdt.Node bus = new Fdt.Node("bus");
        bus.children().add(new Fdt.Node("memory"));
        root.children().add(bus);
        Fdt fdt = new Fdt(root, List.of(), 0);
        DtbPatcher.patch(fdt, "o.dtb", RAM, 256L << 20, "x", 0, 0, false);
        assertEquals(List.of("chosen", "memory@80000000", "bus"), root.children().stream().map(Fdt.Node::name).toList());
        assertNull(fdt.find("/bus/memory"), "memory nodes are removed at any depth, as QEMU's unit-path search does");
        assertArrayEquals(new byte[] {(byte) 0x80, 0, 0, 0, 0x10, 0, 0, 0}, fdt.find("/memory@80000000").property("reg").value());
    }

    @Test
    void virtioNodesAsQemuVexpress() throws ImageException {
        Fdt fdt = vexpressLike();
        DtbPatcher.patch(fdt, "v.dtb", RAM, 512L << 20, "", 0, 0, true);
        assertEquals(List.of("virtio_mmio@1c130000", "virtio_mmio@1c130200", "virtio_mmio@1c130400",
                "virtio_mmio@1c130600", "memory@80000000"),
                fdt.root().children().subList(0, 5).stream().map(Fdt.Node::name).toList());
        Fdt.Node v1 = fdt.find("/virtio_mmio@1c130200");
        assertNotNull(v1);
        assertEquals(List.of("dma-coherent", "interrupts", "interrupt-parent", "reg", "compatible"),
                v1.properties().stream().map(Fdt.Property::name).toList());
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 0x29, 0, 0, 0, 1}, v1.property("interrupts").value());
        assertEquals(1L, v1.property("interrupt-parent").cell());
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0x1c, 0x13, 0x02, 0, 0, 0, 0, 0, 0, 0, 0x02, 0},
                v1.property("reg").value());
    }

    @Test
    void noVirtioNodesWithoutACortexA9CompatibleGic() throws ImageException {
        Fdt fdt = vexpressLike();
        fdt.find("/interrupt-controller@2c001000").set("compatible", Fdt.string("arm,cortex-a15-gic"));
        DtbPatcher.patch(fdt, "v.dtb", RAM, 512L << 20, "", 0, 0, true);
        assertNull(fdt.find("/virtio_mmio@1c130000"), "QEMU 7.2 looks for arm,cortex-a9-gic only");
    }

    @Test
    void refusesTreesWithoutCellCounts() {
        Fdt fdt = new Fdt(new Fdt.Node(""), List.of(), 0);
        assertEquals("dtb 'n.dtb' has no valid #address-cells property in its root node",
                assertThrows(ImageException.class, () -> DtbPatcher.patch(fdt, "n.dtb", RAM, 1 << 20, "", 0, 0, false))
                        .getMessage());
        fdt.root().properties().add(new Fdt.Property("#address-cells", Fdt.cells(1, 0)));
        assertEquals("dtb 'n.dtb' has #address-cells = 0 in its root node (1 or 2 expected)",
                assertThrows(ImageException.class, () -> DtbPatcher.patch(fdt, "n.dtb", RAM, 1 << 20, "", 0, 0, false))
                        .getMessage());
    }
}
