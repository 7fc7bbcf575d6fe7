package io.mttcgj.experiments.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.mttcgj.config.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code cluster { }} block of the configuration, with the command-line overrides applied.
 *
 * @param role            this node's role
 * @param systemName      actor system name, the same on every node of a campaign
 * @param host            the address this node binds and is reached at
 * @param port            this node's port (0 = any free port)
 * @param seedNodes       seed node addresses ({@code pekko://system@host:port}); empty on the coordinator = itself
 * @param parallelism     worker: injections run at the same time on this node
 * @param minWorkerNodes  coordinator: worker nodes to wait for before handing out injections
 * @param outputDir       coordinator: where results.csv and summary.txt go
 * @param resultTimeout   worker: how long to wait for the coordinator's ack of a result before resending it
 * @param joinTimeout     worker: give up (exit) when the seed nodes cannot be joined within this time
 * @param pekko           the cluster node's Pekko configuration ({@code cluster.pekko}, as a {@code pekko} root)
 */
public record ClusterSettings(Role role, String systemName, String host, int port, List<String> seedNodes,
        int parallelism, int minWorkerNodes, Path outputDir, Duration resultTimeout, Duration joinTimeout,
        Config pekko) {

    public enum Role {
        COORDINATOR, WORKER;

        String configName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Role parse(String s, String where) throws UsageException {
            for (Role r : values()) {
                if (r.configName().equals(s)) {
                    return r;
                }
            }
            throw new UsageException("mttcg campaign: " + where + " must be 'coordinator' or 'worker', not '" + s + "'");
        }
    }

    /** Reads {@code cluster} from {@code config} (which has the reference defaults as fallback). */
    public static ClusterSettings from(Config config) throws UsageException {
        try {
            Config c = config.getConfig("cluster");
            String roleName = c.getString("role");
            if (roleName.isEmpty()) {
                throw new UsageException("mttcg campaign: no node role: give --role coordinator|worker (or cluster.role)");
            }
            Role role = Role.parse(roleName, "--role (cluster.role)");
            Config roleBlock = c.getConfig(role.configName());
            String systemName = c.getString("system-name");
            if (!systemName.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
                throw new UsageException("mttcg campaign: cluster.system-name '" + systemName
                        + "' must be letters, digits, '-' and '_'");
            }
            String host = c.getString("host");
            int port = roleBlock.getInt("port");
            if (port < 0 || port > 65535) {
                throw new UsageException("mttcg campaign: cluster." + role.configName() + ".port " + port
                        + " is not a port number (0..65535)");
            }
            List<String> seeds = new ArrayList<>();
            for (String s : c.getStringList("seed-nodes")) {
                seeds.add(seedAddress(systemName, s.trim()));
            }
            if (role == Role.WORKER && seeds.isEmpty()) {
                throw new UsageException("mttcg campaign: a worker needs the coordinator's address: "
                        + "--seed-nodes HOST:PORT (or cluster.seed-nodes)");
            }
            int parallelism = c.getInt("worker.parallelism");
            if (parallelism == 0) {
                parallelism = Runtime.getRuntime().availableProcessors();
            }
            if (parallelism < 1 || parallelism > 256) {
                throw new UsageException("mttcg campaign: cluster.worker.parallelism " + parallelism
                        + " must be 1..256 (0 = one per core)");
            }
            int minWorkers = c.getInt("coordinator.min-worker-nodes");
            if (minWorkers < 1) {
                throw new UsageException("mttcg campaign: cluster.coordinator.min-worker-nodes must be at least 1");
            }
            Duration resultTimeout = positive(c, "worker.result-timeout");
            Duration joinTimeout = positive(c, "worker.join-timeout");
            Path out = Path.of(c.getString("coordinator.output-dir"));
            return new ClusterSettings(role, systemName, host, port, List.copyOf(seeds), parallelism, minWorkers,
                    out, resultTimeout, joinTimeout, c.getConfig("pekko").atKey("pekko"));
        } catch (ConfigException e) {
            throw new UsageException("mttcg campaign: bad cluster configuration: " + e.getMessage());
        }
    }

    private static Duration positive(Config c, String key) throws UsageException {
        Duration d = c.getDuration(key);
        if (d.isZero() || d.isNegative()) {
            throw new UsageException("mttcg campaign: cluster." + key + " must be positive");
        }
        return d;
    }

    /** "host:port" becomes pekko://system@host:port; a full pekko:// address is kept as is. */
    static String seedAddress(String systemName, String seed) throws UsageException {
        if (seed.startsWith("pekko://")) {
            return seed;
        }
        int colon = seed.lastIndexOf(':');
        if (colon <= 0 || colon == seed.length() - 1) {
            throw new UsageException("mttcg campaign: seed node '" + seed + "' must be HOST:PORT or pekko://"
                    + systemName + "@HOST:PORT");
        }
        String portText = seed.substring(colon + 1);
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new UsageException("mttcg campaign: seed node '" + seed + "' has no valid port");
        }
        return "pekko://" + systemName + "@" + seed.substring(0, colon) + ":" + port;
    }

    /** The configuration of this node's actor system: cluster.pekko, this node's address, role and seeds. */
    Config actorSystemConfig() {
        Config node = ConfigFactory.empty()
                .withValue("pekko.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(host))
                .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(port))
                .withValue("pekko.cluster.roles", ConfigValueFactory.fromIterable(List.of(role.configName())))
                .withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(seedNodes));
        if (role == Role.WORKER) {
            node = node.withValue("pekko.cluster.shutdown-after-unsuccessful-join-seed-nodes",
                    ConfigValueFactory.fromAnyRef(joinTimeout.toMillis() + "ms"));
        }
        return node.withFallback(pekko).withFallback(ConfigFactory.defaultReference()).resolve();
    }
}
