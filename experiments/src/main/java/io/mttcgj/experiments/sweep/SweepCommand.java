package io.mttcgj.experiments.sweep;

/** {@code bin/mttcg sweep ...} (not built yet). */
public final class SweepCommand {
    private SweepCommand() {
    }

    public static void main(String[] args) {
        System.err.println("mttcg sweep: not implemented yet");
        System.exit(2);
    }
}
