package io.mttcgj.it.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.it.support.ProcessRunner;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** --stats-interval: a progress line per interval with each vCPU's figures of that interval. */
class ProgressLinesTest {
    private static final Pattern LINE = Pattern.compile(
            "mttcg progress [0-9.]+ s: cpu0 (\\d+) MIPS \\(halted \\d+%, \\d+ irq/s\\), cpu1 (\\d+) MIPS .*total (\\d+) MIPS; "
            + "TBs translated [0-9,]+, safe-work rounds [0-9,]+, TLB flushes [0-9,]+");

    @Test
    void aTwoVcpuRunPrintsProgressLinesWhileItComputes() {
        ProcessRunner.Result r = ProcessRunner.runOurs(List.of("-M", "vexpress-a15", "-smp", "2", "-m", "256M",
                "-nographic", "-semihosting-config", "enable=on,target=native", "-kernel", "guests/bin/smp-compute.elf",
                "-append", "n=40000", "--stats-interval", "200ms"), null, Duration.ofSeconds(60));
        assertFalse(r.timedOut(), r.toString());
        assertEquals(0, r.exitStatus(), r.toString());
        assertTrue(r.out().contains("PASS"), r.toString());
        int lines = 0;
        boolean bothRan = false;
        for (String l : r.err().split("\n")) {
            if (!l.startsWith("mttcg progress")) {
                continue;
            }
            Matcher m = LINE.matcher(l);
            assertTrue(m.find(), "malformed progress line: " + l);
            lines++;
            long cpu0 = Long.parseLong(m.group(1));
            long cpu1 = Long.parseLong(m.group(2));
            bothRan |= cpu0 > 0 && cpu1 > 0 && Long.parseLong(m.group(3)) >= cpu0 + cpu1 - 1;
        }
        assertTrue(lines >= 2, "expected a progress line every 200 ms of a run of about a second:\n" + r);
        assertTrue(bothRan, "no interval shows both vCPUs retiring instructions:\n" + r);
    }
}
