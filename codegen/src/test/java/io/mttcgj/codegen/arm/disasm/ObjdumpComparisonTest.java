package io.mttcgj.codegen.arm.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.testsupport.Tools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares {@link A32Disassembler} with GNU objdump on hand-picked and seeded-random instruction words
 * (see {@link A32Samples}). Needs {@code arm-none-eabi-objdump} (Debian: binutils-arm-none-eabi): without it the
 * test fails when CI=true and is skipped elsewhere ({@link Tools#require}).
 *
 * <p>Both sides are normalised lightly (whitespace, objdump's {@code @ ...} comments and {@code <sym>}),
 * plus the documented deliberate differences of {@link A32Disassembler}: coprocessor operand spelling,
 * the second LDRD/STRD register, {@code nop {0}} and the {@code un/unst} barrier names.
 */
class ObjdumpComparisonTest {
    private static final String OBJDUMP = "arm-none-eabi-objdump";
    private static final int BASE = 0x80000000;
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\s+([0-9a-f]{8})\\s(.*)$");

    @TempDir
    Path tmp;

    @Test
    void matchesObjdumpOnSampledEncodings() throws Exception {
        Tools.require(OBJDUMP, "binutils-arm-none-eabi");
        Map<Integer, String> words = A32Samples.all(); // word -> class label
        List<Integer> list = new ArrayList<>(words.keySet());
        Map<Integer, String> reference = runObjdump(list);
        assertEquals(list.size(), reference.size(), "objdump printed a line per word");

        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            int word = list.get(i);
            int pc = BASE + 4 * i;
            String expected = normaliseObjdump(reference.get(pc));
            String actual = normaliseOurs(A32Disassembler.disassemble(word, pc));
            boolean ok = expected.isEmpty() ? actual.startsWith(".word") : expected.equals(actual);
            if (!ok) {
                mismatches.add(String.format("%-10s %08x  objdump: %-40s ours: %s", words.get(word), word,
                        expected.isEmpty() ? "<undefined>" : expected, actual));
            }
        }
        System.out.println("objdump comparison: " + list.size() + " words, " + mismatches.size() + " mismatches");
        mismatches.forEach(System.out::println);
        assertTrue(list.size() > 500, "enough samples");
        assertEquals(List.of(), mismatches);
    }

    private Map<Integer, String> runObjdump(List<Integer> words) throws IOException, InterruptedException {
        ByteBuffer buf = ByteBuffer.allocate(4 * words.size()).order(ByteOrder.LITTLE_ENDIAN);
        words.forEach(buf::putInt);
        Path bin = tmp.resolve("words.bin");
        Files.write(bin, buf.array());
        Process p = new ProcessBuilder(OBJDUMP, "-D", "-b", "binary", "-marm",
                "--adjust-vma=0x" + Integer.toHexString(BASE), bin.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "objdump finished");
        assertEquals(0, p.exitValue(), () -> "objdump failed:\n" + out);
        Map<Integer, String> byAddress = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                byAddress.put((int) Long.parseLong(m.group(1), 16), m.group(3));
            }
        }
        return byAddress;
    }

    private static final Pattern COPROC = Pattern.compile("^(mrc2?|mcr2?|mrrc2?|mcrr2?|cdp2?|ldc2?l?|stc2?l?)(\\w*) (\\d+),(.*)$");
    private static final Pattern DOUBLE = Pattern.compile("^((?:ldrd|strd|ldrexd)\\w*) (\\w+),\\w+,(.*)$");
    private static final Pattern STREXD = Pattern.compile("^(strexd\\w*) (\\w+),(\\w+),\\w+,(.*)$");

    static String normaliseObjdump(String text) {
        String s = basic(text);
        Matcher m = COPROC.matcher(s);
        if (m.matches()) {
            String ops = m.group(4).replaceAll("\\bcr(\\d+)", "c$1");
            if (!m.group(1).startsWith("ldc") && !m.group(1).startsWith("stc")) {
                ops = ops.replaceAll("\\{(\\d+)}$", "$1");
            }
            s = m.group(1) + m.group(2) + " p" + m.group(3) + "," + ops;
        }
        s = s.replaceAll("^nop \\{0}$", "nop");
        s = s.replace(",ROR #", ",ror #"); // objdump's upper case in some UXTAB16 forms
        s = s.replaceAll("^(dmb|dsb) un$", "$1 nsh").replaceAll("^(dmb|dsb) unst$", "$1 nshst");
        return s;
    }

    static String normaliseOurs(String text) {
        String s = basic(text);
        Matcher m = DOUBLE.matcher(s);
        if (m.matches()) {
            return m.group(1) + " " + m.group(2) + "," + m.group(3);
        }
        m = STREXD.matcher(s);
        if (m.matches()) {
            return m.group(1) + " " + m.group(2) + "," + m.group(3) + "," + m.group(4);
        }
        return s;
    }

    /** Drops comments and symbols, collapses whitespace, removes blanks after commas. */
    private static String basic(String text) {
        String s = text.replaceAll("[@;].*$", "").replaceAll("<[^>]*>", "");
        s = s.replaceAll("\\s+", " ").trim();
        // objdump spells r10-r15 numerically in a few tables (e.g. LDREX's Rt); same registers.
        String[] names = {"sl", "fp", "ip", "sp", "lr", "pc"};
        for (int r = 10; r < 16; r++) {
            s = s.replaceAll("\\br" + r + "\\b", names[r - 10]);
        }
        return s.replace(", ", ",");
    }
}
