package io.mttcgj.cpu;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * How a vCPU (or anyone) asks for safe work. With thread=multi the supervisor actor quiesces every
 * vCPU first; with thread=single the one driver thread is the only one that runs guest code, so the
 * work runs at once on the calling thread (which is between blocks).
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
        return new SafeWork() {
            @Override
            public void runSync(int requester, String what, Runnable work) {
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
}
