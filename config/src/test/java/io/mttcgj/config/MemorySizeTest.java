package io.mttcgj.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code -m} follows QEMU: bare number = MiB, K/M/G suffixes (any case), rounded up to 8 KiB; 1M..2047M (QEMU: 2G). */
class MemorySizeTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "128,        134217728",
        "256M,       268435456",
        "256m,       268435456",
        "1G,         1073741824",
        "2047M,      2146435072",
        "2047,       2146435072",
        "1.5G,       1610612736",
        "0.5g,       536870912",
        "size=512M,  536870912",
        "1M,         1048576",
        "1048576B,   1048576",
        "1024k,      1048576",
        "1025K,      1056768",  // 1049600 rounded up to the next multiple of 8192
    })
    void accepted(String arg, long bytes) throws Exception {
        assertEquals(bytes, Launch.parse(dir, "-m", arg).memoryBytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "3G", "2G", "12Q", "2049M", "1023K", "128.5", "-1", "", "1.5B", "G", "0x100",
        "99999999999999999999T", "size=", "1 G"})
    void refused(String arg) {
        UsageException e = Launch.refused(dir, "-m", arg);
        assertEquals(2, e.exitStatus());
        assertTrue(e.getMessage().startsWith("mttcg: "), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"3G, must be between 1M and 2047M", "0, must be between 1M and 2047M", "12Q, must be a size"})
    void messageNamesValueKeyFlagAndRule(String arg, String rule) {
        String message = Launch.refused(dir, "-m", arg).getMessage();
        assertTrue(message.startsWith("mttcg: invalid value '" + arg + "' for mttcg.memory (-m): " + rule), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"slots=2", "256M,maxmem=1G", "256M,foo=1"})
    void hotplugAndUnknownPropertiesAreRefused(String arg) {
        assertEquals(2, Launch.refused(dir, "-m", arg).exitStatus());
    }
}
