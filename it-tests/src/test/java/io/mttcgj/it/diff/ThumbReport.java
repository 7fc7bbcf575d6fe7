package io.mttcgj.it.diff;

import io.mttcgj.it.support.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Thumb disassembly ({@code arm-none-eabi-objdump -M force-thumb}) for failure reports and the
 * generator's self-check; a hex listing when objdump is not installed.
 */
final class ThumbReport {
    private ThumbReport() {
    }

    /** The case's Thumb code and its A32 stubs, one instruction a line. */
    static String code(ThumbCase c) {
        StringBuilder sb = new StringBuilder();
        List<String> dis = disassemble(c.thumb());
        if (dis == null) {
            sb.append("  thumb: ").append(c.thumbHex());
        } else {
            for (String line : dis) {
                sb.append("  ").append(line).append('\n');
            }
        }
        if (c.stubs().length > 0) {
            sb.append(dis == null ? "\n" : "").append("  A32 stubs:\n");
            List<String> arm = Objdump.disassemble(c.stubs());
            if (arm == null) {
                sb.append("  ").append(new CaseSpec(0, new int[CaseSpec.REG_COUNT], 0,
                        new byte[CaseSpec.SCRATCH_SIZE], c.stubs()).codeHex());
            } else {
                for (String line : arm) {
                    sb.append("    ").append(line).append('\n');
                }
            }
        }
        return sb.toString().stripTrailing();
    }

    /**
     * Disassembles Thumb instructions (16-bit as values below 0x10000, 32-bit as 0xHHHHLLLL) as one
     * stream, lines {@code "f8d1 2004  ldr.w r2, [r1, #4]"}; null when objdump cannot be run.
     */
    static List<String> disassemble(int[] insns) {
        try {
            Path bin = Files.createTempFile("thumb", ".bin");
            try {
                List<Integer> hws = ThumbCase.halfwords(insns);
                ByteBuffer b = ByteBuffer.allocate(2 * hws.size()).order(ByteOrder.LITTLE_ENDIAN);
                for (int hw : hws) {
                    b.putShort((short) hw);
                }
                Files.write(bin, b.array());
                ProcessRunner.Result r = ProcessRunner.run(List.of(Objdump.OBJDUMP, "-D", "-b", "binary", "-marm",
                        "-M", "force-thumb", bin.toString()), null, Duration.ofSeconds(120));
                if (r.exitStatus() != 0) {
                    return null;
                }
                List<String> lines = new ArrayList<>();
                for (String line : r.out().split("\n")) {
                    // "   1c:\tf8d1 2004 \tldr.w\tr2, [r1, #4]"
                    String[] parts = line.split("\t", 3);
                    if (parts.length == 3 && parts[0].trim().endsWith(":")) {
                        lines.add(parts[1].trim() + "  " + parts[2].replace('\t', ' ').trim());
                    }
                }
                return lines.size() == insns.length ? lines : null;
            } finally {
                Files.deleteIfExists(bin);
            }
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }
}
