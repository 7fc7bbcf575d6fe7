package io.mttcgj.experiments.cluster;

import com.typesafe.config.Config;
import io.mttcgj.experiments.campaign.Injection;
import io.mttcgj.experiments.campaign.InjectionExecutor;
import io.mttcgj.experiments.campaign.InjectionResult;
import io.mttcgj.experiments.campaign.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A campaign without machines: an injection "runs" by sleeping a little and its outcome is a fixed
 * function of its id, so a test knows what the report must say whichever node ran what.
 * Configured by {@code synthetic.injections} and {@code synthetic.run-millis}.
 */
final class SyntheticCampaign implements ClusterCampaign {
    static Outcome expectedOutcome(int id) {
        Outcome[] all = Outcome.values();
        return all[(id * 7 + 3) % all.length];
    }

    static List<Injection> plan(int n) {
        List<Injection> plan = new ArrayList<>();
        for (int id = 0; id < n; id++) {
            plan.add(new Injection(id, id % 2 == 0 ? "reg-bitflip" : "ram-bitflip", id % 2, 1000L * id,
                    Map.of("bit", String.valueOf(id % 32))));
        }
        return plan;
    }

    static InjectionExecutor executor(long runMillis) {
        return injection -> {
            long ms = runMillis + (injection.id() * 37L) % Math.max(1, runMillis);
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new InjectionResult(injection, expectedOutcome(injection.id()), true, 0, ms, "",
                    Thread.currentThread().getName());
        };
    }

    @Override
    public List<Injection> plan(Config config) {
        return plan(config.getInt("synthetic.injections"));
    }

    @Override
    public InjectionExecutor executor(Config config) {
        return executor(config.getDuration("synthetic.run-millis").toMillis());
    }
}
