package io.mttcgj.board;

import io.mttcgj.board.loader.ElfLoader;
import io.mttcgj.board.loader.ImageException;
import io.mttcgj.board.loader.LinuxBoot;
import io.mttcgj.board.loader.LinuxBootLoader;
import io.mttcgj.board.loader.LoadedImage;
import io.mttcgj.config.MachineConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Puts the guest into a built machine as QEMU's vexpress-a15 does: an ELF is loaded by its segments
 * and every CPU starts at its entry; anything else is a Linux image started through QEMU's boot stub,
 * with the secondary CPUs parked in the SRAM holding pen.
 */
final class Boot {
    private Boot() {
    }

    static void boot(Machine m, MachineConfig cfg, Path kernel, PrintStream out, PrintStream err, InputStream in,
            DebugLog debug) throws ImageException {
        byte[] head = read(kernel, "kernel");
        if (head.length == 0) {
            throw new ImageException("kernel image '" + cfg.kernel() + "' is empty");
        }
        LoadedImage image;
        if (ElfLoader.isElf(head)) {
            image = ElfLoader.load(cfg.kernel(), head, m.bus(0));
            for (int c = 0; c < cfg.cpus(); c++) {
                m.resetCpu(c, image.entry() & ~1, image.thumbEntry(), 0, 0, 0);
            }
        } else {
            LinuxBoot lb = LinuxBootLoader.load(new LinuxBootLoader.Blob(cfg.kernel(), head),
                    blob(cfg.initrd(), "initrd"), blob(cfg.dtb(), "dtb"), cfg.append(), cfg.cpus(), m.bus(0));
            image = lb.kernel();
            for (int c = 0; c < cfg.cpus(); c++) {
                m.resetCpu(c, c == 0 ? lb.primaryPc() : lb.secondaryPc(), false, 0, 0, 0);
            }
        }
        Semihost.install(m, cfg, image, out, err, in, debug);
        if (cfg.nographic()) {
            startConsoleInput(m, in);
        }
    }

    private static LinuxBootLoader.Blob blob(String path, String what) throws ImageException {
        return path == null ? null : new LinuxBootLoader.Blob(path, read(Path.of(path), what));
    }

    private static byte[] read(Path p, String what) throws ImageException {
        try {
            return java.nio.file.Files.readAllBytes(p);
        } catch (IOException e) {
            throw new ImageException("cannot read " + what + " image '" + p + "': " + e.getMessage());
        }
    }

    /** UART0 input from stdin; end of input is not an error (the guest just gets no more bytes). */
    private static void startConsoleInput(Machine m, InputStream in) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[256];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    m.devices().uart0Input(java.util.Arrays.copyOf(buf, n));
                }
            } catch (IOException ignored) {
                // stdin closed: no more input
            }
        }, "mttcg-stdin");
        t.setDaemon(true);
        t.start();
    }
}
