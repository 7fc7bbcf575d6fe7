package io.mttcgj.it.linux;

import io.mttcgj.it.support.ProcessRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A guest run with a live console: stdout is read as it comes (so a test can wait for a line and then
 * type), stdin stays open for {@link #send}. Every wait has a deadline; {@link #close} kills what is left.
 * The whole console (stdout, then stderr) can be saved for a failed test.
 */
final class ConsoleSession implements AutoCloseable {
    private final List<String> command;
    private final Process process;
    private final OutputStream stdin;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final long startNanos = System.nanoTime();
    private final List<Thread> pumps = new ArrayList<>();

    private ConsoleSession(List<String> command) throws IOException {
        this.command = command;
        process = new ProcessBuilder(command).directory(ProcessRunner.repoRoot().toFile()).start();
        stdin = process.getOutputStream();
        pump(process.getInputStream(), out);
        pump(process.getErrorStream(), err);
    }

    /** QEMU with its audio backend off, as {@link ProcessRunner#runQemu} starts it. */
    static ConsoleSession qemu(List<String> args) {
        return start(ProcessRunner.qemuCommand(args));
    }

    /** Our emulator in a child JVM, as {@link ProcessRunner#runOurs} starts it. */
    static ConsoleSession ours(List<String> args) {
        return start(ProcessRunner.oursCommand(args));
    }

    private static ConsoleSession start(List<String> cmd) {
        try {
            return new ConsoleSession(cmd);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", cmd), e);
        }
    }

    private void pump(InputStream in, ByteArrayOutputStream sink) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    synchronized (this) {
                        sink.write(buf, 0, n);
                        notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the process was killed: what was read so far is kept
            }
        }, "console-pump");
        t.setDaemon(true);
        t.start();
        pumps.add(t);
    }

    /** Everything on stdout so far. */
    synchronized String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Waits until stdout contains {@code text} or the deadline passes or the process ends.
     *
     * @return seconds from the start of the process to when the text was seen, or -1
     */
    synchronized double waitFor(String text, Duration timeout) throws InterruptedException {
        return waitFor(text, 1, timeout);
    }

    /** Waits until stdout contains {@code text} {@code times} times; as {@link #waitFor(String, Duration)}. */
    synchronized double waitFor(String text, int times, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean exited = false;
        while (count(text) < times) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || exited) {
                return -1;
            }
            // once the process has ended, the pumps get one more wait to deliver its last output
            exited = !process.isAlive();
            wait(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 200));
        }
        return seconds();
    }

    /** How often {@code text} occurs in stdout so far. */
    synchronized int count(String text) {
        String o = output();
        int n = 0;
        for (int i = o.indexOf(text); i >= 0; i = o.indexOf(text, i + text.length())) {
            n++;
        }
        return n;
    }

    private double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Types {@code text} on the guest's console. */
    void send(String text) throws IOException {
        stdin.write(text.getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** The exit status, or -1 (the process is killed) if it did not end in time. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            return -1;
        }
        // The pipes close with the process: the pumps end once they have read its last output.
        for (Thread t : pumps) {
            t.join(10_000);
        }
        return process.exitValue();
    }

    /** Writes the command, the console and stderr to {@code file}. */
    void saveLog(Path file) {
        try {
            Files.createDirectories(file.getParent());
            String text;
            synchronized (this) {
                text = "$ " + String.join(" ", command) + "\n" + output() + "\n--- stderr ---\n"
                        + err.toString(StandardCharsets.UTF_8);
            }
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
