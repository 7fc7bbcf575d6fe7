package io.mttcgj.experiments.sweep;

import io.mttcgj.config.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code bin/mttcg sweep --config FILE [--output DIR] [--repeats N]}: runs one workload across vCPU counts
 * and thread modes (and optionally a comparison emulator), then writes sweep.csv and sweep.png to the output
 * directory and prints a table. Exit status: 0 every run counted, 1 some runs failed (they are in the CSV),
 * 2 bad command line or config (refused before anything runs), 3 the outputs could not be written.
 */
public final class SweepCommand {
    public static final int OK = 0;
    public static final int RUNS_FAILED = 1;
    public static final int USAGE = 2;
    public static final int IO_ERROR = 3;

    private SweepCommand() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    static String usage() {
        return """
                Usage: mttcg sweep --config FILE [--output DIR] [--repeats N]
                Runs the workload of FILE (keys under mttcg.sweep { }, see the experiments module's
                reference.conf and docs/experiments.md) across its vCPU counts and thread modes, each
                run a fresh process, and writes DIR/sweep.csv, DIR/sweep.png and DIR/logs/.
                  --config FILE   the sweep file (required)
                  --output DIR    output directory (overrides mttcg.sweep.output-dir)
                  --repeats N     runs per point (overrides mttcg.sweep.repeats)
                  --help          print this text
                """;
    }

    /** Runs the command; returns the exit status. Progress goes to {@code err}, results to {@code out}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        SweepConfig config;
        try {
            config = parse(args);
        } catch (UsageException e) {
            (e.exitStatus() == 0 ? out : err).print(e.getMessage().endsWith("\n") ? e.getMessage()
                    : e.getMessage() + "\n");
            return e.exitStatus();
        }
        int runs = SweepRunner.plan(config).size();
        err.printf(Locale.ROOT, "mttcg sweep: %s: %d runs (vCPUs %s, threads %s%s, %d repeat%s), output in %s%n",
                config.title(), runs, config.vcpus(), config.threads(),
                config.compare() == null ? "" : ", and " + config.compare().name() + " " + config.compare().threads(),
                config.repeats(), config.repeats() == 1 ? "" : "s", config.outputDir());
        List<RunResult> results;
        try {
            results = new SweepRunner(config, err).runAll();
        } catch (IOException e) {
            err.println("mttcg sweep: cannot write to " + config.outputDir() + ": " + e.getMessage());
            return IO_ERROR;
        }
        List<Summary> summary = Summary.of(results, config.work());
        int cores = Runtime.getRuntime().availableProcessors();
        Path csv = config.outputDir().resolve("sweep.csv");
        Path png = config.outputDir().resolve("sweep.png");
        try {
            SweepCsv.write(csv, results);
            SweepChart.write(png, summary, config.title(), subtitle(config, cores));
        } catch (IOException e) {
            err.println("mttcg sweep: cannot write the results: " + e.getMessage());
            return IO_ERROR;
        }
        out.print(Summary.table(summary, cores));
        long failed = results.stream().filter(r -> !r.ok()).count();
        out.println("wrote " + csv + " and " + png + (failed == 0 ? ""
                : "; " + failed + " of " + results.size() + " runs failed (see the csv's error column)"));
        return failed == 0 ? OK : RUNS_FAILED;
    }

    private static String subtitle(SweepConfig c, int cores) {
        return String.format(Locale.ROOT, "wall time per run incl. process start, median of %d repeat%s, bars "
                        + "min-max; speedup = %s, T(1) = 1 vCPU%s; %d host core%s",
                c.repeats(), c.repeats() == 1 ? "" : "s",
                c.work() == SweepConfig.Work.PER_VCPU ? "N × T(1) / T(N)" : "T(1) / T(N)",
                c.threads().contains("single") ? " thread=single" : "", cores, cores == 1 ? "" : "s");
    }

    static SweepConfig parse(String[] args) throws UsageException {
        Path config = null;
        Path output = null;
        Integer repeats = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i].startsWith("--") ? args[i].substring(1) : args[i];
            switch (flag) {
                case "-help", "-h" -> throw new UsageException(usage(), 0);
                case "-config", "-output", "-repeats" -> {
                    if (i + 1 >= args.length) {
                        throw new UsageException("mttcg sweep: option '" + args[i] + "' requires an argument");
                    }
                    String value = args[++i];
                    switch (flag) {
                        case "-config" -> config = Path.of(value);
                        case "-output" -> output = Path.of(value);
                        default -> repeats = repeats(value);
                    }
                }
                default -> throw new UsageException("mttcg sweep: unknown option '" + args[i] + "'\n" + usage());
            }
        }
        if (config == null) {
            throw new UsageException("mttcg sweep: give the sweep file with --config FILE\n" + usage());
        }
        SweepConfig c = SweepConfig.load(config, output, repeats);
        if (Files.exists(c.outputDir()) && !Files.isDirectory(c.outputDir())) {
            throw new UsageException("mttcg sweep: output directory '" + c.outputDir() + "' is a file");
        }
        return c;
    }

    private static int repeats(String value) throws UsageException {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("mttcg sweep: invalid value '" + value + "' for --repeats: must be 1..100");
        }
    }
}
