package io.mttcgj.experiments.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.util.List;

/**
 * What our emulator reports about a run in its --stats-json file (board's Stats.json).
 *
 * @param insnsPerVcpu guest instructions retired by each vCPU
 * @param mipsPerVcpu  each vCPU's instructions per microsecond of the machine's own wall time
 */
public record GuestStats(List<Long> insnsPerVcpu, List<Double> mipsPerVcpu, long tbTranslated, long tbFlushes,
                         long safeWorkRounds, double waitMeanMicros, double waitMaxMicros) {
    public GuestStats {
        insnsPerVcpu = List.copyOf(insnsPerVcpu);
        mipsPerVcpu = List.copyOf(mipsPerVcpu);
    }

    public long insnsTotal() {
        return insnsPerVcpu.stream().mapToLong(Long::longValue).sum();
    }

    public double meanMipsPerVcpu() {
        return mipsPerVcpu.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Parses the JSON; throws IllegalArgumentException with the reason if it is not a stats file. */
    static GuestStats parse(String json) {
        try {
            Config c = ConfigFactory.parseString(json, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON));
            List<? extends Config> cpus = c.getConfigList("cpus");
            return new GuestStats(cpus.stream().map(cpu -> cpu.getLong("insns")).toList(),
                    cpus.stream().map(cpu -> cpu.getDouble("mips")).toList(),
                    c.getLong("tbTranslated"), c.getLong("tbFlushes"), c.getLong("safeWorkRounds"),
                    c.getDouble("quiescenceWaitMeanMicros"), c.getDouble("quiescenceWaitMaxMicros"));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("not a --stats-json file: " + e.getMessage(), e);
        }
    }
}
