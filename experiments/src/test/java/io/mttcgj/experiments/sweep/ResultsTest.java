package io.mttcgj.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV rows, medians, speedup and efficiency from hand-made run results. */
class ResultsTest {
    @TempDir
    Path dir;

    static RunResult ok(String series, String threads, int vcpus, int rep, double seconds) {
        return new RunResult(new RunSpec(0, series, threads, vcpus, rep), 0, (long) (seconds * 1e9), null, null, 2);
    }

    static RunResult failed(String series, String threads, int vcpus, int rep, double seconds) {
        return new RunResult(new RunSpec(0, series, threads, vcpus, rep), 1, (long) (seconds * 1e9), null,
                "exit status 1", 2);
    }

    @Test
    void csvRowForOurRunHasEveryStatistic() {
        GuestStats stats = new GuestStats(List.of(1000L, 1200L), List.of(12.5, 15.25), 58, 1, 3, 4.5, 9.75);
        RunResult r = new RunResult(new RunSpec(7, "ours", "multi", 2, 3), 0, 3_412_600_000L, stats, null, 2);
        List<String> row = SweepCsv.row(r);
        assertEquals(SweepCsv.HEADER.size(), row.size());
        assertEquals(List.of("7", "ours", "multi", "2", "3", "ok", "0", "3413", "2200", "1000;1200",
                "12.500;15.250", "58", "1", "3", "4.500", "9.750", "2", ""), row);
    }

    @Test
    void csvRowForComparisonAndFailure() throws Exception {
        RunResult qemu = new RunResult(new RunSpec(2, "qemu", "multi", 4, 1), 1, 500_000_000L, null,
                "exit status 1 (see \"x, y\")", 2);
        List<String> row = SweepCsv.row(qemu);
        assertEquals(SweepCsv.HEADER.size(), row.size());
        assertEquals("failed", row.get(SweepCsv.HEADER.indexOf("status")));
        assertEquals("", row.get(SweepCsv.HEADER.indexOf("guest_insns_total")));
        assertEquals("\"exit status 1 (see \"\"x, y\"\")\"", row.get(SweepCsv.HEADER.indexOf("error")));

        RunResult timeout = new RunResult(new RunSpec(3, "qemu", "multi", 4, 1), -1, 1L, null,
                SweepRunner.TIMEOUT + " after 5 s", 2);
        assertEquals("timeout", SweepCsv.row(timeout).get(SweepCsv.HEADER.indexOf("status")));

        Path csv = dir.resolve("sweep.csv");
        SweepCsv.write(csv, List.of(qemu, timeout));
        List<String> lines = Files.readAllLines(csv);
        assertEquals(3, lines.size());
        assertEquals(String.join(",", SweepCsv.HEADER), lines.get(0));
        assertTrue(lines.get(1).startsWith("2,qemu,multi,4,1,failed,1,500,"), lines.get(1));
    }

    @Test
    void medians() {
        assertEquals(2.0, Summary.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(2.5, Summary.median(List.of(4.0, 1.0, 2.0, 3.0)));
        assertTrue(Double.isNaN(Summary.median(List.of())));
    }

    @Test
    void speedupPerVcpuWorkIsThroughputRelativeToTheSeriesSingleThreadOneVcpuMedian() {
        List<RunResult> runs = List.of(
                ok("ours", "multi", 1, 1, 2.0), ok("ours", "multi", 2, 1, 2.5), ok("ours", "single", 1, 1, 1.0),
                ok("ours", "single", 2, 1, 2.0),
                ok("ours", "multi", 1, 2, 2.2), ok("ours", "multi", 2, 2, 2.2), ok("ours", "single", 1, 2, 1.2),
                failed("ours", "single", 2, 2, 0.1),
                ok("ours", "multi", 1, 3, 2.1), ok("ours", "multi", 2, 3, 2.3), ok("ours", "single", 1, 3, 1.1),
                ok("ours", "single", 2, 3, 2.4));
        List<Summary> s = Summary.of(runs, SweepConfig.Work.PER_VCPU);
        assertEquals(List.of("ours multi", "ours multi", "ours single", "ours single"),
                s.stream().map(x -> x.point().line()).toList(), "plan order");
        Summary multi2 = s.get(1);
        assertEquals(2.3, multi2.medianSeconds(), 1e-9);
        assertEquals(2.2, multi2.minSeconds(), 1e-9);
        assertEquals(2.5, multi2.maxSeconds(), 1e-9);
        // Baseline: 1 vCPU thread=single, median 1.1 s (as bench/scaling.sh); twice the work in 2.3 s.
        assertEquals(2 * 1.1 / 2.3, multi2.speedup(), 1e-9);
        assertEquals(2 * 1.1 / 2.5, multi2.speedupLow(), 1e-9);
        assertEquals(2 * 1.1 / 2.2, multi2.speedupHigh(), 1e-9);
        assertEquals(1.1 / 2.3, multi2.efficiency(), 1e-9);
        assertEquals(1.1 / 2.1, s.get(0).speedup(), 1e-9, "thread=multi at 1 vCPU against the same baseline");
        assertEquals(1.0, s.get(2).speedup(), 1e-9);

        Summary single2 = s.get(3); // the failed 0.1 s run must not count
        assertEquals(3, single2.runs());
        assertEquals(2, single2.ok());
        assertEquals(2.2, single2.medianSeconds(), 1e-9);
        assertEquals(2 * 1.1 / 2.2, single2.speedup(), 1e-9);
    }

    @Test
    void speedupTotalWorkIsTimeRatioEachLineItsOwnBaselineWithoutSingle() {
        List<RunResult> runs = List.of(ok("x", "multi", 1, 1, 4.0), ok("x", "multi", 4, 1, 1.6),
                failed("y", "multi", 1, 1, 1.0), ok("y", "multi", 2, 1, 1.0));
        List<Summary> s = Summary.of(runs, SweepConfig.Work.TOTAL);
        assertEquals(2.5, s.get(1).speedup(), 1e-9);
        assertEquals(2.5 / 4, s.get(1).efficiency(), 1e-9);
        assertTrue(Double.isNaN(s.get(3).speedup()), "no successful 1-vCPU run, no speedup");
        String table = Summary.table(s, 2);
        assertTrue(table.contains("2.50x"), table);
        assertTrue(table.contains("63%"), table);
        assertFalse(table.contains("NaN"), table);
    }
}
