package io.mttcgj.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOriginFactory;
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
 * --config file, the --profile block chosen from them, then the command-line overrides. Every file layer
 * is checked against the keys of reference.conf under "mttcg" so that a misspelt key is an error instead
 * of being silently ignored; so is every profile, a block {@code mttcg.profiles.NAME { ... }} holding the
 * same keys as {@code mttcg { ... }}.
 * System properties are deliberately not a layer: a launch depends only on files and flags.
 */
final class ConfigLayers {
    static final String ROOT = "mttcg";
    static final String PROFILES = ROOT + ".profiles";

    private ConfigLayers() {
    }

    static Config merge(ClassLoader loader, Path workDir, List<String> configFiles, String profile,
                        Config overrides) throws UsageException {
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

        Config files = reference;
        for (Config layer : layers) {
            files = layer.withFallback(files);
        }
        files = resolve(files);
        // Profiles are checked once resolved, so that one may be built on another (${...} substitution).
        if (!files.hasPath(PROFILES)) {
            throw new UsageException("mttcg: config key '" + PROFILES + "' must hold named profiles, not null");
        }
        checkProfiles(known, files.getValue(PROFILES));
        Config merged = files;
        if (profile != null) {
            merged = profileLayer(files, profile, configFiles).withFallback(merged);
        }
        return resolve(overrides.withFallback(merged));
    }

    private static Config resolve(Config config) throws UsageException {
        try {
            return config.resolve();
        } catch (ConfigException e) {
            throw new UsageException("mttcg: cannot resolve the configuration: " + e.getMessage());
        }
    }

    /**
     * The profile's keys moved under "mttcg", each value's origin renamed "profile 'NAME' in FILE: LINE" so
     * that a bad value is reported with the profile it came from.
     */
    private static Config profileLayer(Config files, String name, List<String> configFiles) throws UsageException {
        ConfigObject profiles = (ConfigObject) files.getValue(PROFILES); // reference.conf defines it as {}
        if (!(profiles.get(name) instanceof ConfigObject profile)) {
            String given = configFiles.isEmpty() ? "no --config file was given"
                    : "config files: " + String.join(", ", configFiles);
            throw new UsageException("mttcg: unknown profile '" + name + "' (--profile): " + (profiles.isEmpty()
                    ? "no profiles are defined (" + given + "); write them in a config file as " + PROFILES + "."
                            + name + " { cpus = 2, ... }"
                    : "defined are " + String.join(", ", new TreeSet<>(profiles.keySet())) + " (" + given + ")"));
        }
        Config layer = ConfigFactory.empty("profile '" + name + "'");
        for (Map.Entry<String, ConfigValue> e : profile.toConfig().entrySet()) {
            ConfigValue v = e.getValue();
            String origin = "profile '" + name + "' in " + v.origin().description();
            layer = layer.withValue(ROOT + "." + e.getKey(), v.withOrigin(ConfigOriginFactory.newSimple(origin)));
        }
        return layer;
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
        checkObject(known, source, List.of(ROOT), "", object);
        return layer;
    }

    /**
     * Checks the keys of {@code object}, found at {@code path} (a path reference.conf knows). Inside a profile
     * the keys are reported with {@code shownPrefix} ("mttcg.profiles.NAME.") in place of "mttcg.". A null
     * {@code source} means: name each value's own origin (file and line), for values merged from several files.
     */
    private static void checkObject(KeySet known, String source, List<String> path, String shownPrefix,
                                    ConfigObject object) throws UsageException {
        for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
            List<String> childPath = new ArrayList<>(path);
            childPath.add(e.getKey());
            String key = ConfigUtil.joinPath(childPath);
            String shown = shown(shownPrefix, key);
            ConfigValue value = e.getValue();
            if (key.equals(PROFILES)) {
                if (!shownPrefix.isEmpty()) {
                    throw new UsageException("mttcg: config key '" + shown + "' in " + where(source, value)
                            + ": a profile cannot define profiles");
                }
                // top level: checked by checkProfiles once the layers are merged and resolved
            } else if (known.sections().contains(key)) {
                if (!(value instanceof ConfigObject child)) {
                    throw new UsageException("mttcg: config key '" + shown + "' in " + where(source, value)
                            + " is a section: set the keys inside it (" + shown(shownPrefix, known.example(key)) + ")");
                }
                checkObject(known, source, childPath, shownPrefix, child);
            } else if (!known.leaves().contains(key)) {
                String hint = known.closest(key);
                throw new UsageException("mttcg: unknown config key '" + shown + "' in " + where(source, value)
                        + (hint == null ? "" : "; did you mean '" + shown(shownPrefix, hint) + "'?"));
            }
        }
    }

    private static void checkProfiles(KeySet known, ConfigValue profiles) throws UsageException {
        String example = " (" + PROFILES + ".NAME { cpus = 2, ... })";
        if (!(profiles instanceof ConfigObject object)) {
            throw new UsageException("mttcg: config key '" + PROFILES + "' in " + profiles.origin().description()
                    + " must hold named profiles" + example);
        }
        for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
            String path = ConfigUtil.joinPath(ROOT, "profiles", e.getKey());
            if (!(e.getValue() instanceof ConfigObject profile)) {
                throw new UsageException("mttcg: profile '" + path + "' in " + e.getValue().origin().description()
                        + " must be a block of launch keys" + example);
            }
            checkObject(known, null, List.of(ROOT), path + ".", profile);
        }
    }

    /** A key under "mttcg" as the user wrote it: inside a profile, under its prefix. */
    private static String shown(String shownPrefix, String key) {
        return shownPrefix.isEmpty() ? key : shownPrefix + key.substring(ROOT.length() + 1);
    }

    private static String where(String source, ConfigValue value) {
        if (source == null) {
            return value.origin().description();
        }
        int line = value.origin().lineNumber();
        return source + (line > 0 ? " (line " + line + ")" : "");
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
