package io.mttcgj.board.semihosting;

import io.mttcgj.config.MachineConfig;
import io.mttcgj.memory.VexpressMemoryMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What semihosting needs to know about the machine and the run.
 *
 * @param enabled         {@code -semihosting}: without it every trap is an ordinary exception
 * @param consoleToStdout {@code chardev=serial0}: SYS_WRITEC/SYS_WRITE0 go to stdout instead of stderr
 * @param allowUserMode   serve calls made from User mode (QEMU 7.2: only with {@code userspace=on}; off)
 * @param root            absolute, normalized directory that host file access is confined to
 * @param cmdline         what SYS_GET_CMDLINE returns
 * @param heapBase        SYS_HEAPINFO heap base: end of the loaded image
 * @param heapLimit       SYS_HEAPINFO heap limit and stack base: end of RAM (2^32 wraps to 0, as on the guest);
 *                        the stack limit reported is {@code heapBase}, as QEMU 7.2 does
 * @param consoleIsTty    SYS_ISTTY answer for the {@code :tt} handles (QEMU asks the host whether its stdio is
 *                        a terminal)
 */
public record SemihostingSettings(boolean enabled, boolean consoleToStdout, boolean allowUserMode, Path root,
                                  String cmdline, int heapBase, int heapLimit, boolean consoleIsTty) {

    /**
     * Settings for a run of {@code cfg}, with the heap starting at {@code imageEnd} (the loaded image's
     * {@code highAddr}).
     */
    public static SemihostingSettings from(MachineConfig cfg, long imageEnd) {
        long ramEnd = Integer.toUnsignedLong(VexpressMemoryMap.RAM_BASE) + cfg.memoryBytes();
        List<String> args = List.of();
        if (cfg.raw() != null && cfg.raw().hasPath("mttcg.semihosting.args")) {
            args = cfg.raw().getStringList("mttcg.semihosting.args");
        }
        String cmdline = args.isEmpty() ? commandLine(cfg.kernel(), cfg.append()) : String.join(" ", args);
        return new SemihostingSettings(cfg.semihosting().enabled(), cfg.semihosting().chardevSerial0(), false,
                cfg.semihosting().root(), cmdline, (int) imageEnd, (int) ramEnd, System.console() != null);
    }

    /**
     * QEMU's fallback command line: the kernel file name as given, then the words of {@code -append} (split
     * at spaces, so runs of spaces collapse), joined by single spaces.
     */
    public static String commandLine(String kernel, String append) {
        List<String> words = new ArrayList<>();
        words.add(kernel == null ? "" : kernel);
        if (append != null) {
            for (String w : append.split(" ")) {
                if (!w.isEmpty()) {
                    words.add(w);
                }
            }
        }
        return String.join(" ", words);
    }
}
