package io.mttcgj.board;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import io.mttcgj.config.LaunchOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mttcg.logging.level sets the machine's Pekko log level too; a config file's own pekko.loglevel wins. */
class PekkoLoggingConfigTest {
    @TempDir
    Path dir;

    private Config pekko(String conf) throws Exception {
        Path file = Files.writeString(dir.resolve("x.conf"), conf);
        return Machine.pekkoConfig(LaunchOptions.parse(new String[] {"--config", file.toString()}));
    }

    @Test
    void defaultIsWarning() throws Exception {
        assertEquals("WARNING", pekko("").getString("pekko.loglevel"));
    }

    @Test
    void followsMttcgLoggingLevel() throws Exception {
        assertEquals("DEBUG", pekko("mttcg.logging.level = DEBUG\n").getString("pekko.loglevel"));
        assertEquals("DEBUG", pekko("mttcg.logging.level = TRACE\n").getString("pekko.loglevel"));
        assertEquals("INFO", pekko("mttcg.logging.level = INFO\n").getString("pekko.loglevel"));
        assertEquals("ERROR", pekko("mttcg.logging.level = ERROR\n").getString("pekko.loglevel"));
        assertEquals("OFF", pekko("mttcg.logging.level = OFF\n").getString("pekko.loglevel"));
    }

    @Test
    void aConfigFilesOwnPekkoLoglevelIsKept() throws Exception {
        Config c = pekko("mttcg.logging.level = WARN\npekko.loglevel = DEBUG\n");
        assertEquals("DEBUG", c.getString("pekko.loglevel"));
    }

    @Test
    void theMachinesOwnSettingsStay() throws Exception {
        Config c = pekko("pekko.stdout-loglevel = DEBUG\n");
        assertEquals("OFF", c.getString("pekko.stdout-loglevel"), "the guest owns stdout");
        assertEquals("org.apache.pekko.event.slf4j.Slf4jLogger", c.getStringList("pekko.loggers").get(0));
    }
}
