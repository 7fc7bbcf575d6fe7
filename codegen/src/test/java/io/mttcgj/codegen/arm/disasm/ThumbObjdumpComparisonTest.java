package io.mttcgj.codegen.arm.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.codegen.arm.thumb.ItState;
import io.mttcgj.testsupport.Tools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares {@link ThumbDisassembler} with GNU objdump ({@code -Mforce-thumb}) on hand-picked and seeded-random
 * instructions, IT blocks included (see {@link ThumbSamples}): the instructions are laid out as one Thumb
 * program, and each is disassembled with the ITSTATE it runs with, as objdump tracks it. Needs
 * {@code arm-none-eabi-objdump} (Debian: binutils-arm-none-eabi): without it the test fails when CI=true and
 * is skipped elsewhere ({@link Tools#require}).
 *
 * <p>Both sides are normalised as in {@link ObjdumpComparisonTest} (whitespace, comments, coprocessor
 * operand spelling, {@code un/unst} barrier names), plus objdump's quirk of dropping the writeback of an
 * LDRD/STRD pre-indexed by {@code #0}. A word objdump calls UNDEFINED must be unknown to us too.
 */
class ThumbObjdumpComparisonTest {
    private static final String OBJDUMP = "arm-none-eabi-objdump";
    private static final int BASE = 0x80000000;
    private static final Pattern LINE =
            Pattern.compile("^\\s*([0-9a-f]+):\\s+([0-9a-f]{4})(?: ([0-9a-f]{4}))?\\s+(.*)$");
    private static final Pattern DUAL_ZERO = Pattern.compile("^((?:ldrd|strd)\\w*) (\\w+),(\\w+),\\[(\\w+),#0]!$");

    @TempDir
    Path tmp;

    @Test
    void matchesObjdumpOnSampledEncodings() throws Exception {
        Tools.require(OBJDUMP, "binutils-arm-none-eabi");
        List<ThumbSamples.Sample> samples = ThumbSamples.all();
        Map<Integer, String> reference = runObjdump(samples);
        assertEquals(samples.size(), reference.size(), "objdump printed a line per instruction");

        List<String> mismatches = new ArrayList<>();
        int pc = BASE;
        int it = 0;
        int inIt = 0;
        for (ThumbSamples.Sample s : samples) {
            String expected = normalise(reference.get(pc));
            String actual = normaliseOurs(ThumbDisassembler.disassemble(s.insn(), s.wide(), pc, it));
            boolean ok = expected.isEmpty() || expected.startsWith("undefined")
                    ? actual.startsWith(".inst") : expected.equals(actual);
            if (!ok) {
                mismatches.add(String.format("%-12s %s  it=%02x  objdump: %-40s ours: %s", s.label(),
                        s.wide() ? String.format("%08x", s.insn()) : String.format("%04x    ", s.insn()), it,
                        expected.isEmpty() ? "<undefined>" : expected, actual));
            }
            if ((it & 0xf) != 0) {
                inIt++;
            }
            boolean itInsn = !s.wide() && (s.insn() & 0xff00) == 0xbf00 && (s.insn() & 0xf) != 0;
            it = itInsn ? s.insn() & 0xff : ItState.advance(it);
            pc += s.wide() ? 4 : 2;
        }
        System.out.println("Thumb objdump comparison: " + samples.size() + " instructions (" + inIt
                + " inside IT blocks), " + mismatches.size() + " mismatches");
        mismatches.forEach(System.out::println);
        assertTrue(samples.size() > 2000, "enough samples");
        assertEquals(List.of(), mismatches);
    }

    private Map<Integer, String> runObjdump(List<ThumbSamples.Sample> samples) throws IOException, InterruptedException {
        ByteBuffer buf = ByteBuffer.allocate(4 * samples.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (ThumbSamples.Sample s : samples) {
            if (s.wide()) {
                buf.putShort((short) (s.insn() >>> 16));
            }
            buf.putShort((short) s.insn());
        }
        Path bin = tmp.resolve("thumb.bin");
        Files.write(bin, java.util.Arrays.copyOf(buf.array(), buf.position()));
        Process p = new ProcessBuilder(OBJDUMP, "-D", "-b", "binary", "-marm", "-Mforce-thumb",
                "--adjust-vma=0x" + Integer.toHexString(BASE), bin.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "objdump finished");
        assertEquals(0, p.exitValue(), () -> "objdump failed:\n" + out);
        Map<Integer, String> byAddress = new HashMap<>();
        for (String line : out.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                byAddress.put((int) Long.parseLong(m.group(1), 16), m.group(4));
            }
        }
        return byAddress;
    }

    private static String normalise(String text) {
        return ObjdumpComparisonTest.normaliseObjdump(text == null ? "<missing>" : text);
    }

    /** Ours, normalised alike; LDRD/STRD "[rn, #0]!" is objdump's "[rn]". */
    private static String normaliseOurs(String text) {
        String s = normalise(text);
        Matcher m = DUAL_ZERO.matcher(s);
        return m.matches() ? m.group(1) + " " + m.group(2) + "," + m.group(3) + ",[" + m.group(4) + "]" : s;
    }
}
