package io.mttcgj.it.tiers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.it.support.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The execution tiers are interchangeable: a guest interpreted (tier 0 forced, never promoted),
 * promoted after its first run (every block compiled from its interpreted form) and compiled from the
 * start prints the same, exits the same and retires the same number of instructions (one vCPU: the
 * count is deterministic, except for a guest that waits for a wall-clock timer: faultcheck's 2 ms SP804
 * interrupt lands before or after its computation, so its count varies by a few WFI-loop instructions
 * from run to run in any tier). The reference outputs themselves are checked against QEMU by
 * GuestProgramsTest/MmuProgramsTest; here the tiers are checked against one another.
 */
class TiersTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "hello.elf, n=300, true",
        "intbench.elf, n=200, true",
        "exceptions.elf, '', true",
        "faultcheck.elf, '', false",
        "mmu-basic.elf, '', true",
        "mmu-perm.elf, '', true",
        "mmu-tlb.elf, '', true",
        "newlib-printf.elf, '', true",
    })
    void everyTierRunsTheGuestAlike(String elf, String append, boolean countIsDeterministic) throws Exception {
        Run compiled = run(elf, append, "compile", 1000);
        Run interpreted = run(elf, append, "interpret", 1000);
        Run promoted = run(elf, append, "mixed", 1);
        for (Run r : List.of(interpreted, promoted)) {
            assertFalse(r.result.timedOut(), r.tiers + " timed out");
            assertEquals(compiled.result.out(), r.result.out(), r.tiers + ": guest output differs from the compiled run");
            assertEquals(compiled.result.exitStatus(), r.result.exitStatus(), r.tiers + ": exit status differs");
            if (countIsDeterministic) {
                assertEquals(compiled.insns, r.insns, r.tiers + ": retired a different number of instructions");
            }
        }
        assertEquals(0, compiled.tier0Insns, "tiers=compile interpreted instructions");
        assertTrue(interpreted.tier0Insns > interpreted.insns / 10, "tiers=interpret ran only " + interpreted.tier0Insns
                + " of " + interpreted.insns + " instructions in tier 0");
    }

    private record Run(String tiers, ProcessRunner.Result result, long insns, long tier0Insns) {
    }

    private Run run(String elf, String append, String tiers, int promoteAfter) throws Exception {
        Path conf = tmp.resolve(tiers + promoteAfter + ".conf");
        Files.writeString(conf, "mttcg.translation.tiers = " + tiers + "\nmttcg.translation.promote-after = "
                + promoteAfter + "\n");
        Path json = tmp.resolve(elf + "." + tiers + promoteAfter + ".json");
        List<String> args = new ArrayList<>(List.of("--config", conf.toString(), "-M", "vexpress-a15", "-m", "256M",
                "-nographic", "-semihosting-config", "enable=on,target=native", "-kernel",
                "guests/bin/" + elf, "--stats-json", json.toString()));
        if (!append.isEmpty()) {
            args.add("-append");
            args.add(append);
        }
        ProcessRunner.Result r = ProcessRunner.runOurs(args, null, Duration.ofSeconds(120));
        String stats = Files.readString(json);
        return new Run(tiers, r, field(stats, "insns"), field(stats, "tier0Insns"));
    }

    private static long field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\": (\\d+)").matcher(json);
        assertTrue(m.find(), name + " missing from the stats: " + json);
        return Long.parseLong(m.group(1));
    }
}
