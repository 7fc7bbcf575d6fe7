package io.mttcgj.experiments.campaign;

import com.typesafe.config.Config;
import io.mttcgj.config.UsageException;
import io.mttcgj.experiments.cluster.ClusterCampaign;
import java.nio.file.Path;
import java.util.List;

/**
 * The fault-injection campaign of a {@code campaign { }} block, as the cluster nodes run it: the
 * coordinator plans the injections after its golden run, and every worker slot classifies its runs
 * against a golden run of its own (identical under -icount, so outcomes do not depend on the node).
 */
public final class MachineCampaign implements ClusterCampaign {
    private final Path cwd;

    public MachineCampaign(Path cwd) {
        this.cwd = cwd.toAbsolutePath();
    }

    @Override
    public List<Injection> plan(Config config) throws UsageException {
        CampaignConfig cfg = read(config);
        try {
            MachineExecutor exec = MachineExecutor.withGoldenRun(cfg);
            return Targets.plan(cfg, exec.golden().insns());
        } catch (CampaignConfigException e) {
            throw new UsageException(e.getMessage());
        }
    }

    @Override
    public InjectionExecutor executor(Config config) throws UsageException {
        try {
            return MachineExecutor.withGoldenRun(read(config));
        } catch (CampaignConfigException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private CampaignConfig read(Config config) throws UsageException {
        try {
            return CampaignConfig.from(config, cwd);
        } catch (CampaignConfigException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
