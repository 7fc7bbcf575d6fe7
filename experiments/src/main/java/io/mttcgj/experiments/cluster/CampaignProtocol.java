package io.mttcgj.experiments.cluster;

import io.mttcgj.experiments.campaign.Injection;
import io.mttcgj.experiments.campaign.InjectionResult;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.delivery.ConsumerController;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/** The messages between the coordinator node and the worker nodes. */
public final class CampaignProtocol {
    private CampaignProtocol() {
    }

    /** Workers register their ConsumerController under this key; the coordinator's work-pulling producer finds them. */
    public static final ServiceKey<ConsumerController.Command<RunInjection>> WORKERS =
            ServiceKey.create(ConsumerController.serviceKeyClass(), "mttcg-campaign-workers");

    /** What the coordinator understands (the wire part of it). */
    public interface CoordinatorCommand {
    }

    /**
     * One injection to run, delivered to a worker through reliable delivery; {@code reportTo} is
     * where the result goes.
     */
    public record RunInjection(Injection injection, ActorRef<CoordinatorCommand> reportTo)
            implements ClusterSerializable {
    }

    /**
     * A worker started running an injection: lets the coordinator say which runs a lost node had.
     *
     * @param node the worker's cluster node address, as {@code Address.toString()}
     */
    public record RunStarted(int id, String node) implements CoordinatorCommand, ClusterSerializable {
    }

    /**
     * A worker's result. The worker confirms the delivery of the injection only after the ack, so a
     * result that never reached the coordinator is never lost: the injection is redelivered.
     */
    public record ReportResult(InjectionResult result, ActorRef<ResultAck> replyTo)
            implements CoordinatorCommand, ClusterSerializable {
    }

    /** The coordinator has the result of {@code id} (recorded now or earlier). */
    public record ResultAck(int id) implements ClusterSerializable {
    }
}
