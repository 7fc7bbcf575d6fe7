package io.mttcgj.it.diff;

import static org.junit.jupiter.api.Assertions.fail;

import io.mttcgj.it.diff.A32Batch.CaseResult;
import io.mttcgj.it.support.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs random A32 instruction sequences ({@link A32Gen}) on {@code qemu-system-arm} and on our
 * emulator and requires byte-identical output: registers, flags and the scratch memory of every case.
 *
 * <p>System properties:
 * <ul>
 * <li>{@code diff.seed}: run seed (default {@link #DEFAULT_SEED}); case i's seed is the i-th value of
 *     {@code new SplittableRandom(runSeed).nextLong()};</li>
 * <li>{@code diff.cases}: number of cases (default 10,000; e.g. 200000 for a long run);</li>
 * <li>{@code diff.batch}: cases per ELF (default 1000: each tier runs every batch in a JVM of its own);</li>
 * <li>{@code diff.caseSeed}: run only the case with that seed (printed with every mismatch);</li>
 * <li>{@code diff.against=qemu}: compare QEMU with itself, to check the harness without our emulator.</li>
 * </ul>
 * Example: {@code mvn -o -pl it-tests test -Dtest=A32DifferentialTest -Ddiff.cases=200000}.
 */
class A32DifferentialTest {
    static final long DEFAULT_SEED = 0x4133324469666631L;
    static final int DEFAULT_CASES = 10_000;
    static final int DEFAULT_BATCH = 1000;
    private static final int MAX_REPORTED = 5;
    private static final Path KEEP_DIR = Path.of("target", "a32-diff");

    private record BatchOutcome(int mismatches, List<String> reports) {
    }

    @Test
    void ourCoreMatchesQemuOnRandomA32Code(@TempDir Path dir) throws Exception {
        ProcessRunner.requireQemu();
        long runSeed = longProperty("diff.seed", DEFAULT_SEED);
        int cases = (int) longProperty("diff.cases", DEFAULT_CASES);
        int batchSize = (int) longProperty("diff.batch", DEFAULT_BATCH);
        boolean againstQemu = "qemu".equals(System.getProperty("diff.against"));
        if (cases < 1 || batchSize < 1 || batchSize > A32Batch.MAX_CASES) {
            fail("diff.cases must be >= 1 and diff.batch in 1.." + A32Batch.MAX_CASES);
        }
        String single = System.getProperty("diff.caseSeed");
        long[] seeds = single != null ? new long[] {longProperty("diff.caseSeed", 0)}
                : DiffRunner.caseSeeds(runSeed, cases);
        System.out.printf("A32 differential test: seed=0x%x cases=%d batch=%d against=%s%s%n", runSeed, seeds.length,
                batchSize, againstQemu ? "qemu (harness check)" : "ours",
                single != null ? " (single case " + single + ")" : "");

        long start = System.nanoTime();
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<BatchOutcome>> futures = new ArrayList<>();
        try {
            for (String tiers : againstQemu ? List.of("qemu") : ProcessRunner.TIERS) {
                for (int first = 0, b = 0; first < seeds.length; first += batchSize, b++) {
                    long[] batchSeeds = Arrays.copyOfRange(seeds, first, Math.min(seeds.length, first + batchSize));
                    int batch = b;
                    int firstCase = first;
                    futures.add(pool.submit(() -> runBatch(dir, runSeed, batch, firstCase, batchSeeds, againstQemu,
                            tiers)));
                }
            }
            int mismatches = 0;
            List<String> reports = new ArrayList<>();
            for (Future<BatchOutcome> f : futures) {
                BatchOutcome o = get(f);
                mismatches += o.mismatches();
                for (String r : o.reports()) {
                    if (reports.size() < MAX_REPORTED) {
                        reports.add(r);
                    }
                }
            }
            double secs = (System.nanoTime() - start) / 1e9;
            System.out.printf("A32 differential test: %d cases in each of tiers %s, %d mismatches, %.1f s%n",
                    seeds.length, ProcessRunner.TIERS, mismatches, secs);
            if (mismatches > 0) {
                fail(String.format("%d of %d A32 cases differ from QEMU (run seed 0x%x); first %d:%n%n%s", mismatches,
                        seeds.length, runSeed, reports.size(), String.join("\n\n", reports)));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static BatchOutcome runBatch(Path dir, long runSeed, int batch, int firstCase, long[] seeds,
            boolean againstQemu, String tiers) throws IOException {
        List<CaseSpec> cases = new ArrayList<>();
        for (long s : seeds) {
            cases.add(A32Gen.generate(s));
        }
        Path elf = DiffRunner.writeElf(dir, "batch-" + tiers + "-" + batch + ".elf", cases);
        ProcessRunner.Result q = DiffRunner.runQemu(elf);
        String problem = DiffRunner.qemuProblem(cases, q);
        if (problem != null) {
            throw new IllegalStateException(String.format(
                    "generator/harness bug (QEMU is the reference): run seed 0x%x batch %d: %s", runSeed, batch,
                    problem));
        }
        ProcessRunner.Result o = againstQemu ? DiffRunner.runQemu(elf) : DiffRunner.runOurs(elf, tiers);
        Files.deleteIfExists(elf);
        if (Arrays.equals(q.stdout(), o.stdout()) && o.exitStatus() == 0 && !o.timedOut()) {
            return new BatchOutcome(0, List.of());
        }
        List<CaseResult> expected = A32Batch.parse(q.stdout()).records();
        A32Batch.Output ours = A32Batch.parse(o.stdout());
        List<CaseResult> actual = ours.records();
        int mismatches = 0;
        List<String> reports = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            String header = String.format("tiers=%s, run seed 0x%x, batch %d, case %d (#%d), case seed 0x%x%n"
                    + "  rerun: -Dtest=A32DifferentialTest -Ddiff.tiers=%s -Ddiff.caseSeed=0x%x%n", tiers, runSeed,
                    batch, i, firstCase + i, cases.get(i).seed(), tiers, cases.get(i).seed());
            if (i >= actual.size()) {
                // everything from here on is missing: one report for the case where ours stopped
                mismatches += cases.size() - i;
                reports.add("ours stopped in " + header + "  exit=" + o.exitStatus()
                        + (o.timedOut() ? " (timed out)" : "")
                        + (ours.exception() == null ? "" : String.format(", took the %s exception (lr=%08x)",
                                A32Batch.vectorName(ours.exception()[0]), ours.exception()[1]))
                        + "\ncode:\n" + DiffReport.code(cases.get(i)) + "\ninitial state:\n"
                        + cases.get(i).describeInitialState() + "\nours stderr:\n" + DiffRunner.tail(o.err()));
                keep(cases.get(i));
                break;
            }
            String diff = actual.get(i).index() != i ? "  record index " + actual.get(i).index() + "\n"
                    : DiffReport.diff(expected.get(i), actual.get(i));
            if (!diff.isEmpty()) {
                mismatches++;
                if (reports.size() < MAX_REPORTED) {
                    reports.add("MISMATCH " + header + "code:\n" + DiffReport.code(cases.get(i)) + "\ninitial state:\n"
                            + cases.get(i).describeInitialState() + "\ndifferences:\n" + diff);
                    keep(cases.get(i));
                }
            }
        }
        if (mismatches == 0) {
            // same records but a different exit or trailing output
            mismatches = 1;
            reports.add(String.format("tiers=%s, run seed 0x%x batch %d: same records, but ours exit=%d%s, %d vs %d "
                    + "bytes%n%s", tiers, runSeed, batch, o.exitStatus(), o.timedOut() ? " (timed out)" : "", o.stdout().length,
                    q.stdout().length, DiffRunner.tail(o.err())));
        }
        return new BatchOutcome(mismatches, reports);
    }

    /** Leaves a one-case ELF of a failing case in target/a32-diff for debugging with either emulator. */
    private static void keep(CaseSpec c) {
        try {
            Files.createDirectories(KEEP_DIR);
            DiffRunner.writeElf(KEEP_DIR, String.format("case-%016x.elf", c.seed()), List.of(c));
        } catch (IOException | RuntimeException e) {
            System.out.println("could not keep the ELF of case 0x" + Long.toHexString(c.seed()) + ": "
                    + e.getMessage());
        }
    }

    private static BatchOutcome get(Future<BatchOutcome> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** A decimal or 0x-hex (up to 64 unsigned bits) system property. */
    static long longProperty(String name, long defaultValue) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        try {
            String t = v.trim().replace("_", "");
            return t.startsWith("0x") || t.startsWith("0X") ? Long.parseUnsignedLong(t.substring(2), 16)
                    : Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + name + "=" + v
                    + " is not a number (decimal, or hex with 0x)");
        }
    }
}
