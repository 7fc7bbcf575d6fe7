package io.mttcgj.board.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.board.loader.LinuxBootLoader.Blob;
import io.mttcgj.memory.AddressSpace;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Expected memory words were read from qemu-system-arm 7.2 with its monitor ({@code xp}) after
 * {@code -M vexpress-a15 -m 16 -smp 2 -kernel k.bin -initrd initrd.bin
 * -append "console=ttyAMA0  root=/dev/ram" -S}, and with {@code -dtb} (r2 moves to the DTB address).
 */
class LinuxBootLoaderTest {
    static final int RAM = 0x80000000;
    static final int RAM_SIZE = 16 << 20;

    final AddressSpace mem = new AddressSpace();

    LinuxBootLoaderTest() {
        mem.mapRam("sram", 0x14000000, 1 << 20);
        mem.mapRam("ram", RAM, RAM_SIZE);
    }

    private byte[] bytes(int addr, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) mem.read(addr + i, 1);
        }
        return b;
    }

    private int[] words(int addr, int n) {
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = mem.read(addr + 4 * i, 4);
        }
        return w;
    }

    private static final byte[] KERNEL = new byte[256];
    private static final Blob INITRD = new Blob("initrd.bin", "INITRD-DATA-1234567".getBytes(StandardCharsets.US_ASCII));

    static {
        for (int i = 0; i < KERNEL.length; i++) {
            KERNEL[i] = (byte) (i * 7 + 3);
        }
    }

    @Test
    void atagBootWithInitrdAndCommandLineOnTwoCpus() throws ImageException {
        LinuxBoot boot = LinuxBootLoader.load(new Blob("k.bin", KERNEL), INITRD, null,
                "console=ttyAMA0  root=/dev/ram", 2, mem);

        assertArrayEquals(new int[] {0xe3a00000, 0xe59f1004, 0xe59f2004, 0xe59ff004, 0x000008e0, 0x80000100,
            0x80010000}, words(RAM, 7));
        assertArrayEquals(new int[] {
            0x00000005, 0x54410001, 0x00000001, 0x00001000, 0x00000000, // CORE
            0x00000004, 0x54410002, 0x01000000, 0x80000000, // MEM
            0x00000004, 0x54420005, 0x80800000, 0x00000013, // INITRD2
            0x0000000a, 0x54410009, 0x736e6f63, 0x3d656c6f, 0x41797474, 0x2030414d, 0x6f6f7220, 0x642f3d74,
            0x722f7665, 0x00006d61, // CMDLINE
            0x00000000, 0x00000000, // NONE
        }, words(RAM + 0x100, 25));
        assertArrayEquals(new int[] {0x54494e49, 0x442d4452, 0x2d415441, 0x34333231}, words(0x80800000, 4));
        assertArrayEquals(new int[] {
            0xe59f2028, 0xe59f0028, 0xe3a01001, 0xe5821000, 0xe3a010ff, 0xe5821004, 0xf57ff04f, 0xe320f003,
            0xe5901000, 0xe1110001, 0x0afffffb, 0xe12fff11, 0x2c002000, 0x1c010030,
        }, words(0x14000000, 14));
        for (int i = 0; i < KERNEL.length; i++) {
            assertEquals(KERNEL[i] & 0xff, mem.read(RAM + 0x10000 + i, 1));
        }

        assertEquals(RAM, boot.primaryPc());
        assertEquals(0x14000000, boot.secondaryPc());
        assertEquals(0, boot.r0());
        assertEquals(0x8e0, boot.r1());
        assertEquals(0x80000100, boot.r2());
        assertEquals(0x80010000, boot.kernel().entry());
        assertEquals(0x80010000L + 256, boot.kernel().highAddr());
        assertEquals(0x80800000L, boot.initrdStart());
        assertEquals(19, boot.initrdSize());
        assertEquals(-1, boot.dtbStart());
    }

    @Test
    void minimalAtagsOnOneCpuAndNoSecondaryStub() throws ImageException {
        LinuxBoot boot = LinuxBootLoader.load(new Blob("k.bin", KERNEL), null, null, "", 1, mem);
        assertArrayEquals(new int[] {5, 0x54410001, 1, 0x1000, 0, 4, 0x54410002, 0x01000000, 0x80000000, 0, 0},
                words(RAM + 0x100, 11));
        assertEquals(-1, boot.secondaryPc());
        assertEquals(0, mem.read(0x14000000, 4));
    }

    /** A minimal tree (root with one address and size cell) as a blob. */
    private static byte[] fdt() {
        Fdt.Node root = new Fdt.Node("");
        root.properties().add(new Fdt.Property("#address-cells", Fdt.cells(1, 1)));
        root.properties().add(new Fdt.Property("#size-cells", Fdt.cells(1, 1)));
        return new Fdt(root, java.util.List.of(), 0).toBytes();
    }

    @Test
    void dtbGoesAfterTheInitrdPageAligned() throws ImageException {
        byte[] dtb = fdt();
        LinuxBoot boot = LinuxBootLoader.load(new Blob("k.bin", KERNEL), INITRD, new Blob("a.dtb", dtb), "x", 1, mem);
        assertEquals(0x80801000L, boot.dtbStart());
        assertEquals(0x80801000, boot.r2());
        assertEquals(0x80801000, mem.read(RAM + 0x14, 4), "the stub passes the DTB address in r2");
        assertEquals(0xedfe0dd0, mem.read(0x80801000, 4));
        assertEquals(0, mem.read(RAM + 0x100, 4), "no ATAGs with a DTB");
        Fdt placed = Fdt.parse("placed", bytes(0x80801000, 512));
        assertEquals(java.util.List.of(new Fdt.Property("linux,initrd-end", Fdt.cells(1, 0x80800000L + 19)),
                new Fdt.Property("linux,initrd-start", Fdt.cells(1, 0x80800000L)),
                new Fdt.Property("bootargs", Fdt.string("x"))), placed.find("/chosen").properties(),
                "the DTB in memory is patched");
        assertArrayEquals(new int[] {0x80, 0, 0, 0, 1, 0, 0, 0},
                java.util.Arrays.stream(new int[] {0, 1, 2, 3, 4, 5, 6, 7}).map(i ->
                        placed.find("/memory@80000000").property("reg").value()[i] & 0xff).toArray());

        AddressSpace m2 = new AddressSpace();
        m2.mapRam("ram", RAM, RAM_SIZE);
        LinuxBoot noInitrd = LinuxBootLoader.load(new Blob("k.bin", KERNEL), null, new Blob("a.dtb", dtb), "", 1, m2);
        assertEquals(0x80800000L, noInitrd.dtbStart());
    }

    @Test
    void initrdMovesAboveABigKernel() throws ImageException {
        byte[] big = new byte[(9 << 20) + 5]; // ends past RAM/2 (0x80800000)
        LinuxBoot boot = LinuxBootLoader.load(new Blob("big", big), INITRD, null, "", 1, mem);
        assertEquals(0x80911000L, boot.initrdStart(), "0x80010000 + 9 MiB + 5, page aligned");
        assertEquals(0x80911000, mem.read(RAM + 0x100 + 4 * 11, 4));
    }

    @Test
    void refusals() {
        ImageException tooBig = assertThrows(ImageException.class, () -> LinuxBootLoader.load(
                new Blob("huge.img", new byte[RAM_SIZE]), null, null, "", 1, mem));
        assertEquals("kernel 'huge.img' (16 MiB) does not fit in RAM at 0x80010000: RAM is 16 MiB"
                + " (0x80000000-0x80ffffff); give more with -m", tooBig.getMessage());

        ImageException initrd = assertThrows(ImageException.class, () -> LinuxBootLoader.load(
                new Blob("k.bin", KERNEL), new Blob("rd", new byte[9 << 20]), null, "", 1, mem));
        assertTrue(initrd.getMessage().startsWith("initrd 'rd' (9 MiB) does not fit in RAM after the kernel"),
                initrd.getMessage());

        ImageException dtb = assertThrows(ImageException.class, () -> LinuxBootLoader.load(
                new Blob("k.bin", KERNEL), null, new Blob("x.dts", new byte[100]), "", 1, mem));
        assertTrue(dtb.getMessage().startsWith("dtb 'x.dts' is not a flattened device tree blob"), dtb.getMessage());

        AddressSpace noSram = new AddressSpace();
        noSram.mapRam("ram", RAM, RAM_SIZE);
        ImageException smp = assertThrows(ImageException.class, () -> LinuxBootLoader.load(
                new Blob("k.bin", KERNEL), null, null, "", 2, noSram));
        assertEquals("cannot place the secondary CPU stub at 0x14000000: no RAM there ('unmapped')", smp.getMessage());
    }
}
