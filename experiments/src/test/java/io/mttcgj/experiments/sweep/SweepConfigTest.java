package io.mttcgj.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.config.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sweep files: defaults, overrides, and every kind of bad input refused with the key, file and line. */
class SweepConfigTest {
    /** A committed guest ELF (surefire runs in the module directory). */
    static final Path ELF = Path.of("..", "guests", "bin", "smp-compute.elf").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    static String args(String append) {
        return "args = [-M, vexpress-a15, -m, 256M, -nographic, -semihosting-config, \"enable=on,target=native\", "
                + "-kernel, \"" + ELF + "\", -append, \"" + append + "\"]\n";
    }

    private Path file(String body) throws Exception {
        Path f = dir.resolve("sweep.conf");
        Files.writeString(f, body);
        return f;
    }

    private SweepConfig load(String body) throws Exception {
        return SweepConfig.load(file(body), null, null);
    }

    private String refused(String body) throws Exception {
        Path f = file(body);
        UsageException e = assertThrows(UsageException.class, () -> SweepConfig.load(f, null, null));
        assertEquals(2, e.exitStatus());
        assertTrue(e.getMessage().startsWith("mttcg sweep: "), e.getMessage());
        return e.getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + message + "' should contain '" + part + "'");
        }
    }

    @Test
    void defaultsFromReferenceConf() throws Exception {
        SweepConfig c = load("mttcg.sweep {\n" + args("n=4") + "}\n");
        assertEquals(List.of(1, 2, 4), c.vcpus());
        assertEquals(List.of("multi", "single"), c.threads());
        assertEquals(3, c.repeats());
        assertEquals(SweepConfig.Work.PER_VCPU, c.work());
        assertEquals(Duration.ofMinutes(10), c.timeout());
        assertEquals("", c.expectOutput());
        assertEquals(Path.of("sweep-out"), c.outputDir());
        assertNull(c.compare(), "no comparison unless a command is given");
        assertEquals("smp-compute.elf n=4", c.title());
        assertEquals(ELF.toString(), c.machine().kernel());
        assertEquals(256L << 20, c.machine().memoryBytes());
    }

    @Test
    void everyKeySet() throws Exception {
        SweepConfig c = load("mttcg.sweep {\n" + args("n=4") + """
                  vcpus = [4, 1, 2]
                  threads = [single]
                  repeats = 5
                  work = total
                  timeout = 90s
                  expect-output = PASS
                  output-dir = out
                  title = "my sweep"
                  java-options = ["-Xmx512m"]
                  compare { command = [sh, -c, "exit 0"], name = other, threads = [single, multi], env { A = b } }
                }
                """);
        assertEquals(List.of(1, 2, 4), c.vcpus(), "sorted");
        assertEquals(List.of("single"), c.threads());
        assertEquals(5, c.repeats());
        assertEquals(SweepConfig.Work.TOTAL, c.work());
        assertEquals(Duration.ofSeconds(90), c.timeout());
        assertEquals("PASS", c.expectOutput());
        assertEquals(Path.of("out"), c.outputDir());
        assertEquals("my sweep", c.title());
        assertEquals(List.of("-Xmx512m"), c.javaOptions());
        assertEquals(List.of("sh", "-c", "exit 0"), c.compare().command());
        assertEquals("other", c.compare().name());
        assertEquals(List.of("single", "multi"), c.compare().threads());
        assertEquals("b", c.compare().env().get("A"));
        assertEquals("none", c.compare().env().get("QEMU_AUDIO_DRV"), "reference.conf's default env stays");
    }

    @Test
    void commandLineOverridesOutputAndRepeats() throws Exception {
        SweepConfig c = SweepConfig.load(file("mttcg.sweep {\n" + args("n=4") + "repeats = 4\n}\n"),
                dir.resolve("o"), 1);
        assertEquals(1, c.repeats());
        assertEquals(dir.resolve("o"), c.outputDir());
    }

    @Test
    void unknownKeyNamesKeyFileAndLine() throws Exception {
        String m = refused("mttcg.sweep {\n" + args("n=4") + "  vcpu = [1, 2]\n}\n");
        assertContains(m, "unknown config key 'mttcg.sweep.vcpu'", "sweep.conf: 3", "mttcg.sweep.vcpus");
        assertContains(refused("mttcg.sweep {\n" + args("n=4") + "compare.comand = [x]\n}\n"),
                "'mttcg.sweep.compare.comand'", "mttcg.sweep.compare.command");
        assertContains(refused("mttcg.cpus = 2\nmttcg.sweep {\n" + args("n=4") + "}\n"), "'mttcg.cpus'",
                "only mttcg.sweep");
        assertContains(refused("mttcg.sweep {\n" + args("n=4") + "compare = 3\n}\n"), "'mttcg.sweep.compare'",
                "is a section");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[2, 4]", "[0, 1]", "[1, 9]", "[1, 1, 2]", "[1, two]", "4", "[1, 2.5]"})
    void badVcpuLists(String vcpus) throws Exception {
        String m = refused("mttcg.sweep {\n" + args("n=4") + "  vcpus = " + vcpus + "\n}\n");
        assertContains(m, "for mttcg.sweep.vcpus", "sweep.conf: 3", "includes 1");
    }

    @Test
    void missingOrBadWorkloadImage() throws Exception {
        assertContains(refused("mttcg.sweep { vcpus = [1] }\n"), "mttcg.sweep.args", "-kernel");
        assertContains(refused("mttcg.sweep { args = [-m, 256M, -nographic] }\n"), "mttcg.sweep.args",
                "-kernel FILE");
        assertContains(refused("mttcg.sweep { args = [-kernel, no/such.elf] }\n"), "'no/such.elf'",
                "mttcg.sweep.args", "does not exist");
    }

    @Test
    void argsAreCheckedAsALaunch() throws Exception {
        assertContains(refused("mttcg.sweep { args = [-kernel, \"" + ELF + "\", -m, 9G] }\n"),
                "sweep.conf: 1) is not a valid launch", "mttcg.memory", "between 1M and 2047M");
        assertContains(refused("mttcg.sweep { args = [-kernel, \"" + ELF + "\", -smp, 2] }\n"),
                "must not contain -smp");
        assertContains(refused("mttcg.sweep { args = [-kernel, \"" + ELF + "\", --stats-json, x] }\n"),
                "must not contain --stats-json");
    }

    @Test
    void otherBadValues() throws Exception {
        String ok = args("n=4");
        assertContains(refused("mttcg.sweep {\n" + ok + "threads = [multi, double]\n}\n"),
                "mttcg.sweep.threads", "bad entry: double");
        assertContains(refused("mttcg.sweep {\n" + ok + "threads = []\n}\n"), "mttcg.sweep.threads");
        assertContains(refused("mttcg.sweep {\n" + ok + "repeats = 0\n}\n"), "mttcg.sweep.repeats", "1 and 100");
        assertContains(refused("mttcg.sweep {\n" + ok + "timeout = 30\n}\n"), "mttcg.sweep.timeout", "unit");
        assertContains(refused("mttcg.sweep {\n" + ok + "work = weak\n}\n"), "mttcg.sweep.work", "per-vcpu, total");
        assertContains(refused("mttcg.sweep {\n" + ok + "compare.command = [no-such-emulator-xyz]\n}\n"),
                "mttcg.sweep.compare.command", "not an executable");
        assertContains(refused("mttcg.sweep {\n" + ok + "compare { command = [sh], name = ours }\n}\n"),
                "mttcg.sweep.compare.name");
        assertContains(refused("mttcg.sweep {\n" + ok + "compare.env { X = [1] }\n}\n"),
                "mttcg.sweep.compare.env.X", "must be a string");
        assertContains(refused("mttcg.sweep { args = [ \n"), "cannot parse", "sweep.conf");
    }

    @Test
    void commandRefusesBadConfigBeforeRunningAnything() throws Exception {
        Path out = dir.resolve("out");
        Path f = file("mttcg.sweep {\n" + args("n=4") + "  vcpus = [2, 4]\n  output-dir = \"" + out + "\"\n}\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SweepCommand.run(new String[] {"--config", f.toString()}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(SweepCommand.USAGE, status);
        assertContains(err.toString(StandardCharsets.UTF_8), "mttcg.sweep.vcpus");
        assertFalse(Files.exists(out), "nothing ran, nothing written");
    }

    @Test
    void commandLineErrors() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(2, SweepCommand.run(new String[0], o, e));
        assertContains(err.toString(StandardCharsets.UTF_8), "--config FILE");
        assertEquals(2, SweepCommand.run(new String[] {"--config", dir.resolve("none.conf").toString()}, o, e));
        assertContains(err.toString(StandardCharsets.UTF_8), "none.conf", "does not exist");
        assertEquals(2, SweepCommand.run(new String[] {"--bogus"}, o, e));
        assertContains(err.toString(StandardCharsets.UTF_8), "unknown option '--bogus'");
        assertEquals(2, SweepCommand.run(new String[] {"--repeats", "x", "--config", "a"}, o, e));
        assertEquals(0, SweepCommand.run(new String[] {"--help"}, o, e));
        assertContains(out.toString(StandardCharsets.UTF_8), "Usage: mttcg sweep");
    }
}
