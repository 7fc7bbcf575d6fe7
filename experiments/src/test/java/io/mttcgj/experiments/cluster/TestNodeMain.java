package io.mttcgj.experiments.cluster;

/** A cluster node running the synthetic campaign: what the multi-JVM test starts as child processes. */
public final class TestNodeMain {
    private TestNodeMain() {
    }

    public static void main(String[] args) {
        System.exit(ClusterCommand.run(args, new SyntheticCampaign(), System.out, System.err));
    }
}
