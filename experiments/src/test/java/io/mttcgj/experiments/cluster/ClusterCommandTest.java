package io.mttcgj.experiments.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.mttcgj.config.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterCommandTest {
    @TempDir
    Path dir;

    private static ClusterSettings settings(Path dir, String... args) throws UsageException {
        return ClusterSettings.from(ClusterCommand.configure(args, dir));
    }

    @Test
    void workerTakesSeedsFromTheConfigAndPortFromTheCommandLine() throws Exception {
        Files.writeString(dir.resolve("c.conf"), """
                cluster { seed-nodes = ["10.1.2.3:7355"], worker.parallelism = 3 }
                """);
        ClusterSettings s = settings(dir, "--role", "worker", "--config", "c.conf", "--port", "4711");
        assertEquals(ClusterSettings.Role.WORKER, s.role());
        assertEquals(4711, s.port());
        assertEquals(List.of("pekko://mttcg-campaign@10.1.2.3:7355"), s.seedNodes());
        assertEquals(3, s.parallelism());

        Config system = s.actorSystemConfig();
        assertEquals("cluster", system.getString("pekko.actor.provider"));
        assertEquals(4711, system.getInt("pekko.remote.artery.canonical.port"));
        assertEquals(List.of("worker"), system.getStringList("pekko.cluster.roles"));
        assertEquals("jackson-cbor",
                system.getString("pekko.actor.serialization-bindings.\"io.mttcgj.experiments.cluster.ClusterSerializable\""));
        assertEquals("org.apache.pekko.cluster.sbr.SplitBrainResolverProvider",
                system.getString("pekko.cluster.downing-provider-class"));
        assertEquals(false, system.getBoolean("pekko.actor.allow-java-serialization"));
    }

    @Test
    void commandLineOverridesTheConfigFile() throws Exception {
        Files.writeString(dir.resolve("c.conf"), "cluster { role = worker, seed-nodes = [\"a:1\"], host = \"10.0.0.1\" }");
        ClusterSettings s = settings(dir, "--config", "c.conf", "--role", "coordinator", "--host", "127.0.0.2",
                "--seed-nodes", "127.0.0.2:9000, pekko://mttcg-campaign@127.0.0.3:9001", "--min-workers", "2",
                "--out", "rep");
        assertEquals(ClusterSettings.Role.COORDINATOR, s.role());
        assertEquals("127.0.0.2", s.host());
        assertEquals(7355, s.port(), "the coordinator's default port");
        assertEquals(List.of("pekko://mttcg-campaign@127.0.0.2:9000", "pekko://mttcg-campaign@127.0.0.3:9001"),
                s.seedNodes());
        assertEquals(2, s.minWorkerNodes());
        assertEquals(Path.of("rep"), s.outputDir());
    }

    @Test
    void badInputIsAUsageErrorNamingTheProblem() {
        assertMessage("no node role", () -> settings(dir));
        assertMessage("must be 'coordinator' or 'worker'", () -> settings(dir, "--role", "boss"));
        assertMessage("a worker needs the coordinator's address", () -> settings(dir, "--role", "worker"));
        assertMessage("seed node 'nohost' must be HOST:PORT",
                () -> settings(dir, "--role", "worker", "--seed-nodes", "nohost"));
        assertMessage("--port needs a whole number", () -> settings(dir, "--role", "worker", "--port", "x"));
        assertMessage("not a port number", () -> settings(dir, "--role", "coordinator", "--port", "70000"));
        assertMessage("'missing.conf' (--config) is not a readable file",
                () -> settings(dir, "--role", "worker", "--config", "missing.conf"));
        assertMessage("unknown option '--bogus'", () -> settings(dir, "--bogus", "1"));
        assertMessage("--role needs a value", () -> settings(dir, "--role"));
    }

    @Test
    void runPrintsTheErrorWithoutAStackTraceAndExitsTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ClusterCommand.run(new String[] {"--role", "worker"}, new SyntheticCampaign(),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("mttcg campaign: a worker needs"), text);
        assertTrue(!text.contains("Exception"), text);
    }

    private interface Call {
        Object call() throws Exception;
    }

    private static void assertMessage(String expected, Call call) {
        UsageException e = assertThrows(UsageException.class, call::call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(2, e.exitStatus());
    }
}
