package io.mttcgj.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.mttcgj.it.support.ProcessRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * --stats-interval: a progress line per interval with each vCPU's figures of that interval. The guest
 * computes far longer than the test needs; the test reads stderr as it comes and ends the run once it
 * has seen what it wants (or after a generous deadline), so a fast host and a slow one get the same
 * verdict.
 */
class ProgressLinesTest {
    private static final Pattern LINE = Pattern.compile(
            "mttcg progress [0-9.]+ s: cpu0 (\\d+) MIPS \\(halted \\d+%, \\d+ irq/s\\), cpu1 (\\d+) MIPS .*total (\\d+) MIPS; "
            + "TBs translated [0-9,]+, safe-work rounds [0-9,]+, TLB flushes [0-9,]+");
    private static final long DEADLINE_SECONDS = 120;

    @Test
    void aTwoVcpuRunPrintsProgressLinesWhileItComputes() throws Exception {
        // n=100000000: an hour or more of guest work, ended by the test (or by --timeout if the test dies).
        List<String> cmd = ProcessRunner.oursCommand(List.of("-M", "vexpress-a15", "-smp", "2", "-m", "256M",
                "-nographic", "-semihosting-config", "enable=on,target=native", "-kernel", "guests/bin/smp-compute.elf",
                "-append", "n=100000000", "--stats-interval", "200ms", "--timeout", DEADLINE_SECONDS + 60 + "s"));
        Process p = new ProcessBuilder(cmd).directory(ProcessRunner.repoRoot().toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        List<String> err = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    synchronized (err) {
                        err.add(l);
                        err.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the process was killed
            }
        }, "progress-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
            synchronized (err) {
                while (true) {
                    Verdict v = check(err);
                    if (v.malformed != null) {
                        fail("malformed progress line: " + v.malformed + "\n" + String.join("\n", err));
                    }
                    if (v.lines >= 2 && v.bothRan) {
                        return;
                    }
                    if (!p.isAlive() && !reader.isAlive()) {
                        fail("the run ended (exit " + p.exitValue() + ") before two progress lines with both vCPUs"
                                + " retiring instructions:\n" + String.join("\n", err));
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        fail("after " + DEADLINE_SECONDS + " s: " + v.lines + " progress line(s)"
                                + (v.bothRan ? "" : ", none with both vCPUs retiring instructions") + ":\n"
                                + String.join("\n", err));
                    }
                    err.wait(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 200));
                }
            }
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            assertEquals(true, p.waitFor(30, TimeUnit.SECONDS), "the emulator did not end after being killed");
        }
    }

    private record Verdict(int lines, boolean bothRan, String malformed) {
    }

    private static Verdict check(List<String> err) {
        int lines = 0;
        boolean bothRan = false;
        for (String l : err) {
            if (!l.startsWith("mttcg progress")) {
                continue;
            }
            Matcher m = LINE.matcher(l);
            if (!m.find()) {
                return new Verdict(lines, bothRan, l);
            }
            lines++;
            long cpu0 = Long.parseLong(m.group(1));
            long cpu1 = Long.parseLong(m.group(2));
            bothRan |= cpu0 > 0 && cpu1 > 0 && Long.parseLong(m.group(3)) >= cpu0 + cpu1 - 1;
        }
        return new Verdict(lines, bothRan, null);
    }
}
