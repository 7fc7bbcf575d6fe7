package io.mttcgj.it.guests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.it.support.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the project's own guest programs (guests/bin/*.elf, see guests/README.md) on our emulator and
 * checks that stdout, exit status and, where QEMU's is deterministic, stderr are QEMU's. The reference
 * is a live {@code qemu-system-arm} run when one is installed, else the files QEMU produced earlier
 * (guests/expected/NAME.stdout, .status, .stderr). One case per guests/expected/NAME.args file.
 */
class GuestProgramsTest {
    private static final Duration OUR_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration QEMU_TIMEOUT = Duration.ofSeconds(30);

    /** One guest run: the program, its -append text and its standard input (empty when none). */
    record GuestCase(String name, String append, byte[] stdin) {
        Path expected(String suffix) {
            return ProcessRunner.repoRoot().resolve("guests/expected/" + name + suffix);
        }

        /**
         * QEMU's command line, as guests/record-expected.sh uses it. Both emulators run in the
         * repository root (ProcessRunner), so the kernel path is relative to it, as a user would type it,
         * and host files the semihosting guest opens lie inside our default confinement root (".").
         */
        List<String> args() {
            String kernelArg = "guests/bin/" + name + ".elf";
            return List.of("-M", "vexpress-a15", "-m", "256M", "-nographic",
                    "-semihosting-config", "enable=on,target=native",
                    "-kernel", kernelArg, "-append", append);
        }

        @Override
        public String toString() {
            return name + (append.isEmpty() ? "" : " [" + append + "]");
        }
    }

    /** What the guest must do; stderr is "" when QEMU printed nothing there. */
    record Expectation(String source, String stdout, String stderr, int status) {
    }

    static Stream<GuestCase> cases() throws IOException {
        Path dir = ProcessRunner.repoRoot().resolve("guests/expected");
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".args"))
                    .map(f -> f.substring(0, f.length() - ".args".length()))
                    .sorted()
                    .collect(Collectors.toList());
            return names.stream().map(GuestProgramsTest::load);
        }
    }

    private static GuestCase load(String name) {
        Path dir = ProcessRunner.repoRoot().resolve("guests/expected");
        String append = read(dir.resolve(name + ".args")).strip();
        Path stdin = dir.resolve(name + ".stdin");
        try {
            byte[] in = Files.exists(stdin) ? Files.readAllBytes(stdin) : new byte[0];
            return new GuestCase(name, append, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stdin, e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void behavesLikeQemu(GuestCase guest) {
        assertTrue(emulatorPresent(), ProcessRunner.MAIN_CLASS + " is not on the test class path");
        Expectation expected = ProcessRunner.qemuAvailable() ? liveQemu(guest) : committed(guest);

        ProcessRunner.Result ours = ProcessRunner.runOurs(guest.args(), guest.stdin(), OUR_TIMEOUT);

        String both = describe(guest, expected, ours);
        assertFalse(ours.timedOut(), "our emulator timed out after " + OUR_TIMEOUT + both);
        assertEquals(expected.stdout(), ours.out(), "stdout differs" + both);
        assertEquals(expected.status(), ours.exitStatus(), "exit status differs" + both);
        if (Files.exists(guest.expected(".stderr"))) {
            // only where QEMU's stderr is deterministic and recorded (semihosting console output)
            assertEquals(expected.stderr(), ours.err(), "stderr differs" + both);
        }
    }

    /** The committed files must still be what QEMU does with the committed ELFs. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void committedExpectationsMatchQemu(GuestCase guest) {
        ProcessRunner.requireQemu();
        Expectation live = liveQemu(guest);
        Expectation files = committed(guest);
        String msg = "\nguests/expected/" + guest.name() + ".* are stale: rerun guests/record-expected.sh"
                + "\n--- committed stdout ---\n" + files.stdout() + "\n--- QEMU stdout ---\n" + live.stdout();
        assertEquals(files.stdout(), live.stdout(), "stdout" + msg);
        assertEquals(files.status(), live.status(), "exit status" + msg);
        assertEquals(files.stderr(), live.stderr(), "stderr" + msg);
    }

    private static Expectation liveQemu(GuestCase guest) {
        ProcessRunner.Result r = ProcessRunner.runQemu(guest.args(), guest.stdin(), QEMU_TIMEOUT);
        if (r.timedOut()) {
            throw new IllegalStateException("QEMU timed out on " + guest + "\n" + r);
        }
        return new Expectation("QEMU (live run)", r.out(), ProcessRunner.withoutQemuDiagnostics(r.err()), r.exitStatus());
    }

    private static Expectation committed(GuestCase guest) {
        Path stderr = guest.expected(".stderr");
        return new Expectation("QEMU (guests/expected/" + guest.name() + ".*)",
                read(guest.expected(".stdout")),
                Files.exists(stderr) ? read(stderr) : "",
                Integer.parseInt(read(guest.expected(".status")).strip()));
    }

    private static boolean emulatorPresent() {
        try {
            Class.forName(ProcessRunner.MAIN_CLASS, false, GuestProgramsTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static String describe(GuestCase guest, Expectation expected, ProcessRunner.Result ours) {
        return "\nguest: " + guest + "\nargs: " + String.join(" ", guest.args())
                + "\n===== expected, from " + expected.source() + ": exit=" + expected.status()
                + "\n--- stdout ---\n" + expected.stdout()
                + (expected.stderr().isEmpty() ? "" : "\n--- stderr ---\n" + expected.stderr())
                + "\n===== ours: " + ours + "\n";
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }
}
