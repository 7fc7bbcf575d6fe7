package io.mttcgj.experiments.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs every point of a sweep as a fresh child process, timed from outside, so that runs share no JIT
 * warm-up and our emulator and the comparison are measured the same way. Runs are interleaved (every
 * point's first repeat, then every point's second...) so that machine noise spreads over all series.
 */
public final class SweepRunner {
    /** Series name of our emulator. */
    public static final String OURS = "ours";
    static final String TIMEOUT = "timeout";
    private static final String MAIN_CLASS = "io.mttcgj.board.Main";

    private final SweepConfig config;
    private final Path logDir;
    private final PrintStream progress;
    private final int hostCores = Runtime.getRuntime().availableProcessors();

    public SweepRunner(SweepConfig config, PrintStream progress) {
        this.config = config;
        this.logDir = config.outputDir().resolve("logs");
        this.progress = progress;
    }

    /** The runs in execution order: for each repeat, every point (ours by thread mode and vCPUs, then the comparison). */
    public static List<RunSpec> plan(SweepConfig config) {
        List<RunSpec.Point> points = new ArrayList<>();
        for (String mode : config.threads()) {
            for (int n : config.vcpus()) {
                points.add(new RunSpec.Point(OURS, mode, n));
            }
        }
        if (config.compare() != null) {
            for (String mode : config.compare().threads()) {
                for (int n : config.vcpus()) {
                    points.add(new RunSpec.Point(config.compare().name(), mode, n));
                }
            }
        }
        List<RunSpec> runs = new ArrayList<>();
        for (int rep = 1; rep <= config.repeats(); rep++) {
            for (RunSpec.Point p : points) {
                runs.add(new RunSpec(runs.size() + 1, p.series(), p.threads(), p.vcpus(), rep));
            }
        }
        return runs;
    }

    /** Runs the whole plan, printing a progress line per run. A failed run is recorded, never fatal. */
    public List<RunResult> runAll() throws IOException {
        Files.createDirectories(logDir);
        List<RunSpec> plan = plan(config);
        List<RunResult> results = new ArrayList<>();
        for (RunSpec spec : plan) {
            progress.printf(Locale.ROOT, "[%d/%d] %s %s %d vCPU%s rep %d/%d: ", spec.index(), plan.size(),
                    spec.series(), spec.threads(), spec.vcpus(), spec.vcpus() == 1 ? "" : "s", spec.rep(),
                    config.repeats());
            progress.flush();
            RunResult r = run(spec);
            progress.println(r.ok() ? String.format(Locale.ROOT, "%.2f s", r.wallSeconds())
                    : String.format(Locale.ROOT, "FAILED after %.2f s: %s", r.wallSeconds(), r.error()));
            results.add(r);
        }
        return results;
    }

    /** The command line of one run. */
    List<String> command(RunSpec spec, Path statsFile) {
        List<String> cmd = new ArrayList<>();
        if (spec.series().equals(OURS)) {
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            if (Runtime.version().feature() >= 23) {
                // as bin/mttcg: JDK 24 and later warn on stderr when Pekko uses sun.misc.Unsafe's memory access
                cmd.add("--sun-misc-unsafe-memory-access=allow");
            }
            cmd.addAll(config.javaOptions());
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(MAIN_CLASS);
        } else {
            cmd.addAll(config.compare().command());
        }
        cmd.addAll(config.args());
        cmd.add("-smp");
        cmd.add(Integer.toString(spec.vcpus()));
        cmd.add("-accel");
        cmd.add("tcg,thread=" + spec.threads());
        if (spec.series().equals(OURS)) {
            cmd.add("--stats-json");
            cmd.add(statsFile.toString());
        }
        return cmd;
    }

    RunResult run(RunSpec spec) throws IOException {
        Path out = logDir.resolve(spec.logName() + ".out");
        Path err = logDir.resolve(spec.logName() + ".err");
        Path statsFile = logDir.resolve(spec.logName() + ".json");
        Files.deleteIfExists(statsFile);
        ProcessBuilder pb = new ProcessBuilder(command(spec, statsFile))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        if (!spec.series().equals(OURS)) {
            pb.environment().putAll(config.compare().env());
        }
        long t0 = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new RunResult(spec, -1, 0, null, "cannot start: " + e.getMessage(), hostCores);
        }
        p.getOutputStream().close(); // the guest sees end of input, as with </dev/null
        boolean exited;
        try {
            exited = p.waitFor(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exited = false;
        }
        if (!exited) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long wall = System.nanoTime() - t0;
        if (!exited) {
            return new RunResult(spec, -1, wall, null, TIMEOUT + " after " + config.timeout().toSeconds() + " s",
                    hostCores);
        }
        int status = p.exitValue();
        GuestStats stats = null;
        String error = null;
        if (spec.series().equals(OURS) && Files.isRegularFile(statsFile)) {
            try {
                stats = GuestStats.parse(Files.readString(statsFile));
            } catch (IllegalArgumentException e) {
                error = statsFile + ": " + e.getMessage();
            }
        }
        if (status != 0) {
            error = "exit status " + status + " (see " + err + ")";
        } else if (!config.expectOutput().isEmpty()
                && !Files.readString(out, StandardCharsets.ISO_8859_1).contains(config.expectOutput())) {
            error = "no '" + config.expectOutput() + "' in the output (see " + out + ")";
        } else if (spec.series().equals(OURS) && stats == null && error == null) {
            error = "no statistics written to " + statsFile;
        }
        return new RunResult(spec, status, wall, stats, error, hostCores);
    }
}
