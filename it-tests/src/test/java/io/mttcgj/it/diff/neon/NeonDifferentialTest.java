package io.mttcgj.it.diff.neon;

import static org.junit.jupiter.api.Assertions.fail;

import io.mttcgj.it.support.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Runs random Advanced SIMD instructions ({@link NeonGen}) on {@code qemu-system-arm} and on our
 * emulator and requires identical records: r0-r12, FPSCR (QC, cumulative flags), the Undefined /
 * Data Abort return addresses, D0-D31 and the scratch memory.
 *
 * <p>System properties: {@code diff.neon.seed} (run seed), {@code diff.neon.cases} (default 10,000),
 * {@code diff.neon.batch} (cases per ELF, default 1000), {@code diff.neon.caseSeed} (one case only),
 * {@code diff.neon.against=qemu} (QEMU against itself: checks the harness), {@code diff.neon.keepDir}
 * (keep the batch ELFs there, for running them by hand on either emulator).
 */
class NeonDifferentialTest {
    static final long DEFAULT_SEED = 0x4e454f4e44494646L;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int MAX_REPORTED = 8;

    private record Outcome(int mismatches, int undefined, int aborts, List<String> reports) {
    }

    @Test
    void neonMatchesQemu(@TempDir Path dir) throws Exception {
        ProcessRunner.requireQemu();
        long runSeed = longProperty("diff.neon.seed", DEFAULT_SEED);
        int cases = (int) longProperty("diff.neon.cases", 10_000);
        int batch = (int) longProperty("diff.neon.batch", 1000);
        boolean againstQemu = "qemu".equals(System.getProperty("diff.neon.against"));
        long[] seeds;
        if (System.getProperty("diff.neon.caseSeed") != null) {
            seeds = new long[] {longProperty("diff.neon.caseSeed", 0)};
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
            for (String tiers : againstQemu ? List.of("qemu") : ProcessRunner.TIERS) {
                for (int first = 0, b = 0; first < seeds.length; first += batch, b++) {
                    long[] s = Arrays.copyOfRange(seeds, first, Math.min(seeds.length, first + batch));
                    int index = b;
                    futures.add(pool.submit(() -> runBatch(dir, index, s, againstQemu, tiers)));
                }
            }
            int mismatches = 0;
            int undefined = 0;
            int aborts = 0;
            List<String> reports = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                Outcome o = f.get();
                mismatches += o.mismatches();
                undefined += o.undefined();
                aborts += o.aborts();
                for (String rep : o.reports()) {
                    if (reports.size() < MAX_REPORTED) {
                        reports.add(rep);
                    }
                }
            }
            List<String> tierList = againstQemu ? List.of("qemu") : ProcessRunner.TIERS;
            System.out.printf("NEON differential test: seed=0x%x, %d cases (%d with an UNDEFINED word, %d with a "
                    + "data abort) in each of tiers %s, %d mismatches, %.1f s%n", runSeed, seeds.length,
                    undefined / tierList.size(), aborts / tierList.size(), tierList, mismatches,
                    (System.nanoTime() - start) / 1e9);
            if (mismatches > 0) {
                fail(mismatches + " NEON cases differ from QEMU; first ones:\n\n" + String.join("\n", reports));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outcome runBatch(Path dir, int index, long[] seeds, boolean againstQemu, String tiers) {
        List<NeonCase> cases = new ArrayList<>();
        for (long s : seeds) {
            cases.add(NeonGen.generate(s));
        }
        String keep = System.getProperty("diff.neon.keepDir");
        Path elf = (keep != null ? Path.of(keep) : dir).resolve("neon-" + tiers + "-" + index + ".elf");
        try {
            Files.write(elf, NeonBatch.buildElf(cases));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> args = List.of("-M", "vexpress-a15", "-m", "128M", "-nographic", "-semihosting-config",
                "enable=on,target=native", "-kernel", elf.toString());
        ProcessRunner.Result q = ProcessRunner.runQemu(args, null, TIMEOUT);
        NeonBatch.Output expected = NeonBatch.parse(q.stdout());
        if (expected.records().size() != cases.size() || q.exitStatus() != 0) {
            throw new IllegalStateException(String.format("harness bug: QEMU wrote %d of %d records, exit %d%s%n%s",
                    expected.records().size(), cases.size(), q.exitStatus(),
                    expected.exception() == null ? "" : String.format(", exception %d lr=%08x",
                            expected.exception()[0], expected.exception()[1]), q.err()));
        }
        ProcessRunner.Result o = againstQemu ? ProcessRunner.runQemu(args, null, TIMEOUT)
                : ProcessRunner.runOurs(args, null, TIMEOUT, tiers);
        List<NeonBatch.Result> actual = NeonBatch.parse(o.stdout()).records();
        int mismatches = 0;
        int undefined = 0;
        int aborts = 0;
        List<String> reports = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            NeonBatch.Result e = expected.records().get(i);
            undefined += e.regs()[14] != 0 ? 1 : 0;
            aborts += e.regs()[15] != 0 ? 1 : 0;
            if (i >= actual.size()) {
                mismatches += cases.size() - i;
                reports.add(String.format("tiers=" + tiers + ": ours stopped at case seed 0x%x (exit %d%s)%n%s%s", cases.get(i).seed(),
                        o.exitStatus(), o.timedOut() ? ", timed out" : "", cases.get(i).describe(), tail(o.err())));
                break;
            }
            String diff = diff(e, actual.get(i));
            if (!diff.isEmpty()) {
                mismatches++;
                if (reports.size() < MAX_REPORTED) {
                    reports.add(String.format("MISMATCH tiers=" + tiers + " case seed 0x%x (-Ddiff.tiers=" + tiers
                            + " -Ddiff.neon.caseSeed=0x%x)%n%s%s",
                            cases.get(i).seed(), cases.get(i).seed(), cases.get(i).describe(), diff));
                }
            }
        }
        return new Outcome(mismatches, undefined, aborts, reports);
    }

    private static String diff(NeonBatch.Result q, NeonBatch.Result o) {
        StringBuilder sb = new StringBuilder();
        String[] names = {"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "fpscr",
            "undLr", "abtLr"};
        int[] a = q.regs();
        int[] b = o.regs();
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                sb.append(String.format("  %s: qemu %08x ours %08x%n", names[i], a[i], b[i]));
            }
        }
        for (int i = 0; i < 32; i++) {
            if (q.d(i) != o.d(i)) {
                sb.append(String.format("  d%d: qemu %016x ours %016x%n", i, q.d(i), o.d(i)));
            }
        }
        byte[] sa = q.scratch();
        byte[] sb2 = o.scratch();
        for (int i = 0; i < sa.length; i++) {
            if (sa[i] != sb2[i]) {
                sb.append(String.format("  scratch+%d: qemu %02x ours %02x%n", i, sa[i] & 0xff, sb2[i] & 0xff));
            }
        }
        return sb.toString();
    }

    private static String tail(String s) {
        String[] lines = s.split("\n");
        return String.join("\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - 10), lines.length));
    }

    static long longProperty(String name, long defaultValue) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        String t = v.trim().replace("_", "");
        try {
            return t.startsWith("0x") || t.startsWith("0X") ? Long.parseUnsignedLong(t.substring(2), 16)
                    : Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + name + "=" + v + " is not a number");
        }
    }
}
