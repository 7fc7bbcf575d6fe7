package io.mttcgj.experiments.sweep;

import io.mttcgj.config.LaunchOptions;
import io.mttcgj.config.MachineConfig;
import io.mttcgj.config.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A validated sweep: see the experiments module's reference.conf (mttcg.sweep) for every field.
 *
 * @param args        the guest's QEMU-style arguments, shared by every series (without -smp and -accel)
 * @param vcpus       vCPU counts, ascending, starting with 1
 * @param threads     thread modes of our emulator ("multi", "single")
 * @param outputDir   where sweep.csv, sweep.png and logs/ go
 * @param title       chart title (never empty: defaults to the workload)
 * @param compare     the comparison emulator, or null for none
 * @param machine     {@code args} as our launcher reads them (with -smp 1): the validated workload
 */
public record SweepConfig(List<String> args, List<Integer> vcpus, List<String> threads, int repeats, Work work,
                          Duration timeout, String expectOutput, Path outputDir, String title,
                          List<String> javaOptions, Comparison compare, MachineConfig machine) {
    public SweepConfig {
        args = List.copyOf(args);
        vcpus = List.copyOf(vcpus);
        threads = List.copyOf(threads);
        javaOptions = List.copyOf(javaOptions);
    }

    /** How the guest's work grows with the vCPU count; it decides what "speedup" means. */
    public enum Work {
        /** Every vCPU does the same work: N vCPUs do N times the work of one. */
        PER_VCPU,
        /** A fixed total amount of work is shared by the vCPUs. */
        TOTAL;

        /** Work done at {@code vcpus} relative to 1 vCPU. */
        double factor(int vcpus) {
            return this == PER_VCPU ? vcpus : 1;
        }
    }

    /**
     * A second emulator measured the same way as ours.
     *
     * @param command the executable and its own leading arguments
     * @param name    series name
     * @param threads thread modes passed with -accel tcg,thread=
     * @param env     extra environment variables
     */
    public record Comparison(List<String> command, String name, List<String> threads, Map<String, String> env) {
        public Comparison {
            command = List.copyOf(command);
            threads = List.copyOf(threads);
            env = Map.copyOf(env);
        }
    }

    /** Reads and validates a sweep file; {@code outputOverride} and {@code repeatsOverride} (may be null) win. */
    public static SweepConfig load(Path file, Path outputOverride, Integer repeatsOverride) throws UsageException {
        return new SweepConfigReader(file).read(outputOverride, repeatsOverride);
    }

    /** Our launcher's validation of the workload, as a run with one vCPU would see it. */
    static MachineConfig launchConfig(List<String> args) throws UsageException {
        String[] withSmp = java.util.stream.Stream.concat(args.stream(), java.util.stream.Stream.of("-smp", "1"))
                .toArray(String[]::new);
        return LaunchOptions.parse(withSmp);
    }
}
