package io.mttcgj.experiments.campaign;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fault-injection campaign, read from the {@code campaign} block of a config file over the defaults in
 * reference.conf, and validated before anything runs.
 *
 * @param explicit    injections listed in the file (targets chosen by hand)
 * @param randomCount how many random injections to add (drawn after the golden run, with {@code seed})
 */
public record CampaignConfig(Path kernel, String append, int cpus, String memory, int icountShift,
        List<String> machineArgs, Path goldenOutput, Path outputDir, int workers, Duration runTimeout,
        double hangFactor, String onVcpuCrash, Set<Integer> guestDetectedExitCodes, long ramFrom, long ramTo,
        List<Injection> explicit, long seed, int randomCount, List<FaultModel> randomModels) {

    private static final String ROOT = "campaign.";

    /** Reads {@code file} (a HOCON file with a {@code campaign} block); relative paths resolve against {@code cwd}. */
    public static CampaignConfig load(Path file, Path cwd) throws CampaignConfigException {
        if (!Files.isRegularFile(file)) {
            throw new CampaignConfigException("campaign: cannot read config file '" + file + "'");
        }
        Config c;
        try {
            c = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
                    .withFallback(ConfigFactory.parseResources(CampaignConfig.class, "/reference.conf"))
                    .resolve();
        } catch (ConfigException e) {
            throw new CampaignConfigException("campaign: " + e.getMessage());
        }
        return from(c, cwd);
    }

    public static CampaignConfig from(Config c, Path cwd) throws CampaignConfigException {
        try {
            return new Reader(c, cwd).read();
        } catch (ConfigException e) {
            throw new CampaignConfigException("campaign: " + e.getMessage());
        }
    }

    /** The command line of one run (before the campaign adds its own -icount). */
    public List<String> qemuArgs() {
        List<String> a = new ArrayList<>(List.of("-M", "vexpress-a15", "-smp", String.valueOf(cpus), "-m", memory,
                "-nographic", "-semihosting", "-kernel", kernel.toString(), "-icount", "shift=" + icountShift));
        if (!append.isEmpty()) {
            a.add("-append");
            a.add(append);
        }
        a.addAll(machineArgs);
        return a;
    }

    private static final class Reader {
        private final Config c;
        private final Path cwd;

        Reader(Config c, Path cwd) {
            this.c = c;
            this.cwd = cwd;
        }

        CampaignConfig read() throws CampaignConfigException {
            for (String key : c.getConfig("campaign").root().keySet()) {
                if (!Set.of("kernel", "append", "cpus", "memory", "icount-shift", "machine-args", "golden-output",
                        "output-dir", "workers", "run-timeout", "hang-factor", "on-vcpu-crash",
                        "guest-detected-exit-codes", "ram-range", "injections", "random").contains(key)) {
                    throw bad(key, "is not a campaign key (see reference.conf)");
                }
            }
            String kernelText = c.getString(ROOT + "kernel");
            if (kernelText.isEmpty()) {
                throw bad("kernel", "is missing: the guest program to inject faults into");
            }
            Path kernel = cwd.resolve(kernelText);
            if (!Files.isRegularFile(kernel)) {
                throw bad("kernel", "'" + kernelText + "' is not a readable file");
            }
            int cpus = intIn("cpus", 1, 8);
            int shift = intIn("icount-shift", 0, 10);
            String golden = c.getString(ROOT + "golden-output");
            Path goldenOutput = null;
            if (!golden.isEmpty()) {
                goldenOutput = cwd.resolve(golden);
                if (!Files.isRegularFile(goldenOutput)) {
                    throw bad("golden-output", "'" + golden + "' does not exist: give the expected output of the "
                            + "fault-free run, or \"\" to take the golden run's output as it is");
                }
            }
            int workers = intIn("workers", 0, 256);
            if (workers == 0) {
                workers = Runtime.getRuntime().availableProcessors();
            }
            Duration timeout = c.getDuration(ROOT + "run-timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw bad("run-timeout", "must be positive");
            }
            double hang = c.getDouble(ROOT + "hang-factor");
            if (hang < 1) {
                throw bad("hang-factor", "must be at least 1 (the golden run's instructions times this)");
            }
            String crash = c.getString(ROOT + "on-vcpu-crash");
            if (!crash.equals("stop") && !crash.equals("restart")) {
                throw bad("on-vcpu-crash", "'" + crash + "' must be stop or restart");
            }
            Set<Integer> detected = Set.copyOf(c.getIntList(ROOT + "guest-detected-exit-codes"));
            List<String> range = c.getStringList(ROOT + "ram-range");
            if (range.size() != 2) {
                throw bad("ram-range", "must be [FROM, TO] (guest physical addresses)");
            }
            long from = address("ram-range", range.get(0));
            long to = address("ram-range", range.get(1));
            if (from < 0x80000000L || to <= from) {
                throw bad("ram-range", "must lie in RAM (from 0x80000000) with FROM < TO");
            }
            List<Injection> explicit = new ArrayList<>();
            List<? extends Config> list = c.getConfigList(ROOT + "injections");
            for (int i = 0; i < list.size(); i++) {
                explicit.add(injection(i, list.get(i), cpus, from, to));
            }
            long seed = c.getLong(ROOT + "random.seed");
            int count = c.getInt(ROOT + "random.count");
            if (count < 0) {
                throw bad("random.count", "must be 0 or more");
            }
            List<FaultModel> models = new ArrayList<>();
            for (String m : c.getStringList(ROOT + "random.models")) {
                models.add(model("random.models", m));
            }
            if (count > 0 && models.isEmpty()) {
                throw bad("random.models", "is empty but random.count is " + count);
            }
            if (explicit.isEmpty() && count == 0) {
                throw bad("injections", "and random.count give no injection at all");
            }
            return new CampaignConfig(kernel, c.getString(ROOT + "append"), cpus, c.getString(ROOT + "memory"), shift,
                    c.getStringList(ROOT + "machine-args"), goldenOutput, cwd.resolve(c.getString(ROOT + "output-dir")),
                    workers, timeout, hang, crash, detected, from, to, explicit, seed, count, models);
        }

        private Injection injection(int i, Config e, int cpus, long from, long to) throws CampaignConfigException {
            String where = "injections[" + i + "]";
            if (!e.hasPath("model")) {
                throw bad(where + ".model", "is missing (one of " + String.join(", ", FaultModel.ids()) + ")");
            }
            FaultModel m = model(where + ".model", e.getString("model"));
            int vcpu = e.hasPath("vcpu") ? e.getInt("vcpu") : 0;
            if (vcpu < 0 || vcpu >= cpus) {
                throw bad(where + ".vcpu", vcpu + " is out of range: the machine has " + cpus + " vCPU(s)");
            }
            if (!e.hasPath("at")) {
                throw bad(where + ".at", "is missing: the vCPU's instruction count at which to inject");
            }
            long at = e.getLong("at");
            if (at < 0) {
                throw bad(where + ".at", "must be 0 or more");
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (String p : m.params()) {
                if (!e.hasPath(p)) {
                    throw bad(where + "." + p, "is missing: model " + m.id() + " takes " + String.join(", ", m.params()));
                }
                params.put(p, e.getString(p));
            }
            for (String k : e.root().keySet()) {
                if (!k.equals("model") && !k.equals("vcpu") && !k.equals("at") && !m.params().contains(k)) {
                    throw bad(where + "." + k, "is not a parameter of " + m.id()
                            + (m.params().isEmpty() ? " (it takes none)" : " (it takes " + String.join(", ", m.params()) + ")"));
                }
            }
            Injection inj = new Injection(i, m.id(), vcpu, at, params);
            String problem = Injector.checkParams(m, params, from, to);
            if (problem != null) {
                throw bad(where + "." + problem.substring(0, problem.indexOf(' ')), problem.substring(problem.indexOf(' ') + 1));
            }
            return inj;
        }

        private FaultModel model(String key, String id) throws CampaignConfigException {
            FaultModel m = FaultModel.byId(id);
            if (m == null) {
                throw bad(key, "unknown fault model '" + id + "': expected one of " + String.join(", ", FaultModel.ids()));
            }
            return m;
        }

        private int intIn(String key, int min, int max) throws CampaignConfigException {
            int v = c.getInt(ROOT + key);
            if (v < min || v > max) {
                throw bad(key, v + " is out of range " + min + ".." + max);
            }
            return v;
        }

        private long address(String key, String text) throws CampaignConfigException {
            try {
                return Long.decode(text);
            } catch (NumberFormatException e) {
                throw bad(key, "'" + text + "' is not an address");
            }
        }
    }

    static CampaignConfigException bad(String key, String what) {
        return new CampaignConfigException("campaign: bad config: campaign." + key + " " + what);
    }
}
