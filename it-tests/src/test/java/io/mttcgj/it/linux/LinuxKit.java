package io.mttcgj.it.linux;

import io.mttcgj.it.support.ProcessRunner;
import io.mttcgj.testsupport.Tools;
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
 * linux/build/), then its files. On a machine without the ARM Linux cross compiler (or another tool of
 * the kit) a test that needs it fails when CI=true and is skipped elsewhere, naming the Debian package;
 * bin/test installs them.
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

    /** The kit, built if needed; see {@link #requireKitTools} for a machine without its tools. */
    public static synchronized LinuxKit get() {
        LinuxKit kit = BUILT.get("kit");
        if (kit != null) {
            return kit;
        }
        requireKitTools();
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

    /**
     * What linux/kit.sh needs, each with its Debian package: a missing one fails the calling test when
     * CI=true and skips it elsewhere ({@link Tools#require}).
     */
    static void requireKitTools() {
        Tools.require("arm-linux-gnueabihf-gcc", "gcc-arm-linux-gnueabihf");
        Tools.require(Files.isRegularFile(Path.of("/usr/arm-linux-gnueabihf/lib/libc.a")),
                "the armhf static C library (/usr/arm-linux-gnueabihf/lib/libc.a) is missing", "libc6-dev-armhf-cross");
        Tools.require("gcc", "gcc");
        Tools.require("cpio", "cpio");
        Tools.require("gzip", "gzip");
        Tools.require("apt-get", "apt");
        Tools.require("dpkg-deb", "dpkg");
    }
}
