package io.mttcgj.experiments.cluster;

import io.mttcgj.experiments.campaign.Injection;
import io.mttcgj.experiments.cluster.CampaignProtocol.CoordinatorCommand;
import io.mttcgj.experiments.cluster.CampaignProtocol.ReportResult;
import io.mttcgj.experiments.cluster.CampaignProtocol.ResultAck;
import io.mttcgj.experiments.cluster.CampaignProtocol.RunInjection;
import io.mttcgj.experiments.cluster.CampaignProtocol.RunStarted;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.delivery.WorkPullingProducerController;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * Hands the campaign's injections to the workers through Pekko's work-pulling producer (reliable
 * delivery: an injection a worker has not confirmed is redelivered to another worker when that
 * worker deregisters, e.g. because its node was downed), records each injection's result exactly
 * once in a {@link CampaignLedger}, and stops with the ledger's final state once every injection
 * has a result. Node loss is told to it as {@link NodeLost} by whoever watches the cluster, so that
 * it also runs without a cluster (in a unit test).
 */
final class Coordinator extends AbstractBehavior<CoordinatorCommand> {

    /** A worker node left the cluster or was downed. */
    record NodeLost(String node) implements CoordinatorCommand {
    }

    private record NextWanted(WorkPullingProducerController.RequestNext<RunInjection> next)
            implements CoordinatorCommand {
    }

    private record WorkersListed(Receptionist.Listing listing) implements CoordinatorCommand {
    }

    private final Deque<Injection> unsent;
    private final CampaignLedger ledger;
    private final int minWorkerNodes;
    private final Consumer<String> out;
    private final Consumer<CampaignLedger> onDone;
    private final LongSupplier clock;
    private final ActorRef<WorkPullingProducerController.Command<RunInjection>> producer;
    private final ActorRef<WorkPullingProducerController.RequestNext<RunInjection>> nextAdapter;
    private final Set<String> workerNodes = new TreeSet<>();
    private WorkPullingProducerController.RequestNext<RunInjection> pending;
    private boolean started;

    /**
     * @param out     progress lines (one per result, node loss, duplicate)
     * @param onDone  called once, with the complete ledger, just before the coordinator stops
     */
    static Behavior<CoordinatorCommand> create(List<Injection> plan, int minWorkerNodes, Consumer<String> out,
            Consumer<CampaignLedger> onDone, LongSupplier clock) {
        return Behaviors.setup(ctx -> new Coordinator(ctx, plan, minWorkerNodes, out, onDone, clock));
    }

    private Coordinator(ActorContext<CoordinatorCommand> ctx, List<Injection> plan, int minWorkerNodes,
            Consumer<String> out, Consumer<CampaignLedger> onDone, LongSupplier clock) {
        super(ctx);
        this.unsent = new ArrayDeque<>(plan);
        this.ledger = new CampaignLedger(plan);
        this.minWorkerNodes = minWorkerNodes;
        this.out = out;
        this.onDone = onDone;
        this.clock = clock;
        this.producer = ctx.spawn(WorkPullingProducerController.create(RunInjection.class, "campaign",
                CampaignProtocol.WORKERS, Optional.empty()), "work-pulling");
        this.nextAdapter = ctx.messageAdapter(WorkPullingProducerController.requestNextClass(), NextWanted::new);
        ctx.getSystem().receptionist().tell(Receptionist.subscribe(CampaignProtocol.WORKERS,
                ctx.messageAdapter(Receptionist.Listing.class, WorkersListed::new)));
        producer.tell(new WorkPullingProducerController.Start<>(nextAdapter));
        out.accept("coordinator: " + plan.size() + " injections; waiting for " + minWorkerNodes
                + " worker node(s)");
    }

    @Override
    public Receive<CoordinatorCommand> createReceive() {
        return newReceiveBuilder()
                .onMessage(WorkersListed.class, this::onWorkers)
                .onMessage(NextWanted.class, this::onNextWanted)
                .onMessage(RunStarted.class, this::onStarted)
                .onMessage(ReportResult.class, this::onResult)
                .onMessage(NodeLost.class, this::onNodeLost)
                .build();
    }

    private Behavior<CoordinatorCommand> onWorkers(WorkersListed w) {
        Set<String> nodes = new TreeSet<>();
        for (var worker : w.listing().getAllServiceInstances(CampaignProtocol.WORKERS)) {
            nodes.add(nodeOf(worker.path().address()));
        }
        for (String n : nodes) {
            if (workerNodes.add(n)) {
                out.accept("coordinator: worker node " + n + " registered");
            }
        }
        workerNodes.retainAll(nodes);
        if (!started && workerNodes.size() >= minWorkerNodes) {
            started = true;
            out.accept("coordinator: " + workerNodes.size() + " worker node(s) present, handing out injections");
            sendIfWanted();
        }
        return this;
    }

    private Behavior<CoordinatorCommand> onNextWanted(NextWanted n) {
        pending = n.next();
        sendIfWanted();
        return this;
    }

    private void sendIfWanted() {
        // Work pulling asks for one message at a time and picks a worker with demand when it gets it;
        // holding the request until the wanted workers are there spreads the first injections over them.
        if (started && pending != null && !unsent.isEmpty()) {
            pending.sendNextTo().tell(new RunInjection(unsent.poll(), getContext().getSelf()));
            pending = null;
        }
    }

    private Behavior<CoordinatorCommand> onStarted(RunStarted s) {
        ledger.started(s.id(), s.node());
        return this;
    }

    private Behavior<CoordinatorCommand> onResult(ReportResult r) {
        int id = r.result().injection().id();
        long now = clock.getAsLong();
        switch (ledger.record(r.result(), now)) {
            case NEW -> {
                out.accept("result " + ledger.done() + "/" + ledger.total() + ": id=" + id + " "
                        + r.result().outcome() + " by " + r.result().worker());
                for (CampaignLedger.Redone d : ledger.redone()) {
                    if (d.id() == id) {
                        out.accept("coordinator: id=" + id + " redone by " + d.redoneBy() + ", " + d.afterMillis()
                                + " ms after its node " + d.lostNode() + " was lost");
                    }
                }
            }
            case DUPLICATE -> out.accept("coordinator: duplicate result for id=" + id + " from "
                    + r.result().worker() + " dropped (" + ledger.duplicates() + " so far)");
            case UNKNOWN -> out.accept("coordinator: result for unknown id=" + id + " from "
                    + r.result().worker() + " dropped");
        }
        // Acked in every case: the worker must stop resending and confirm the delivery.
        r.replyTo().tell(new ResultAck(id));
        if (ledger.complete()) {
            onDone.accept(ledger);
            return Behaviors.stopped();
        }
        return this;
    }

    private Behavior<CoordinatorCommand> onNodeLost(NodeLost l) {
        List<Integer> ids = ledger.nodeLost(l.node(), clock.getAsLong());
        workerNodes.remove(l.node());
        out.accept("coordinator: node " + l.node() + " lost with " + ids.size() + " run(s) in flight " + ids
                + "; they are redelivered to the remaining workers");
        return this;
    }

    static String nodeOf(Address address) {
        return address.toString();
    }
}
