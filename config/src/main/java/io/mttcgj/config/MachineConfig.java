package io.mttcgj.config;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * Everything needed to launch a machine, validated and resolved. Built by {@link LaunchOptions#parse}.
 *
 * @param command     the subcommand: "run" (default), "sweep" or "campaign"
 * @param memoryBytes guest RAM size in bytes (a multiple of 8 KiB, as QEMU rounds it)
 * @param kernel      kernel image path, or null if none was given (the launcher reports that)
 * @param initrd      initrd path or null
 * @param dtb         device tree blob path or null
 * @param threadMode  resolved from "auto": never anything but SINGLE or MULTI
 * @param timeout     wall-clock limit of the run, {@link Duration#ZERO} for none
 * @param logLevel    logging level name in upper case (OFF, ERROR, WARN, INFO, DEBUG, TRACE)
 * @param raw         the merged, resolved configuration (all layers), for subsystems with their own keys
 */
public record MachineConfig(String command, String machine, boolean secure, boolean virtualization, int cpus,
                            long memoryBytes, String kernel, String initrd, String dtb, String append,
                            Semihosting semihosting, boolean nographic, ThreadMode threadMode,
                            Translation translation, Debug debug, Stats stats, Duration timeout, String logLevel,
                            Config raw) {
    public static final int MAX_ICOUNT_SHIFT = 10;

    /** Deterministic mode (-icount): virtual time is retired instructions shifted left by this; -1 = off. */
    public int icountShift() {
        return raw.getInt("mttcg.icount.shift");
    }

    public boolean icount() {
        return icountShift() >= 0;
    }

    /** Instructions per vCPU turn in deterministic mode. */
    public long icountQuantum() {
        return raw.getLong("mttcg.icount.quantum");
    }
}
