package io.mttcgj.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The defaults the task specifies, and the promise that reference.conf documents every key. */
class DefaultsTest {
    @TempDir
    Path dir;

    @Test
    void noArgumentsGivesTheSpecifiedDefaults() throws Exception {
        MachineConfig m = Launch.parse(dir);
        assertEquals("run", m.command());
        assertEquals("vexpress-a15", m.machine());
        assertTrue(m.secure());
        assertTrue(m.virtualization());
        assertEquals(1, m.cpus());
        assertEquals(128L * 1024 * 1024, m.memoryBytes());
        assertNull(m.kernel(), "a missing kernel is the launcher's error, not the parser's");
        assertNull(m.initrd());
        assertNull(m.dtb());
        assertEquals("", m.append());
        assertFalse(m.semihosting().enabled());
        assertFalse(m.semihosting().chardevSerial0());
        assertEquals(dir.toAbsolutePath().normalize(), m.semihosting().root());
        assertFalse(m.nographic());
        assertEquals(ThreadMode.SINGLE, m.threadMode(), "auto with one CPU is single-threaded");
        assertEquals(new Translation(48, 65536, 12, Translation.Tiers.MIXED, 5000, true), m.translation());
        assertTrue(m.debug().items().isEmpty());
        assertNull(m.debug().logFile());
        assertEquals(new Stats(false, null, java.time.Duration.ZERO), m.stats());
        assertEquals(Duration.ZERO, m.timeout());
        assertEquals("WARN", m.logLevel());
        assertEquals(12, m.raw().getInt("mttcg.translation.jump-cache-bits"), "raw holds the merged config");
    }

    @Test
    void nullArgumentsAreTheEmptyCommandLine() throws Exception {
        assertEquals(1, LaunchOptions.parse(null, Launch.class.getClassLoader(), dir).cpus());
    }

    @Test
    void everyReferenceKeyHasAComment() {
        Config reference = ConfigFactory.parseResources(getClass().getClassLoader(), "reference.conf");
        List<String> undocumented = new ArrayList<>();
        collectUndocumented("mttcg", reference.getObject("mttcg"), undocumented);
        assertTrue(undocumented.isEmpty(), "keys without a comment in reference.conf: " + undocumented);
    }

    private static void collectUndocumented(String path, ConfigObject object, List<String> out) {
        for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
            String key = path + "." + e.getKey();
            if (e.getValue() instanceof ConfigObject child) {
                collectUndocumented(key, child, out);
            } else if (e.getValue().origin().comments().isEmpty()) {
                out.add(key);
            }
        }
    }

    @Test
    void helpAndVersionExitWithStatusZero() {
        UsageException help = Launch.refused(dir, "--help");
        assertEquals(0, help.exitStatus());
        assertEquals(LaunchOptions.usage(), help.getMessage());
        for (String flag : List.of("-M", "-smp", "-m", "-kernel", "-initrd", "-dtb", "-append", "-nographic",
                "-semihosting-config", "-accel", "-d ", "-D ", "-serial", "--config", "--stats-json", "--timeout")) {
            assertTrue(help.getMessage().contains(flag), "usage mentions " + flag);
        }
        UsageException version = Launch.refused(dir, "--version");
        assertEquals(0, version.exitStatus());
        assertTrue(version.getMessage().startsWith("mttcg-j version "), version.getMessage());
        assertFalse(version.getMessage().contains("${"), "version.properties is filtered by Maven");
    }

    @Test
    void debugHelpListsEveryItem() {
        UsageException e = Launch.refused(dir, "-d", "help");
        assertEquals(0, e.exitStatus());
        for (String item : List.of("in_asm", "exec", "cpu", "int", "guest_errors", "unimp", "stats")) {
            assertTrue(e.getMessage().contains(item), item);
        }
        assertEquals(0, Launch.refused(dir, "-M", "help").exitStatus());
    }
}
