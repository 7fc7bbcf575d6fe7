package io.mttcgj.experiments.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * sweep.csv: one row per run, in run order. Per-vCPU values are ';'-separated in one field, so every row
 * has the same columns whatever the vCPU count; fields the comparison series cannot report are empty.
 */
public final class SweepCsv {
    public static final List<String> HEADER = List.of("run", "series", "threads", "vcpus", "rep", "status",
            "exit_status", "wall_ms", "guest_insns_total", "guest_insns_per_vcpu", "mips_per_vcpu", "tbs_translated",
            "tb_flushes", "safe_work_rounds", "safe_work_wait_mean_us", "safe_work_wait_max_us", "host_cores",
            "error");

    private SweepCsv() {
    }

    public static void write(Path file, List<RunResult> results) throws IOException {
        StringBuilder sb = new StringBuilder(String.join(",", HEADER)).append('\n');
        for (RunResult r : results) {
            sb.append(String.join(",", row(r))).append('\n');
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    static List<String> row(RunResult r) {
        RunSpec s = r.spec();
        GuestStats g = r.stats();
        List<String> f = new ArrayList<>();
        f.add(Integer.toString(s.index()));
        f.add(quoted(s.series()));
        f.add(s.threads());
        f.add(Integer.toString(s.vcpus()));
        f.add(Integer.toString(s.rep()));
        f.add(r.status());
        f.add(Integer.toString(r.exitStatus()));
        f.add(Long.toString(Math.round(r.wallNanos() / 1e6)));
        f.add(g == null ? "" : Long.toString(g.insnsTotal()));
        f.add(g == null ? "" : g.insnsPerVcpu().stream().map(String::valueOf).collect(Collectors.joining(";")));
        f.add(g == null ? "" : g.mipsPerVcpu().stream().map(m -> String.format(Locale.ROOT, "%.3f", m))
                .collect(Collectors.joining(";")));
        f.add(g == null ? "" : Long.toString(g.tbTranslated()));
        f.add(g == null ? "" : Long.toString(g.tbFlushes()));
        f.add(g == null ? "" : Long.toString(g.safeWorkRounds()));
        f.add(g == null ? "" : String.format(Locale.ROOT, "%.3f", g.waitMeanMicros()));
        f.add(g == null ? "" : String.format(Locale.ROOT, "%.3f", g.waitMaxMicros()));
        f.add(Integer.toString(r.hostCores()));
        f.add(r.error() == null ? "" : quoted(r.error()));
        return f;
    }

    /** RFC 4180 quoting, only where needed. */
    static String quoted(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
