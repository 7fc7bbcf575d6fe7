package io.mttcgj.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small real sweeps: child JVMs running smp-compute with a tiny work count, and a failing comparison. */
class SweepEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void sweepOverOneAndTwoVcpusWritesCsvPngAndTable() throws Exception {
        Path out = dir.resolve("out");
        Path conf = dir.resolve("sweep.conf");
        // The comparison is `false`: every run of it fails, which the sweep must record and survive.
        Files.writeString(conf, "mttcg.sweep {\n" + SweepConfigTest.args("n=2") + """
                  vcpus = [1, 2]
                  threads = [multi]
                  repeats = 1
                  timeout = 2m
                  expect-output = PASS
                  # Start-up speed over peak speed: this test checks the plumbing, not the figures.
                  java-options = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss4m"]
                  compare { command = [false], name = cmp }
                  output-dir = "%s"
                }
                """.formatted(out));
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int status = SweepCommand.run(new String[] {"--config", conf.toString()},
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
        String progress = stderr.toString(StandardCharsets.UTF_8);
        String table = stdout.toString(StandardCharsets.UTF_8);
        assertEquals(SweepCommand.RUNS_FAILED, status, progress + table);
        assertTrue(progress.contains("[1/4] ours multi 1 vCPU rep 1/1: "), progress);
        assertTrue(progress.contains("[2/4] ours multi 2 vCPUs rep 1/1: "), progress);
        assertTrue(progress.contains("[4/4] cmp multi 2 vCPUs rep 1/1: FAILED"), progress);

        List<String> csv = Files.readAllLines(out.resolve("sweep.csv"));
        assertEquals(5, csv.size(), String.join("\n", csv));
        List<List<String>> rows = csv.stream().skip(1).map(l -> List.of(l.split(",", -1))).toList();
        int status0 = SweepCsv.HEADER.indexOf("status");
        int insns = SweepCsv.HEADER.indexOf("guest_insns_per_vcpu");
        int cores = SweepCsv.HEADER.indexOf("host_cores");
        for (int i = 0; i < 2; i++) { // ours: 1 then 2 vCPUs, each with its per-vCPU statistics
            List<String> row = rows.get(i);
            assertEquals(List.of("ours", "multi", Integer.toString(i + 1), "1", "ok"), row.subList(1, 6), csv.get(i + 1));
            String[] perVcpu = row.get(insns).split(";");
            assertEquals(i + 1, perVcpu.length);
            for (String n : perVcpu) {
                assertTrue(Long.parseLong(n) > 10_000, "every vCPU did the work: " + csv.get(i + 1));
            }
            assertTrue(Long.parseLong(row.get(SweepCsv.HEADER.indexOf("tbs_translated"))) > 0);
            assertEquals(Integer.toString(Runtime.getRuntime().availableProcessors()), row.get(cores));
        }
        for (int i = 2; i < 4; i++) {
            assertEquals(List.of("cmp", "multi", Integer.toString(i - 1), "1", "failed", "1"), rows.get(i).subList(1, 7));
        }
        assertTrue(Files.readString(out.resolve("logs/ours-multi-2cpu-r1.out")).contains("PASS"));

        BufferedImage png = ImageIO.read(out.resolve("sweep.png").toFile());
        assertEquals(SweepChart.WIDTH, png.getWidth());
        assertEquals(SweepChart.HEIGHT, png.getHeight());
        assertTrue(table.contains("ours       multi       2   1/1"), table);
        assertTrue(table.contains("1.00x"), table);
    }

    @Test
    void runOverTheTimeoutIsKilledAndRecorded() throws Exception {
        Path script = dir.resolve("slow.sh");
        Files.writeString(script, "#!/bin/sh\nsleep 30\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path conf = dir.resolve("sweep.conf");
        Files.writeString(conf, "mttcg.sweep {\n" + SweepConfigTest.args("n=2")
                + "timeout = 1s\ncompare.command = [\"" + script + "\"]\n}\n");
        SweepConfig c = SweepConfig.load(conf, dir.resolve("out"), 1);
        Files.createDirectories(c.outputDir().resolve("logs"));
        long t0 = System.nanoTime();
        RunResult r = new SweepRunner(c, new PrintStream(new ByteArrayOutputStream()))
                .run(new RunSpec(1, "qemu", "multi", 1, 1));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals("timeout", r.status());
        assertTrue(seconds < 10, "killed at the timeout, not after the 30 s sleep: " + seconds);
        assertTrue(r.wallSeconds() >= 1.0, "ran until the timeout: " + r.wallSeconds());
    }
}
