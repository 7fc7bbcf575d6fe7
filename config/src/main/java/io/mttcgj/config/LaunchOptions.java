package io.mttcgj.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * Entry point of the launch configuration: merges reference.conf, application.conf (classpath, then
 * working directory), --config files and QEMU-style flags, and validates the result.
 */
public final class LaunchOptions {
    /** Items accepted by {@code -d} / {@code mttcg.debug.log}. */
    public static final List<String> DEBUG_ITEMS =
            List.of("in_asm", "op", "exec", "cpu", "int", "guest_errors", "unimp", "stats");
    /** Board models accepted by {@code -M} / {@code mttcg.machine.name}. */
    public static final List<String> MACHINES = List.of("vexpress-a15");

    private LaunchOptions() {
    }

    /**
     * Parses a command line against the full configuration layering.
     *
     * @throws UsageException exit status 2 with the error to print, or 0 for --help, --version,
     *                        -d help and -M help with the text to print
     */
    public static MachineConfig parse(String[] args) throws UsageException {
        return parse(args, LaunchOptions.class.getClassLoader(), Path.of("").toAbsolutePath());
    }

    /** As {@link #parse(String[])} with an explicit class path (for application.conf) and working directory. */
    static MachineConfig parse(String[] args, ClassLoader loader, Path workDir) throws UsageException {
        CommandLine.Parsed cl = CommandLine.parse(args == null ? new String[0] : args);
        var merged = ConfigLayers.merge(loader, workDir, cl.configFiles(), cl.profile(), cl.overrides());
        return new ConfigReader(merged).read(cl.command(), workDir);
    }

    /** The --help text. */
    public static String usage() {
        return """
                Usage: mttcg [run|sweep|campaign] [options]
                A multi-threaded ARMv7-A system emulator. QEMU's options keep QEMU's meaning:
                the same command line as qemu-system-arm runs the same guest.

                Machine:
                  -M, -machine NAME[,secure=on|off][,virtualization=on|off]
                                         board model (vexpress-a15); EL3 / EL2 present (default on)
                  -smp N | cpus=N        number of vCPUs, 1..8 (default 1)
                  -m SIZE | size=SIZE    guest RAM, 1M..2047M (default 128M); a bare number is MiB,
                                         suffixes K, M, G
                  -kernel FILE           kernel image (ELF or raw zImage)
                  -initrd FILE           initial ram disk
                  -dtb FILE              device tree blob
                  -append STRING         kernel command line
                  -no-reboot             exit instead of resetting on a guest reset request
                Console and semihosting:
                  -nographic             UART0 on stdout and stdin
                  -serial stdio|mon:stdio|none
                                         stdio = UART0 on stdout and stdin; none = UART0 discarded
                  -display none, -monitor none
                                         accepted for compatibility (there is no display or monitor)
                  -semihosting           enable semihosting
                  -semihosting-config enable=on|off[,target=native|auto][,chardev=serial0][,arg=ARG]...
                                         chardev=serial0 sends semihosting output to stdout with UART0
                                         instead of stderr; each arg= is one word of SYS_GET_CMDLINE
                Execution:
                  -accel tcg[,thread=single|multi]
                                         single = all vCPUs on one thread; multi = a thread per vCPU
                                         (default: multi when -smp > 1)
                  -icount N | shift=N    deterministic mode: virtual time = instructions << N ns,
                                         vCPUs round-robin on one thread, same output every run
                  --timeout DURATION     stop after e.g. 30s, dump every vCPU and exit 124
                Diagnostics:
                  -d ITEM[,ITEM...]      log items: in_asm, op, exec, cpu, int, guest_errors, unimp,
                         stats
                                         (-d help lists them)
                  -D FILE                write the -d log to FILE instead of stderr
                  --stats                print run statistics at exit
                  --stats-json FILE      write run statistics as JSON
                  --stats-interval DURATION
                                         print a progress line (figures over the last
                                         interval) every DURATION, e.g. 5s
                Configuration:
                  --config FILE          HOCON file with keys under mttcg { } (see reference.conf);
                                         layers: reference.conf < application.conf (classpath, then
                                         ./application.conf) < --config < --profile < options
                  --profile NAME         launch the machine profile mttcg.profiles.NAME { } of the
                                         config files (the same keys as under mttcg { })
                  --help                 print this text
                  --version              print the version
                Options may be spelt with one or two dashes.
                """;
    }

    static String versionText() {
        String version = "unknown";
        try (InputStream in = LaunchOptions.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                version = p.getProperty("version", version);
            }
        } catch (IOException e) {
            // keep "unknown": the version text is informational
        }
        return "mttcg-j version " + version + " (qemu-system-arm compatible launcher; machines: "
                + String.join(", ", MACHINES) + ")";
    }

    static String debugHelp() {
        return """
                Log items (comma separated):
                in_asm          guest instructions of each translated block (interpreted or compiled)
                op              the pre-decoded ops of each interpreted (tier-0) block
                exec            trace of each executed translated block
                cpu             guest registers before each translated block
                int             interrupts and exceptions
                guest_errors    guest accesses to invalid registers or addresses
                unimp           unimplemented functionality used by the guest
                stats           translation and cache statistics while running
                """;
    }

    static String machineHelp() {
        return """
                Supported machines are:
                vexpress-a15         ARM Versatile Express for Cortex-A15
                """;
    }
}
