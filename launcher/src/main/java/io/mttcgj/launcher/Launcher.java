package io.mttcgj.launcher;

import io.mttcgj.board.Main;
import java.util.Arrays;

/**
 * {@code bin/mttcg}: with QEMU's options it runs a machine; a first word names a subcommand of the
 * experiments tools instead. Subcommands are words, never options, so they cannot clash with QEMU's
 * spelling.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            switch (args[0]) {
                case "sweep":
                    io.mttcgj.experiments.sweep.SweepCommand.main(rest);
                    return;
                case "campaign":
                    // With --role the campaign runs on a Pekko cluster (coordinator or worker node).
                    if (Arrays.asList(rest).contains("--role")) {
                        io.mttcgj.experiments.cluster.ClusterCommand.main(rest);
                    } else {
                        io.mttcgj.experiments.campaign.CampaignCommand.main(rest);
                    }
                    return;
                default:
                    break;
            }
        }
        Main.main(args);
    }
}
