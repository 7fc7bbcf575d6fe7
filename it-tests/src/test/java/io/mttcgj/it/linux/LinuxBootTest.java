package io.mttcgj.it.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.it.support.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Boots Debian's armhf kernel with the kit's initramfs (linux/kit.sh) as the command line does,
 * on qemu-system-arm (which validates the kit itself) and on our emulator: /init must be reached, every
 * CPU online, both mixbench instances must print the host's checksum, and {@code poweroff -f} must end the
 * process with status 0. The shell tests type commands on the console and check their output.
 *
 * <p>Our emulator's runs (about 30-60 s each) can be skipped with {@code -Dlinux.ours=false}
 * ({@code -Dlinux.timeout=SECONDS} per boot, default 300). The QEMU runs take about 20 s in all and run by
 * default when qemu-system-arm is installed. A failed run's console is kept in target/linux-logs/.
 */
class LinuxBootTest {
    private static final Duration QEMU_TIMEOUT = Duration.ofSeconds(120);
    private static final Path LOGS = Path.of("target", "linux-logs");
    /** busybox ash's prompt for root in / */
    private static final String PROMPT = "/ # ";

    enum Emulator { QEMU, OURS }

    /** One boot: {@code thread} is null for the emulator's default thread mode. */
    record BootCase(Emulator emulator, int cpus, String thread) {
        String name() {
            return emulator.name().toLowerCase() + "-smp" + cpus + (thread == null ? "" : "-" + thread);
        }

        Duration timeout() {
            return emulator == Emulator.QEMU ? QEMU_TIMEOUT : Duration.ofSeconds(Long.getLong("linux.timeout", 300));
        }

        ConsoleSession start(LinuxKit kit, String append) {
            List<String> args = new ArrayList<>(kit.bootArgs(cpus, append));
            if (thread != null) {
                args.addAll(List.of("-accel", "tcg,thread=" + thread));
            }
            if (emulator == Emulator.QEMU) {
                return ConsoleSession.qemu(args);
            }
            // our own deadline first: on expiry it dumps every vCPU's state into the log
            args.addAll(List.of("--timeout", timeout().toSeconds() - 10 + "s"));
            return ConsoleSession.ours(args);
        }

        @Override
        public String toString() {
            return name();
        }
    }

    static Stream<BootCase> qemuCases() {
        return Stream.of(new BootCase(Emulator.QEMU, 1, null), new BootCase(Emulator.QEMU, 2, null));
    }

    static Stream<BootCase> ourCases() {
        return Stream.of(new BootCase(Emulator.OURS, 1, null), new BootCase(Emulator.OURS, 2, "single"),
                new BootCase(Emulator.OURS, 2, "multi"));
    }

    @ParameterizedTest
    @MethodSource("qemuCases")
    void qemuBootsAndRunsTwoMixbenches(BootCase c) throws Exception {
        ProcessRunner.requireQemu();
        bootAndRun(c);
    }

    @ParameterizedTest
    @MethodSource("ourCases")
    @DisabledIfSystemProperty(named = "linux.ours", matches = "false")
    void oursBootsAndRunsTwoMixbenches(BootCase c) throws Exception {
        bootAndRun(c);
    }

    @Test
    void qemuShellOnTheConsole() throws Exception {
        ProcessRunner.requireQemu();
        shell(new BootCase(Emulator.QEMU, 2, null));
    }

    @Test
    @DisabledIfSystemProperty(named = "linux.ours", matches = "false")
    void oursShellOnTheConsole() throws Exception {
        shell(new BootCase(Emulator.OURS, 2, null));
    }

    private static void bootAndRun(BootCase c) throws Exception {
        LinuxKit kit = LinuxKit.get();
        String expected = kit.expectedMixbench(kit.iterations());
        try (ConsoleSession s = c.start(kit, "")) {
            keepLogOnFailure(s, c.name(), () -> {
                double init = s.waitFor("MTTCGJ-INIT", c.timeout());
                assertTrue(init > 0, "the kernel did not reach /init");
                int status = s.awaitExit(c.timeout());
                String out = s.output();
                assertTrue(out.contains(c.cpus() == 1 ? "MTTCGJ-CPUS online=0 count=1" : "MTTCGJ-CPUS online=0-"
                        + (c.cpus() - 1) + " count=" + c.cpus()), "every CPU online");
                assertEquals(List.of("MTTCGJ-RESULT a " + expected, "MTTCGJ-RESULT b " + expected),
                        lines(out).stream().filter(l -> l.startsWith("MTTCGJ-RESULT")).map(LinuxBootTest::withoutKernelMessage)
                                .toList(),
                        "both instances print the host's checksum");
                assertTrue(lines(out).stream().map(LinuxBootTest::withoutKernelMessage).anyMatch("MTTCGJ-CHECK ok"::equals),
                        "/init's own check");
                assertTrue(out.contains("reboot: Power down"), "powered off");
                assertEquals(0, status, "exit status after poweroff -f (-1: timed out)");
            });
        }
    }

    /**
     * A kernel message printed while /init writes a line lands in the middle of it (e.g. "deferred probe
     * pending" at 30 s of uptime, which a slow boot reaches): cut it off.
     */
    static String withoutKernelMessage(String line) {
        return line.replaceAll("\\[\\s*\\d+\\.\\d+\\].*$", "");
    }

    private static void shell(BootCase c) throws Exception {
        LinuxKit kit = LinuxKit.get();
        String expected = kit.expectedMixbench(1000);
        try (ConsoleSession s = c.start(kit, "mode=shell")) {
            keepLogOnFailure(s, c.name() + "-shell", () -> {
                assertTrue(s.waitFor("MTTCGJ-SHELL ready", c.timeout()) > 0, "/init did not start the shell");
                assertTrue(s.waitFor(PROMPT, Duration.ofSeconds(60)) > 0, "no shell prompt");
                // One command at a time, each after the previous one's answer, as a person types.
                type(s, "echo sum=$((6*7))\n", "sum=42\r\n");
                type(s, "cat /sys/devices/system/cpu/online\n", "\r\n0-" + (c.cpus() - 1) + "\r\n");
                type(s, "mixbench 1000\n", expected + "\r\n");
                s.send("exit\n");
                assertTrue(s.waitFor("MTTCGJ-SHELL-EXIT", Duration.ofSeconds(60)) > 0, "the shell did not exit");
                assertEquals(0, s.awaitExit(Duration.ofSeconds(60)), "exit status after poweroff -f");
            });
        }
    }

    private static void type(ConsoleSession s, String command, String answer) throws Exception {
        int prompts = s.count(PROMPT);
        s.send(command);
        assertTrue(s.waitFor(answer, Duration.ofSeconds(120)) > 0,
                "no '" + answer.strip() + "' after typing '" + command.strip() + "'");
        assertTrue(s.waitFor(PROMPT, prompts + 1, Duration.ofSeconds(60)) > 0,
                "no prompt after '" + command.strip() + "'");
    }

    static List<String> lines(String out) {
        return Arrays.stream(out.split("\r?\n")).map(String::strip).toList();
    }

    interface Check {
        void run() throws Exception;
    }

    /** Runs the checks; on failure saves the console to target/linux-logs/NAME.log and names it. */
    static void keepLogOnFailure(ConsoleSession s, String name, Check check) throws Exception {
        try {
            check.run();
        } catch (AssertionError | Exception e) {
            Path log = LOGS.resolve(name + ".log");
            s.saveLog(log);
            throw new AssertionError(name + ": " + e.getMessage() + " (console log: " + log.toAbsolutePath() + ")", e);
        }
    }
}
