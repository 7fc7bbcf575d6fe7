package io.mttcgj.it.support;

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

/**
 * Runs a guest on {@code qemu-system-arm} or on our emulator (a child JVM with this test's class
 * path, main class {@code io.mttcgj.board.Main}) and captures everything it prints. Every run has a
 * timeout; a run that hits it is killed and reported, never waited on forever.
 */
public final class ProcessRunner {
    public static final String QEMU = "qemu-system-arm";
    public static final String MAIN_CLASS = "io.mttcgj.board.Main";

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

    /** True when qemu-system-arm can be started here (CI installs it; a developer may not have it). */
    public static boolean qemuAvailable() {
        try {
            Process p = new ProcessBuilder(QEMU, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** {@code qemu-system-arm ARGS} with stdin from {@code stdin} (null: empty input). */
    public static Result runQemu(List<String> args, byte[] stdin, Duration timeout) {
        List<String> cmd = new ArrayList<>();
        cmd.add(QEMU);
        cmd.addAll(args);
        return run(cmd, stdin, timeout);
    }

    /** Our emulator with the same arguments, in a child JVM. */
    public static Result runOurs(List<String> args, byte[] stdin, Duration timeout) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:+UseParallelGC");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MAIN_CLASS);
        cmd.addAll(args);
        return run(cmd, stdin, timeout);
    }

    public static Result run(List<String> cmd, byte[] stdin, Duration timeout) {
        try {
            Path in = Files.createTempFile("mttcg-stdin", ".bin");
            Files.write(in, stdin == null ? new byte[0] : stdin);
            // Guests and their data files are named relative to the repository root, as a user would.
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(in.toFile()).directory(repoRoot().toFile());
            // QEMU otherwise probes ALSA and prints a page of errors on a machine without sound.
            pb.environment().put("QEMU_AUDIO_DRV", "none");
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
