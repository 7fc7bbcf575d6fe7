package io.mttcgj.board;

import io.mttcgj.board.loader.ElfLoader;
import io.mttcgj.board.loader.ImageException;
import io.mttcgj.board.loader.LoadedImage;
import io.mttcgj.config.LaunchOptions;
import io.mttcgj.config.MachineConfig;
import io.mttcgj.config.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The launcher: {@code mttcg [QEMU-style options]}. Parses the configuration, builds the board,
 * loads the image, runs until the guest exits (semihosting, power-off) or the timeout, and exits
 * with the guest's status (see {@link ExitStatus} for the emulator's own).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        int status;
        try {
            status = run(args, out, System.err, System.in);
        } catch (Throwable t) {
            // Never leave the JVM hanging on actor threads: report and exit.
            System.err.println("mttcg: internal error (please report): " + t);
            t.printStackTrace();
            status = ExitStatus.INTERNAL_ERROR;
        }
        out.flush();
        System.err.flush();
        System.exit(status);
    }

    public static int run(String[] args, PrintStream out, PrintStream err, InputStream in) {
        return run(args, out, err, in, m -> { });
    }

    /**
     * As {@link #run(String[], PrintStream, PrintStream, InputStream)}, for tools that run machines in-process
     * (fault-injection campaigns): {@code beforeStart} gets the booted machine just before its vCPUs start.
     */
    public static int run(String[] args, PrintStream out, PrintStream err, InputStream in,
            java.util.function.Consumer<Machine> beforeStart) {
        // Initialise SLF4J before Pekko starts logging from several threads (avoids its replay warning).
        org.slf4j.LoggerFactory.getLogger(Main.class);
        MachineConfig cfg;
        try {
            cfg = LaunchOptions.parse(args);
        } catch (UsageException e) {
            (e.exitStatus() == 0 ? out : err).println(e.getMessage());
            return e.exitStatus();
        }
        setLogLevel(cfg.logLevel());
        if (!"run".equals(cfg.command())) {
            err.println("mttcg: the '" + cfg.command() + "' command is not available in this version");
            return ExitStatus.USAGE;
        }
        if (cfg.kernel() == null) {
            err.println("mttcg: no guest image: give -kernel FILE (or mttcg.kernel in a config file); see --help");
            return ExitStatus.USAGE;
        }
        Path kernel = Path.of(cfg.kernel());
        if (!Files.isRegularFile(kernel)) {
            err.println("mttcg: cannot read kernel image '" + cfg.kernel() + "': no such file");
            return ExitStatus.USAGE;
        }
        DebugLog debug;
        try {
            debug = new DebugLog(cfg.debug(), err);
        } catch (IOException e) {
            err.println("mttcg: cannot open log file '" + cfg.debug().logFile() + "': " + e.getMessage());
            return ExitStatus.USAGE;
        }
        Machine machine = new Machine(cfg, out, err, debug);
        int status;
        Progress progress = null;
        try {
            Boot.boot(machine, cfg, kernel, out, err, in, debug);
            beforeStart.accept(machine);
            machine.start();
            progress = Progress.start(machine.vcpus(), machine.cache(), machine.safeWorkStats(), err,
                    cfg.stats().interval());
            status = machine.awaitExit(cfg.timeout());
        } catch (ImageException e) {
            err.println("mttcg: " + e.getMessage());
            status = ExitStatus.USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = ExitStatus.INTERNAL_ERROR;
        }
        if (progress != null) {
            progress.stop();
        }
        machine.stop();
        reportStats(machine, cfg, debug, err);
        debug.close();
        return status;
    }

    /** mttcg.logging.level: the emulator's own log (always on stderr). */
    private static void setLogLevel(String level) {
        org.slf4j.Logger root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger) {
            ((ch.qos.logback.classic.Logger) root).setLevel(ch.qos.logback.classic.Level.toLevel(level,
                    ch.qos.logback.classic.Level.WARN));
        }
    }

    private static void reportStats(Machine m, MachineConfig cfg, DebugLog debug, PrintStream err) {
        if (cfg.stats().print() || debug.enabled("stats")) {
            err.print(Stats.text(m.vcpus(), m.cache(), m.tier1(), m.safeWorkStats(), m.elapsedNanos()));
        }
        if (cfg.stats().jsonFile() != null) {
            try {
                Files.writeString(Path.of(cfg.stats().jsonFile()), Stats.json(m.vcpus(), m.cache(), m.tier1(), m.safeWorkStats(), m.elapsedNanos()));
            } catch (IOException e) {
                err.println("mttcg: cannot write statistics to '" + cfg.stats().jsonFile() + "': " + e.getMessage());
            }
        }
    }

    static LoadedImage loadElf(Machine m, Path kernel, String name) throws ImageException {
        return ElfLoader.load(kernel, name, m.bus(0));
    }
}
