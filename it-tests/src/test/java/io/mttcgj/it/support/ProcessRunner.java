package io.mttcgj.it.support;

import io.mttcgj.testsupport.Tools;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a guest on {@code qemu-system-arm} or on our emulator (a child JVM with this test's class
 * path, main class {@code io.mttcgj.board.Main}) and captures everything it prints. Every run has a
 * timeout; a run that hits it is killed and reported, never waited on forever.
 *
 * <p>QEMU always runs with its audio backend off ({@link #QEMU_AUDIO_OFF}): without it QEMU probes the
 * host's sound systems at every start and reports each one missing on stderr (Debian's QEMU without
 * qemu-system-gui: "qemu: module audio-audio-pa not found ...", then ALSA's errors), and those lines are
 * QEMU's environment, not the guest's output.
 */
public final class ProcessRunner {
    public static final String QEMU = "qemu-system-arm";
    /** The Debian package that installs {@link #QEMU}. */
    public static final String QEMU_PACKAGE = "qemu-system-arm";
    public static final String MAIN_CLASS = "io.mttcgj.board.Main";
    /**
     * QEMU's options for "no sound": a silent audio backend for vexpress-a15's PL041, so QEMU loads and
     * probes no host audio driver (QEMU_AUDIO_DRV=none is not enough on 7.2: the module probe still runs).
     */
    public static final List<String> QEMU_AUDIO_OFF = List.of("-audiodev", "none,id=snd0", "-global",
            "pl041.audiodev=snd0");

    public record Result(byte[] stdout, byte[] stderr, int exitStatus, boolean timedOut) {
        public String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        public String err() {
            return new String(stderr, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "exit=" + exitStatus + (timedOut ? " (TIMED OUT)" : "") + "\n--- stdout ---\n" + out()
                    + "\n--- stderr ---\n" + err();
        }
    }

    private ProcessRunner() {
    }

    /** Whether QEMU starts here, found out once per test JVM; null until then. */
    private static volatile Boolean qemuStarts;

    /** True when qemu-system-arm can be started here (CI installs it; a developer may not have it). */
    public static boolean qemuAvailable() {
        Boolean known = qemuStarts;
        if (known == null) {
            qemuStarts = known = probeQemu();
        }
        return known;
    }

    private static boolean probeQemu() {
        try {
            Process p = new ProcessBuilder(QEMU, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /**
     * Requires qemu-system-arm: a test that compares with QEMU fails without it when {@code CI=true} and is
     * skipped elsewhere, the message naming the Debian package either way.
     */
    public static void requireQemu() {
        Tools.require(qemuAvailable(), QEMU + " is not installed (or does not start)", QEMU_PACKAGE);
    }

    /** The command line that runs QEMU with {@code args}: {@link #QEMU}, {@link #QEMU_AUDIO_OFF}, then the args. */
    public static List<String> qemuCommand(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(QEMU);
        cmd.addAll(QEMU_AUDIO_OFF);
        cmd.addAll(args);
        return cmd;
    }

    /** {@code qemu-system-arm ARGS} (audio off) with stdin from {@code stdin} (null: empty input). */
    public static Result runQemu(List<String> args, byte[] stdin, Duration timeout) {
        return run(qemuCommand(args), stdin, timeout);
    }

    /**
     * QEMU's stderr without QEMU's own complaints about the host's sound (module probes, ALSA, audio
     * voices), which {@link #QEMU_AUDIO_OFF} already prevents; this keeps a QEMU that prints them anyway
     * from being taken for a guest that wrote to stderr. Whatever else QEMU printed stays.
     */
    public static String withoutQemuDiagnostics(String stderr) {
        return stderr.lines()
                .filter(l -> !isQemuAudioDiagnostic(l))
                .map(l -> l + "\n")
                .collect(Collectors.joining());
    }

    static boolean isQemuAudioDiagnostic(String line) {
        return line.startsWith("qemu: module audio-") || line.startsWith("ALSA lib ") || line.startsWith("alsa: ")
                || line.startsWith("audio: ");
    }

    /** Our emulator with the same arguments, in a child JVM. */
    public static Result runOurs(List<String> args, byte[] stdin, Duration timeout) {
        return run(oursCommand(args), stdin, timeout);
    }

    /**
     * The execution tiers the differential tests run our emulator in, each against the same QEMU output:
     * {@code -Ddiff.tiers=compile,interpret,mixed} (the default: tier 1 forced, tier 0 forced, the default mix).
     */
    public static final List<String> TIERS = List.of(System.getProperty("diff.tiers", "compile,interpret,mixed")
            .split(","));

    /**
     * As {@link #runOurs(List, byte[], Duration)} with {@code mttcg.translation.tiers = tiers}, set through a
     * --config file (system properties are not a configuration layer).
     */
    public static Result runOurs(List<String> args, byte[] stdin, Duration timeout, String tiers) {
        Path conf = tiersConfig(tiers);
        List<String> withConf = new ArrayList<>();
        withConf.add("--config");
        withConf.add(conf.toString());
        withConf.addAll(args);
        return run(oursCommand(withConf), stdin, timeout);
    }

    private static final java.util.Map<String, Path> TIER_CONFIGS = new java.util.concurrent.ConcurrentHashMap<>();

    /** A config file selecting {@code tiers}, written once per JVM. */
    private static Path tiersConfig(String tiers) {
        return TIER_CONFIGS.computeIfAbsent(tiers, t -> {
            try {
                Path f = Files.createTempFile("mttcg-tiers-" + t, ".conf");
                f.toFile().deleteOnExit();
                Files.writeString(f, "mttcg.translation.tiers = " + t + "\n");
                return f;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * The command line of our emulator in a child JVM: this JVM's java, this test's class path,
     * {@link #MAIN_CLASS}; on JDK 23 and later with sun.misc.Unsafe's memory access allowed, as bin/mttcg
     * runs it, since JDK 24 and later otherwise warn on stderr when Pekko uses it.
     */
    public static List<String> oursCommand(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 23) {
            cmd.add("--sun-misc-unsafe-memory-access=allow");
        }
        cmd.add("-XX:+UseParallelGC");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MAIN_CLASS);
        cmd.addAll(args);
        return cmd;
    }

    public static Result run(List<String> cmd, byte[] stdin, Duration timeout) {
        try {
            Path in = Files.createTempFile("mttcg-stdin", ".bin");
            Files.write(in, stdin == null ? new byte[0] : stdin);
            // Guests and their data files are named relative to the repository root, as a user would.
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(in.toFile()).directory(repoRoot().toFile());
            Process p = pb.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread to = pump(p.getInputStream(), out);
            Thread te = pump(p.getErrorStream(), err);
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            to.join(10_000);
            te.join(10_000);
            Files.deleteIfExists(in);
            return new Result(out.toByteArray(), err.toByteArray(), done ? p.exitValue() : -1, !done);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", cmd), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + cmd.get(0), e);
        }
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream sink) {
        Thread t = new Thread(() -> {
            try {
                in.transferTo(sink);
            } catch (IOException ignored) {
                // the process was killed: what was read so far is kept
            }
        }, "pump");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The repository root (the directory holding {@code guests/}), found from the working directory. */
    public static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("guests"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root (a directory with guests/) above "
                    + new File("").getAbsolutePath());
        }
        return p;
    }
}
