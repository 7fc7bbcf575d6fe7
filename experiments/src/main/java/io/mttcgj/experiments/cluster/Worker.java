package io.mttcgj.experiments.cluster;

import io.mttcgj.experiments.campaign.Injection;
import io.mttcgj.experiments.campaign.InjectionExecutor;
import io.mttcgj.experiments.campaign.InjectionResult;
import io.mttcgj.experiments.campaign.Outcome;
import io.mttcgj.experiments.cluster.CampaignProtocol.ReportResult;
import io.mttcgj.experiments.cluster.CampaignProtocol.ResultAck;
import io.mttcgj.experiments.cluster.CampaignProtocol.RunInjection;
import io.mttcgj.experiments.cluster.CampaignProtocol.RunStarted;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.delivery.ConsumerController;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One worker slot: pulls injections through its own {@link ConsumerController} (registered with the
 * receptionist, so the coordinator's work-pulling producer finds it), runs each on {@code runner}
 * (off the actor's thread: a run takes seconds), reports the result to the coordinator until it is
 * acknowledged, and only then confirms the delivery. A slot thus runs one injection at a time.
 */
final class Worker {
    interface Command {
    }

    private record Delivered(ConsumerController.Delivery<RunInjection> delivery) implements Command {
    }

    private record RunDone(InjectionResult result, ConsumerController.Delivery<RunInjection> delivery)
            implements Command {
    }

    private record Acked(int id, ConsumerController.Delivery<RunInjection> delivery) implements Command {
    }

    private record AckMissing(InjectionResult result, ConsumerController.Delivery<RunInjection> delivery,
            String why) implements Command {
    }

    private Worker() {
    }

    /**
     * @param name         this slot's name in reports, e.g. {@code pekko://mttcg-campaign@127.0.0.1:4711/slot-1}
     * @param node         this slot's node address, as the coordinator names nodes
     */
    static Behavior<Command> create(String name, String node, InjectionExecutor executor, Executor runner,
            Duration resultTimeout) {
        return Behaviors.setup(ctx -> {
            ActorRef<ConsumerController.Command<RunInjection>> consumerController =
                    ctx.spawn(ConsumerController.create(CampaignProtocol.WORKERS), "consumer-controller");
            ActorRef<ConsumerController.Delivery<RunInjection>> deliveries =
                    ctx.messageAdapter(ConsumerController.deliveryClass(), Delivered::new);
            consumerController.tell(new ConsumerController.Start<>(deliveries));
            return Behaviors.receive(Command.class)
                    .onMessage(Delivered.class, d -> onDelivered(ctx, d.delivery(), name, node, executor, runner))
                    .onMessage(RunDone.class, r -> report(ctx, r.result(), r.delivery(), resultTimeout))
                    .onMessage(AckMissing.class, m -> {
                        ctx.getLog().warn("no ack for the result of injection {} ({}); sending it again",
                                m.result().injection().id(), m.why());
                        return report(ctx, m.result(), m.delivery(), resultTimeout);
                    })
                    .onMessage(Acked.class, a -> {
                        a.delivery().confirmTo().tell(ConsumerController.confirmed());
                        return Behaviors.same();
                    })
                    .build();
        });
    }

    private static Behavior<Command> onDelivered(ActorContext<Command> ctx,
            ConsumerController.Delivery<RunInjection> delivery, String name, String node,
            InjectionExecutor executor, Executor runner) {
        Injection injection = delivery.message().injection();
        delivery.message().reportTo().tell(new RunStarted(injection.id(), node));
        CompletableFuture<InjectionResult> run =
                CompletableFuture.supplyAsync(() -> runOne(executor, injection, name), runner);
        ctx.pipeToSelf(run, (result, failure) -> new RunDone(
                failure == null ? result : failed(injection, name, failure, 0), delivery));
        return Behaviors.same();
    }

    /** The executor's result, named after this slot; an executor that throws is an emulator error. */
    static InjectionResult runOne(InjectionExecutor executor, Injection injection, String name) {
        long start = System.nanoTime();
        try {
            InjectionResult r = executor.run(injection);
            return new InjectionResult(r.injection(), r.outcome(), r.injected(), r.exitStatus(), r.wallMillis(),
                    r.diffSummary(), name);
        } catch (RuntimeException | Error e) {
            return failed(injection, name, e, (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static InjectionResult failed(Injection injection, String name, Throwable e, long wallMillis) {
        return new InjectionResult(injection, Outcome.EMULATOR_ERROR, false, -1, wallMillis,
                "executor failed: " + e, name);
    }

    private static Behavior<Command> report(ActorContext<Command> ctx, InjectionResult result,
            ConsumerController.Delivery<RunInjection> delivery, Duration timeout) {
        ctx.ask(ResultAck.class, delivery.message().reportTo(), timeout,
                replyTo -> new ReportResult(result, replyTo),
                (ack, failure) -> failure == null
                        ? new Acked(ack.id(), delivery)
                        : new AckMissing(result, delivery, String.valueOf(failure.getMessage())));
        return Behaviors.same();
    }
}
