package io.mttcgj.experiments.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignTest {
    @TempDir
    Path tmp;

    private CampaignConfig config(String body) throws CampaignConfigException {
        String text = "campaign { kernel = \"" + IcountDeterminismTest.repo().resolve("guests/bin/faultcheck.elf")
                + "\"\n append = \"n=2\"\n workers = 2\n output-dir = \"" + tmp.resolve("out") + "\"\n" + body + "\n}";
        return CampaignConfig.from(ConfigFactory.parseString(text)
                .withFallback(ConfigFactory.parseResources(CampaignConfig.class, "/reference.conf")).resolve(), tmp);
    }

    private static InjectionResult one(CampaignConfig cfg, String model, long at, Map<String, String> params)
            throws CampaignConfigException {
        return MachineExecutor.withGoldenRun(cfg).run(new Injection(0, model, 0, at, params));
    }

    /**
     * Waits (30 s at most) until every thread started since {@code before} has ended: the machines' actor
     * systems stop asynchronously, so their threads end some time after the campaign returns.
     */
    private static void assertNoThreadsLeftBehind(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Set<Thread> left;
        while (true) {
            left = liveThreads();
            left.removeAll(before);
            left.removeIf(t -> !t.isAlive() || t.getName().equals("Java2D Disposer")); // JDK singleton of the PNG writer
            if (left.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(20);
        }
        assertEquals(Set.of(), left, "threads still alive 30 s after the campaign ended");
    }

    private static Set<Thread> liveThreads() {
        return new HashSet<>(Thread.getAllStackTraces().keySet());
    }

    @Test
    void badConfigsAreRefusedNamingTheKey() throws Exception {
        var e1 = assertThrows(CampaignConfigException.class,
                () -> config("injections = [{model = cosmic-ray, at = 10}]"));
        assertTrue(e1.getMessage().contains("campaign.injections[0].model") && e1.getMessage().contains("cosmic-ray"),
                e1.getMessage());
        var e2 = assertThrows(CampaignConfigException.class,
                () -> config("injections = [{model = reg-bitflip, vcpu = 3, at = 10, reg = 1, bit = 1}]"));
        assertTrue(e2.getMessage().contains("campaign.injections[0].vcpu"), e2.getMessage());
        var e3 = assertThrows(CampaignConfigException.class,
                () -> config("injections = [{model = reg-bitflip, at = 10, reg = 16, bit = 1}]"));
        assertTrue(e3.getMessage().contains("campaign.injections[0].reg") && e3.getMessage().contains("out of range"),
                e3.getMessage());
        var e4 = assertThrows(CampaignConfigException.class,
                () -> config("golden-output = \"no-such-golden.txt\"\nrandom.count = 5"));
        assertTrue(e4.getMessage().contains("campaign.golden-output"), e4.getMessage());
        var e5 = assertThrows(CampaignConfigException.class, () -> config("random { count = 3, models = [meteor] }"));
        assertTrue(e5.getMessage().contains("campaign.random.models"), e5.getMessage());
        // through the command: exit 2, the message on stderr, nothing run (no output directory)
        Path f = tmp.resolve("bad.conf");
        Files.writeString(f, "campaign { kernel = \"" + IcountDeterminismTest.repo().resolve("guests/bin/faultcheck.elf")
                + "\", injections = [{model = nope, at = 1}] }");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CampaignCommand.run(new String[] {"--config", f.toString()}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err));
        assertEquals(2, status);
        assertTrue(err.toString().contains("unknown fault model 'nope'"), err.toString());
        assertTrue(!Files.exists(tmp.resolve("out")));
    }

    @Test
    void goldenOutputMustMatch() throws Exception {
        Path golden = tmp.resolve("golden.txt");
        Files.writeString(golden, "something else\n");
        CampaignConfig cfg = config("golden-output = \"" + golden + "\"\nrandom.count = 1");
        var e = assertThrows(CampaignConfigException.class, () -> MachineExecutor.withGoldenRun(cfg));
        assertTrue(e.getMessage().contains("golden-output"), e.getMessage());
    }

    @Test
    void vcpuCrashStopsTheMachineOrRestartsTheVcpuAndLeavesNoThreads() throws Exception {
        Set<Thread> before = liveThreads();
        CampaignConfig stop = config("random.count = 1");
        InjectionResult r = one(stop, "vcpu-crash", 20_000, Map.of());
        assertTrue(r.injected());
        assertEquals(Outcome.EMULATOR_ERROR, r.outcome(), r.diffSummary());
        assertTrue(r.diffSummary().contains("vCPU crashed"), r.diffSummary());
        CampaignConfig restart = config("random.count = 1\non-vcpu-crash = restart");
        InjectionResult r2 = one(restart, "vcpu-crash", 20_000, Map.of());
        assertTrue(r2.injected());
        // Restarted from reset before it printed anything: the program runs again from its entry to the same end.
        assertEquals(Outcome.MASKED, r2.outcome(), r2.diffSummary());
        assertNoThreadsLeftBehind(before);
    }

    @Test
    void faultModelsHaveTheirEffect() throws Exception {
        CampaignConfig cfg = config("random.count = 1");
        MachineExecutor exec = MachineExecutor.withGoldenRun(cfg);
        long mid = exec.golden().insns()[0] / 2;
        // A flipped PC bit sends the guest off its code: it crashes into the default vectors (exit 125) or runs wild.
        Outcome pc = exec.run(new Injection(0, "reg-bitflip", 0, mid, Map.of("reg", "15", "bit", "20"))).outcome();
        assertNotEquals(Outcome.MASKED, pc);
        // Lost timer interrupt: the guest sleeps in WFI forever -> hang (found without waiting for the wall clock).
        InjectionResult lost = exec.run(new Injection(1, "irq-lost", 0, 100, Map.of()));
        assertEquals(Outcome.HANG, lost.outcome());
        assertTrue(lost.wallMillis() < 20_000);
        // A dropped or corrupted console byte is silent data corruption.
        assertEquals(Outcome.SDC, exec.run(new Injection(2, "uart-drop", 0, 100, Map.of())).outcome());
        assertEquals(Outcome.SDC, exec.run(new Injection(3, "uart-corrupt", 0, 100, Map.of("bit", "0"))).outcome());
        // VBAR moved away from the vector table: the timer IRQ then vectors into garbage.
        assertNotEquals(Outcome.MASKED, exec.run(new Injection(4, "sysreg-bitflip", 0, 100,
                Map.of("reg", "vbar", "bit", "12"))).outcome());
        // A fault point past the end of the run is never reached.
        InjectionResult late = exec.run(new Injection(5, "reg-bitflip", 0, 1L << 40, Map.of("reg", "0", "bit", "0")));
        assertEquals(Outcome.MASKED, late.outcome());
        assertTrue(!late.injected());
        // Delaying the pending timer is harmless here, and deterministic: same instruction counts.
        assertEquals(Outcome.MASKED, exec.run(new Injection(6, "timer-delay", 0, 100, Map.of("ns", "1000"))).outcome());
    }

    @Test
    void storingOverTranslatedCodeFromTheInjectorInvalidatesIt() throws Exception {
        CampaignConfig cfg = config("random.count = 1");
        long mid = MachineExecutor.withGoldenRun(cfg).golden().insns()[0] / 2;
        // At mid-run the PC is in the hot CRC loop (n=2 blocks of 256 bytes), whose blocks have run many times.
        PcProbe.Seen probe = PcProbe.run(cfg, mid, null);
        // The same point with that word made UDF (ARM ARM A8.8.247, 0xe7f000f0) through the bus, as ram-bitflip
        // writes: the guest must take the Undefined exception (its default vector exits 125), not run the old block.
        PcProbe.Seen flipped = PcProbe.run(cfg, mid, 0xe7f000f0);
        assertEquals(probe.pc(), flipped.pc());
        assertEquals(125, flipped.status());
        // And the ram-bitflip model on the same word: bit 0 of the condition-free word changes its meaning,
        // so the run no longer ends like the golden one... or is masked when the bit is don't-care; either
        // way the injection happened and the run was classified.
        MachineExecutor exec = MachineExecutor.withGoldenRun(cfg);
        InjectionResult r = exec.run(new Injection(0, "ram-bitflip", 0, mid,
                Map.of("addr", String.format("0x%x", probe.pc() & 0xffffffffL), "bit", "28")));
        assertTrue(r.injected());
        assertNotEquals(Outcome.MASKED, r.outcome(), "bit 28 turns the AL condition (0xe) into 0xf: unconditional space");
    }

    @Test
    void campaignOf200IsClassifiedReproducibleAndResumable() throws Exception {
        Set<Thread> before = liveThreads();
        CampaignConfig cfg = config("random { seed = 7, count = 200 }");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Campaign.Report rep = Campaign.run(cfg, new PrintStream(console));
        assertEquals(200, rep.planned());
        assertEquals(200, rep.ran());
        Path csv = cfg.outputDir().resolve("results.csv");
        List<ResultsCsv.Row> rows = ResultsCsv.read(csv);
        assertEquals(200, rows.size());
        Map<Integer, String> first = new HashMap<>();
        rows.forEach(r -> first.put(r.id(), r.model() + " " + r.outcome()));
        assertEquals(200, first.size(), "one row per injection");
        int sum = 0;
        for (Outcome o : Outcome.values()) {
            sum += rep.count(o);
        }
        assertEquals(200, sum);
        assertTrue(rep.count(Outcome.MASKED) > 0 && rep.count(Outcome.MASKED) < 200, console.toString());
        assertTrue(Files.size(cfg.outputDir().resolve("summary.png")) > 1000);
        assertTrue(Files.readString(cfg.outputDir().resolve("summary.txt")).contains("200 injections"));

        // Interrupted: keep the header and 150 rows plus half of a line, then run the same campaign again.
        List<String> lines = Files.readAllLines(csv);
        Files.writeString(csv, String.join("\n", lines.subList(0, 151)) + "\n" + lines.get(151).substring(0, 10));
        Campaign.Report resumed = Campaign.run(cfg, new PrintStream(new ByteArrayOutputStream()));
        assertEquals(150, resumed.skipped());
        assertEquals(50, resumed.ran());
        List<ResultsCsv.Row> again = ResultsCsv.read(csv);
        assertEquals(200, again.size());
        for (ResultsCsv.Row r : again) {
            assertEquals(first.get(r.id()), r.model() + " " + r.outcome(), "injection " + r.id() + " reproduced");
        }
        assertNoThreadsLeftBehind(before);
    }
}
