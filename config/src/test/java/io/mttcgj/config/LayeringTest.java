package io.mttcgj.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** reference.conf < application.conf (classpath) < ./application.conf < --config < flags. */
class LayeringTest {
    @TempDir
    Path work;
    @TempDir
    Path classpathDir;

    /** A class loader that sees the module's reference.conf plus an application.conf in classpathDir. */
    private ClassLoader withClasspathApplicationConf(String text) throws Exception {
        Files.writeString(classpathDir.resolve("application.conf"), text);
        return new URLClassLoader(new URL[] {classpathDir.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void eachLayerOverridesOnlyWhatItSets() throws Exception {
        // Each layer sets the key it should win plus every key above it, which higher layers must override.
        ClassLoader loader = withClasspathApplicationConf("""
                mttcg.translation.jump-cache-bits = 10
                mttcg.translation.cache-limit = 1000
                mttcg.translation.max-block-insns = 100
                mttcg.cpus = 2
                """);
        Files.writeString(work.resolve("application.conf"), """
                mttcg.translation.cache-limit = 2000
                mttcg.translation.max-block-insns = 200
                mttcg.cpus = 3
                """);
        Files.writeString(work.resolve("my.conf"), """
                mttcg {
                  translation.max-block-insns = 300
                  cpus = 4
                }
                """);
        MachineConfig m = LaunchOptions.parse(new String[] {"--config", "my.conf", "-smp", "5"}, loader, work);
        assertEquals(5, m.cpus(), "flag beats --config");
        assertEquals(300, m.translation().maxBlockInsns(), "--config beats ./application.conf");
        assertEquals(2000, m.translation().cacheLimit(), "./application.conf beats classpath application.conf");
        assertEquals(10, m.translation().jumpCacheBits(), "classpath application.conf beats reference.conf");
        assertEquals(128L << 20, m.memoryBytes(), "reference.conf supplies what no layer sets");
    }

    @Test
    void flagBeatsConfigFileWhateverTheOrder() throws Exception {
        Files.writeString(work.resolve("my.conf"), "mttcg.memory = 512M\n");
        assertEquals(256L << 20, Launch.parse(work, "-m", "256", "--config", "my.conf").memoryBytes());
        assertEquals(256L << 20, Launch.parse(work, "--config", "my.conf", "-m", "256").memoryBytes());
        assertEquals(512L << 20, Launch.parse(work, "--config", "my.conf").memoryBytes());
    }

    @Test
    void laterConfigFilesBeatEarlierOnes() throws Exception {
        Files.writeString(work.resolve("a.conf"), "mttcg.cpus = 2\nmttcg.append = \"from a\"\n");
        Files.writeString(work.resolve("b.conf"), "mttcg.cpus = 3\n");
        MachineConfig m = Launch.parse(work, "--config", "a.conf", "--config", "b.conf");
        assertEquals(3, m.cpus());
        assertEquals("from a", m.append());
    }

    @Test
    void configFileMayUseQemuSizesDurationsAndEnvironmentSubstitution() throws Exception {
        Files.writeString(work.resolve("my.conf"), """
                mttcg {
                  memory = 1G
                  run.timeout = 2m
                  debug.log = [in_asm, int]
                  semihosting { enabled = on, target = native, chardev = serial0 }
                  append = "console=ttyAMA0"
                  kernel = ${?MTTCG_TEST_VARIABLE_THAT_IS_NOT_SET}
                }
                """);
        MachineConfig m = Launch.parse(work, "--config", "my.conf");
        assertEquals(1L << 30, m.memoryBytes());
        assertEquals(java.time.Duration.ofMinutes(2), m.timeout());
        assertTrue(m.debug().has("in_asm") && m.debug().has("int"));
        assertTrue(m.semihosting().enabled() && m.semihosting().chardevSerial0());
        assertEquals("console=ttyAMA0", m.append());
        assertEquals(null, m.kernel(), "an unset optional substitution leaves the reference default");
    }

    @Test
    void keysOutsideMttcgPassThroughToRaw() throws Exception {
        Files.writeString(work.resolve("my.conf"), "pekko.loglevel = DEBUG\n");
        assertEquals("DEBUG", Launch.parse(work, "--config", "my.conf").raw().getString("pekko.loglevel"));
    }
}
