package io.mttcgj.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input is a UsageException with exit status 2 whose message says what, where, and what is allowed. */
class ErrorsTest {
    @TempDir
    Path dir;

    private String error(String... args) {
        UsageException e = Launch.refused(dir, args);
        assertEquals(2, e.exitStatus(), e.getMessage());
        assertTrue(e.getMessage().startsWith("mttcg: "), e.getMessage());
        return e.getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + message + "' should contain '" + part + "'");
        }
    }

    @Test
    void unknownFlag() {
        assertContains(error("-smp", "2", "-foo"), "unknown option '-foo'");
        assertContains(error("--bogus"), "'--bogus'");
        assertContains(error("-accel=tcg"), "'-accel=tcg'");
    }

    @Test
    void missingFlagArgument() {
        assertContains(error("-m"), "'-m'", "requires an argument", "SIZE");
        assertContains(error("-smp", "2", "-kernel"), "'-kernel'", "requires an argument");
        assertContains(error("--config"), "'--config'", "requires an argument");
        assertContains(error("--timeout"), "'--timeout'", "requires an argument");
    }

    @Test
    void strayArgumentsAndUnknownCommands() {
        assertContains(error("disk.img"), "unknown command 'disk.img'");
        assertContains(error("-smp", "2", "disk.img"), "unexpected argument 'disk.img'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-smp|9|mttcg.cpus (-smp)|between 1 and 8",
        "-smp|0|mttcg.cpus (-smp)|between 1 and 8",
        "-smp|two|mttcg.cpus (-smp)|between 1 and 8",
        "-smp|cores=0|cores|positive integer",
        "-smp|foo=1|'foo'|supported: cpus",
        "-M|vexpress-a9|mttcg.machine.name (-M)|vexpress-a15",
        "-machine|vexpress-a15,secure=maybe|'maybe'|on or off",
        "-M|vexpress-a15,gic-version=3|'gic-version'|secure, virtualization",
        "-accel|kvm|'kvm'|only tcg",
        "-accel|tcg,thread=many|mttcg.accel.thread|single or multi",
        "-accel|tcg,tb-size=64|'tb-size'|thread",
        "-semihosting-config|enable=on,target=gdb|target=gdb|native or auto",
        "-semihosting-config|target=remote|mttcg.semihosting.target (-semihosting-config)|native, auto",
        "-semihosting-config|chardev=serial1|'serial1'|serial0",
        "-semihosting-config|enable=perhaps|'perhaps'|on or off",
        "-semihosting-config|enable=on,userspace=on|'userspace'|enable, target, chardev, arg",
        "-d|in_asm,tb|'tb' for mttcg.debug.log (-d)|in_asm, op, exec, cpu, int, guest_errors, unimp, stats",
        "-serial|pty|'pty'|stdio, mon:stdio, none",
        "-display|gtk|'gtk'|only none",
        "-monitor|stdio|'stdio'|only none",
        "--timeout|30|mttcg.run.timeout (--timeout)|with a unit",
        "--timeout|-5s|mttcg.run.timeout|with a unit",
        "--timeout|soon|'soon'|with a unit",
    })
    void invalidFlagValues(String flag, String value, String names, String allowed) {
        assertContains(error(flag, value), value.contains("=") || value.contains(",") ? "" : "'" + value + "'", names, allowed);
    }

    @Test
    void unknownKeyInConfigFileIsNamedWithTheFile() throws Exception {
        Files.writeString(dir.resolve("my.conf"), "mttcg {\n  cpu = 2\n}\n");
        assertContains(error("--config", "my.conf"), "unknown config key 'mttcg.cpu' in my.conf", "line 2",
                "did you mean 'mttcg.cpus'");
        Files.writeString(dir.resolve("deep.conf"), "mttcg.semihosting.enable = true\n");
        assertContains(error("--config", "deep.conf"), "'mttcg.semihosting.enable'", "deep.conf",
                "'mttcg.semihosting.enabled'");
        Files.writeString(dir.resolve("far.conf"), "mttcg.frobnicate = 1\n");
        String far = error("--config", "far.conf");
        assertContains(far, "'mttcg.frobnicate'");
        assertTrue(!far.contains("did you mean"), far);
    }

    @Test
    void unknownKeyInEitherApplicationConfIsRefused() throws Exception {
        Files.writeString(dir.resolve("application.conf"), "mttcg.memroy = 1G\n");
        assertContains(error(), "'mttcg.memroy'", dir.resolve("application.conf").toString());
        Files.delete(dir.resolve("application.conf"));

        Path cp = Files.createDirectory(dir.resolve("cp"));
        Files.writeString(cp.resolve("application.conf"), "mttcg.stats.jsn = x\n");
        ClassLoader loader = new URLClassLoader(new URL[] {cp.toUri().toURL()}, getClass().getClassLoader());
        UsageException e = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
                () -> LaunchOptions.parse(new String[0], loader, dir));
        assertContains(e.getMessage(), "'mttcg.stats.jsn'", "application.conf on the classpath");
    }

    @Test
    void sectionsAndRootMustBeObjects() throws Exception {
        Files.writeString(dir.resolve("a.conf"), "mttcg.debug = 1\n");
        assertContains(error("--config", "a.conf"), "'mttcg.debug'", "a.conf", "section");
        Files.writeString(dir.resolve("b.conf"), "mttcg = 5\n");
        assertContains(error("--config", "b.conf"), "b.conf", "must be an object");
    }

    @Test
    void badValuesInConfigFilesNameTheKeyAndTheFileLine() throws Exception {
        Files.writeString(dir.resolve("v.conf"), "mttcg {\n  translation.max-block-insns = 513\n}\n");
        assertContains(error("--config", "v.conf"),
                "invalid value '513' for mttcg.translation.max-block-insns (v.conf: 2)", "between 1 and 512");
        Files.writeString(dir.resolve("w.conf"), "mttcg.cpus = many\n");
        assertContains(error("--config", "w.conf"), "'many' for mttcg.cpus (w.conf: 1)");
        Files.writeString(dir.resolve("x.conf"), "mttcg.logging.level = LOUD\n");
        assertContains(error("--config", "x.conf"), "'LOUD'", "mttcg.logging.level", "WARN");
        Files.writeString(dir.resolve("y.conf"), "mttcg.run.timeout = 30\n");
        assertContains(error("--config", "y.conf"), "mttcg.run.timeout (y.conf: 1)", "with a unit");
        Files.writeString(dir.resolve("z.conf"), "mttcg.debug.log = in_asm\n");
        assertContains(error("--config", "z.conf"), "mttcg.debug.log", "list");
        Files.writeString(dir.resolve("n.conf"), "mttcg.cpus = null\n");
        assertContains(error("--config", "n.conf"), "mttcg.cpus");
    }

    @Test
    void missingOrBrokenConfigFile() throws Exception {
        assertContains(error("--config", "nope.conf"), "config file 'nope.conf'", "does not exist");
        Files.createDirectory(dir.resolve("adir"));
        assertContains(error("--config", "adir"), "'adir'", "not a regular file");
        Files.writeString(dir.resolve("broken.conf"), "mttcg { cpus = \n");
        assertContains(error("--config", "broken.conf"), "cannot parse config file 'broken.conf'");
        Files.writeString(dir.resolve("unresolved.conf"), "mttcg.kernel = ${NO_SUCH_VARIABLE_FOR_MTTCG_TESTS}\n");
        assertContains(error("--config", "unresolved.conf"), "cannot resolve", "NO_SUCH_VARIABLE_FOR_MTTCG_TESTS");
    }

    @Test
    void semihostingRootMustExistWhenSemihostingIsOn() throws Exception {
        Files.writeString(dir.resolve("r.conf"), "mttcg.semihosting.root = no-such-dir\n");
        assertContains(error("-semihosting", "--config", "r.conf"), "'no-such-dir' for mttcg.semihosting.root",
                "existing directory");
        // Without semihosting the directory is never used, so it need not exist.
        assertEquals(false, Launch.parse(dir, "--config", "r.conf").semihosting().enabled());
    }
}
