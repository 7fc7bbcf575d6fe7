package io.mttcgj.it.diff;

import io.mttcgj.it.support.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Builds batch ELFs, runs them on QEMU or on our emulator, and checks QEMU's side of a run. */
final class DiffRunner {
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private DiffRunner() {
    }

    /** The command line for both emulators (ours takes QEMU's). */
    static List<String> args(Path elf) {
        return List.of("-M", "vexpress-a15", "-m", "128M", "-nographic", "-semihosting-config",
                "enable=on,target=native", "-kernel", elf.toString());
    }

    /** The seed of each of the first {@code count} cases of a run with {@code runSeed}. */
    static long[] caseSeeds(long runSeed, int count) {
        SplittableRandom r = new SplittableRandom(runSeed);
        long[] seeds = new long[count];
        for (int i = 0; i < count; i++) {
            seeds[i] = r.nextLong();
        }
        return seeds;
    }

    static Path writeElf(Path dir, String name, List<CaseSpec> cases) {
        try {
            Path elf = dir.resolve(name);
            Files.write(elf, A32Batch.buildElf(cases));
            return elf;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name, e);
        }
    }

    static ProcessRunner.Result runQemu(Path elf) {
        return ProcessRunner.runQemu(args(elf), null, TIMEOUT);
    }

    static ProcessRunner.Result runOurs(Path elf, String tiers) {
        return ProcessRunner.runOurs(args(elf), null, TIMEOUT, tiers);
    }

    /**
     * Checks that QEMU ran every case of the batch: exit status 0, one record per case in order, no
     * exception. Returns null when it did, else what went wrong (a generator or harness bug, since
     * QEMU is the reference).
     */
    static String qemuProblem(List<CaseSpec> cases, ProcessRunner.Result r) {
        A32Batch.Output out = A32Batch.parse(r.stdout());
        int done = out.records().size();
        StringBuilder sb = new StringBuilder();
        if (out.exception() != null) {
            sb.append("QEMU took the ").append(A32Batch.vectorName(out.exception()[0]))
                    .append(String.format(" exception (lr=%08x) in case %d", out.exception()[1], done));
        } else if (r.timedOut() || r.exitStatus() != 0) {
            sb.append("QEMU exit=").append(r.exitStatus()).append(r.timedOut() ? " (timed out)" : "")
                    .append(" after ").append(done).append(" cases");
        } else if (done != cases.size() || out.trailing() != 0) {
            sb.append("QEMU wrote ").append(done).append(" records (+").append(out.trailing())
                    .append(" stray bytes) for ").append(cases.size()).append(" cases");
        } else {
            for (int i = 0; i < done; i++) {
                if (out.records().get(i).index() != i) {
                    return "QEMU record " + i + " is for case " + out.records().get(i).index();
                }
            }
            return null;
        }
        if (done < cases.size()) {
            CaseSpec c = cases.get(done);
            sb.append(String.format("%ncase seed 0x%x, code:%n%s", c.seed(), DiffReport.code(c)));
        }
        return sb.append("\n").append(tail(r.err())).toString();
    }

    static String tail(String s) {
        String[] lines = s.split("\n");
        List<String> kept = new ArrayList<>();
        for (int i = Math.max(0, lines.length - 15); i < lines.length; i++) {
            kept.add(lines[i]);
        }
        return String.join("\n", kept);
    }
}
