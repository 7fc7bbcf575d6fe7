package io.mttcgj.it.linux;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mttcgj.it.support.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Linux test kit (linux/kit.sh): built once per test JVM (the script reuses its downloads in
 * linux/build/), then its files. Tests that need it are skipped, not failed, on a machine without the
 * ARM Linux cross compiler; CI installs it (.ci/run).
 *
 * @param kernel     Debian's armmp zImage
 * @param initrd     rootfs.cpio.gz (busybox, mixbench, /init)
 * @param dtb        vexpress-v2p-ca15-tc1.dtb from the kernel package
 * @param mixbenchHost mixbench built for the host: its output is the expected checksum
 * @param iterations the /init default iteration count
 */
public record LinuxKit(Path kernel, Path initrd, Path dtb, Path mixbenchHost, int iterations) {
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);
    private static final Map<String, LinuxKit> BUILT = new ConcurrentHashMap<>();

    /** The kit, built if needed; skips the calling test when the cross compiler is missing. */
    public static synchronized LinuxKit get() {
        LinuxKit kit = BUILT.get("kit");
        if (kit != null) {
            return kit;
        }
        assumeTrue(onPath("arm-linux-gnueabihf-gcc") && onPath("cpio") && onPath("apt-get"),
                "the Linux kit needs arm-linux-gnueabihf-gcc, cpio and apt-get (apt-get install gcc-arm-linux-gnueabihf"
                        + " libc6-dev-armhf-cross cpio)");
        Path root = ProcessRunner.repoRoot();
        ProcessRunner.Result r = ProcessRunner.run(List.of("bash", root.resolve("linux/kit.sh").toString()), null,
                BUILD_TIMEOUT);
        if (r.exitStatus() != 0) {
            throw new AssertionError("linux/kit.sh failed: " + r);
        }
        Map<String, String> env = parseEnv(root.resolve("linux/build/out/kit.env"));
        kit = new LinuxKit(Path.of(env.get("KERNEL")), Path.of(env.get("INITRD")), Path.of(env.get("DTB")),
                Path.of(env.get("MIXBENCH_HOST")), Integer.parseInt(env.get("MIXBENCH_ITERATIONS")));
        BUILT.put("kit", kit);
        return kit;
    }

    /** The machine arguments of the command line, with {@code extraAppend} after console=ttyAMA0. */
    public List<String> bootArgs(int cpus, String extraAppend) {
        return new ArrayList<>(List.of("-M", "vexpress-a15", "-smp", Integer.toString(cpus), "-m", "512M",
                "-nographic", "-kernel", kernel.toString(), "-initrd", initrd.toString(), "-dtb", dtb.toString(),
                "-append", ("console=ttyAMA0 " + extraAppend).strip()));
    }

    /** What mixbench prints for {@code n} iterations, computed on the host. */
    public String expectedMixbench(int n) {
        ProcessRunner.Result r = ProcessRunner.run(List.of(mixbenchHost.toString(), Integer.toString(n)), null,
                Duration.ofSeconds(60));
        if (r.exitStatus() != 0) {
            throw new AssertionError("mixbench-host failed: " + r);
        }
        return r.out().strip();
    }

    static Map<String, String> parseEnv(Path file) {
        try {
            Map<String, String> m = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    m.put(line.substring(0, eq), line.substring(eq + 1).replace("\"", ""));
                }
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
