package io.mttcgj.it.diff.vfp;

import static org.junit.jupiter.api.Assertions.fail;

import io.mttcgj.it.support.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random VFP instructions ({@link VfpGen}) on qemu-system-arm and on our emulator: D0-D7, r0-r3,
 * FPSCR (with the cumulative flags) and CPSR must be identical after every case.
 *
 * <p>System properties: {@code diff.vfp.seed} (run seed), {@code diff.vfp.cases} (default 10,000),
 * {@code diff.vfp.batch} (cases per ELF, default 2,500), {@code diff.vfp.caseSeed} (one case),
 * {@code diff.vfp.keep} (copy each batch ELF to target/ for debugging with either emulator).
 */
class VfpDifferentialTest {
    static final long DEFAULT_SEED = 0x5646505634443332L;
    private static final int MAX_REPORTED = 8;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private record Outcome(int mismatches, List<String> reports) {
    }

    @Test
    void vfpMatchesQemu(@TempDir Path dir) throws Exception {
        ProcessRunner.requireQemu();
        long runSeed = property("diff.vfp.seed", DEFAULT_SEED);
        int cases = (int) property("diff.vfp.cases", 10_000);
        int batchSize = (int) Math.min(VfpBatch.MAX_CASES, property("diff.vfp.batch", 2_500));
        long[] seeds;
        if (System.getProperty("diff.vfp.caseSeed") != null) {
            seeds = new long[] {property("diff.vfp.caseSeed", 0)};
        } else {
            SplittableRandom r = new SplittableRandom(runSeed);
            seeds = new long[cases];
            for (int i = 0; i < cases; i++) {
                seeds[i] = r.nextLong();
            }
        }
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (String tiers : ProcessRunner.TIERS) {
                for (int first = 0, b = 0; first < seeds.length; first += batchSize, b++) {
                    long[] part = Arrays.copyOfRange(seeds, first, Math.min(seeds.length, first + batchSize));
                    int batch = b;
                    futures.add(pool.submit(() -> runBatch(dir, batch, part, tiers)));
                }
            }
            int mismatches = 0;
            List<String> reports = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                Outcome o = f.get();
                mismatches += o.mismatches();
                for (String s : o.reports()) {
                    if (reports.size() < MAX_REPORTED) {
                        reports.add(s);
                    }
                }
            }
            System.out.printf("VFP differential test: seed=0x%x, %d cases in each of tiers %s, %d mismatches, %.1f s%n",
                    runSeed, seeds.length, ProcessRunner.TIERS, mismatches, (System.nanoTime() - start) / 1e9);
            if (mismatches > 0) {
                fail(String.format("%d of %d VFP cases differ from QEMU (seed 0x%x):%n%s", mismatches, seeds.length,
                        runSeed, String.join("\n", reports)));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> args(Path elf) {
        return List.of("-M", "vexpress-a15", "-m", "128M", "-nographic", "-semihosting-config",
                "enable=on,target=native", "-kernel", elf.toString());
    }

    private static Outcome runBatch(Path dir, int batch, long[] seeds, String tiers) throws Exception {
        List<VfpCase> cases = new ArrayList<>();
        for (long s : seeds) {
            cases.add(VfpGen.generate(s));
        }
        Path elf = dir.resolve("vfp-" + tiers + "-" + batch + ".elf");
        Files.write(elf, VfpBatch.buildElf(cases));
        long t0 = System.nanoTime();
        ProcessRunner.Result q = ProcessRunner.runQemu(args(elf), null, TIMEOUT);
        long t1 = System.nanoTime();
        VfpBatch.Output qo = VfpBatch.parse(q.stdout());
        if (qo.records().size() != cases.size() || q.exitStatus() != 0) {
            int at = qo.records().size();
            throw new IllegalStateException(String.format(
                    "generator bug (QEMU is the reference): batch %d stopped after %d of %d cases, exit %d%s%n%s",
                    batch, at, cases.size(), q.exitStatus(),
                    qo.exception() == null ? "" : " exception vector " + qo.exception()[0],
                    at < cases.size() ? cases.get(at).describe() : ""));
        }
        ProcessRunner.Result o = ProcessRunner.runOurs(args(elf), null, TIMEOUT, tiers);
        System.out.printf("tiers=" + tiers + " batch %d: qemu %.1f s, ours %.1f s%n", batch, (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
        if (System.getProperty("diff.vfp.keep") != null) {
            Files.copy(elf, Path.of("target", elf.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.deleteIfExists(elf);
        if (Arrays.equals(q.stdout(), o.stdout()) && o.exitStatus() == 0) {
            return new Outcome(0, List.of());
        }
        List<VfpBatch.Result> ours = VfpBatch.parse(o.stdout()).records();
        int mismatches = 0;
        List<String> reports = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            String head = String.format("tiers=%s, case seed 0x%x (rerun with -Ddiff.tiers=%s -Ddiff.vfp.caseSeed=0x%x)%n%s",
                    tiers, cases.get(i).seed(), tiers, cases.get(i).seed(), cases.get(i).describe());
            if (i >= ours.size()) {
                mismatches += cases.size() - i;
                reports.add("ours stopped (exit " + o.exitStatus() + ") at " + head + "\n" + tail(o.err()));
                break;
            }
            String diff = VfpBatch.diff(qo.records().get(i), ours.get(i));
            if (!diff.isEmpty()) {
                mismatches++;
                if (reports.size() < MAX_REPORTED) {
                    reports.add("MISMATCH " + head + diff);
                }
            }
        }
        if (mismatches == 0) {
            mismatches = 1;
            reports.add("same records but ours exit=" + o.exitStatus() + "\n" + tail(o.err()));
        }
        return new Outcome(mismatches, reports);
    }

    private static String tail(String s) {
        String[] lines = s.split("\n");
        return String.join("\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - 10), lines.length));
    }

    private static long property(String name, long def) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            return def;
        }
        String t = v.trim();
        try {
            return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + name + "=" + v + " is not a number");
        }
    }
}
