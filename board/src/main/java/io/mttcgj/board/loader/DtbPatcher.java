package io.mttcgj.board.loader;

import io.mttcgj.memory.VexpressMemoryMap;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

/**
 * What QEMU 7.2 changes in a {@code -dtb} file before handing it to the kernel ({@code arm_load_dtb} in
 * hw/arm/boot.c, then vexpress's {@code modify_dtb} hook), checked against
 * {@code qemu-system-arm -M vexpress-a15,dumpdtb=FILE}:
 *
 * <ul>
 *   <li>the root's {@code #address-cells} and {@code #size-cells} must be present and non-zero;</li>
 *   <li>every node named {@code memory} or {@code memory@...} is removed and {@code /memory@<base>} is
 *       added with {@code device_type = "memory"} and {@code reg = <base size>} in those cell counts;</li>
 *   <li>{@code /chosen} is created if missing; {@code bootargs} is set to {@code -append} if not empty,
 *       {@code linux,initrd-start} and {@code linux,initrd-end} (one cell each) if there is an initrd;</li>
 *   <li>vexpress adds four {@code virtio_mmio@...} nodes for its virtio-mmio transports, wired to the GIC
 *       (only when asked: see {@link #patch}).</li>
 * </ul>
 * New nodes and properties go first in their parent, as libfdt inserts them.
 */
public final class DtbPatcher {
    private DtbPatcher() {
    }

    /** The virtio-mmio transports' first SPI (vexpress: 40 to 43, as QEMU). */
    static final int VIRTIO_FIRST_IRQ = 40;

    /**
     * Patches {@code fdt} in place.
     *
     * @param displayName the file name for messages
     * @param append      the kernel command line; null or "" sets no bootargs
     * @param initrdSize  0 without an initrd
     * @param virtioNodes add QEMU's virtio-mmio nodes; only for a board whose transports answer as QEMU's
     *                    empty ones do (magic "virt", device id 0), else the kernel logs a wrong magic value
     */
    public static void patch(Fdt fdt, String displayName, long ramBase, long ramSize, String append,
                             long initrdStart, long initrdSize, boolean virtioNodes) throws ImageException {
        String what = "dtb '" + displayName + "'";
        Fdt.Node root = fdt.root();
        int acells = rootCells(root, "#address-cells", what);
        int scells = rootCells(root, "#size-cells", what);
        if (scells < 2 && ramSize >= 1L << 32) {
            throw new ImageException(what + " has #size-cells = " + scells + ", too small for " + Sizes.size(ramSize)
                    + " of RAM");
        }

        removeMemoryNodes(root);
        Fdt.Node memory = root.addFirstChild(String.format("memory@%x", ramBase));
        memory.set("device_type", Fdt.string("memory"));
        memory.set("reg", concat(cells(acells, ramBase, what, "the RAM base"), cells(scells, ramSize, what,
                "the RAM size")));

        Fdt.Node chosen = root.child("chosen");
        if (chosen == null) {
            chosen = root.addFirstChild("chosen");
        }
        if (append != null && !append.isEmpty()) {
            chosen.set("bootargs", Fdt.string(append));
        }
        if (initrdSize > 0) {
            chosen.set("linux,initrd-start", cells(1, initrdStart, what, "the initrd start"));
            chosen.set("linux,initrd-end", cells(1, initrdStart + initrdSize, what, "the initrd end"));
        }

        if (virtioNodes) {
            addVirtioNodes(fdt, acells, scells, what);
        }
    }

    private static void addVirtioNodes(Fdt fdt, int acells, int scells, String what) throws ImageException {
        long intc = interruptControllerPhandle(fdt.root());
        if (intc == 0) {
            return; // QEMU warns and leaves them out for trees without one
        }
        // Backwards, because each new node goes first: transport 0 ends up first, as in QEMU's tree.
        for (int i = VexpressMemoryMap.VIRTIO_MMIO_COUNT - 1; i >= 0; i--) {
            long addr = VexpressMemoryMap.VIRTIO_MMIO + (long) i * VexpressMemoryMap.VIRTIO_MMIO_SIZE;
            Fdt.Node n = fdt.root().addFirstChild(String.format("virtio_mmio@%x", addr));
            n.set("compatible", Fdt.string("virtio,mmio"));
            n.set("reg", concat(cells(acells, addr, what, "a virtio-mmio address"),
                    cells(scells, VexpressMemoryMap.VIRTIO_MMIO_SIZE, what, "a virtio-mmio size")));
            n.set("interrupt-parent", Fdt.cells(1, intc));
            n.set("interrupts", concat(Fdt.cells(1, 0), concat(Fdt.cells(1, VIRTIO_FIRST_IRQ + i), Fdt.cells(1, 1))));
            n.set("dma-coherent", new byte[0]);
        }
    }

    /** What QEMU looks for: the GIC node's compatible list must name the Cortex-A9 GIC (Cortex-A15 alone is not enough). */
    static final String GIC_COMPATIBLE = "arm,cortex-a9-gic";

    /**
     * The phandle ({@code phandle}, else {@code linux,phandle}) of the first node in tree order whose
     * {@code compatible} list contains {@link #GIC_COMPATIBLE}, or 0 (measured on QEMU 7.2's dumpdtb).
     */
    static long interruptControllerPhandle(Fdt.Node n) {
        Fdt.Property compatible = n.property("compatible");
        if (compatible != null && List.of(new String(compatible.value(), StandardCharsets.UTF_8).split("\0"))
                .contains(GIC_COMPATIBLE)) {
            for (String name : new String[] {"phandle", "linux,phandle"}) {
                Fdt.Property p = n.property(name);
                if (p != null && p.cell() != null) {
                    return p.cell();
                }
            }
            return 0;
        }
        for (Fdt.Node c : n.children()) {
            long ph = interruptControllerPhandle(c);
            if (ph != 0) {
                return ph;
            }
        }
        return 0;
    }

    private static void removeMemoryNodes(Fdt.Node n) {
        for (Iterator<Fdt.Node> it = n.children().iterator(); it.hasNext(); ) {
            Fdt.Node c = it.next();
            if (c.name().equals("memory") || c.name().startsWith("memory@")) {
                it.remove();
            } else {
                removeMemoryNodes(c);
            }
        }
    }

    private static int rootCells(Fdt.Node root, String prop, String what) throws ImageException {
        Fdt.Property p = root.property(prop);
        if (p == null || p.cell() == null) {
            throw new ImageException(what + " has no valid " + prop + " property in its root node");
        }
        long v = p.cell();
        if (v == 0 || v > 2) {
            throw new ImageException(what + " has " + prop + " = " + v + " in its root node (1 or 2 expected)");
        }
        return (int) v;
    }

    private static byte[] cells(int n, long value, String what, String thing) throws ImageException {
        byte[] b = Fdt.cells(n, value);
        if (b == null) {
            throw new ImageException(String.format("%s: %s (0x%x) does not fit in %d cell%s", what, thing, value, n,
                    n == 1 ? "" : "s"));
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
