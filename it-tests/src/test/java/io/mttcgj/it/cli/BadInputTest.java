package io.mttcgj.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.it.support.ElfWriter;
import io.mttcgj.it.support.ProcessRunner;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input never produces a Java stack trace: each case gets a message naming what is wrong and the
 * documented exit status (README: 2 refused before the start, 3 guest stopped by the emulator).
 */
class BadInputTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    @TempDir
    Path dir;

    private static byte[] words(int... w) {
        ByteBuffer b = ByteBuffer.allocate(w.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : w) {
            b.putInt(x);
        }
        return b.array();
    }

    private Path file(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private static ProcessRunner.Result run(String... args) {
        List<String> a = new ArrayList<>(List.of("-M", "vexpress-a15", "-nographic", "-semihosting"));
        a.addAll(Arrays.asList(args));
        return ProcessRunner.runOurs(a, null, TIMEOUT);
    }

    private static void assertClean(ProcessRunner.Result r, int status, String... fragments) {
        assertFalse(r.timedOut(), r.toString());
        assertEquals(status, r.exitStatus(), r.toString());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "stderr should mention '" + f + "':\n" + r);
        }
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), "no stack trace:\n" + r);
    }

    @Test
    void notAnElfNorAnImageWeCanUse() throws IOException {
        // A text file is not ELF: it is treated as a raw Linux image (QEMU does the same) and must fit in RAM;
        // an empty file is refused outright.
        Path empty = file("empty.bin", new byte[0]);
        assertClean(run("-kernel", empty.toString()), 2, "empty.bin");
    }

    @Test
    void wrongMachineElf() throws IOException {
        byte[] elf = ElfWriter.write(words(0xe1a00000), 0x80000000, 0x80000000);
        elf[18] = 62; // e_machine = x86-64
        elf[19] = 0;
        assertClean(run("-kernel", file("x86.elf", elf).toString()), 2, "x86.elf", "62");
    }

    @Test
    void truncatedElf() throws IOException {
        byte[] elf = ElfWriter.write(words(0xe1a00000, 0xe1a00000), 0x80000000, 0x80000000);
        Path p = file("cut.elf", Arrays.copyOf(elf, 40));
        assertClean(run("-kernel", p.toString()), 2, "cut.elf");
    }

    @Test
    void segmentOutsideRam() throws IOException {
        byte[] elf = ElfWriter.write(words(0xe1a00000), 0x00001000, 0x00001000);
        assertClean(run("-kernel", file("low.elf", elf).toString()), 2, "low.elf", "0x00001000");
    }

    @Test
    void missingKernelFile() {
        assertClean(run("-kernel", dir.resolve("nope.elf").toString()), 2, "nope.elf");
    }

    @Test
    void unknownConfigKey() throws IOException {
        Path conf = file("bad.conf", "mttcg.cpu = 2\n".getBytes());
        assertClean(run("--config", conf.toString(), "-kernel", "x.elf"), 2, "mttcg.cpu");
    }

    @Test
    void badMemorySize() {
        assertClean(run("-m", "3G", "-kernel", "x.elf"), 2, "3G", "-m");
    }

    @Test
    void undefinedInstructionWithoutVectors() throws IOException {
        // UDF at the entry: the guest takes the Undefined exception; its vector (0x4, flash) holds no code.
        byte[] elf = ElfWriter.write(words(0xe7f000f0), 0x80000000, 0x80000000);
        ProcessRunner.Result r = run("-kernel", file("udf.elf", elf).toString());
        assertClean(r, 3, "Undefined", "0x80000000", "pc=00000004");
    }

    @Test
    void jumpToUnmappedMemory() throws IOException {
        // mov r0, #0x40000000 ; bx r0
        byte[] elf = ElfWriter.write(words(0xe3a00101, 0xe12fff10), 0x80000000, 0x80000000);
        ProcessRunner.Result r = run("-kernel", file("jump.elf", elf).toString());
        assertClean(r, 3, "0x40000000", "not RAM");
    }
}
