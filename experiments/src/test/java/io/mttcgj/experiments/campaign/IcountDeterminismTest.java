package io.mttcgj.experiments.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.board.Machine;
import io.mttcgj.board.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** -icount: the same run on 2 vCPUs gives the same output and per-vCPU instruction counts every time. */
class IcountDeterminismTest {
    static Path repo() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !p.resolve("guests/bin").toFile().isDirectory()) {
            p = p.getParent();
        }
        return p;
    }

    private record Run(String out, int status, long[] insns) {
    }

    private static Run run(String kernel, String append, String... extra) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("-M", "vexpress-a15", "-smp", "2", "-m", "64M", "-nographic",
                "-semihosting", "-kernel", repo().resolve(kernel).toString(), "-append", append, "--timeout", "60s"));
        args.addAll(List.of(extra));
        AtomicReference<Machine> m = new AtomicReference<>();
        int status = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()), new ByteArrayInputStream(new byte[0]), m::set);
        long[] insns = m.get().vcpus().stream().mapToLong(v -> v.state.insns).toArray();
        return new Run(out.toString(StandardCharsets.UTF_8), status, insns);
    }

    @Test
    void sameOutputAndInstructionCountsFiveTimesOnTwoVcpus() {
        Run first = run("guests/bin/smp-compute.elf", "n=4", "-icount", "shift=1");
        assertEquals(0, first.status(), first.out());
        assertTrue(first.out().contains("PASS"), first.out());
        assertTrue(first.insns()[0] > 0 && first.insns()[1] > 0, Arrays.toString(first.insns()));
        for (int i = 1; i < 5; i++) {
            Run again = run("guests/bin/smp-compute.elf", "n=4", "-icount", "1");
            assertEquals(first.out(), again.out());
            assertEquals(first.status(), again.status());
            assertEquals(Arrays.toString(first.insns()), Arrays.toString(again.insns()), "run " + i);
        }
    }

    @Test
    void timerInterruptsArriveAtTheSameInstructionEveryRun() {
        // Generic timer and SP804 interrupts, WFI sleeps: virtual timers fired between turns.
        Run first = run("guests/bin/timer-irq.elf", "", "-icount", "shift=3");
        assertEquals(0, first.status(), first.out());
        for (int i = 1; i < 3; i++) {
            Run again = run("guests/bin/timer-irq.elf", "", "-icount", "shift=3");
            assertEquals(first.out(), again.out());
            assertEquals(Arrays.toString(first.insns()), Arrays.toString(again.insns()), "run " + i);
        }
    }
}
