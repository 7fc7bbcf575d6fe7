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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guests linked against newlib (guests/src/newlib-*: Thumb-2 C library, rdimon semihosting with
 * Thumb {@code SVC 0xAB}, A32/Thumb interworking) and intbench-thumb (intbench compiled -mthumb), see
 * guests/README.md "newlib programs". Each runs on our emulator with 1 and 2 vCPUs and must print on
 * stdout, print on stderr (where QEMU's is recorded) and exit with what QEMU does: a live
 * {@code qemu-system-arm} run when one is installed, else guests/expected/newlib/CASE.smpN.*, which
 * guests/expected/newlib/record.sh produced by running QEMU. One case per
 * guests/expected/newlib/CASE.args (the -append text); the program is guests/bin/CASE.elf.
 */
class NewlibProgramsTest {
    /** Our own --timeout: on expiry the emulator reports every vCPU and exits 124. */
    private static final String OUR_TIMEOUT = "60s";
    /** The child process is killed after this if even our --timeout did not end it. */
    private static final Duration KILL_AFTER = Duration.ofSeconds(75);
    private static final Duration QEMU_TIMEOUT = Duration.ofSeconds(30);
    private static final int[] CPU_COUNTS = {1, 2};

    /** One run: guests/bin/NAME.elf with -append from NAME.args on -smp CPUS. */
    record NewlibCase(String name, int cpus) {
        String append() {
            return read(dir().resolve(name + ".args")).strip();
        }

        Path expected(String suffix) {
            return dir().resolve(name + ".smp" + cpus + suffix);
        }

        /** QEMU's command line, as guests/expected/newlib/record.sh uses it (from the repository root). */
        List<String> qemuArgs() {
            return List.of("-M", "vexpress-a15", "-smp", Integer.toString(cpus), "-m", "256M", "-nographic",
                    "-semihosting-config", "enable=on,target=native",
                    "-kernel", "guests/bin/" + name + ".elf", "-append", append());
        }

        List<String> ourArgs() {
            List<String> args = new ArrayList<>(qemuArgs());
            args.addAll(List.of("--timeout", OUR_TIMEOUT));
            return args;
        }

        @Override
        public String toString() {
            String a = append();
            return name + " -smp " + cpus + (a.isEmpty() ? "" : " [" + a + "]");
        }
    }

    /** What the guest must do; stderr is "" when QEMU printed nothing there. */
    record Expectation(String source, String stdout, String stderr, int status) {
    }

    static Stream<NewlibCase> cases() throws IOException {
        try (Stream<Path> files = Files.list(dir())) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".args"))
                    .map(f -> f.substring(0, f.length() - ".args".length()))
                    .sorted()
                    .collect(Collectors.toList());
            List<NewlibCase> all = new ArrayList<>();
            for (String name : names) {
                for (int cpus : CPU_COUNTS) {
                    all.add(new NewlibCase(name, cpus));
                }
            }
            return all.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void behavesLikeQemu(NewlibCase c) {
        assertTrue(emulatorPresent(), ProcessRunner.MAIN_CLASS + " is not on the test class path");
        Expectation expected = ProcessRunner.qemuAvailable() ? liveQemu(c) : committed(c);

        long start = System.nanoTime();
        ProcessRunner.Result ours = ProcessRunner.runOurs(c.ourArgs(), null, KILL_AFTER);
        System.out.printf("%-50s %6.2f s wall, exit %d%n", c, (System.nanoTime() - start) / 1e9, ours.exitStatus());

        String both = describe(c, expected, ours);
        assertFalse(ours.timedOut(), "our emulator was killed after " + KILL_AFTER + both);
        assertFalse(ours.exitStatus() == 124 && expected.status() != 124,
                "our --timeout " + OUR_TIMEOUT + " expired (exit 124)" + both);
        assertEquals(expected.stdout(), ours.out(), "stdout differs" + both);
        assertEquals(expected.status(), ours.exitStatus(), "exit status differs" + both);
        if (Files.exists(c.expected(".stderr"))) {
            assertEquals(expected.stderr(), ours.err(), "stderr differs" + both);
        }
    }

    /** The committed files must still be what QEMU does with the committed ELFs. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void committedExpectationsMatchQemu(NewlibCase c) {
        ProcessRunner.requireQemu();
        Expectation live = liveQemu(c);
        Expectation files = committed(c);
        String msg = "\nguests/expected/newlib/" + c.name() + ".smp" + c.cpus() + ".* are stale: rerun "
                + "guests/expected/newlib/record.sh\n--- committed stdout ---\n" + files.stdout()
                + "\n--- QEMU stdout ---\n" + live.stdout();
        assertEquals(files.stdout(), live.stdout(), "stdout" + msg);
        assertEquals(files.status(), live.status(), "exit status" + msg);
        assertEquals(files.stderr(), live.stderr(), "stderr" + msg);
    }

    /**
     * intbench-thumb is intbench's sources compiled -mthumb: for the same -append text QEMU must have
     * printed exactly what it printed for the A32 build (both recordings come from QEMU).
     */
    @Test
    void thumbIntbenchRecordingEqualsA32Recording() {
        Path a32 = ProcessRunner.repoRoot().resolve("guests/expected");
        assertEquals(read(a32.resolve("intbench.args")).strip(), new NewlibCase("intbench-thumb", 1).append(),
                "intbench-thumb must run with intbench's arguments for the outputs to be comparable");
        for (int cpus : CPU_COUNTS) {
            NewlibCase thumb = new NewlibCase("intbench-thumb", cpus);
            assertEquals(read(a32.resolve("intbench.stdout")), read(thumb.expected(".stdout")),
                    "intbench-thumb -smp " + cpus + " printed something else than intbench");
            assertEquals(read(a32.resolve("intbench.status")).strip(), read(thumb.expected(".status")).strip(),
                    "intbench-thumb -smp " + cpus + " exit status");
        }
    }

    private static Expectation liveQemu(NewlibCase c) {
        ProcessRunner.Result r = ProcessRunner.runQemu(c.qemuArgs(), null, QEMU_TIMEOUT);
        if (r.timedOut()) {
            throw new IllegalStateException("QEMU timed out on " + c + "\n" + r);
        }
        return new Expectation("QEMU (live run)", r.out(), ProcessRunner.withoutQemuDiagnostics(r.err()),
                r.exitStatus());
    }

    private static Expectation committed(NewlibCase c) {
        Path stderr = c.expected(".stderr");
        return new Expectation("QEMU (guests/expected/newlib/" + c.name() + ".smp" + c.cpus() + ".*)",
                read(c.expected(".stdout")),
                Files.exists(stderr) ? read(stderr) : "",
                Integer.parseInt(read(c.expected(".status")).strip()));
    }

    private static boolean emulatorPresent() {
        try {
            Class.forName(ProcessRunner.MAIN_CLASS, false, NewlibProgramsTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static String describe(NewlibCase c, Expectation expected, ProcessRunner.Result ours) {
        return "\ncase: " + c + "\ncommand: bin/mttcg " + String.join(" ", c.ourArgs())
                + "\n===== expected, from " + expected.source() + ": exit=" + expected.status()
                + "\n--- stdout ---\n" + expected.stdout()
                + (expected.stderr().isEmpty() ? "" : "\n--- stderr ---\n" + expected.stderr())
                + "\n===== ours: " + ours + "\n";
    }

    private static Path dir() {
        return ProcessRunner.repoRoot().resolve("guests/expected/newlib");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }
}
