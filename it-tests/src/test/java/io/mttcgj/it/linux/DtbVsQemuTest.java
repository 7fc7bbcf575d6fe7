package io.mttcgj.it.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mttcgj.board.loader.DtbPatcher;
import io.mttcgj.board.loader.Fdt;
import io.mttcgj.board.loader.LinuxBoot;
import io.mttcgj.board.loader.LinuxBootLoader;
import io.mttcgj.board.loader.LinuxBootLoader.Blob;
import io.mttcgj.it.support.ProcessRunner;
import io.mttcgj.memory.AddressSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our DTB patching against QEMU's: {@code qemu-system-arm -M vexpress-a15,dumpdtb=FILE} writes the tree it
 * would pass to the kernel; the tree our loader writes into guest memory for the same command line must be
 * the same, node by node and property by property, in the same order, except QEMU's virtio-mmio nodes
 * (our board has no virtio transports: see LinuxBootLoader.VIRTIO_TRANSPORTS). With those asked for,
 * DtbPatcher's tree must equal QEMU's whole.
 */
class DtbVsQemuTest {
    private static final int RAM = 0x80000000;
    private static final int RAM_SIZE = 128 << 20;

    @TempDir
    Path tmp;

    /** A small vexpress-like tree written by our own writer: QEMU (libfdt) must accept it too. */
    private static byte[] smallTree(String gicCompatible) {
        Fdt.Node root = new Fdt.Node("");
        root.properties().add(new Fdt.Property("#address-cells", Fdt.cells(1, 1)));
        root.properties().add(new Fdt.Property("#size-cells", Fdt.cells(1, 1)));
        root.properties().add(new Fdt.Property("compatible", Fdt.string("arm,vexpress")));
        Fdt.Node gic = new Fdt.Node("interrupt-controller@2c001000");
        gic.properties().add(new Fdt.Property("compatible", Fdt.string(gicCompatible)));
        gic.properties().add(new Fdt.Property("interrupt-controller", new byte[0]));
        gic.properties().add(new Fdt.Property("phandle", Fdt.cells(1, 7)));
        Fdt.Node memory = new Fdt.Node("memory@80000000");
        memory.properties().add(new Fdt.Property("device_type", Fdt.string("memory")));
        memory.properties().add(new Fdt.Property("reg", Fdt.cells(2, 0x80000000_00001000L)));
        root.children().addAll(List.of(gic, memory));
        return new Fdt(root, List.of(new Fdt.Reservation(0x9000_0000L, 0x1000)), 0).toBytes();
    }

    @Test
    void smallTreeWithoutChosen() throws Exception {
        compare(smallTree("arm,cortex-a9-gic"), "console=ttyAMA0 mode=shell", true);
    }

    @Test
    void debianVexpressTree() throws Exception {
        LinuxKit kit = LinuxKit.get();
        compare(Files.readAllBytes(kit.dtb()), "console=ttyAMA0", true);
    }

    @Test
    void emptyAppendAndAGicQemuDoesNotWireVirtioTo() throws Exception {
        compare(smallTree("arm,cortex-a15-gic"), "", false);
    }

    private void compare(byte[] dtb, String append, boolean qemuAddsVirtio) throws Exception {
        ProcessRunner.requireQemu();
        byte[] kernel = new byte[64 * 1024];
        byte[] initrd = new byte[12345];
        Path k = Files.write(tmp.resolve("k.bin"), kernel);
        Path i = Files.write(tmp.resolve("i.bin"), initrd);
        Path d = Files.write(tmp.resolve("in.dtb"), dtb);
        Path dump = tmp.resolve("q.dtb");
        List<String> args = new ArrayList<>(List.of("-M", "vexpress-a15,dumpdtb=" + dump, "-m", "128M", "-nographic",
                "-kernel", k.toString(), "-initrd", i.toString(), "-dtb", d.toString()));
        if (!append.isEmpty()) {
            args.addAll(List.of("-append", append));
        }
        ProcessRunner.Result r = ProcessRunner.runQemu(args, null, Duration.ofSeconds(60));
        assertEquals(0, r.exitStatus(), r.toString());
        Fdt qemu = Fdt.parse("q.dtb", Files.readAllBytes(dump));

        // Ours: the loader's output as it lies in guest memory.
        AddressSpace mem = new AddressSpace();
        mem.mapRam("sram", 0x14000000, 1 << 20);
        mem.mapRam("ram", RAM, RAM_SIZE);
        LinuxBoot boot = LinuxBootLoader.load(new Blob("k.bin", kernel), new Blob("i.bin", initrd),
                new Blob("in.dtb", dtb), append, 2, mem);
        byte[] placed = new byte[dtb.length + 4096];
        for (int b = 0; b < placed.length; b++) {
            placed[b] = (byte) mem.read((int) boot.dtbStart() + b, 1);
        }
        Fdt ours = Fdt.parse("ours", placed);

        Fdt qemuWithoutVirtio = Fdt.parse("q.dtb", Files.readAllBytes(dump));
        qemuWithoutVirtio.root().children().removeIf(n -> n.name().startsWith("virtio_mmio@"));
        assertSameTree(qemuWithoutVirtio.root(), ours.root(), "");
        assertEquals(qemu.reservations(), ours.reservations());

        Fdt withVirtio = Fdt.parse("in.dtb", dtb);
        DtbPatcher.patch(withVirtio, "in.dtb", Integer.toUnsignedLong(RAM), RAM_SIZE, append, boot.initrdStart(),
                initrd.length, true);
        assertSameTree(qemu.root(), withVirtio.root(), "");
        assertEquals(qemuAddsVirtio, qemu.root().children().stream().anyMatch(n -> n.name().startsWith("virtio_mmio@")),
                "whether QEMU added virtio nodes (so the comparison above covered them or their absence)");
    }

    private static void assertSameTree(Fdt.Node expected, Fdt.Node actual, String path) {
        String here = path + "/" + expected.name();
        assertEquals(expected.name(), actual.name(), "node name under " + path);
        assertEquals(expected.properties(), actual.properties(), "properties of " + here);
        assertEquals(expected.children().stream().map(Fdt.Node::name).toList(),
                actual.children().stream().map(Fdt.Node::name).toList(), "children of " + here);
        for (int c = 0; c < expected.children().size(); c++) {
            assertSameTree(expected.children().get(c), actual.children().get(c), here.equals("/") ? "" : here);
        }
    }
}
