package io.mttcgj.experiments.campaign;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code bin/mttcg campaign --config faults.conf [--out DIR] [--workers N]}: a golden run, then every
 * injection of the campaign in a fresh deterministic machine; results.csv, summary.txt and summary.png
 * in the output directory. Rerunning the same command resumes an interrupted campaign.
 */
public final class CampaignCommand {
    private CampaignCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static final String USAGE = "usage: mttcg campaign --config FILE [--out DIR] [--workers N]\n"
            + "  runs the fault-injection campaign FILE describes (keys: experiments reference.conf, 'campaign' block)";

    /** Returns the exit status: 0 done, 2 bad command line or campaign config, 1 an I/O error. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        org.slf4j.LoggerFactory.getLogger(CampaignCommand.class);
        String config = null;
        String dir = null;
        Integer workers = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                out.println(USAGE);
                return 0;
            }
            if (i + 1 >= args.length || !(a.equals("--config") || a.equals("--out") || a.equals("--workers"))) {
                err.println("mttcg campaign: unexpected argument '" + a + "'\n" + USAGE);
                return 2;
            }
            String v = args[++i];
            switch (a) {
                case "--config" -> config = v;
                case "--out" -> dir = v;
                default -> {
                    try {
                        workers = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        err.println("mttcg campaign: --workers '" + v + "' is not a number");
                        return 2;
                    }
                }
            }
        }
        if (config == null) {
            err.println("mttcg campaign: no campaign given\n" + USAGE);
            return 2;
        }
        try {
            Path cwd = Path.of("").toAbsolutePath();
            CampaignConfig cfg = CampaignConfig.load(cwd.resolve(config), cwd);
            if (dir != null || workers != null) {
                cfg = new CampaignConfig(cfg.kernel(), cfg.append(), cfg.cpus(), cfg.memory(), cfg.icountShift(),
                        cfg.machineArgs(), cfg.goldenOutput(), dir != null ? cwd.resolve(dir) : cfg.outputDir(),
                        workers != null && workers > 0 ? workers : cfg.workers(), cfg.runTimeout(), cfg.hangFactor(),
                        cfg.onVcpuCrash(), cfg.guestDetectedExitCodes(), cfg.ramFrom(), cfg.ramTo(), cfg.explicit(),
                        cfg.seed(), cfg.randomCount(), cfg.randomModels());
            }
            Campaign.run(cfg, out);
            return 0;
        } catch (CampaignConfigException e) {
            err.println(e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("mttcg campaign: " + e.getMessage());
            return 1;
        }
    }
}
