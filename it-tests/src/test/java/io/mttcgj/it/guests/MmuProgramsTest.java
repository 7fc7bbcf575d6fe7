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
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The MMU test suite (guests/src/mmu-*, see guests/README.md, "MMU programs"): short-descriptor
 * translation, permissions and faults, TLB maintenance and ASIDs, broadcast TLB maintenance on two
 * vCPUs. Each program prints one line per check and "PASS n/n" (exit 0) or "FAIL" (exit 1); its
 * expected values come from the ARM ARM and it passes on QEMU. Our emulator must print exactly what
 * QEMU prints and exit the same way: the reference is a live {@code qemu-system-arm} run when one
 * is installed, else guests/expected/mmu/CASE.smpN.* (recorded by guests/expected/mmu/record.sh).
 * mmu-basic, mmu-perm and mmu-tlb run on 1 vCPU; mmu-smp on 2 vCPUs, one thread per vCPU and both
 * vCPUs on one thread.
 */
class MmuProgramsTest {
    /** Our own --timeout: on expiry the emulator dumps every vCPU and exits 124. */
    private static final Duration OUR_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration KILL_GRACE = Duration.ofSeconds(30);
    private static final Duration QEMU_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> ONE_CPU = List.of("mmu-basic", "mmu-perm", "mmu-tlb");
    private static final List<String> TWO_CPUS = List.of("mmu-smp");

    /** One run: guests/bin/NAME.elf on -smp CPUS; mode is our thread mode (null: our default). */
    record MmuCase(String name, int cpus, String mode) {
        /** QEMU's command line, as guests/expected/mmu/record.sh runs it (QEMU's default thread mode). */
        List<String> qemuArgs() {
            return List.of("-M", "vexpress-a15", "-smp", Integer.toString(cpus), "-m", "256M", "-nographic",
                    "-semihosting-config", "enable=on,target=native",
                    "-kernel", "guests/bin/" + name + ".elf", "-append", read(dir().resolve(name + ".args")).strip());
        }

        List<String> ourArgs() {
            List<String> args = new ArrayList<>(qemuArgs());
            if (mode != null) {
                args.addAll(List.of("-accel", "tcg,thread=" + mode));
            }
            args.addAll(List.of("--timeout", OUR_TIMEOUT.toSeconds() + "s"));
            return args;
        }

        Path expected(String suffix) {
            return dir().resolve(name + ".smp" + cpus + suffix);
        }

        @Override
        public String toString() {
            return name + " -smp " + cpus + (mode == null ? "" : " thread=" + mode);
        }
    }

    /** What the guest must print and its exit status, and where that came from. */
    record Expectation(String source, String stdout, int status) {
    }

    static Stream<MmuCase> cases() {
        List<MmuCase> all = new ArrayList<>();
        ONE_CPU.forEach(p -> all.add(new MmuCase(p, 1, null)));
        TWO_CPUS.forEach(p -> {
            all.add(new MmuCase(p, 2, "multi"));
            all.add(new MmuCase(p, 2, "single"));
        });
        return all.stream();
    }

    static Stream<MmuCase> recordings() {
        return Stream.concat(ONE_CPU.stream().map(p -> new MmuCase(p, 1, null)),
                TWO_CPUS.stream().map(p -> new MmuCase(p, 2, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void behavesLikeQemu(MmuCase c) {
        assertTrue(emulatorPresent(), ProcessRunner.MAIN_CLASS + " is not on the test class path");
        Expectation expected = ProcessRunner.qemuAvailable() ? liveQemu(c) : committed(c);

        List<String> args = c.ourArgs();
        ProcessRunner.Result ours = ProcessRunner.runOurs(args, null, OUR_TIMEOUT.plus(KILL_GRACE));

        String both = "\ncase: " + c + "\ncommand: bin/mttcg " + String.join(" ", args)
                + "\n===== expected, from " + expected.source() + ": exit=" + expected.status()
                + "\n" + expected.stdout() + "===== ours: " + ours + "\n";
        assertFalse(ours.timedOut(), "did not end even after its --timeout: killed" + both);
        assertTrue(ours.exitStatus() != 124, "our --timeout expired (exit 124)" + both);
        assertEquals(expected.stdout(), ours.out(), "stdout differs (first differing check line is the bug)" + both);
        assertEquals(expected.status(), ours.exitStatus(), "exit status differs" + both);
    }

    /** The programs must pass on QEMU, and the committed files must still be what QEMU prints. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void passesOnQemuAsRecorded(MmuCase c) {
        ProcessRunner.requireQemu();
        Expectation live = liveQemu(c);
        Expectation files = committed(c);
        assertEquals(0, live.status(), "the program fails on QEMU: its checks are wrong\n" + live.stdout());
        assertTrue(live.stdout().lines().anyMatch(l -> l.startsWith("PASS ")), "no PASS line on QEMU\n" + live.stdout());
        String msg = "\nguests/expected/mmu/" + c.name() + ".smp" + c.cpus() + ".* are stale: rerun "
                + "guests/expected/mmu/record.sh\n--- committed ---\n" + files.stdout() + "--- QEMU ---\n" + live.stdout();
        assertEquals(files.stdout(), live.stdout(), "stdout" + msg);
        assertEquals(files.status(), live.status(), "exit status" + msg);
    }

    private static Expectation liveQemu(MmuCase c) {
        ProcessRunner.Result r = ProcessRunner.runQemu(c.qemuArgs(), null, QEMU_TIMEOUT);
        if (r.timedOut()) {
            throw new IllegalStateException("QEMU timed out on " + c + "\n" + r);
        }
        return new Expectation("QEMU (live run)", r.out(), r.exitStatus());
    }

    private static Expectation committed(MmuCase c) {
        return new Expectation("QEMU (guests/expected/mmu/" + c.name() + ".smp" + c.cpus() + ".*)",
                read(c.expected(".stdout")), Integer.parseInt(read(c.expected(".status")).strip()));
    }

    private static Path dir() {
        return ProcessRunner.repoRoot().resolve("guests/expected/mmu");
    }

    private static boolean emulatorPresent() {
        try {
            Class.forName(ProcessRunner.MAIN_CLASS, false, MmuProgramsTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }
}
