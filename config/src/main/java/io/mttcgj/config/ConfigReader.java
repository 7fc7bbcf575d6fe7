package io.mttcgj.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates the merged configuration and builds the {@link MachineConfig}. Every error names the key,
 * the offending value, where it came from (the flag or "file: line") and what is allowed.
 */
final class ConfigReader {
    static final long MIB = 1L << 20;
    static final long MIN_MEMORY = MIB;
    static final long MAX_MEMORY = 2047L << 20; // a Java byte[] holds at most 2 GiB - 1 byte; QEMU allows 2G
    /** QEMU rounds the RAM size up to this. */
    static final long MEMORY_ALIGN = 8192;
    static final int MAX_CPUS = 8;
    static final List<String> LOG_LEVELS = List.of("OFF", "ERROR", "WARN", "INFO", "DEBUG", "TRACE");

    private static final Pattern SIZE = Pattern.compile("([0-9]+)(?:\\.([0-9]+))?([bBkKmMgGtTpPeE]?)");
    private static final Pattern BARE_NUMBER = Pattern.compile("[0-9]+");

    private final Config c;

    ConfigReader(Config merged) {
        this.c = merged;
    }

    MachineConfig read(String command, Path workDir) throws UsageException {
        String machine = oneOf("mttcg.machine.name", LaunchOptions.MACHINES);
        boolean secure = bool("mttcg.machine.secure");
        boolean virtualization = bool("mttcg.machine.virtualization");
        bool("mttcg.machine.no-reboot");
        int cpus = intIn("mttcg.cpus", 1, MAX_CPUS);
        long memory = memory("mttcg.memory");
        String kernel = optionalString("mttcg.kernel");
        String initrd = optionalString("mttcg.initrd");
        String dtb = optionalString("mttcg.dtb");
        String append = string("mttcg.append");

        boolean semihostingEnabled = bool("mttcg.semihosting.enabled");
        String target = oneOf("mttcg.semihosting.target", List.of("native", "auto"));
        String chardev = oneOf("mttcg.semihosting.chardev", List.of("", "serial0"));
        String rootText = string("mttcg.semihosting.root");
        Path root = workDir.resolve(rootText).toAbsolutePath().normalize();
        if (semihostingEnabled && !Files.isDirectory(root)) {
            throw invalid("mttcg.semihosting.root", rootText, "must be an existing directory (resolved to " + root + ")");
        }
        stringList("mttcg.semihosting.args");
        Semihosting semihosting = new Semihosting(semihostingEnabled, target, chardev.equals("serial0"), root);

        boolean nographic = bool("mttcg.console.nographic");
        String thread = oneOf("mttcg.accel.thread", List.of("auto", "single", "multi"));
        int icountShift = intIn("mttcg.icount.shift", -1, MachineConfig.MAX_ICOUNT_SHIFT);
        intIn("mttcg.icount.quantum", 1, 100_000_000);
        if (icountShift >= 0 && thread.equals("multi")) {
            // As QEMU: a deterministic schedule needs every vCPU on one thread.
            throw invalid("mttcg.accel.thread", thread, "deterministic mode (mttcg.icount.shift / -icount) needs "
                    + "thread=single or auto");
        }
        ThreadMode threadMode = switch (thread) {
            case "single" -> ThreadMode.SINGLE;
            case "multi" -> ThreadMode.MULTI;
            default -> cpus > 1 && icountShift < 0 ? ThreadMode.MULTI : ThreadMode.SINGLE;
        };

        Translation translation = new Translation(
                intIn("mttcg.translation.max-block-insns", 1, 512),
                intIn("mttcg.translation.cache-limit", 1, 1 << 24),
                intIn("mttcg.translation.jump-cache-bits", 1, 20),
                Translation.Tiers.valueOf(oneOf("mttcg.translation.tiers", List.of("mixed", "interpret", "compile"))
                        .toUpperCase(java.util.Locale.ROOT)),
                intIn("mttcg.translation.promote-after", 1, 1 << 30),
                bool("mttcg.translation.compile-thread"));

        Set<String> items = new LinkedHashSet<>();
        for (String item : stringList("mttcg.debug.log")) {
            if (!LaunchOptions.DEBUG_ITEMS.contains(item)) {
                throw invalid("mttcg.debug.log", item, "log items are " + String.join(", ", LaunchOptions.DEBUG_ITEMS));
            }
            items.add(item);
        }
        Debug debug = new Debug(items, optionalString("mttcg.debug.logfile"));
        Stats stats = new Stats(bool("mttcg.stats.print"), optionalString("mttcg.stats.json"),
                duration("mttcg.stats.interval"));
        Duration timeout = duration("mttcg.run.timeout");
        String level = oneOf("mttcg.logging.level", LOG_LEVELS, true);

        return new MachineConfig(command, machine, secure, virtualization, cpus, memory, kernel, initrd, dtb, append,
                semihosting, nographic, threadMode, translation, debug, stats, timeout, level, c);
    }

    private ConfigValue value(String key) throws UsageException {
        if (!c.hasPath(key)) {
            // Only reachable when a layer sets the key to null: reference.conf defines every key.
            throw new UsageException("mttcg: missing value for " + key + " (it must not be null)");
        }
        return c.getValue(key);
    }

    private static String shown(ConfigValue v) {
        return v.valueType() == ConfigValueType.STRING ? (String) v.unwrapped() : v.render(ConfigRenderOptions.concise());
    }

    private UsageException invalid(String key, String shownValue, String allowed) {
        return new UsageException("mttcg: invalid value '" + shownValue + "' for " + key + " ("
                + c.getValue(key).origin().description() + "): " + allowed);
    }

    private boolean bool(String key) throws UsageException {
        ConfigValue v = value(key);
        try {
            return c.getBoolean(key); // accepts true/false, on/off, yes/no
        } catch (ConfigException e) {
            throw invalid(key, shown(v), "must be on or off (true or false)");
        }
    }

    private String string(String key) throws UsageException {
        ConfigValue v = value(key);
        // Numbers and booleans are fine as text (e.g. append = 42); lists and objects are not.
        if (v.valueType() == ConfigValueType.LIST || v.valueType() == ConfigValueType.OBJECT) {
            throw invalid(key, shown(v), "must be a string");
        }
        return c.getString(key);
    }

    /** A string where "" (or null) means "none". */
    private String optionalString(String key) throws UsageException {
        if (!c.hasPath(key)) {
            return null;
        }
        String s = string(key);
        return s.isEmpty() ? null : s;
    }

    private String oneOf(String key, List<String> allowed) throws UsageException {
        return oneOf(key, allowed, false);
    }

    private String oneOf(String key, List<String> allowed, boolean ignoreCase) throws UsageException {
        String s = string(key);
        String normalized = ignoreCase ? s.toUpperCase(Locale.ROOT) : s;
        if (!allowed.contains(normalized)) {
            List<String> quoted = allowed.stream().map(a -> a.isEmpty() ? "\"\"" : a).toList();
            throw invalid(key, s, "must be " + (allowed.size() == 1 ? "" : "one of ") + String.join(", ", quoted));
        }
        return normalized;
    }

    private int intIn(String key, int min, int max) throws UsageException {
        ConfigValue v = value(key);
        String reason = "must be an integer between " + min + " and " + max;
        long n;
        Object raw = v.unwrapped();
        if (raw instanceof Integer || raw instanceof Long) {
            n = ((Number) raw).longValue();
        } else if (raw instanceof String s && s.trim().matches("-?[0-9]{1,18}")) {
            n = Long.parseLong(s.trim());
        } else {
            throw invalid(key, shown(v), reason);
        }
        if (n < min || n > max) {
            throw invalid(key, shown(v), reason);
        }
        return (int) n;
    }

    private List<String> stringList(String key) throws UsageException {
        ConfigValue v = value(key);
        if (v.valueType() != ConfigValueType.LIST) {
            throw invalid(key, shown(v), "must be a list of strings, e.g. [\"a\", \"b\"]");
        }
        List<String> out = new ArrayList<>();
        for (Object item : (List<?>) v.unwrapped()) {
            if (item instanceof List || item instanceof java.util.Map || item == null) {
                throw invalid(key, shown(v), "must be a list of strings, e.g. [\"a\", \"b\"]");
            }
            out.add(String.valueOf(item));
        }
        return out;
    }

    private long memory(String key) throws UsageException {
        ConfigValue v = value(key);
        Object raw = v.unwrapped();
        String text = raw instanceof String s ? s : raw instanceof Integer || raw instanceof Long ? raw.toString() : null;
        BigInteger bytes = text == null ? null : parseQemuSize(text);
        if (bytes == null) {
            throw invalid(key, shown(v), "must be a size such as 128, 256M or 1G"
                    + " (a bare number is MiB; suffixes B, K, M, G, T)");
        }
        if (bytes.compareTo(BigInteger.valueOf(MIN_MEMORY)) < 0 || bytes.compareTo(BigInteger.valueOf(MAX_MEMORY)) > 0) {
            throw invalid(key, shown(v), "must be between 1M and 2047M (guest RAM is one Java array, at most 2 GiB - 1 byte)");
        }
        long b = bytes.longValueExact();
        return (b + MEMORY_ALIGN - 1) / MEMORY_ALIGN * MEMORY_ALIGN;
    }

    /**
     * QEMU's {@code -m} size syntax: a bare integer is MiB; otherwise a number (a fraction is allowed)
     * followed by one of B, K, M, G, T, P, E in either case. Returns null if the text is not a size.
     */
    static BigInteger parseQemuSize(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            return null;
        }
        String fraction = m.group(2);
        String suffix = m.group(3).toUpperCase(Locale.ROOT);
        if (suffix.isEmpty()) {
            return fraction == null ? new BigInteger(m.group(1)).shiftLeft(20) : null;
        }
        int shift = "BKMGTPE".indexOf(suffix.charAt(0)) * 10;
        if (shift == 0 && fraction != null) {
            return null; // no fractional bytes
        }
        BigDecimal number = new BigDecimal(fraction == null ? m.group(1) : m.group(1) + "." + fraction);
        return number.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(shift))).setScale(0, RoundingMode.DOWN)
                .toBigIntegerExact();
    }

    private Duration duration(String key) throws UsageException {
        ConfigValue v = value(key);
        String reason = "must be a duration with a unit such as 30s, 500ms or 2m, or 0 for none";
        Object raw = v.unwrapped();
        // A bare number would mean milliseconds to the config library but seconds to most people: refuse it.
        if (raw instanceof Number || raw instanceof String s && BARE_NUMBER.matcher(s.trim()).matches()) {
            if (new BigDecimal(raw.toString().trim()).signum() == 0) {
                return Duration.ZERO;
            }
            throw invalid(key, shown(v), reason);
        }
        if (!(raw instanceof String)) {
            throw invalid(key, shown(v), reason);
        }
        Duration d;
        try {
            d = c.getDuration(key);
        } catch (ConfigException e) {
            throw invalid(key, shown(v), reason);
        }
        if (d.isNegative()) {
            throw invalid(key, shown(v), reason);
        }
        return d;
    }
}
