package io.mttcgj.devices;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Device timers on virtual time (deterministic mode, -icount). Nothing fires by itself: the vCPU driver
 * calls {@link #fireDue} between turns, so an expiry reaches the device at the same guest instruction in
 * every run. Expiries fire in (deadline, start order). Thread-safe: devices start timers from their actor
 * threads while the driver reads deadlines.
 */
public final class VirtualTimers {
    private final LongSupplier clock;
    private final List<Entry> entries = new ArrayList<>();
    private long seq;
    /** Added to every deadline set from now on (the "delayed timer" device fault). */
    private volatile long extraDelayNanos;

    private record Entry(long deadline, long seq, Object owner, Object key, Runnable fire) {
    }

    public VirtualTimers(LongSupplier virtualNanos) {
        this.clock = virtualNanos;
    }

    /** Virtual time now, in ns. */
    public long now() {
        return clock.getAsLong();
    }

    /** Fault injection: delays every timer started from now on by {@code nanos}. */
    public void delayFromNow(long nanos) {
        extraDelayNanos = nanos;
    }

    /** Fault injection: delays every running timer by {@code nanos}. */
    public synchronized void delayPending(long nanos) {
        entries.replaceAll(e -> new Entry(e.deadline() + nanos, e.seq(), e.owner(), e.key(), e.fire()));
    }

    synchronized void start(Object owner, Object key, long delayNanos, Runnable fire) {
        cancel(owner, key);
        entries.add(new Entry(now() + Math.max(0, delayNanos) + extraDelayNanos, seq++, owner, key, fire));
    }

    synchronized void cancel(Object owner, Object key) {
        entries.removeIf(e -> e.owner() == owner && e.key().equals(key));
    }

    /** The earliest deadline, or Long.MAX_VALUE when no timer runs. */
    public synchronized long nextDeadline() {
        long min = Long.MAX_VALUE;
        for (Entry e : entries) {
            min = Math.min(min, e.deadline());
        }
        return min;
    }

    /** Fires, in deadline order, every timer due at {@code now}; returns how many fired. */
    public int fireDue(long now) {
        int fired = 0;
        while (true) {
            Entry first = null;
            synchronized (this) {
                for (Entry e : entries) {
                    if (e.deadline() <= now && (first == null || e.deadline() < first.deadline()
                            || (e.deadline() == first.deadline() && e.seq() < first.seq()))) {
                        first = e;
                    }
                }
                if (first == null) {
                    return fired;
                }
                entries.remove(first);
            }
            first.fire().run(); // outside the lock: it may start timers again
            fired++;
        }
    }

    /** Timers of a device actor: an expiry is a TimerFired message in its mailbox, sent by {@link #fireDue}. */
    DeviceTimers forActor(ActorRef<DeviceActor.Command> self) {
        return new DeviceTimers() {
            @Override
            public void startSingle(Object key, long delayNanos) {
                start(self, key, delayNanos, () -> self.tell(new DeviceActor.TimerFired(key)));
            }

            @Override
            public void cancel(Object key) {
                VirtualTimers.this.cancel(self, key);
            }
        };
    }

    /**
     * The scheduler the generic timers take, on virtual time: only {@code schedule(Runnable, ...)} is used
     * by them; the task runs on the driver thread from {@link #fireDue}.
     */
    public ScheduledExecutorService asScheduler() {
        return new Scheduler();
    }

    private final class Scheduler extends AbstractExecutorService implements ScheduledExecutorService {
        private volatile boolean shutdown;

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            VirtualFuture f = new VirtualFuture(now() + unit.toNanos(delay));
            f.owner = this;
            start(this, f, unit.toNanos(delay), () -> {
                if (!shutdown) {
                    f.done = true;
                    command.run();
                }
            });
            return f;
        }

        @Override
        public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
            throw new UnsupportedOperationException("virtual timers run Runnables only");
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
            throw new UnsupportedOperationException("virtual timers are single-shot");
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
            throw new UnsupportedOperationException("virtual timers are single-shot");
        }

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
            synchronized (VirtualTimers.this) {
                for (Iterator<Entry> it = entries.iterator(); it.hasNext();) {
                    if (it.next().owner() == this) {
                        it.remove();
                    }
                }
            }
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown();
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }

    /** A scheduled wake-up of a generic timer; it is its own key. */
    private final class VirtualFuture implements ScheduledFuture<Object> {
        private final long deadline;
        private Object owner;
        private volatile boolean done;
        private volatile boolean cancelled;

        VirtualFuture(long deadline) {
            this.deadline = deadline;
        }

        @Override
        public boolean cancel(boolean mayInterrupt) {
            if (done || cancelled) {
                return false;
            }
            cancelled = true;
            VirtualTimers.this.cancel(owner, this);
            return true;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(deadline - now(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
