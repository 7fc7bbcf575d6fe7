package io.mttcgj.experiments.cluster;

import com.typesafe.config.Config;
import io.mttcgj.config.UsageException;
import io.mttcgj.experiments.campaign.Injection;
import io.mttcgj.experiments.campaign.InjectionExecutor;
import java.util.List;

/**
 * What a distributed campaign needs from the campaign itself; the cluster part only distributes.
 * The coordinator node asks for the plan, each worker node for executors.
 */
public interface ClusterCampaign {
    /** Coordinator: the injections to run (made after the golden run, if the campaign has one). */
    List<Injection> plan(Config config) throws UsageException;

    /** Worker: an executor for one worker slot (one per slot, so an executor need not be thread-safe). */
    InjectionExecutor executor(Config config) throws UsageException;
}
