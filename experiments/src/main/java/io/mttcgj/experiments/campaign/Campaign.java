package io.mttcgj.experiments.campaign;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Runs a campaign: the golden run, then every planned injection not already in results.csv, on a pool
 * of worker actors (each run blocks its worker's thread, so they get a dispatcher of their own sized to
 * the pool). A coordinator actor hands out injections and appends each result to results.csv as it
 * arrives; summary.txt and summary.png are written from the whole file at the end.
 */
public final class Campaign {
    /** What a finished campaign did. */
    public record Report(int planned, int skipped, int ran, long wallMillis, Summary summary) {
        public int count(Outcome o) {
            return summary.count(o);
        }
    }

    private Campaign() {
    }

    public static Report run(CampaignConfig cfg, PrintStream console) throws CampaignConfigException, IOException {
        return run(cfg, console, Integer.MAX_VALUE);
    }

    /** As {@link #run(CampaignConfig, PrintStream)}, stopping after {@code maxRuns} new runs (tests of resume). */
    static Report run(CampaignConfig cfg, PrintStream console, int maxRuns) throws CampaignConfigException, IOException {
        long t0 = System.nanoTime();
        console.println("campaign: golden run of " + cfg.kernel().getFileName() + " (" + cfg.cpus() + " vCPU(s), -icount shift="
                + cfg.icountShift() + ")");
        MachineExecutor exec = MachineExecutor.withGoldenRun(cfg);
        MachineExecutor.RunRecord g = exec.golden();
        console.printf("campaign: golden run: exit %d, %d instructions, %d bytes of output, %d ms%n", g.status(),
                g.totalInsns(), g.stdout().length(), g.wallMillis());
        List<Injection> plan = Targets.plan(cfg, g.insns());
        Files.createDirectories(cfg.outputDir());
        Path csv = cfg.outputDir().resolve("results.csv");
        Set<Integer> done = new HashSet<>();
        for (ResultsCsv.Row r : ResultsCsv.read(csv)) {
            done.add(r.id());
        }
        Queue<Injection> todo = new ArrayDeque<>();
        for (Injection i : plan) {
            if (!done.contains(i.id()) && todo.size() < maxRuns) {
                todo.add(i);
            }
        }
        int skipped = (int) plan.stream().filter(i -> done.contains(i.id())).count();
        if (!done.isEmpty()) {
            console.println("campaign: resuming: " + done.size() + " injections already in " + csv);
        }
        int toRun = todo.size();
        console.println("campaign: " + plan.size() + " injections planned, " + toRun + " to run on " + cfg.workers()
                + " workers");
        try (ResultsCsv out = new ResultsCsv(csv)) {
            runPool(exec, todo, cfg.workers(), out, console, toRun);
        }
        Summary s = new Summary(ResultsCsv.read(csv));
        String title = "Fault injection: " + cfg.kernel().getFileName();
        Files.writeString(cfg.outputDir().resolve("summary.txt"), s.text(title));
        s.writePng(cfg.outputDir().resolve("summary.png"), title);
        long wall = (System.nanoTime() - t0) / 1_000_000;
        console.print(s.text(title));
        console.println("campaign: done in " + wall / 1000.0 + " s; results in " + cfg.outputDir());
        return new Report(plan.size(), skipped, toRun, wall, s);
    }

    private interface Msg {
    }

    private record Work(Injection injection, ActorRef<Msg> replyTo) implements Msg {
    }

    private record Done(InjectionResult result, ActorRef<Msg> worker) implements Msg {
    }

    private static void runPool(InjectionExecutor exec, Queue<Injection> todo, int workers, ResultsCsv out,
            PrintStream console, int total) throws IOException {
        if (todo.isEmpty()) {
            return;
        }
        CompletableFuture<Void> finished = new CompletableFuture<>();
        int pool = Math.min(workers, todo.size());
        // The pool's own actor system: its messages go through SLF4J to Logback (stderr), never to stdout.
        var pekko = ConfigFactory.parseString("pekko.daemonic = on\npekko.loglevel = WARNING\npekko.stdout-loglevel = OFF\n"
                + "pekko.loggers = [\"org.apache.pekko.event.slf4j.Slf4jLogger\"]\n"
                + "pekko.logging-filter = \"org.apache.pekko.event.slf4j.Slf4jLoggingFilter\"\n"
                + "pekko.log-dead-letters = off\npekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off\n"
                + "campaign-workers { type = Dispatcher, executor = thread-pool-executor, throughput = 1,\n"
                + "  thread-pool-executor { fixed-pool-size = " + pool + " } }\n")
                .withFallback(ConfigFactory.load());
        ActorSystem<Void> system = ActorSystem.create(Behaviors.setup(ctx -> {
            ActorRef<Msg> coordinator = ctx.spawn(coordinator(todo, out, console, total, finished), "coordinator");
            for (int w = 0; w < pool; w++) {
                ActorRef<Msg> worker = ctx.spawn(worker(exec), "worker-" + w,
                        DispatcherSelector.fromConfig("campaign-workers"));
                coordinator.tell(new Done(null, worker)); // "ready": the first piece of work
            }
            return Behaviors.empty();
        }), "campaign", pekko);
        try {
            finished.join();
        } finally {
            system.terminate();
            try {
                system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // the JVM exits anyway; the threads are daemons
            }
        }
        if (finished.isCompletedExceptionally()) {
            throw new IOException("cannot write results.csv");
        }
    }

    private static Behavior<Msg> worker(InjectionExecutor exec) {
        return Behaviors.setup(ctx -> Behaviors.receive(Msg.class).onMessage(Work.class, w -> {
            InjectionResult r;
            try {
                r = exec.run(w.injection());
            } catch (RuntimeException | Error e) {
                // A run that breaks the executor itself is still one classified row, never the end of the campaign.
                r = new InjectionResult(w.injection(), Outcome.EMULATOR_ERROR, false, -1, 0, "executor: " + e,
                        Thread.currentThread().getName());
            }
            w.replyTo().tell(new Done(r, ctx.getSelf()));
            return Behaviors.same();
        }).build());
    }

    private static Behavior<Msg> coordinator(Queue<Injection> todo, ResultsCsv out, PrintStream console, int total,
            CompletableFuture<Void> finished) {
        return Behaviors.setup(ctx -> {
            int[] received = {0};
            return Behaviors.receive(Msg.class).onMessage(Done.class, d -> {
                if (d.result() != null) {
                    try {
                        out.append(d.result());
                    } catch (IOException e) {
                        finished.completeExceptionally(e);
                        return Behaviors.stopped();
                    }
                    received[0]++;
                    InjectionResult r = d.result();
                    console.printf("[%d/%d] #%d %s cpu%d @%d %s -> %s%n", received[0], total, r.injection().id(),
                            r.injection().model(), r.injection().vcpu(), r.injection().atInsn(), r.injection().params(),
                            r.outcome());
                    if (received[0] == total) {
                        finished.complete(null);
                        return Behaviors.stopped();
                    }
                }
                Injection next = todo.poll();
                if (next != null) {
                    d.worker().tell(new Work(next, ctx.getSelf()));
                }
                return Behaviors.same();
            }).build();
        });
    }
}
