package io.mttcgj.experiments.campaign;

/** {@code bin/mttcg campaign ...} (not built yet). */
public final class CampaignCommand {
    private CampaignCommand() {
    }

    public static void main(String[] args) {
        System.err.println("mttcg campaign: not implemented yet");
        System.exit(2);
    }
}
