package io.mttcgj.it.diff;

import static org.junit.jupiter.api.Assertions.fail;

import io.mttcgj.it.diff.A32Batch.CaseResult;
import io.mttcgj.it.support.ProcessRunner;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs random Thumb code ({@link ThumbGen}) on {@code qemu-system-arm} and on our emulator and requires
 * byte-identical output: registers, flags and the scratch memory of every case. Each case enters
 * Thumb from A32 with BLX and comes back with BX PC ({@link ThumbCase}); batches are the A32 test's.
 *
 * <p>System properties:
 * <ul>
 * <li>{@code diff.thumb.seed}: run seed (default {@link #DEFAULT_SEED}); case i's seed is the i-th value
 *     of {@code new SplittableRandom(runSeed).nextLong()};</li>
 * <li>{@code diff.thumb.cases}: number of cases (default 10,000);</li>
 * <li>{@code diff.batch}: cases per ELF (default 500);</li>
 * <li>{@code diff.thumb.restarts}: when ours stops in a batch (an exception, a crash), how many times
 *     the rest of the batch is run again after the case that stopped it (default 2);</li>
 * <li>{@code diff.thumb.caseSeed}: run only the case with that seed (printed with every mismatch);</li>
 * <li>{@code diff.against=qemu}: compare QEMU with itself, to check the harness without our emulator.</li>
 * </ul>
 * Example: {@code mvn -o -pl it-tests test -Dtest=ThumbDifferentialTest -Ddiff.thumb.cases=100000}.
 */
class ThumbDifferentialTest {
    static final long DEFAULT_SEED = 0x5468756d62446966L;
    /** Runs of the rest of a batch after ours stopped in it (each costs a JVM start). */
    static final int DEFAULT_RESTARTS = 2;
    private static final int MAX_REPORTED = 5;
    private static final Path KEEP_DIR = Path.of("target", "thumb-diff");

    /**
     * @param mismatches cases whose record differs, or where ours stopped
     * @param notRun     cases left out after ours stopped more than {@code diff.thumb.restarts} times
     * @param stops      for each stop of ours: the exception and instruction, or the exit status
     */
    private record BatchOutcome(int mismatches, int notRun, List<String> reports, List<String> stops) {
    }

    @Test
    void ourCoreMatchesQemuOnRandomThumbCode(@TempDir Path dir) throws Exception {
        ProcessRunner.requireQemu();
        long runSeed = A32DifferentialTest.longProperty("diff.thumb.seed", DEFAULT_SEED);
        int cases = (int) A32DifferentialTest.longProperty("diff.thumb.cases", A32DifferentialTest.DEFAULT_CASES);
        int batchSize = (int) A32DifferentialTest.longProperty("diff.batch", A32DifferentialTest.DEFAULT_BATCH);
        boolean againstQemu = "qemu".equals(System.getProperty("diff.against"));
        int restarts = (int) A32DifferentialTest.longProperty("diff.thumb.restarts", DEFAULT_RESTARTS);
        if (cases < 1 || batchSize < 1 || batchSize > A32Batch.MAX_CASES) {
            fail("diff.thumb.cases must be >= 1 and diff.batch in 1.." + A32Batch.MAX_CASES);
        }
        String single = System.getProperty("diff.thumb.caseSeed");
        long[] seeds = single != null ? new long[] {A32DifferentialTest.longProperty("diff.thumb.caseSeed", 0)}
                : DiffRunner.caseSeeds(runSeed, cases);
        System.out.printf("Thumb differential test: seed=0x%x cases=%d batch=%d against=%s%s%n", runSeed,
                seeds.length, batchSize, againstQemu ? "qemu (harness check)" : "ours",
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
                            restarts, tiers)));
                }
            }
            int mismatches = 0;
            int notRun = 0;
            List<String> reports = new ArrayList<>();
            Map<String, Integer> stops = new TreeMap<>();
            for (Future<BatchOutcome> f : futures) {
                BatchOutcome o = get(f);
                mismatches += o.mismatches();
                notRun += o.notRun();
                for (String s : o.stops()) {
                    stops.merge(s, 1, Integer::sum);
                }
                for (String r : o.reports()) {
                    if (reports.size() < MAX_REPORTED) {
                        reports.add(r);
                    }
                }
            }
            double secs = (System.nanoTime() - start) / 1e9;
            StringBuilder stopSummary = new StringBuilder();
            stops.forEach((k, v) -> stopSummary.append(String.format("  %5d x %s%n", v, k)));
            String summary = String.format("%d cases, %d mismatches (%d of them where ours stopped), %d not run "
                    + "after repeated stops", seeds.length, mismatches, stops.values().stream().mapToInt(i -> i).sum(),
                    notRun);
            System.out.printf("Thumb differential test: %s, %.1f s%n%s", summary, secs, stopSummary);
            if (mismatches > 0 || notRun > 0) {
                fail(String.format("Thumb cases differ from QEMU (run seed 0x%x): %s%n%s%nfirst %d:%n%n%s", runSeed,
                        summary, stopSummary.length() == 0 ? "" : "ours stopped at:\n" + stopSummary, reports.size(),
                        String.join("\n\n", reports)));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static BatchOutcome runBatch(Path dir, long runSeed, int batch, int firstCase, long[] seeds,
            boolean againstQemu, int maxRestarts, String tiers) throws IOException {
        List<ThumbCase> all = new ArrayList<>();
        for (long s : seeds) {
            all.add(ThumbGen.generate(s));
        }
        int mismatches = 0;
        int notRun = 0;
        List<String> reports = new ArrayList<>();
        List<String> stops = new ArrayList<>();
        int from = 0;
        for (int run = 0; from < all.size(); run++) {
            List<ThumbCase> cases = all.subList(from, all.size());
            List<CaseSpec> specs = cases.stream().map(ThumbCase::spec).toList();
            Path elf = DiffRunner.writeElf(dir, "thumb-batch-" + tiers + "-" + batch + "-" + run + ".elf", specs);
            ProcessRunner.Result q = DiffRunner.runQemu(elf);
            String problem = qemuProblem(cases, q);
            if (problem != null) {
                throw new IllegalStateException(String.format(
                        "generator/harness bug (QEMU is the reference): run seed 0x%x batch %d: %s", runSeed, batch,
                        problem));
            }
            ProcessRunner.Result o = againstQemu ? DiffRunner.runQemu(elf) : DiffRunner.runOurs(elf, tiers);
            Files.deleteIfExists(elf);
            if (Arrays.equals(q.stdout(), o.stdout()) && o.exitStatus() == 0 && !o.timedOut()) {
                break;
            }
            List<CaseResult> expected = A32Batch.parse(q.stdout()).records();
            A32Batch.Output ours = A32Batch.parse(o.stdout());
            List<CaseResult> actual = ours.records();
            int before = mismatches;
            int stoppedAt = -1;
            for (int i = 0; i < cases.size(); i++) {
                ThumbCase c = cases.get(i);
                String header = String.format("tiers=%s, run seed 0x%x, batch %d, case %d (#%d), case seed 0x%x%n"
                        + "  rerun: -Dtest=ThumbDifferentialTest -Ddiff.tiers=%s -Ddiff.thumb.caseSeed=0x%x%n", tiers,
                        runSeed, batch, from + i, firstCase + from + i, c.seed(), tiers, c.seed());
                if (i >= actual.size()) {
                    mismatches++;
                    stoppedAt = i;
                    String where = ours.exception() == null ? "exit " + o.exitStatus() + (o.timedOut() ? " (timed out)" : "")
                            : A32Batch.vectorName(ours.exception()[0]) + " at "
                                    + faultingInstruction(specs, i, ours.exception()[1]);
                    stops.add(stopKind(where));
                    if (reports.size() < MAX_REPORTED) {
                        reports.add("ours stopped in " + header + "  exit=" + o.exitStatus()
                                + (o.timedOut() ? " (timed out)" : "")
                                + (ours.exception() == null ? "" : String.format(", took the %s exception (lr=%08x)",
                                        A32Batch.vectorName(ours.exception()[0]), ours.exception()[1]))
                                + "\n  " + where + "\n" + describe(c) + "\nours stderr:\n" + DiffRunner.tail(o.err()));
                        keep(c);
                    }
                    break;
                }
                String diff = actual.get(i).index() != i ? "  record index " + actual.get(i).index() + "\n"
                        : DiffReport.diff(expected.get(i), actual.get(i));
                if (!diff.isEmpty()) {
                    mismatches++;
                    if (reports.size() < MAX_REPORTED) {
                        reports.add("MISMATCH " + header + describe(c) + "\ndifferences:\n" + diff);
                        keep(c);
                    }
                }
            }
            if (stoppedAt < 0) {
                if (mismatches == before) {
                    // same records but a different exit or trailing output
                    mismatches++;
                    reports.add(String.format("tiers=%s, run seed 0x%x batch %d: same records, but ours exit=%d%s, "
                            + "%d vs %d bytes%n%s", tiers, runSeed, batch, o.exitStatus(), o.timedOut() ? " (timed out)" : "",
                            o.stdout().length, q.stdout().length, DiffRunner.tail(o.err())));
                }
                break;
            }
            // ours stopped: run the rest of the batch again after the case that stopped it, a few times
            from += stoppedAt + 1;
            if (run >= maxRestarts) {
                notRun += all.size() - from;
                break;
            }
        }
        return new BatchOutcome(mismatches, notRun, reports, stops);
    }

    /**
     * The case's instruction at an exception's return address, as objdump shows it: for an
     * Undefined Instruction exception taken in Thumb state lr = the instruction + 2, in A32 + 4.
     */
    static String faultingInstruction(List<CaseSpec> specs, int index, int lr) {
        CaseSpec spec = specs.get(index);
        int p = codeAddress(A32Batch.buildElf(specs), spec.code());
        if (p == 0) {
            return String.format("lr=%08x (case code not found)", lr);
        }
        ThumbCase c = ThumbGen.generate(spec.seed());
        int at = p + ThumbCase.THUMB_START;
        for (int insn : c.thumb()) {
            int size = (insn >>> 16) != 0 ? 4 : 2;
            if (lr - 2 >= at && lr - 2 < at + size) {
                List<String> dis = ThumbReport.disassemble(new int[] {insn});
                return "thumb " + (dis == null ? String.format("%x", insn) : dis.get(0));
            }
            at += size;
        }
        int armOffset = lr - 4 - p;
        if (armOffset >= 0 && armOffset < 4 * spec.code().length) {
            List<String> dis = Objdump.disassemble(new int[] {spec.code()[armOffset / 4]});
            return "A32 " + (dis == null ? String.format("%08x", spec.code()[armOffset / 4]) : dis.get(0));
        }
        return String.format("lr=%08x, outside the case's code at %08x", lr, p);
    }

    /** "undefined instruction at thumb movw" from "undefined instruction at thumb f64f 7e5b  movw lr, ...". */
    static String stopKind(String where) {
        return where.replaceAll("^(.* at (thumb|A32)) ([0-9a-f]{4} ){0,2}([0-9a-f]{8} )?\\s*(\\S+).*$", "$1 $5");
    }

    /** Where {@code code} was loaded: the ELF's PT_LOAD segment starts at the file offset in its p_offset. */
    private static int codeAddress(byte[] elf, int[] code) {
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        int segment = b.getInt(52 + 4);
        for (int off = segment; off + 4 * code.length <= elf.length; off += 4) {
            boolean match = true;
            for (int k = 0; k < code.length && match; k++) {
                match = b.getInt(off + 4 * k) == code[k];
            }
            if (match) {
                return A32Batch.LOAD_ADDRESS + off - segment;
            }
        }
        return 0;
    }

    /** The Thumb code (hex and disassembly), its A32 stubs and the initial state. */
    static String describe(ThumbCase c) {
        return "thumb code (from P+8; P+0: add sp, r12, #64; P+4: blx P+8):\n  " + c.thumbHex() + "\n"
                + ThumbReport.code(c) + "\ninitial state:\n" + c.spec().describeInitialState();
    }

    /** {@link DiffRunner#qemuProblem}, with the failing case shown as Thumb. */
    static String qemuProblem(List<ThumbCase> cases, ProcessRunner.Result r) {
        List<CaseSpec> specs = cases.stream().map(ThumbCase::spec).toList();
        String problem = DiffRunner.qemuProblem(specs, r);
        if (problem == null) {
            return null;
        }
        int done = A32Batch.parse(r.stdout()).records().size();
        return done < cases.size() ? problem + "\nas Thumb:\n" + describe(cases.get(done)) : problem;
    }

    /** Leaves a one-case ELF of a failing case in target/thumb-diff for debugging with either emulator. */
    private static void keep(ThumbCase c) {
        try {
            Files.createDirectories(KEEP_DIR);
            DiffRunner.writeElf(KEEP_DIR, String.format("case-%016x.elf", c.seed()), List.of(c.spec()));
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
}
