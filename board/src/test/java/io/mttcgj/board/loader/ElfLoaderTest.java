package io.mttcgj.board.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.memory.AddressSpace;
import io.mttcgj.testsupport.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElfLoaderTest {
    static final int RAM = 0x80000000;
    static final int RAM_SIZE = 1 << 20;

    final AddressSpace mem = vexpressLike();

    /** RAM (1 MiB, so tests stay small), flash at 0 and SRAM, named as the board names them. */
    static AddressSpace vexpressLike() {
        AddressSpace m = new AddressSpace();
        m.mapZero("flash0", 0, 64 << 20);
        m.mapRam("sram", 0x14000000, 1 << 20);
        m.mapRam("ram", RAM, RAM_SIZE);
        return m;
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    @Test
    void loadsSegmentsAndZeroFillsBss() throws ImageException {
        // Dirty the .bss area first: the loader must zero it, not rely on fresh RAM.
        for (int a = 0x80001000; a <= 0x80001100; a += 4) {
            mem.write(a, 4, 0xdeadbeef);
        }
        byte[] text = bytes(0xfe, 0xff, 0xff, 0xea, 1, 2, 3, 4); // b . ; data
        byte[] data = bytes(0x11, 0x22, 0x33);
        byte[] elf = new ElfBuilder().load(RAM, text, text.length).load(0x80001000, data, 0x100)
                .segment(0x70000001, 0x12345678, new byte[0], 16) // ARM_EXIDX-like, not loaded
                .build();
        LoadedImage img = ElfLoader.load("prog.elf", elf, mem);
        assertEquals(new LoadedImage(RAM, true, 0x80000000L, 0x80001100L, "prog.elf", false), img);
        assertEquals(0xeafffffe, mem.read(RAM, 4));
        assertEquals(0x04030201, mem.read(RAM + 4, 4));
        assertEquals(0x00332211, mem.read(0x80001000, 4));
        for (int a = 0x80001004; a < 0x80001100; a += 4) {
            assertEquals(0, mem.read(a, 4), String.format("bss at %08x", a));
        }
        assertEquals(0xdeadbeef, mem.read(0x80001100, 4), "nothing past memsz is touched");
    }

    @Test
    void segmentInSramIsAccepted() throws ImageException {
        ElfBuilder b = new ElfBuilder().load(0x14000000, bytes(1, 2, 3, 4), 4);
        b.entry = 0x14000000;
        LoadedImage img = ElfLoader.load("s.elf", b.build(), mem);
        assertEquals(0x04030201, mem.read(0x14000000, 4));
        assertEquals(0x14000000L, img.lowAddr());
        assertEquals(0x14000004L, img.highAddr());
    }

    @Test
    void thumbEntryFromBitZero() throws ImageException {
        ElfBuilder b = new ElfBuilder().load(RAM, new byte[8], 8);
        b.entry = RAM + 5;
        LoadedImage img = ElfLoader.load("t.elf", b.build(), mem);
        assertEquals(RAM + 4, img.entry());
        assertTrue(img.thumbEntry());
    }

    @Test
    void thumbEntryFromFunctionSymbol() throws ImageException {
        ElfBuilder b = new ElfBuilder().load(RAM, new byte[8], 8);
        b.entry = RAM + 4;
        b.funcSymbols = new int[] {RAM + 1, RAM + 5};
        LoadedImage img = ElfLoader.load("t.elf", b.build(), mem);
        assertEquals(RAM + 4, img.entry());
        assertTrue(img.thumbEntry());

        b.funcSymbols = new int[] {RAM + 4, RAM + 1}; // an ARM function at the entry
        assertFalse(ElfLoader.load("a.elf", b.build(), mem).thumbEntry());
    }

    @Test
    void segmentOutsideRamIsRefusedAndNothingIsLoaded() {
        byte[] elf = new ElfBuilder().load(RAM, bytes(9, 9, 9, 9), 4).load(0, new byte[16], 8192).build();
        ImageException e = assertThrows(ImageException.class, () -> ElfLoader.load("flash.elf", elf, mem));
        assertEquals("flash.elf: segment 1 (0x00000000-0x00001fff, 8 KiB) is not in RAM (it falls in 'flash0');"
                + " vexpress-a15 RAM is at 0x80000000-0x800fffff — link the program there (e.g. -Ttext=0x80000000)",
                e.getMessage());
        assertEquals(0, mem.read(RAM, 4), "a refused image leaves memory untouched");
    }

    @Test
    void segmentRunningPastTheEndOfRamIsRefused() {
        byte[] elf = new ElfBuilder().load(RAM + RAM_SIZE - 4, new byte[4], 8).build();
        ImageException e = assertThrows(ImageException.class, () -> ElfLoader.load("big.elf", elf, mem));
        assertTrue(e.getMessage().startsWith("big.elf: segment 0 (0x800ffffc-0x80100003, 8 bytes) is not in RAM"
                + " (it starts in 'ram' but does not fit inside it)"), e.getMessage());
    }

    @Test
    void unmappedSegmentIsRefused() {
        byte[] elf = new ElfBuilder().load(0x40000000, new byte[4], 4).build();
        ImageException e = assertThrows(ImageException.class, () -> ElfLoader.load("u.elf", elf, mem));
        assertTrue(e.getMessage().contains("(it falls in 'unmapped')"), e.getMessage());
    }

    private String refusal(byte[] elf) {
        return assertThrows(ImageException.class, () -> ElfLoader.load("F", elf, mem)).getMessage();
    }

    @Test
    void badFilesHaveDistinctMessages() {
        byte[] good = new ElfBuilder().load(RAM, new byte[4], 4).build();

        assertEquals("F: truncated ELF header (40 bytes; an ELF32 header is 52)", refusal(Arrays.copyOf(good, 40)));
        assertEquals("F: truncated ELF file: its 1 program headers end at byte 84 but the file has 60",
                refusal(Arrays.copyOf(good, 60)));
        assertEquals("F: truncated ELF file: segment 0 needs bytes up to 88 but the file has 86",
                refusal(Arrays.copyOf(good, 86)));

        ElfBuilder b = new ElfBuilder().load(RAM, new byte[4], 4);
        b.machine = 62;
        assertEquals("F is an ELF for machine 62 (x86-64), not ARM", refusal(b.build()));
        b.machine = 183;
        assertEquals("F is an ELF for machine 183 (AArch64), not ARM", refusal(b.build()));

        b = new ElfBuilder().load(RAM, new byte[4], 4);
        b.elfClass = 2;
        assertEquals("F is a 64-bit ELF; vexpress-a15 needs a 32-bit ARM executable", refusal(b.build()));

        b = new ElfBuilder().load(RAM, new byte[4], 4);
        b.data = 2;
        assertEquals("F is a big-endian ELF; vexpress-a15 runs little-endian code (build with -mlittle-endian)",
                refusal(b.build()));

        b = new ElfBuilder().load(RAM, new byte[4], 4);
        b.type = 1;
        assertEquals("F is an ELF relocatable object (ET_REL), not an executable (ET_EXEC): link it first",
                refusal(b.build()));
        b.type = 3;
        assertTrue(refusal(b.build()).contains("(ET_DYN), not an executable"));

        assertEquals("F has no loadable segment (no program headers)", refusal(new ElfBuilder().build()));
        assertEquals("F has no loadable segment (no PT_LOAD program header with a non-zero size)",
                refusal(new ElfBuilder().segment(4, RAM, new byte[4], 4).load(RAM, new byte[0], 0).build()));
        assertEquals("F: bad segment 0: file size 0x8 exceeds memory size 0x4",
                refusal(new ElfBuilder().load(RAM, new byte[8], 4).build()));
    }

    @Test
    void isElfLooksAtTheMagicOnly() {
        assertTrue(ElfLoader.isElf(bytes(0x7f, 'E', 'L', 'F')));
        assertFalse(ElfLoader.isElf(bytes(0x7f, 'E', 'L')));
        assertFalse(ElfLoader.isElf(bytes(0, 0, 0xa0, 0xe1, 0, 0))); // a zImage starts with nops
    }

    @Test
    void missingFileIsAOneLineError(@TempDir Path dir) {
        ImageException e = assertThrows(ImageException.class,
                () -> ElfLoader.load(dir.resolve("nope.elf"), "nope.elf", mem));
        assertEquals("cannot read kernel 'nope.elf': no such file", e.getMessage());
    }

    /** A real toolchain output (arm-none-eabi-gcc, see {@link Tools#require}): the format details match what ld writes. */
    @Test
    void loadsAnElfBuiltByGcc(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("t.S");
        Files.writeString(src, ".syntax unified\n.thumb\n.global _start\n.type _start, %function\n"
                + "_start: b .\n.data\n.word 0x12345678\n.bss\n.space 64\n");
        Path out = dir.resolve("t.elf");
        Tools.require("arm-none-eabi-gcc", "gcc-arm-none-eabi");
        assertTrue(run(dir, "arm-none-eabi-gcc", "-nostdlib", "-march=armv7-a", "-Wl,-Ttext=0x80000000",
                "-o", out.toString(), src.toString()), "arm-none-eabi-gcc failed on a two-line source");
        LoadedImage img = ElfLoader.load(out, "t.elf", mem);
        assertEquals(RAM, img.entry());
        assertTrue(img.thumbEntry(), "ld sets bit 0 of e_entry for a Thumb _start");
        assertEquals(0xe7fe, mem.read(RAM, 2)); // T16 "b ."
        assertTrue(img.highAddr() > img.lowAddr() + 64);
    }

    private static boolean run(Path dir, String... cmd) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
