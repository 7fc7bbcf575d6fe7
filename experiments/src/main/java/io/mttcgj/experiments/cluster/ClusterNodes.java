package io.mttcgj.experiments.cluster;

import io.mttcgj.experiments.campaign.Injection;
import io.mttcgj.experiments.campaign.InjectionExecutor;
import io.mttcgj.experiments.cluster.CampaignProtocol.CoordinatorCommand;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * The guardian actors of the two kinds of node. Each connects the cluster's membership events to
 * the campaign: the coordinator node tells its {@link Coordinator} which worker nodes were lost and
 * ends when the campaign is complete; a worker node runs its slots and ends when the coordinator
 * has left.
 */
final class ClusterNodes {
    static final String COORDINATOR_ROLE = "coordinator";

    private ClusterNodes() {
    }

    interface NodeEvent {
    }

    private record MemberGone(Member member) implements NodeEvent {
    }

    private record MemberUnreachable(Member member) implements NodeEvent {
    }

    static Behavior<NodeEvent> coordinator(List<Injection> plan, int minWorkerNodes, Consumer<String> out,
            Consumer<CampaignLedger> onDone) {
        return Behaviors.setup(ctx -> {
            ActorRef<CoordinatorCommand> coordinator = ctx.spawn(
                    Coordinator.create(plan, minWorkerNodes, out, onDone, System::currentTimeMillis), "coordinator");
            ctx.watch(coordinator);
            Cluster cluster = Cluster.get(ctx.getSystem());
            cluster.subscriptions().tell(Subscribe.create(
                    ctx.messageAdapter(ClusterEvent.MemberRemoved.class, e -> new MemberGone(e.member())),
                    ClusterEvent.MemberRemoved.class));
            cluster.subscriptions().tell(Subscribe.create(
                    ctx.messageAdapter(ClusterEvent.UnreachableMember.class, e -> new MemberUnreachable(e.member())),
                    ClusterEvent.UnreachableMember.class));
            out.accept("coordinator: node " + cluster.selfMember().address() + " up");
            return Behaviors.receive(NodeEvent.class)
                    .onMessage(MemberUnreachable.class, u -> {
                        out.accept("coordinator: node " + u.member().address() + " unreachable");
                        return Behaviors.same();
                    })
                    .onMessage(MemberGone.class, g -> {
                        coordinator.tell(new Coordinator.NodeLost(Coordinator.nodeOf(g.member().address())));
                        return Behaviors.same();
                    })
                    // The campaign is complete: stopping the guardian terminates the actor system,
                    // whose coordinated shutdown leaves the cluster; the workers see it and stop too.
                    .onSignal(Terminated.class, t -> Behaviors.stopped())
                    .build();
        });
    }

    static Behavior<NodeEvent> worker(List<InjectionExecutor> executors, Duration resultTimeout,
            Consumer<String> out) {
        return Behaviors.setup(ctx -> {
            String node = Coordinator.nodeOf(ctx.getSystem().address());
            AtomicInteger threads = new AtomicInteger();
            ExecutorService runner = Executors.newFixedThreadPool(executors.size(), r -> {
                Thread t = new Thread(r, "campaign-run-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            for (int i = 0; i < executors.size(); i++) {
                String slot = "slot-" + (i + 1);
                ctx.spawn(Worker.create(node + "/" + slot, node, executors.get(i), runner, resultTimeout), slot);
            }
            // The coordinator leaves only when the campaign is complete: stop as soon as it starts to go.
            Cluster cluster = Cluster.get(ctx.getSystem());
            cluster.subscriptions().tell(Subscribe.create(
                    ctx.messageAdapter(ClusterEvent.MemberLeft.class, e -> new MemberGone(e.member())),
                    ClusterEvent.MemberLeft.class));
            cluster.subscriptions().tell(Subscribe.create(
                    ctx.messageAdapter(ClusterEvent.MemberExited.class, e -> new MemberGone(e.member())),
                    ClusterEvent.MemberExited.class));
            cluster.subscriptions().tell(Subscribe.create(
                    ctx.messageAdapter(ClusterEvent.MemberRemoved.class, e -> new MemberGone(e.member())),
                    ClusterEvent.MemberRemoved.class));
            out.accept("worker: node " + node + " with " + executors.size() + " slot(s), joining the coordinator");
            return Behaviors.receive(NodeEvent.class)
                    .onMessage(MemberGone.class, g -> {
                        if (g.member().hasRole(COORDINATOR_ROLE)) {
                            out.accept("worker: the coordinator " + g.member().address() + " left; stopping");
                            return Behaviors.stopped();
                        }
                        return Behaviors.same();
                    })
                    .onSignal(PostStop.class, s -> {
                        runner.shutdownNow();
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}
