package io.mttcgj.experiments.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.mttcgj.experiments.campaign.Outcome;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coordinator and two worker JVMs on loopback run a 60-injection synthetic campaign; one worker
 * is killed (destroyForcibly) mid-campaign. Every injection must still be classified exactly once,
 * with its deterministic outcome, and every process must be gone at the end.
 */
class ClusterCampaignMultiJvmTest {
    private static final int INJECTIONS = 60;
    private static final Pattern RESULT = Pattern.compile("^result (\\d+)/\\d+: id=(\\d+) (\\w+) by (\\S+)/slot-\\d+$");
    private static final Pattern WORKER_NODE = Pattern.compile("^worker: node (\\S+) with");

    @TempDir
    Path dir;

    private final Map<String, Process> processes = new LinkedHashMap<>();

    @AfterEach
    void killLeftovers() {
        for (Process p : processes.values()) {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void killedWorkersRunsAreRedoneAndEveryInjectionIsClassifiedOnce() throws Exception {
        int port = freePort();
        Path conf = dir.resolve("cluster-test.conf");
        Path report = dir.resolve("report");
        Files.writeString(conf, """
                synthetic { injections = %d, run-millis = 400ms }
                cluster {
                  seed-nodes = ["127.0.0.1:%d"]
                  coordinator { min-worker-nodes = 2, output-dir = "%s" }
                  worker { parallelism = 2, result-timeout = 2s, join-timeout = 30s }
                  pekko.cluster {
                    failure-detector { heartbeat-interval = 300ms, acceptable-heartbeat-pause = 2s }
                    split-brain-resolver.stable-after = 1s
                  }
                  pekko.coordinated-shutdown.phases.cluster-exiting.timeout = 3s
                }
                """.formatted(INJECTIONS, port, report.toString().replace("\\", "/")));

        long t0 = System.nanoTime();
        Process coordinator = start("coordinator", "--role", "coordinator", "--config", conf.toString(),
                "--port", String.valueOf(port));
        Process survivor = start("worker1", "--role", "worker", "--config", conf.toString());
        Process victim = start("worker2", "--role", "worker", "--config", conf.toString());

        String victimNode = awaitMatch("worker2", WORKER_NODE, 60);
        // Kill when the campaign is well under way and the victim has done some of it (so it is busy).
        await("12 results, some from worker2", 60, () -> {
            List<String[]> results = results();
            return results.size() >= 12 && results.stream().anyMatch(r -> r[3].equals(victimNode));
        });
        victim.destroyForcibly();
        long killedAt = System.nanoTime();
        int doneAtKill = results().size();
        assertTrue(victim.waitFor(10, TimeUnit.SECONDS), "killed worker still alive");

        // Note when the coordinator sees the victim unreachable, then removed (downed by the SBR).
        double unreachableAfter = -1;
        double lostAfter = -1;
        long deadline = killedAt + TimeUnit.SECONDS.toNanos(45);
        while (coordinator.isAlive() && System.nanoTime() < deadline) {
            String log = read("coordinator.out");
            double since = (System.nanoTime() - killedAt) / 1e9;
            if (unreachableAfter < 0 && log.contains(victimNode + " unreachable")) {
                unreachableAfter = since;
            }
            if (lostAfter < 0 && log.contains(victimNode + " lost with")) {
                lostAfter = since;
            }
            Thread.sleep(20);
        }
        if (!coordinator.waitFor(1, TimeUnit.SECONDS)) {
            fail("the campaign did not end within 45 s after the kill; missing ids " + missingIds() + "\n" + logs());
        }
        long endedAt = System.nanoTime();
        assertEquals(0, coordinator.exitValue(), "coordinator exit status\n" + logs());
        assertTrue(survivor.waitFor(20, TimeUnit.SECONDS), "the surviving worker did not stop after the campaign\n"
                + logs());
        assertEquals(0, survivor.exitValue(), "surviving worker exit status\n" + logs());

        // Every id exactly once, with the outcome its id determines.
        List<String> rows = Files.readAllLines(report.resolve("results.csv"), StandardCharsets.UTF_8);
        assertEquals(CampaignReport.HEADER, rows.get(0));
        assertEquals(INJECTIONS, rows.size() - 1, "rows in results.csv");
        TreeSet<Integer> seen = new TreeSet<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            int id = Integer.parseInt(f[0]);
            assertTrue(seen.add(id), "id " + id + " twice in results.csv");
            assertEquals(SyntheticCampaign.expectedOutcome(id), Outcome.valueOf(f[5]), "outcome of id " + id);
        }
        assertEquals(INJECTIONS, seen.size());
        assertEquals(0, seen.first());
        assertEquals(INJECTIONS - 1, seen.last());

        // The coordinator saw the victim go and had the runs it was doing redone elsewhere.
        String coordinatorLog = read("coordinator.out");
        Matcher lost = Pattern.compile("node " + Pattern.quote(victimNode) + " lost with (\\d+) run\\(s\\) in flight (\\[.*\\])")
                .matcher(coordinatorLog);
        assertTrue(lost.find(), "the coordinator never reported worker2 lost\n" + logs());
        assertTrue(Integer.parseInt(lost.group(1)) > 0, "worker2 had no run in flight when killed\n" + logs());
        String summary = Files.readString(report.resolve("summary.txt"));
        assertTrue(summary.contains("classified: " + INJECTIONS + "\n"), summary);
        Matcher redone = Pattern.compile("runs redone after a node was lost: (\\d+)").matcher(summary);
        assertTrue(redone.find() && Integer.parseInt(redone.group(1)) > 0, summary);
        for (Process p : processes.values()) {
            assertFalse(p.isAlive(), "a node process is still alive");
        }

        System.out.printf("multi-JVM campaign: %d injections; worker2 killed after %d results at %.1f s; "
                + "campaign ended %.1f s after the kill (%.1f s in all); worker2 had %s in flight%n",
                INJECTIONS, doneAtKill, (killedAt - t0) / 1e9, (endedAt - killedAt) / 1e9, (endedAt - t0) / 1e9,
                lost.group(2));
        System.out.printf("  after the kill: unreachable at %.2f s, downed and removed at %.2f s%n",
                unreachableAfter, lostAfter);
        coordinatorLog.lines().filter(l -> l.contains("unreachable") || l.contains(" lost with ") || l.contains("redone"))
                .forEach(l -> System.out.println("  " + l));
        System.out.print(summary.lines().filter(l -> !l.startsWith("  id")).map(l -> "  " + l + "\n")
                .reduce("", String::concat));
    }

    private Process start(String name, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", classPath, TestNodeMain.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile())
                .start();
        processes.put(name, p);
        return p;
    }

    /** The coordinator's result lines so far: {n, id, outcome, node}. */
    private List<String[]> results() throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String line : read("coordinator.out").lines().toList()) {
            Matcher m = RESULT.matcher(line);
            if (m.matches()) {
                out.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)});
            }
        }
        return out;
    }

    private TreeSet<Integer> missingIds() throws IOException {
        TreeSet<Integer> missing = new TreeSet<>();
        for (int i = 0; i < INJECTIONS; i++) {
            missing.add(i);
        }
        for (String[] r : results()) {
            missing.remove(Integer.parseInt(r[1]));
        }
        return missing;
    }

    private String awaitMatch(String name, Pattern pattern, int seconds) throws Exception {
        String[] found = new String[1];
        await(name + " to print " + pattern, seconds, () -> {
            for (String line : read(name + ".out").lines().toList()) {
                Matcher m = pattern.matcher(line);
                if (m.find()) {
                    found[0] = m.group(1);
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private interface Check {
        boolean ok() throws IOException;
    }

    private void await(String what, int seconds, Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (check.ok()) {
                return;
            }
            for (Map.Entry<String, Process> e : processes.entrySet()) {
                if (!e.getValue().isAlive()) {
                    fail(e.getKey() + " exited (" + e.getValue().exitValue() + ") while waiting for " + what + "\n"
                            + logs());
                }
            }
            Thread.sleep(50);
        }
        fail("timed out after " + seconds + " s waiting for " + what + "; missing ids " + missingIds() + "\n" + logs());
    }

    private String read(String file) {
        try {
            Path p = dir.resolve(file);
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    private String logs() {
        StringBuilder s = new StringBuilder();
        for (String name : processes.keySet()) {
            for (String ext : new String[] {".out", ".err"}) {
                String text = read(name + ext);
                if (!text.isEmpty()) {
                    s.append("---- ").append(name).append(ext).append(" ----\n").append(text);
                }
            }
        }
        return s.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

}
