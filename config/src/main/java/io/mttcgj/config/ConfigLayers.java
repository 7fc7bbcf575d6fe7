package io.mttcgj.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads and merges the configuration layers (lowest priority first): every reference.conf on the
 * classpath, application.conf on the classpath, application.conf in the working directory, each
 * --config file, then the command-line overrides. Every file layer is checked against the keys of
 * reference.conf under "mttcg" so that a misspelt key is an error instead of being silently ignored.
 * System properties are deliberately not a layer: a launch depends only on files and flags.
 */
final class ConfigLayers {
    static final String ROOT = "mttcg";

    private ConfigLayers() {
    }

    static Config merge(ClassLoader loader, Path workDir, List<String> configFiles, Config overrides)
            throws UsageException {
        Config reference = parse("reference.conf on the classpath",
                () -> ConfigFactory.parseResources(loader, "reference.conf"));
        KeySet known = KeySet.of(reference);

        List<Config> layers = new ArrayList<>(); // lowest priority first
        layers.add(checked(known, "application.conf on the classpath",
                parse("application.conf on the classpath",
                        () -> ConfigFactory.parseResources(loader, "application.conf"))));
        Path local = workDir.resolve("application.conf");
        if (Files.isRegularFile(local)) {
            layers.add(checked(known, local.toString(), parseFile(local, local.toString())));
        }
        for (String name : configFiles) {
            Path file = workDir.resolve(name);
            if (!Files.exists(file)) {
                throw new UsageException("mttcg: config file '" + name + "' (--config) does not exist");
            }
            if (!Files.isRegularFile(file)) {
                throw new UsageException("mttcg: config file '" + name + "' (--config) is not a regular file");
            }
            if (!Files.isReadable(file)) {
                throw new UsageException("mttcg: config file '" + name + "' (--config) is not readable");
            }
            layers.add(checked(known, name, parseFile(file, name)));
        }
        layers.add(overrides);

        Config merged = reference;
        for (Config layer : layers) {
            merged = layer.withFallback(merged);
        }
        try {
            return merged.resolve();
        } catch (ConfigException e) {
            throw new UsageException("mttcg: cannot resolve the configuration: " + e.getMessage());
        }
    }

    private interface Parser {
        Config parse();
    }

    private static Config parse(String source, Parser parser) throws UsageException {
        try {
            return parser.parse();
        } catch (ConfigException e) {
            throw new UsageException("mttcg: cannot parse " + source + ": " + e.getMessage());
        }
    }

    private static Config parseFile(Path file, String name) throws UsageException {
        ConfigParseOptions options = ConfigParseOptions.defaults().setAllowMissing(false).setOriginDescription(name);
        return parse("config file '" + name + "'", () -> ConfigFactory.parseFile(file.toFile(), options));
    }

    private static Config checked(KeySet known, String source, Config layer) throws UsageException {
        ConfigValue root = layer.root().get(ROOT);
        if (root == null) {
            return layer;
        }
        if (!(root instanceof ConfigObject object)) {
            throw new UsageException("mttcg: '" + ROOT + "' in " + source + " must be an object (" + ROOT + " { ... })");
        }
        checkObject(known, source, List.of(ROOT), object);
        return layer;
    }

    private static void checkObject(KeySet known, String source, List<String> path, ConfigObject object)
            throws UsageException {
        for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
            List<String> childPath = new ArrayList<>(path);
            childPath.add(e.getKey());
            String key = ConfigUtil.joinPath(childPath);
            ConfigValue value = e.getValue();
            if (known.sections().contains(key)) {
                if (!(value instanceof ConfigObject child)) {
                    throw new UsageException("mttcg: config key '" + key + "' in " + source + where(value)
                            + " is a section: set the keys inside it (" + known.example(key) + ")");
                }
                checkObject(known, source, childPath, child);
            } else if (!known.leaves().contains(key)) {
                String hint = known.closest(key);
                throw new UsageException("mttcg: unknown config key '" + key + "' in " + source + where(value)
                        + (hint == null ? "" : "; did you mean '" + hint + "'?"));
            }
        }
    }

    private static String where(ConfigValue value) {
        int line = value.origin().lineNumber();
        return line > 0 ? " (line " + line + ")" : "";
    }

    /** The keys reference.conf defines under "mttcg": leaves (values) and sections (objects). */
    record KeySet(Set<String> leaves, Set<String> sections) {
        static KeySet of(Config reference) {
            KeySet keys = new KeySet(new TreeSet<>(), new TreeSet<>());
            ConfigValue root = reference.root().get(ROOT);
            if (root instanceof ConfigObject object) {
                keys.collect(List.of(ROOT), object);
            }
            return keys;
        }

        private void collect(List<String> path, ConfigObject object) {
            for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
                List<String> childPath = new ArrayList<>(path);
                childPath.add(e.getKey());
                String key = ConfigUtil.joinPath(childPath);
                if (e.getValue() instanceof ConfigObject child) {
                    sections.add(key);
                    collect(childPath, child);
                } else {
                    leaves.add(key);
                }
            }
        }

        String example(String section) {
            return leaves.stream().filter(k -> k.startsWith(section + ".")).findFirst().orElse(section);
        }

        /** The known key nearest to a misspelt one, if it is only a couple of edits away. */
        String closest(String key) {
            String best = null;
            int bestDistance = 3;
            for (String candidate : leaves) {
                int d = editDistance(key, candidate);
                if (d < bestDistance) {
                    best = candidate;
                    bestDistance = d;
                }
            }
            return best;
        }

        private static int editDistance(String a, String b) {
            int[] previous = new int[b.length() + 1];
            int[] current = new int[b.length() + 1];
            for (int j = 0; j <= b.length(); j++) {
                previous[j] = j;
            }
            for (int i = 1; i <= a.length(); i++) {
                current[0] = i;
                for (int j = 1; j <= b.length(); j++) {
                    int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                    current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
                }
                int[] t = previous;
                previous = current;
                current = t;
            }
            return previous[b.length()];
        }
    }
}
