package io.mttcgj.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns QEMU-style command-line flags into the highest configuration layer. Flags only check their own
 * syntax here; the values they set are validated with all other layers by {@link ConfigReader}, so a bad
 * value reads the same whether it came from a flag or a file. Every value carries its flag as origin so
 * that error messages can name it.
 */
final class CommandLine {
    /** Subcommands accepted as the first argument; "run" is the default. */
    static final List<String> COMMANDS = List.of("run", "sweep", "campaign");

    /** Flags (in their one-dash spelling) that take an argument, with the argument's placeholder. */
    private static final Map<String, String> TAKES_ARG = Map.ofEntries(
            Map.entry("-M", "NAME[,secure=on|off][,virtualization=on|off]"),
            Map.entry("-machine", "NAME[,secure=on|off][,virtualization=on|off]"),
            Map.entry("-smp", "N or cpus=N"),
            Map.entry("-m", "SIZE"),
            Map.entry("-kernel", "FILE"),
            Map.entry("-initrd", "FILE"),
            Map.entry("-dtb", "FILE"),
            Map.entry("-append", "STRING"),
            Map.entry("-semihosting-config", "enable=on|off,target=native|auto[,chardev=serial0][,arg=ARG]"),
            Map.entry("-accel", "tcg[,thread=single|multi]"),
            Map.entry("-icount", "N or shift=N"),
            Map.entry("-d", "ITEM[,ITEM...]"),
            Map.entry("-D", "FILE"),
            Map.entry("-serial", "stdio|mon:stdio|none"),
            Map.entry("-display", "none"),
            Map.entry("-monitor", "none"),
            Map.entry("-config", "FILE"),
            Map.entry("-profile", "NAME"),
            Map.entry("-stats-json", "FILE"),
            Map.entry("-stats-interval", "DURATION"),
            Map.entry("-timeout", "DURATION"));

    /** What the command line asked for, apart from help and version (which end parsing early). */
    /** @param profile the --profile name, or null when none was given */
    record Parsed(String command, List<String> configFiles, String profile, Config overrides) {
    }

    private final Map<String, ConfigValue> overrides = new LinkedHashMap<>();
    private final List<String> configFiles = new ArrayList<>();
    private final List<String> semihostingArgs = new ArrayList<>();
    private String profile;
    private boolean serialNone;

    private CommandLine() {
    }

    static Parsed parse(String[] args) throws UsageException {
        return new CommandLine().parseAll(args);
    }

    private Parsed parseAll(String[] args) throws UsageException {
        int i = 0;
        String command = "run";
        if (args.length > 0 && !args[0].startsWith("-")) {
            if (!COMMANDS.contains(args[0])) {
                throw new UsageException("mttcg: unknown command '" + args[0] + "': expected one of "
                        + String.join(", ", COMMANDS) + " (or an option; see --help)");
            }
            command = args[0];
            i = 1;
        }
        while (i < args.length) {
            String flag = args[i++];
            if (!flag.startsWith("-") || flag.equals("-") || flag.equals("--")) {
                throw new UsageException("mttcg: unexpected argument '" + flag + "' (see --help)");
            }
            // QEMU accepts every option with one or two dashes; we do the same for ours.
            String name = flag.startsWith("--") ? flag.substring(1) : flag;
            String arg = null;
            if (TAKES_ARG.containsKey(name)) {
                if (i >= args.length) {
                    throw new UsageException("mttcg: option '" + flag + "' requires an argument: "
                            + TAKES_ARG.get(name));
                }
                arg = args[i++];
            }
            apply(flag, name, arg);
        }
        if (!semihostingArgs.isEmpty()) {
            put("mttcg.semihosting.args", List.copyOf(semihostingArgs), "-semihosting-config");
        }
        if (serialNone) {
            // QEMU: an explicit -serial wins over -nographic's default whatever the order.
            put("mttcg.console.nographic", false, "-serial none");
        }
        Config config = ConfigFactory.empty("command line");
        for (Map.Entry<String, ConfigValue> e : overrides.entrySet()) {
            config = config.withValue(e.getKey(), e.getValue());
        }
        return new Parsed(command, List.copyOf(configFiles), profile, config);
    }

    private void apply(String flag, String name, String arg) throws UsageException {
        switch (name) {
            case "-M", "-machine" -> machine(flag, arg);
            case "-smp" -> smp(flag, arg);
            case "-m" -> memory(flag, arg);
            case "-kernel" -> put("mttcg.kernel", arg, flag);
            case "-initrd" -> put("mttcg.initrd", arg, flag);
            case "-dtb" -> put("mttcg.dtb", arg, flag);
            case "-append" -> put("mttcg.append", arg, flag);
            case "-nographic" -> put("mttcg.console.nographic", true, flag);
            case "-semihosting" -> put("mttcg.semihosting.enabled", true, flag);
            case "-semihosting-config" -> semihostingConfig(flag, arg);
            case "-accel" -> accel(flag, arg);
            case "-icount" -> icount(flag, arg);
            case "-d" -> debugItems(flag, arg);
            case "-D" -> put("mttcg.debug.logfile", arg, flag);
            case "-serial" -> serial(flag, arg);
            case "-display" -> onlyNone(flag, arg, "there is no graphical display");
            case "-monitor" -> onlyNone(flag, arg, "there is no monitor");
            case "-no-reboot" -> put("mttcg.machine.no-reboot", true, flag);
            case "-config" -> configFiles.add(arg);
            case "-profile" -> profile(flag, arg);
            case "-stats" -> put("mttcg.stats.print", true, flag);
            case "-stats-json" -> put("mttcg.stats.json", arg, flag);
            case "-stats-interval" -> put("mttcg.stats.interval", arg, flag);
            case "-timeout" -> put("mttcg.run.timeout", arg, flag);
            case "-help", "-h" -> throw UsageException.info(LaunchOptions.usage());
            case "-version" -> throw UsageException.info(LaunchOptions.versionText());
            default -> throw new UsageException("mttcg: unknown option '" + flag + "' (see --help)");
        }
    }

    private void profile(String flag, String arg) throws UsageException {
        // One profile per launch: layering two would make "which one wins" a question the user must not need to ask.
        if (profile != null) {
            throw new UsageException("mttcg: " + flag + " given twice ('" + profile + "' and '" + arg
                    + "'): a launch uses one profile");
        }
        if (arg.isEmpty()) {
            throw new UsageException("mttcg: " + flag + " needs a profile name");
        }
        profile = arg;
    }

    private void machine(String flag, String arg) throws UsageException {
        for (Option o : options(flag, arg, "type")) {
            switch (o.key()) {
                case "type" -> {
                    if (o.value().equals("help") || o.value().equals("?")) {
                        throw UsageException.info(LaunchOptions.machineHelp());
                    }
                    put("mttcg.machine.name", o.value(), flag);
                }
                case "secure" -> put("mttcg.machine.secure", onOff(flag, o), flag);
                case "virtualization" -> put("mttcg.machine.virtualization", onOff(flag, o), flag);
                default -> throw unsupported(flag, o, "secure, virtualization");
            }
        }
    }

    private void smp(String flag, String arg) throws UsageException {
        String cpus = null;
        long topology = 1;
        boolean hasTopology = false;
        for (Option o : options(flag, arg, "cpus")) {
            switch (o.key()) {
                case "cpus" -> cpus = o.value();
                case "maxcpus" -> positive(flag, o);
                case "sockets", "dies", "clusters", "cores", "threads" -> {
                    topology = Math.min(topology * positive(flag, o), Integer.MAX_VALUE);
                    hasTopology = true;
                }
                default -> throw unsupported(flag, o, "cpus, maxcpus, sockets, dies, clusters, cores, threads");
            }
        }
        if (cpus != null) {
            // Left as text: ConfigReader reports a non-number with the key, the flag and the allowed range.
            put("mttcg.cpus", cpus, flag);
        } else if (hasTopology) {
            // As in QEMU, without cpus= the count is the product of the topology.
            put("mttcg.cpus", (int) topology, flag);
        } else {
            throw new UsageException("mttcg: option '" + flag + " " + arg + "' does not give a CPU count");
        }
    }

    private void memory(String flag, String arg) throws UsageException {
        String size = null;
        for (Option o : options(flag, arg, "size")) {
            switch (o.key()) {
                case "size" -> size = o.value();
                case "slots", "maxmem" -> throw new UsageException(
                        "mttcg: " + flag + " " + o.key() + "= is not supported: there is no memory hotplug");
                default -> throw unsupported(flag, o, "size");
            }
        }
        if (size == null || size.isEmpty()) {
            throw new UsageException("mttcg: option '" + flag + " " + arg + "' does not give a size");
        }
        put("mttcg.memory", size, flag);
    }

    private void semihostingConfig(String flag, String arg) throws UsageException {
        boolean enabled = true; // as in QEMU, giving the option at all enables semihosting unless enable=off
        for (Option o : options(flag, arg, "enable")) {
            switch (o.key()) {
                case "enable" -> enabled = onOff(flag, o);
                case "target" -> {
                    if (o.value().equals("gdb")) {
                        throw new UsageException("mttcg: " + flag + " target=gdb is not supported:"
                                + " there is no GDB stub (use native or auto)");
                    }
                    put("mttcg.semihosting.target", o.value(), flag);
                }
                case "chardev" -> put("mttcg.semihosting.chardev", o.value(), flag);
                case "arg" -> semihostingArgs.add(o.value());
                default -> throw unsupported(flag, o, "enable, target, chardev, arg");
            }
        }
        put("mttcg.semihosting.enabled", enabled, flag);
    }

    private void accel(String flag, String arg) throws UsageException {
        for (Option o : options(flag, arg, "accel")) {
            switch (o.key()) {
                case "accel" -> {
                    if (o.value().equals("help") || o.value().equals("?")) {
                        throw UsageException.info("Accelerators supported:\ntcg");
                    }
                    if (!o.value().equals("tcg")) {
                        throw new UsageException("mttcg: accelerator '" + o.value() + "' is not supported (" + flag
                                + "): only tcg");
                    }
                }
                case "thread" -> {
                    if (!o.value().equals("single") && !o.value().equals("multi")) {
                        throw new UsageException("mttcg: invalid value '" + o.value()
                                + "' for mttcg.accel.thread (" + flag + " thread=): must be single or multi");
                    }
                    put("mttcg.accel.thread", o.value(), flag);
                }
                default -> throw unsupported(flag, o, "thread");
            }
        }
    }

    /** QEMU's -icount: only a fixed shift (no "auto", no align/sleep). The range is checked with the config. */
    private void icount(String flag, String arg) throws UsageException {
        for (Option o : options(flag, arg, "shift")) {
            if (!o.key().equals("shift")) {
                throw unsupported(flag, o, "shift");
            }
            try {
                put("mttcg.icount.shift", Integer.parseInt(o.value()), flag);
            } catch (NumberFormatException e) {
                throw new UsageException("mttcg: invalid value '" + o.value() + "' for mttcg.icount.shift (" + flag
                        + " shift=): must be a number 0..10 (\"auto\" is not supported)");
            }
        }
    }

    private void debugItems(String flag, String arg) throws UsageException {
        if (arg.equals("help")) {
            throw UsageException.info(LaunchOptions.debugHelp());
        }
        List<String> items = new ArrayList<>();
        for (String item : arg.split(",")) {
            if (!item.isEmpty()) {
                items.add(item);
            }
        }
        put("mttcg.debug.log", items, flag);
    }

    private void serial(String flag, String arg) throws UsageException {
        switch (arg) {
            case "stdio", "mon:stdio" -> {
                put("mttcg.console.nographic", true, flag);
                serialNone = false;
            }
            case "none", "null" -> serialNone = true;
            default -> throw new UsageException("mttcg: invalid value '" + arg + "' for " + flag
                    + ": supported are stdio, mon:stdio, none");
        }
    }

    private static void onlyNone(String flag, String arg, String why) throws UsageException {
        if (!arg.equals("none")) {
            throw new UsageException("mttcg: invalid value '" + arg + "' for " + flag + ": only none is supported ("
                    + why + ")");
        }
    }

    private void put(String key, Object value, String flag) {
        overrides.put(key, ConfigValueFactory.fromAnyRef(value, flag));
    }

    /** One KEY=VALUE element of a QEMU option string. */
    record Option(String key, String value) {
    }

    /**
     * Parses a QEMU option string such as {@code vexpress-a15,secure=off}: comma-separated KEY=VALUE
     * pairs, where the first element may omit "KEY=" (it is then {@code impliedKey}) and ",," stands for
     * a literal comma.
     */
    static List<Option> options(String flag, String arg, String impliedKey) throws UsageException {
        List<Option> out = new ArrayList<>();
        List<String> parts = splitOptions(arg);
        for (int p = 0; p < parts.size(); p++) {
            String part = parts.get(p);
            int eq = part.indexOf('=');
            if (eq >= 0) {
                out.add(new Option(part.substring(0, eq), part.substring(eq + 1)));
            } else if (p == 0) {
                out.add(new Option(impliedKey, part));
            } else if (!part.isEmpty()) {
                throw new UsageException("mttcg: invalid element '" + part + "' in '" + flag + " " + arg
                        + "': expected KEY=VALUE");
            }
        }
        return out;
    }

    static List<String> splitOptions(String s) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch != ',') {
                current.append(ch);
            } else if (i + 1 < s.length() && s.charAt(i + 1) == ',') {
                current.append(',');
                i++;
            } else {
                parts.add(current.toString());
                current.setLength(0);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    /** QEMU's boolean spellings. */
    private static boolean onOff(String flag, Option o) throws UsageException {
        return switch (o.value()) {
            case "on", "yes", "true", "y" -> true;
            case "off", "no", "false", "n" -> false;
            default -> throw new UsageException("mttcg: invalid value '" + o.value() + "' for " + o.key() + "= in "
                    + flag + ": must be on or off");
        };
    }

    private static long positive(String flag, Option o) throws UsageException {
        try {
            long n = Long.parseLong(o.value());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("mttcg: invalid value '" + o.value() + "' for " + o.key() + "= in " + flag
                + ": must be a positive integer");
    }

    private static UsageException unsupported(String flag, Option o, String supported) {
        return new UsageException("mttcg: unsupported property '" + o.key() + "' in " + flag + " (supported: "
                + supported + ")");
    }
}
