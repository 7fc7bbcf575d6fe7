package io.mttcgj.experiments.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValueFactory;
import io.mttcgj.config.UsageException;
import io.mttcgj.experiments.campaign.Injection;
import io.mttcgj.experiments.campaign.InjectionExecutor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * {@code bin/mttcg campaign --role coordinator|worker [--config FILE] ...}: one node of a campaign
 * that runs on an Apache Pekko Cluster. The coordinator writes the report and exits 0 once every
 * injection is classified; a worker exits when the coordinator has left.
 */
public final class ClusterCommand {
    static final String USAGE = """
            usage: mttcg campaign --role coordinator|worker [--config FILE]... [options]
              --role R            coordinator (hands out the injections, writes the report) or worker
              --config FILE       configuration file: cluster { } (see the experiments reference.conf) and the campaign
              --host H            address this node binds to and is reached at       (cluster.host)
              --port P            this node's port; 0 = any free port                 (cluster.<role>.port)
              --seed-nodes LIST   nodes to join, HOST:PORT,... (the coordinator)      (cluster.seed-nodes)
              --parallelism N     worker: injections run at once; 0 = one per core    (cluster.worker.parallelism)
              --min-workers N     coordinator: worker nodes to wait for               (cluster.coordinator.min-worker-nodes)
              --out DIR           coordinator: report directory                       (cluster.coordinator.output-dir)
            """;

    private ClusterCommand() {
    }

    /** The launcher's entry: the campaign of the config's {@code campaign { }} block (MachineCampaign). */
    public static void main(String[] args) {
        System.exit(run(args, new io.mttcgj.experiments.campaign.MachineCampaign(Path.of("")), System.out, System.err));
    }

    /** Runs one node until it is done; returns the exit status (0 done, 1 campaign failed, 2 usage error). */
    public static int run(String[] args, ClusterCampaign campaign, PrintStream out, PrintStream err) {
        try {
            Config config = configure(args, Path.of(""));
            ClusterSettings settings = ClusterSettings.from(config);
            return settings.role() == ClusterSettings.Role.COORDINATOR
                    ? runCoordinator(settings, campaign.plan(config), line -> out.println(line), err)
                    : runWorker(settings, executors(campaign, config, settings.parallelism()), out::println);
        } catch (UsageException e) {
            (e.exitStatus() == 0 ? out : err).println(e.getMessage());
            return e.exitStatus();
        }
    }

    private static List<InjectionExecutor> executors(ClusterCampaign campaign, Config config, int n)
            throws UsageException {
        List<InjectionExecutor> executors = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            executors.add(campaign.executor(config));
        }
        return executors;
    }

    private static int runCoordinator(ClusterSettings settings, List<Injection> plan, Consumer<String> out,
            PrintStream err) throws UsageException {
        if (plan.isEmpty()) {
            throw new UsageException("mttcg campaign: the campaign has no injections");
        }
        long start = System.currentTimeMillis();
        AtomicReference<String> failure = new AtomicReference<>("the coordinator stopped before the campaign was complete");
        Consumer<CampaignLedger> onDone = ledger -> {
            long wall = System.currentTimeMillis() - start;
            try {
                CampaignReport.write(settings.outputDir(), ledger, wall);
                failure.set(null);
                out.accept("campaign done: " + ledger.total() + " injections classified in " + wall + " ms, "
                        + ledger.duplicates() + " duplicate result(s) dropped, " + ledger.redone().size()
                        + " run(s) redone; report in " + settings.outputDir());
            } catch (IOException e) {
                failure.set("cannot write the report to " + settings.outputDir() + ": " + e.getMessage());
            }
        };
        ActorSystem<?> system = start(settings,
                ClusterNodes.coordinator(plan, settings.minWorkerNodes(), out, onDone));
        if (settings.seedNodes().isEmpty()) {
            Cluster cluster = Cluster.get(system);
            cluster.manager().tell(Join.create(cluster.selfMember().address()));
        }
        awaitTermination(system);
        if (failure.get() != null) {
            err.println("mttcg campaign: " + failure.get());
            return 1;
        }
        return 0;
    }

    private static int runWorker(ClusterSettings settings, List<InjectionExecutor> executors, Consumer<String> out)
            throws UsageException {
        ActorSystem<?> system = start(settings, ClusterNodes.worker(executors, settings.resultTimeout(), out));
        awaitTermination(system);
        out.accept("worker: stopped");
        return 0;
    }

    private static <T> ActorSystem<T> start(ClusterSettings settings, org.apache.pekko.actor.typed.Behavior<T> guardian)
            throws UsageException {
        try {
            return ActorSystem.create(guardian, settings.systemName(), settings.actorSystemConfig());
        } catch (RuntimeException e) {
            throw new UsageException("mttcg campaign: cannot start the cluster node at " + settings.host() + ":"
                    + settings.port() + ": " + e.getMessage(), 1);
        }
    }

    private static void awaitTermination(ActorSystem<?> system) {
        try {
            system.getWhenTerminated().toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            system.terminate();
        } catch (ExecutionException e) {
            // terminated anyway
        }
    }

    /** The reference defaults, each --config file over them, then the command-line flags. */
    static Config configure(String[] args, Path workDir) throws UsageException {
        List<String> files = new ArrayList<>();
        Config flags = ConfigFactory.empty();
        String port = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                throw new UsageException(USAGE, 0);
            }
            if (i + 1 >= args.length) {
                throw new UsageException("mttcg campaign: " + (a.startsWith("--") ? a + " needs a value"
                        : "unexpected argument '" + a + "'") + "\n" + USAGE);
            }
            String v = args[++i];
            switch (a) {
                case "--config" -> files.add(v);
                case "--role" -> flags = set(flags, "cluster.role", ClusterSettings.Role.parse(v, "--role").configName());
                case "--host" -> flags = set(flags, "cluster.host", v);
                case "--port" -> port = v;
                case "--seed-nodes" -> flags = set(flags, "cluster.seed-nodes",
                        Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
                case "--parallelism" -> flags = set(flags, "cluster.worker.parallelism", integer(a, v));
                case "--min-workers" -> flags = set(flags, "cluster.coordinator.min-worker-nodes", integer(a, v));
                case "--out" -> flags = set(flags, "cluster.coordinator.output-dir", v);
                default -> throw new UsageException("mttcg campaign: unknown option '" + a + "'\n" + USAGE);
            }
        }
        Config merged = ConfigFactory.defaultReference();
        for (String name : files) {
            Path file = workDir.resolve(name);
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new UsageException("mttcg campaign: config file '" + name + "' (--config) is not a readable file");
            }
            try {
                merged = ConfigFactory.parseFile(file.toFile(),
                        ConfigParseOptions.defaults().setAllowMissing(false)).withFallback(merged);
            } catch (ConfigException e) {
                throw new UsageException("mttcg campaign: cannot parse config file '" + name + "': " + e.getMessage());
            }
        }
        merged = flags.withFallback(merged);
        if (port != null) {
            String role = merged.hasPath("cluster.role") ? merged.getString("cluster.role") : "";
            if (role.isEmpty()) {
                throw new UsageException("mttcg campaign: --port needs a role (--role coordinator|worker)");
            }
            merged = set(merged, "cluster." + ClusterSettings.Role.parse(role, "cluster.role").configName() + ".port",
                    integer("--port", port));
        }
        try {
            return merged.resolve();
        } catch (ConfigException e) {
            throw new UsageException("mttcg campaign: cannot resolve the configuration: " + e.getMessage());
        }
    }

    private static Config set(Config c, String path, Object value) {
        return c.withValue(path, ConfigValueFactory.fromAnyRef(value));
    }

    private static int integer(String flag, String v) throws UsageException {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException("mttcg campaign: " + flag + " needs a whole number, not '" + v + "'");
        }
    }
}
