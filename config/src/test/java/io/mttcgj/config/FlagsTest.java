package io.mttcgj.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each command-line flag, in QEMU's spelling, and the field it sets. */
class FlagsTest {
    @TempDir
    Path dir;

    private MachineConfig parse(String... args) throws UsageException {
        return Launch.parse(dir, args);
    }

    @Test
    void machineWithProperties() throws Exception {
        MachineConfig m = parse("-M", "vexpress-a15,secure=off,virtualization=off");
        assertEquals("vexpress-a15", m.machine());
        assertFalse(m.secure());
        assertFalse(m.virtualization());
        MachineConfig n = parse("-machine", "type=vexpress-a15,secure=on,virtualization=yes");
        assertTrue(n.secure());
        assertTrue(n.virtualization());
        assertFalse(parse("-M", "vexpress-a15,secure=off").secure());
        assertTrue(parse("-M", "vexpress-a15,secure=off").virtualization(), "untouched property keeps its default");
    }

    @Test
    void smpForms() throws Exception {
        assertEquals(4, parse("-smp", "4").cpus());
        assertEquals(3, parse("-smp", "cpus=3,maxcpus=3").cpus());
        assertEquals(2, parse("-smp", "2,sockets=1,cores=2,threads=1").cpus());
        assertEquals(4, parse("-smp", "sockets=2,cores=2").cpus(), "without cpus= the count is the topology product");
        assertEquals(8, parse("-smp", "8").cpus());
    }

    @Test
    void filesAndCommandLine() throws Exception {
        MachineConfig m = parse("-kernel", "k.elf", "-initrd", "rd.img", "-dtb", "board.dtb",
                "-append", "console=ttyAMA0 root=/dev/ram");
        assertEquals("k.elf", m.kernel());
        assertEquals("rd.img", m.initrd());
        assertEquals("board.dtb", m.dtb());
        assertEquals("console=ttyAMA0 root=/dev/ram", m.append());
        assertEquals("-look", parse("-append", "-look").append(), "the argument is taken even if it starts with '-'");
    }

    @Test
    void consoleFlags() throws Exception {
        assertTrue(parse("-nographic").nographic());
        assertTrue(parse("-serial", "stdio").nographic());
        assertTrue(parse("-serial", "mon:stdio").nographic());
        assertFalse(parse("-nographic", "-serial", "none").nographic(), "explicit -serial none wins");
        assertFalse(parse("-serial", "none", "-nographic").nographic(), "whatever the order");
        assertFalse(parse("-display", "none", "-monitor", "none").nographic());
        assertTrue(parse("-no-reboot").raw().getBoolean("mttcg.machine.no-reboot"));
    }

    @Test
    void semihosting() throws Exception {
        assertTrue(parse("-semihosting").semihosting().enabled());
        Semihosting s = parse("-semihosting-config", "enable=on,target=native,chardev=serial0").semihosting();
        assertEquals(new Semihosting(true, "native", true, dir.toAbsolutePath().normalize()), s);
        assertTrue(parse("-semihosting-config", "target=auto").semihosting().enabled(),
                "as in QEMU, the option without enable= enables semihosting");
        assertFalse(parse("-semihosting", "-semihosting-config", "enable=off").semihosting().enabled());
        assertEquals("auto", parse("-semihosting").semihosting().target());
    }

    @Test
    void semihostingArgumentsKeepQemuCommaEscapes() throws Exception {
        MachineConfig m = parse("-semihosting-config", "enable=on,arg=prog,arg=a,,b", "-semihosting-config", "arg=c");
        assertEquals(List.of("prog", "a,b", "c"), m.raw().getStringList("mttcg.semihosting.args"));
    }

    @Test
    void semihostingRoot() throws Exception {
        Files.createDirectory(dir.resolve("guestfiles"));
        Files.writeString(dir.resolve("s.conf"), "mttcg.semihosting.root = guestfiles\n");
        assertEquals(dir.resolve("guestfiles").toAbsolutePath().normalize(),
                parse("-semihosting", "--config", "s.conf").semihosting().root());
    }

    @Test
    void accel() throws Exception {
        assertEquals(ThreadMode.SINGLE, parse("-accel", "tcg,thread=single", "-smp", "4").threadMode());
        assertEquals(ThreadMode.MULTI, parse("-accel", "tcg,thread=multi").threadMode());
        assertEquals(ThreadMode.MULTI, parse("--accel", "tcg,thread=multi").threadMode());
        assertEquals(ThreadMode.SINGLE, parse("-accel", "tcg").threadMode());
    }

    @Test
    void autoThreadModeFollowsCpuCount() throws Exception {
        assertEquals(ThreadMode.SINGLE, parse("-smp", "1").threadMode());
        assertEquals(ThreadMode.MULTI, parse("-smp", "2").threadMode());
        assertEquals(ThreadMode.MULTI, parse("-accel", "tcg", "-smp", "8").threadMode());
        Files.writeString(dir.resolve("t.conf"), "mttcg.accel.thread = single\n");
        assertEquals(ThreadMode.SINGLE, parse("--config", "t.conf", "-smp", "2").threadMode());
    }

    @Test
    void debugLogging() throws Exception {
        Debug d = parse("-d", "in_asm,int,guest_errors", "-D", "trace.log").debug();
        assertEquals(Set.of("in_asm", "int", "guest_errors"), d.items());
        assertTrue(d.has("int"));
        assertFalse(d.has("exec"));
        assertEquals("trace.log", d.logFile());
        assertEquals(Set.of("exec"), parse("-d", "cpu", "-d", "exec").debug().items(), "the last -d wins, as in QEMU");
    }

    @Test
    void ourOwnFlags() throws Exception {
        MachineConfig m = parse("--stats", "--stats-json", "stats.json", "--timeout", "30s", "--stats-interval", "2s");
        assertEquals(new Stats(true, "stats.json", java.time.Duration.ofSeconds(2)), m.stats());
        assertEquals(Duration.ofSeconds(30), m.timeout());
        assertEquals(Duration.ofMillis(500), parse("--timeout", "500ms").timeout());
        assertEquals(Duration.ZERO, parse("--timeout", "0").timeout());
        assertNull(parse("--stats").stats().jsonFile());
    }

    @Test
    void singleAndDoubleDashAreTheSame() throws Exception {
        assertEquals(2, parse("--smp", "2").cpus());
        assertTrue(parse("--nographic").nographic());
        assertTrue(parse("-stats").stats().print());
    }

    @Test
    void subcommandWord() throws Exception {
        assertEquals("run", parse("-smp", "2").command());
        assertEquals("run", parse("run", "-smp", "2").command());
        MachineConfig sweep = parse("sweep", "-smp", "2");
        assertEquals("sweep", sweep.command());
        assertEquals(2, sweep.cpus());
        assertEquals("campaign", parse("campaign").command());
    }

    @Test
    void typicalQemuCommandLine() throws Exception {
        MachineConfig m = parse("-M", "vexpress-a15", "-smp", "2", "-m", "256M", "-nographic",
                "-semihosting-config", "enable=on,target=native", "-kernel", "test.elf", "-no-reboot");
        assertEquals(2, m.cpus());
        assertEquals(256L << 20, m.memoryBytes());
        assertTrue(m.nographic());
        assertTrue(m.semihosting().enabled());
        assertEquals("native", m.semihosting().target());
        assertEquals(ThreadMode.MULTI, m.threadMode());
        assertEquals("test.elf", m.kernel());
    }
}
