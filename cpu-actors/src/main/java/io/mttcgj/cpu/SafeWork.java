package io.mttcgj.cpu;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * How a vCPU (or anyone) asks for safe work. With thread=multi the supervisor actor quiesces every
 * vCPU first; with thread=single the one driver thread is the only one that runs guest code, so the
 * work runs at once on the calling thread (which is between blocks).
 *
 * <p>The direct path (thread=multi): when every other vCPU is halted in WFI/WFE, a vCPU's request runs
 * at once on the requesting thread, with each halted vCPU held by its {@link Vcpu#safeGate} so that a
 * wake-up cannot let it run guest code meanwhile. A supervisor round costs several thread hand-offs
 * (about 100 us here); Linux's early boot issues tens of thousands of broadcast TLB invalidations
 * while the secondaries still sleep in the holding pen, and each one is a round. Correctness: the
 * requester takes the gate and then reads {@code halted}; the woken vCPU clears {@code halted} and
 * then reads the gate (all volatile), so either the requester sees the vCPU awake and falls back to
 * the supervisor, or the vCPU sees the gate and waits for the work to finish.
 */
public interface SafeWork {
    /** Runs {@code work} with every vCPU quiescent and returns when it is done. */
    void runSync(int requester, String what, Runnable work);

    /** Rounds and quiescence waits so far. */
    SafeWorkStats stats();

    Duration TIMEOUT = Duration.ofSeconds(60);

    static SafeWork inline() {
        SafeWorkStats stats = new SafeWorkStats();
        return new SafeWork() {
            @Override
            public void runSync(int requester, String what, Runnable work) {
                work.run();
                stats.record(0, 1);
            }

            @Override
            public SafeWorkStats stats() {
                return stats;
            }
        };
    }

    static SafeWork via(ActorRef<Supervisor.Command> supervisor, SafeWorkStats stats) {
        return via(supervisor, stats, List.of());
    }

    /** As {@link #via(ActorRef, SafeWorkStats)}, with the direct path over {@code vcpus} (all of the machine's). */
    static SafeWork via(ActorRef<Supervisor.Command> supervisor, SafeWorkStats stats, List<Vcpu> vcpus) {
        return new SafeWork() {
            @Override
            public void runSync(int requester, String what, Runnable work) {
                if (requester >= 0 && !vcpus.isEmpty() && runDirect(vcpus, requester, what, work)) {
                    stats.recordDirect();
                    return;
                }
                CompletableFuture<Void> done = new CompletableFuture<>();
                supervisor.tell(new Supervisor.RunSafe(requester, what, work, done));
                try {
                    done.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    throw new IllegalStateException("safe work '" + what + "' requested by vCPU " + requester
                            + " did not complete within " + TIMEOUT.toSeconds() + " s", e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("safe work '" + what + "' failed: " + e.getCause(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for safe work '" + what + "'", e);
                }
            }

            @Override
            public SafeWorkStats stats() {
                return stats;
            }
        };
    }

    /**
     * Runs {@code work} on the calling vCPU's thread if every other vCPU is halted, holding them there;
     * false (nothing run) if one of them is awake.
     */
    private static boolean runDirect(List<Vcpu> vcpus, int requester, String what, Runnable work) {
        int held = 0; // gates held: those of the first `held` vCPUs other than the requester
        try {
            for (Vcpu v : vcpus) {
                if (v.index() != requester) {
                    if (!holdIfHalted(v)) {
                        return false;
                    }
                    held++;
                }
            }
            try {
                work.run();
            } catch (RuntimeException e) {
                throw new IllegalStateException("safe work '" + what + "' failed: " + e, e);
            }
            return true;
        } finally {
            for (Vcpu v : vcpus) {
                if (held == 0) {
                    break;
                }
                if (v.index() != requester) {
                    v.safeGate.set(false);
                    held--;
                }
            }
        }
    }

    /** Takes {@code v}'s gate if it is halted and still halted once the gate is held; false (gate free) otherwise. */
    private static boolean holdIfHalted(Vcpu v) {
        if (!v.halted || !v.safeGate.compareAndSet(false, true)) {
            return false;
        }
        if (v.halted) {
            return true;
        }
        v.safeGate.set(false); // woke between the two reads: it may be running, leave it to the supervisor
        return false;
    }
}
