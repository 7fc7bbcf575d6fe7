package io.mttcgj.experiments.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.mttcgj.config.MachineConfig;
import io.mttcgj.config.UsageException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a sweep file against the keys of reference.conf (mttcg.sweep). Every error names the key, the
 * value, the file and line, and what is allowed, and is raised before anything runs.
 */
final class SweepConfigReader {
    static final String ROOT = "mttcg.sweep";
    private static final String ENV = ROOT + ".compare.env";
    /** Options the sweep sets per run, or that only our emulator understands (the comparison shares args). */
    private static final List<String> SET_BY_SWEEP =
            List.of("-smp", "-accel", "-stats-json", "-stats", "-timeout", "-config", "-profile");
    private static final List<String> THREAD_MODES = List.of("multi", "single");

    private final Path file;
    private Config c;

    SweepConfigReader(Path file) {
        this.file = file;
    }

    SweepConfig read(Path outputOverride, Integer repeatsOverride) throws UsageException {
        Config user = parseFile();
        Config reference;
        try {
            reference = ConfigFactory.parseResources(SweepConfigReader.class.getClassLoader(), "reference.conf");
        } catch (ConfigException e) {
            throw new UsageException("mttcg sweep: cannot parse reference.conf on the classpath: " + e.getMessage());
        }
        checkKeys(user, reference);
        try {
            c = user.withFallback(reference).resolve();
        } catch (ConfigException e) {
            throw new UsageException("mttcg sweep: cannot resolve " + file + ": " + e.getMessage());
        }

        List<String> args = stringList(ROOT + ".args");
        MachineConfig machine = workload(args);
        List<Integer> vcpus = vcpus(ROOT + ".vcpus");
        List<String> threads = threadModes(ROOT + ".threads");
        int repeats = repeatsOverride != null ? checkedRepeats(repeatsOverride) : intIn(ROOT + ".repeats", 1, 100);
        SweepConfig.Work work = switch (oneOf(ROOT + ".work", List.of("per-vcpu", "total"))) {
            case "total" -> SweepConfig.Work.TOTAL;
            default -> SweepConfig.Work.PER_VCPU;
        };
        Duration timeout = duration(ROOT + ".timeout");
        String expect = string(ROOT + ".expect-output");
        String outputText = string(ROOT + ".output-dir");
        if (outputOverride == null && outputText.isBlank()) {
            throw invalid(ROOT + ".output-dir", outputText, "must name a directory");
        }
        Path output = outputOverride != null ? outputOverride : Path.of(outputText);
        String title = string(ROOT + ".title");
        if (title.isBlank()) {
            title = Path.of(machine.kernel()).getFileName() + (machine.append().isEmpty() ? "" : " " + machine.append());
        }
        List<String> javaOptions = stringList(ROOT + ".java-options");
        return new SweepConfig(args, vcpus, threads, repeats, work, timeout, expect, output, title, javaOptions,
                comparison(), machine);
    }

    private Config parseFile() throws UsageException {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("mttcg sweep: config file '" + file + "' "
                    + (Files.exists(file) ? "is not a regular file" : "does not exist"));
        }
        if (!Files.isReadable(file)) {
            throw new UsageException("mttcg sweep: config file '" + file + "' is not readable");
        }
        try {
            return ConfigFactory.parseFile(file.toFile(),
                    ConfigParseOptions.defaults().setAllowMissing(false).setOriginDescription(file.toString()));
        } catch (ConfigException e) {
            throw new UsageException("mttcg sweep: cannot parse config file '" + file + "': " + e.getMessage());
        }
    }

    /** A sweep file holds mttcg.sweep { ... } and nothing else, with only the keys reference.conf documents. */
    private void checkKeys(Config user, Config reference) throws UsageException {
        for (Map.Entry<String, ConfigValue> e : user.entrySet()) {
            String key = e.getKey();
            ConfigValue value = e.getValue();
            if (!key.startsWith(ROOT + ".")) {
                throw unknown(key, value, "a sweep file holds only " + ROOT + " { ... } keys");
            }
            if (key.startsWith(ENV + ".")) {
                if (value.valueType() == ConfigValueType.LIST || value.valueType() == ConfigValueType.OBJECT) {
                    throw new UsageException("mttcg sweep: invalid value for " + key + " (" + origin(value)
                            + "): an environment variable must be a string");
                }
                continue;
            }
            if (reference.hasPath(key) && reference.getValue(key).valueType() == ConfigValueType.OBJECT) {
                throw new UsageException("mttcg sweep: config key '" + key + "' in " + origin(value)
                        + " is a section: set the keys inside it (" + siblings(reference, key + ".x") + ")");
            }
            if (!reference.hasPath(key)) {
                throw unknown(key, value, "known keys here are " + siblings(reference, key));
            }
        }
    }

    private static UsageException unknown(String key, ConfigValue value, String hint) {
        return new UsageException("mttcg sweep: unknown config key '" + key + "' in " + origin(value) + ": " + hint);
    }

    /** The keys documented next to where {@code key} was expected (under its deepest existing parent). */
    private static String siblings(Config reference, String key) {
        String parent = key;
        while (parent.contains(".")) {
            parent = parent.substring(0, parent.lastIndexOf('.'));
            if (reference.hasPath(parent) && reference.getValue(parent) instanceof ConfigObject object) {
                String prefix = parent + ".";
                return String.join(", ", new TreeSet<>(object.keySet()).stream().map(n -> prefix + n).toList());
            }
        }
        return ROOT + ".*";
    }

    private MachineConfig workload(List<String> args) throws UsageException {
        String key = ROOT + ".args";
        if (args.isEmpty()) {
            throw invalid(key, "[]", "must give the guest's arguments, at least -kernel FILE");
        }
        for (String a : args) {
            String flag = a.startsWith("--") ? a.substring(1) : a;
            if (SET_BY_SWEEP.contains(flag)) {
                throw invalid(key, a, "must not contain " + a + ": the sweep sets -smp (from " + ROOT + ".vcpus), "
                        + "-accel (from the thread modes) and its statistics itself, and the comparison emulator "
                        + "gets the same arguments");
            }
        }
        MachineConfig machine;
        try {
            machine = SweepConfig.launchConfig(args);
        } catch (UsageException e) {
            throw new UsageException("mttcg sweep: " + key + " (" + origin(value(key)) + ") is not a valid launch: "
                    + e.getMessage());
        }
        if (machine.kernel() == null) {
            throw invalid(key, shown(value(key)), "must give the workload image with -kernel FILE");
        }
        if (!Files.isRegularFile(Path.of(machine.kernel()))) {
            throw invalid(key, machine.kernel(), "the workload image (-kernel) does not exist (relative paths are"
                    + " resolved from " + Path.of("").toAbsolutePath() + ")");
        }
        return machine;
    }

    private SweepConfig.Comparison comparison() throws UsageException {
        String key = ROOT + ".compare.command";
        List<String> command = stringList(key);
        if (command.isEmpty()) {
            return null;
        }
        if (!executable(command.get(0))) {
            throw invalid(key, command.get(0), "the comparison command is not an executable file or on the PATH");
        }
        String name = string(ROOT + ".compare.name");
        if (name.isBlank() || name.equals(SweepRunner.OURS) || name.contains(",")) {
            throw invalid(ROOT + ".compare.name", name, "must be a name other than '" + SweepRunner.OURS
                    + "', without commas");
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : c.getObject(ENV).unwrapped().entrySet()) {
            env.put(e.getKey(), String.valueOf(e.getValue()));
        }
        return new SweepConfig.Comparison(command, name, threadModes(ROOT + ".compare.threads"), env);
    }

    private static boolean executable(String command) {
        if (command.contains(File.separator)) {
            return Files.isExecutable(Path.of(command));
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                    return true;
                }
            }
        }
        return false;
    }

    private List<Integer> vcpus(String key) throws UsageException {
        ConfigValue v = value(key);
        String allowed = "must be a list of distinct vCPU counts 1..8 that includes 1 (the speedup baseline),"
                + " e.g. [1, 2, 4]";
        if (v.valueType() != ConfigValueType.LIST) {
            throw invalid(key, shown(v), allowed);
        }
        TreeSet<Integer> counts = new TreeSet<>();
        for (Object item : (List<?>) v.unwrapped()) {
            String text = String.valueOf(item).trim();
            if (!text.matches("[0-9]{1,2}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 8
                    || !counts.add(Integer.parseInt(text))) {
                throw invalid(key, shown(v), allowed + " (bad entry: " + text + ")");
            }
        }
        if (!counts.contains(1)) {
            throw invalid(key, shown(v), allowed);
        }
        return List.copyOf(counts);
    }

    private List<String> threadModes(String key) throws UsageException {
        List<String> modes = stringList(key);
        String allowed = "must be a non-empty list of distinct thread modes: multi, single";
        if (modes.isEmpty() || modes.stream().distinct().count() != modes.size()) {
            throw invalid(key, shown(value(key)), allowed);
        }
        for (String m : modes) {
            if (!THREAD_MODES.contains(m)) {
                throw invalid(key, shown(value(key)), allowed + " (bad entry: " + m + ")");
            }
        }
        return modes;
    }

    private static int checkedRepeats(int repeats) throws UsageException {
        if (repeats < 1 || repeats > 100) {
            throw new UsageException("mttcg sweep: invalid value '" + repeats + "' for --repeats: must be 1..100");
        }
        return repeats;
    }

    private ConfigValue value(String key) throws UsageException {
        try {
            return c.getValue(key);
        } catch (ConfigException e) {
            throw new UsageException("mttcg sweep: missing value for " + key + " in " + file + " (it must not be null)");
        }
    }

    private UsageException invalid(String key, String value, String allowed) {
        return new UsageException("mttcg sweep: invalid value '" + value + "' for " + key + " ("
                + origin(c.getValue(key)) + "): " + allowed);
    }

    private static String origin(ConfigValue v) {
        return v.origin().description();
    }

    private static String shown(ConfigValue v) {
        return v.valueType() == ConfigValueType.STRING ? (String) v.unwrapped() : v.render(ConfigRenderOptions.concise());
    }

    private String string(String key) throws UsageException {
        ConfigValue v = value(key);
        if (v.valueType() == ConfigValueType.LIST || v.valueType() == ConfigValueType.OBJECT) {
            throw invalid(key, shown(v), "must be a string");
        }
        return c.getString(key);
    }

    private String oneOf(String key, List<String> allowed) throws UsageException {
        String s = string(key);
        if (!allowed.contains(s)) {
            throw invalid(key, s, "must be one of " + String.join(", ", allowed));
        }
        return s;
    }

    private int intIn(String key, int min, int max) throws UsageException {
        ConfigValue v = value(key);
        String text = String.valueOf(v.unwrapped()).trim();
        if (!text.matches("[0-9]{1,9}") || Integer.parseInt(text) < min || Integer.parseInt(text) > max) {
            throw invalid(key, shown(v), "must be an integer between " + min + " and " + max);
        }
        return Integer.parseInt(text);
    }

    private List<String> stringList(String key) throws UsageException {
        ConfigValue v = value(key);
        String allowed = "must be a list of strings, e.g. [\"a\", \"b\"]";
        if (v.valueType() != ConfigValueType.LIST) {
            throw invalid(key, shown(v), allowed);
        }
        List<String> out = new ArrayList<>();
        for (Object item : (List<?>) v.unwrapped()) {
            if (item instanceof List || item instanceof Map || item == null) {
                throw invalid(key, shown(v), allowed);
            }
            out.add(String.valueOf(item));
        }
        return out;
    }

    private Duration duration(String key) throws UsageException {
        ConfigValue v = value(key);
        String reason = "must be a positive duration with a unit, such as 90s or 10m";
        if (v.valueType() != ConfigValueType.STRING) {
            throw invalid(key, shown(v), reason); // a bare number would silently mean milliseconds
        }
        Duration d;
        try {
            d = c.getDuration(key);
        } catch (ConfigException e) {
            throw invalid(key, shown(v), reason);
        }
        if (d.isZero() || d.isNegative()) {
            throw invalid(key, shown(v), reason);
        }
        return d;
    }
}
