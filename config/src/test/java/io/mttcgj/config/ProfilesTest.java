package io.mttcgj.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --profile NAME: a block mttcg.profiles.NAME of launch keys, between the --config files and the flags. */
class ProfilesTest {
    @TempDir
    Path work;

    @BeforeEach
    void labConf() throws Exception {
        Files.writeString(work.resolve("lab.conf"), """
                mttcg {
                  memory = 64M
                  append = "from the file"
                  profiles {
                    dhry2 {
                      cpus = 2
                      memory = 256M
                      kernel = "guests/bin/dhry.elf"
                      accel.thread = multi
                      translation { cache-limit = 4096, max-block-insns = 64 }
                      debug.log = [int]
                    }
                    small { cpus = 1 }
                  }
                }
                """);
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + message + "' should contain '" + part + "'");
        }
    }

    @Test
    void profileSetsEveryKindOfKey() throws Exception {
        MachineConfig m = Launch.parse(work, "--config", "lab.conf", "--profile", "dhry2");
        assertEquals(2, m.cpus());
        assertEquals(256L << 20, m.memoryBytes());
        assertEquals("guests/bin/dhry.elf", m.kernel());
        assertEquals(ThreadMode.MULTI, m.threadMode());
        assertEquals(4096, m.translation().cacheLimit());
        assertEquals(64, m.translation().maxBlockInsns());
        assertTrue(m.debug().items().contains("int"));
        assertEquals("from the file", m.append(), "what the profile leaves alone comes from the file");
    }

    @Test
    void withoutProfileTheProfilesAreInert() throws Exception {
        MachineConfig m = Launch.parse(work, "--config", "lab.conf");
        assertEquals(1, m.cpus());
        assertEquals(64L << 20, m.memoryBytes());
    }

    @Test
    void commandLineBeatsProfileWhateverTheOrder() throws Exception {
        assertEquals(4, Launch.parse(work, "-smp", "4", "--config", "lab.conf", "--profile", "dhry2").cpus());
        assertEquals(4, Launch.parse(work, "--profile", "dhry2", "--config", "lab.conf", "-smp", "4").cpus());
        assertEquals(ThreadMode.SINGLE,
                Launch.parse(work, "--config", "lab.conf", "--profile", "dhry2", "-accel", "tcg,thread=single")
                        .threadMode());
    }

    @Test
    void profileBeatsALaterConfigFile() throws Exception {
        Files.writeString(work.resolve("later.conf"), "mttcg.cpus = 3\nmttcg.append = later\n");
        MachineConfig m = Launch.parse(work, "--config", "lab.conf", "--config", "later.conf", "--profile", "dhry2");
        assertEquals(2, m.cpus());
        assertEquals("later", m.append());
    }

    @Test
    void profileMayBeBuiltOnAnotherWithSubstitution() throws Exception {
        Files.writeString(work.resolve("storm.conf"), """
                mttcg.profiles.storm = ${mttcg.profiles.dhry2} { translation.cache-limit = 16 }
                """);
        MachineConfig m = Launch.parse(work, "--config", "lab.conf", "--config", "storm.conf", "--profile", "storm");
        assertEquals(2, m.cpus());
        assertEquals(16, m.translation().cacheLimit());
        assertEquals(64, m.translation().maxBlockInsns());
    }

    @Test
    void unknownProfileListsTheDefinedOnes() {
        UsageException e = Launch.refused(work, "--config", "lab.conf", "--profile", "dhry3");
        assertEquals(2, e.exitStatus());
        assertContains(e.getMessage(), "unknown profile 'dhry3'", "--profile", "dhry2, small", "lab.conf");
    }

    @Test
    void profileWithoutAnyConfigFile() {
        UsageException e = Launch.refused(work, "--profile", "dhry2");
        assertContains(e.getMessage(), "unknown profile 'dhry2'", "no --config file", "mttcg.profiles.dhry2");
    }

    @Test
    void unknownKeyInsideAProfileNamesTheProfileKeyFileAndLine() throws Exception {
        Files.writeString(work.resolve("bad.conf"), """
                mttcg.profiles.p1 {
                  cpus = 2
                  translation.cache-limt = 10
                }
                """);
        // Refused even when the profile is not the one launched: a misspelt key is never silently ignored.
        String message = Launch.refused(work, "--config", "bad.conf").getMessage();
        assertContains(message, "unknown config key 'mttcg.profiles.p1.translation.cache-limt'", "bad.conf: 3",
                "did you mean 'mttcg.profiles.p1.translation.cache-limit'");
    }

    @Test
    void badValueInsideAProfileNamesTheKeyProfileAndFile() throws Exception {
        Files.writeString(work.resolve("bad.conf"), """
                mttcg.profiles.big {
                  memory = 4G
                }
                """);
        String message = Launch.refused(work, "--config", "bad.conf", "--profile", "big").getMessage();
        assertContains(message, "invalid value '4G' for mttcg.memory", "profile 'big' in bad.conf: 2",
                "between 1M and 2047M");
    }

    @Test
    void malformedProfiles() throws Exception {
        Files.writeString(work.resolve("a.conf"), "mttcg.profiles.p = 3\n");
        assertContains(Launch.refused(work, "--config", "a.conf").getMessage(), "mttcg.profiles.p", "a.conf",
                "block of launch keys");
        Files.writeString(work.resolve("b.conf"), "mttcg.profiles = [1]\n");
        assertContains(Launch.refused(work, "--config", "b.conf").getMessage(), "mttcg.profiles", "b.conf",
                "named profiles");
        Files.writeString(work.resolve("c.conf"), "mttcg.profiles.p.profiles.q.cpus = 2\n");
        assertContains(Launch.refused(work, "--config", "c.conf").getMessage(), "mttcg.profiles.p.profiles",
                "cannot define profiles");
    }

    @Test
    void oneProfilePerLaunch() {
        assertContains(Launch.refused(work, "--config", "lab.conf", "--profile", "dhry2", "--profile", "small")
                .getMessage(), "--profile given twice");
        assertContains(Launch.refused(work, "--profile").getMessage(), "'--profile' requires an argument");
    }
}
