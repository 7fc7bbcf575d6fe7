package io.mttcgj.it.diff;

import io.mttcgj.it.support.ProcessRunner;
import io.mttcgj.testsupport.Tools;
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
 * Disassembles A32 words with {@code arm-none-eabi-objdump} when it is installed. Only a convenience
 * for failure reports and for the generator's self-check; everything works without it.
 */
final class Objdump {
    static final String OBJDUMP = "arm-none-eabi-objdump";

    private Objdump() {
    }

    /** The Debian package that installs {@link #OBJDUMP}. */
    static final String PACKAGE = "binutils-arm-none-eabi";

    static boolean available() {
        try {
            return ProcessRunner.run(List.of(OBJDUMP, "--version"), null, Duration.ofSeconds(20)).exitStatus() == 0;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** For a test that needs objdump itself: fails without it when CI=true, else skips (see {@link Tools}). */
    static void require() {
        Tools.require(available(), OBJDUMP + " is not installed (or does not start)", PACKAGE);
    }

    /** One line per word, {@code "e0910002  adds r0, r1, r2"}; null when objdump cannot be run. */
    static List<String> disassemble(int[] words) {
        try {
            Path bin = Files.createTempFile("a32-words", ".bin");
            try {
                ByteBuffer b = ByteBuffer.allocate(4 * words.length).order(ByteOrder.LITTLE_ENDIAN);
                for (int w : words) {
                    b.putInt(w);
                }
                Files.write(bin, b.array());
                ProcessRunner.Result r = ProcessRunner.run(
                        List.of(OBJDUMP, "-D", "-b", "binary", "-marm", bin.toString()), null, Duration.ofSeconds(60));
                if (r.exitStatus() != 0) {
                    return null;
                }
                List<String> lines = new ArrayList<>();
                for (String line : r.out().split("\n")) {
                    // instruction lines look like "   1c:\te0910002 \tadds\tr0, r1, r2"
                    String[] parts = line.split("\t", 3);
                    if (parts.length == 3 && parts[0].trim().endsWith(":")) {
                        lines.add(parts[1].trim() + "  " + parts[2].replace('\t', ' ').trim());
                    }
                }
                return lines.size() == words.length ? lines : null;
            } finally {
                Files.deleteIfExists(bin);
            }
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }
}
