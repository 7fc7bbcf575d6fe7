package io.mttcgj.experiments.campaign;

import io.mttcgj.board.ExitStatus;
import io.mttcgj.board.Machine;
import io.mttcgj.board.Main;
import io.mttcgj.cpu.IcountDriver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs injections in fresh in-process machines in deterministic mode (-icount) and classifies them
 * against the golden run. Every run builds its own machine (actor system, devices, vCPU driver) and tears
 * it down before returning, so runs share nothing and can go in parallel.
 */
public final class MachineExecutor implements InjectionExecutor {
    /** What a run printed and how it ended. */
    public record RunRecord(String stdout, String stderr, int status, long[] insns, boolean injected, long wallMillis) {
        public long totalInsns() {
            long t = 0;
            for (long n : insns) {
                t += n;
            }
            return t;
        }
    }

    private final CampaignConfig cfg;
    private final RunRecord golden;

    private MachineExecutor(CampaignConfig cfg, RunRecord golden) {
        this.cfg = cfg;
        this.golden = golden;
    }

    /**
     * Makes the golden run (no fault) and returns an executor classifying against it. Refuses a golden run
     * that does not end by itself, or whose output differs from {@code golden-output} when that is given.
     */
    public static MachineExecutor withGoldenRun(CampaignConfig cfg) throws CampaignConfigException {
        RunRecord g = run(cfg, null, Long.MAX_VALUE);
        if (g.status() == Injector.HANG_STATUS || g.stderr().contains("mttcg: vCPU ")) {
            throw new CampaignConfigException("campaign: the golden run (no fault) of " + cfg.kernel() + " did not end "
                    + "normally (status " + g.status() + "): " + firstLine(g.stderr()));
        }
        if (cfg.goldenOutput() != null) {
            try {
                String want = java.nio.file.Files.readString(cfg.goldenOutput());
                if (!want.equals(g.stdout())) {
                    throw new CampaignConfigException("campaign: the golden run's output differs from campaign.golden-output '"
                            + cfg.goldenOutput() + "': " + diffSummary(want, g.stdout()));
                }
            } catch (java.io.IOException e) {
                throw new CampaignConfigException("campaign: cannot read campaign.golden-output: " + e.getMessage());
            }
        }
        return new MachineExecutor(cfg, g);
    }

    public RunRecord golden() {
        return golden;
    }

    @Override
    public InjectionResult run(Injection injection) {
        long limit = (long) Math.ceil(golden.totalInsns() * cfg.hangFactor()) + 100_000;
        RunRecord r = run(cfg, injection, limit);
        Outcome o = classify(r);
        String diff = o == Outcome.MASKED ? "" : diffSummary(golden.stdout(), r.stdout());
        if (o == Outcome.EMULATOR_ERROR) {
            diff = firstLine(r.stderr()) + (diff.isEmpty() ? "" : "; " + diff);
        }
        return new InjectionResult(injection, o, r.injected(), o == Outcome.HANG ? -1 : r.status(), r.wallMillis(), diff,
                Thread.currentThread().getName());
    }

    Outcome classify(RunRecord r) {
        if (r.stderr().contains("mttcg: vCPU ") || r.status() == ExitStatus.INTERNAL_ERROR) {
            return Outcome.EMULATOR_ERROR; // Machine.fatal: a crashed vCPU, execution outside RAM, ...
        }
        if (r.status() == Injector.HANG_STATUS) {
            return Outcome.HANG;
        }
        if (r.status() == golden.status() && r.stdout().equals(golden.stdout())) {
            return Outcome.MASKED;
        }
        if (r.status() != golden.status() && cfg.guestDetectedExitCodes().contains(r.status())) {
            return Outcome.DETECTED_BY_GUEST;
        }
        return Outcome.SDC;
    }

    /** One machine run, torn down before this returns. */
    static RunRecord run(CampaignConfig cfg, Injection injection, long insnLimit) {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        Injector.UartFaults uart = new Injector.UartFaults(outBytes);
        PrintStream out = new PrintStream(uart, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(cfg.qemuArgs());
        args.add("--timeout");
        args.add(cfg.runTimeout().toMillis() + "ms");
        AtomicReference<Machine> machine = new AtomicReference<>();
        AtomicReference<Injector> injector = new AtomicReference<>();
        long t0 = System.nanoTime();
        int status = Main.run(args.toArray(String[]::new), out, err, new ByteArrayInputStream(new byte[0]), m -> {
            machine.set(m);
            Injector inj = new Injector(injection, m, uart, insnLimit);
            injector.set(inj);
            m.setSliceHook(inj);
            m.setCrashStrategy(cfg.onVcpuCrash().equals("restart")
                    ? IcountDriver.CrashStrategy.RESTART : IcountDriver.CrashStrategy.STOP);
        });
        long wall = (System.nanoTime() - t0) / 1_000_000;
        out.flush();
        long[] insns = new long[cfg.cpus()];
        Machine m = machine.get();
        if (m != null) {
            for (int c = 0; c < insns.length; c++) {
                insns[c] = m.vcpus().get(c).state.insns;
            }
        }
        Injector inj = injector.get();
        return new RunRecord(outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8),
                status, insns, inj != null && inj.injected(), wall);
    }

    /** "line N: 'golden' -> 'got'" for the first differing line, with the line counts when they differ. */
    static String diffSummary(String want, String got) {
        if (want.equals(got)) {
            return "";
        }
        String[] a = want.split("\n", -1);
        String[] b = got.split("\n", -1);
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (!a[i].equals(b[i])) {
                return "line " + (i + 1) + ": '" + clip(a[i]) + "' -> '" + clip(b[i]) + "'";
            }
        }
        return a.length > b.length ? "output ends early after " + (b.length - 1) + " lines"
                : "extra output: '" + clip(b[n]) + "'";
    }

    private static String clip(String s) {
        String t = s.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 60 ? t.substring(0, 57) + "..." : t;
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return clip(nl < 0 ? t : t.substring(0, nl));
    }
}
