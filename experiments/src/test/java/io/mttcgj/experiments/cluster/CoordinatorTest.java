package io.mttcgj.experiments.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.experiments.campaign.Injection;
import io.mttcgj.experiments.campaign.InjectionExecutor;
import io.mttcgj.experiments.campaign.InjectionResult;
import io.mttcgj.experiments.campaign.Outcome;
import io.mttcgj.experiments.cluster.CampaignProtocol.CoordinatorCommand;
import io.mttcgj.experiments.cluster.CampaignProtocol.ReportResult;
import io.mttcgj.experiments.cluster.CampaignProtocol.ResultAck;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The coordinator and worker actors in one local actor system: redelivery and duplicate handling. */
class CoordinatorTest {
    private static final ActorTestKit KIT = ActorTestKit.create();

    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<CampaignLedger> done = new CompletableFuture<>();
    private ExecutorService runner;

    @BeforeEach
    void setUp() {
        runner = Executors.newFixedThreadPool(4);
    }

    @AfterEach
    void tearDown() {
        runner.shutdownNow();
    }

    @AfterAll
    static void shutDown() {
        KIT.shutdownTestKit();
    }

    private ActorRef<CoordinatorCommand> coordinator(List<Injection> plan) {
        return KIT.spawn(Coordinator.create(plan, 1, lines::add, done::complete, System::currentTimeMillis));
    }

    /** Waits (20 s at most) until {@code n} workers are registered with the receptionist. */
    private void awaitRegisteredWorkers(int n) throws InterruptedException {
        TestProbe<Receptionist.Listing> listings = KIT.createTestProbe();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int registered;
        while (true) {
            KIT.system().receptionist().tell(Receptionist.find(CampaignProtocol.WORKERS, listings.getRef()));
            registered = listings.receiveMessage().getServiceInstances(CampaignProtocol.WORKERS).size();
            if (registered >= n) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(registered + " of " + n + " workers registered after 20 s; coordinator said:\n"
                        + String.join("\n", lines));
            }
            Thread.sleep(10);
        }
    }

    private CampaignLedger awaitDone() throws Exception {
        try {
            return done.get(20, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("campaign did not complete; coordinator said:\n" + String.join("\n", lines), e);
        }
    }

    @Test
    void runsOfAStoppedWorkerAreRedoneByAnother() throws Exception {
        List<Injection> plan = SyntheticCampaign.plan(12);
        CountDownLatch stuckStarted = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        // The stuck worker takes an injection and never finishes it, as a node that dies mid-run.
        InjectionExecutor stuck = injection -> {
            stuckStarted.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("unreachable");
        };
        ActorRef<Worker.Command> stuckWorker =
                KIT.spawn(Worker.create("stuck/slot-1", "stuck", stuck, runner, Duration.ofSeconds(2)));
        coordinator(plan);
        assertTrue(stuckStarted.await(10, TimeUnit.SECONDS), "the stuck worker never got an injection");
        KIT.spawn(Worker.create("good/slot-1", "good", SyntheticCampaign.executor(5), runner, Duration.ofSeconds(2)));
        KIT.spawn(Worker.create("good/slot-2", "good", SyntheticCampaign.executor(5), runner, Duration.ofSeconds(2)));
        // Stop the stuck worker once the good ones are registered: what it holds is redelivered to them.
        awaitRegisteredWorkers(3);
        KIT.stop(stuckWorker);

        CampaignLedger ledger = awaitDone();
        assertEquals(12, ledger.results().size());
        for (InjectionResult r : ledger.results()) {
            assertEquals(SyntheticCampaign.expectedOutcome(r.injection().id()), r.outcome(), "id " + r.injection().id());
            assertTrue(r.worker().startsWith("good/"), "id " + r.injection().id() + " ran on " + r.worker());
        }
        for (int id = 0; id < 12; id++) {
            assertEquals(id, ledger.results().get(id).injection().id());
        }
        never.countDown();
    }

    @Test
    void duplicateResultIsDroppedCountedAndStillAcked() throws Exception {
        List<Injection> plan = SyntheticCampaign.plan(2);
        ActorRef<CoordinatorCommand> coordinator = coordinator(plan);
        TestProbe<ResultAck> acks = KIT.createTestProbe();
        coordinator.tell(new ReportResult(
                new InjectionResult(plan.get(0), Outcome.SDC, true, 1, 5, "x", "w1"), acks.getRef()));
        coordinator.tell(new ReportResult(
                new InjectionResult(plan.get(0), Outcome.MASKED, true, 0, 5, "", "w2"), acks.getRef()));
        assertEquals(new ResultAck(0), acks.receiveMessage());
        assertEquals(new ResultAck(0), acks.receiveMessage());
        coordinator.tell(new ReportResult(
                new InjectionResult(plan.get(1), Outcome.HANG, false, -1, 5, "", "w2"), acks.getRef()));
        assertEquals(new ResultAck(1), acks.receiveMessage());

        CampaignLedger ledger = awaitDone();
        assertEquals(1, ledger.duplicates());
        assertEquals(Outcome.SDC, ledger.results().get(0).outcome());
        assertEquals("w1", ledger.results().get(0).worker());
        assertTrue(lines.stream().anyMatch(l -> l.contains("duplicate result for id=0 from w2 dropped")), lines.toString());
    }

    @Test
    void executorThatThrowsIsReportedAsEmulatorError() {
        InjectionResult r = Worker.runOne(i -> {
            throw new IllegalStateException("boom");
        }, SyntheticCampaign.plan(1).get(0), "n/slot-1");
        assertEquals(Outcome.EMULATOR_ERROR, r.outcome());
        assertEquals("n/slot-1", r.worker());
        assertTrue(r.diffSummary().contains("boom"), r.diffSummary());
    }
}
