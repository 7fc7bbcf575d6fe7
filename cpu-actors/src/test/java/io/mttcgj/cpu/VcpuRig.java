package io.mttcgj.cpu;

import io.mttcgj.codegen.arm.a32.A32;
import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.arm.state.SystemRegisters;
import io.mttcgj.codegen.emit.BlockCompiler;
import io.mttcgj.codegen.exec.CpuExec;
import io.mttcgj.codegen.exec.ExecHooks;
import io.mttcgj.codegen.tb.JumpCache;
import io.mttcgj.codegen.tb.TbCache;
import io.mttcgj.memory.AddressSpace;
import io.mttcgj.platform.GenericTimerPort;
import io.mttcgj.platform.MmioDevice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.DispatcherSelector;

/**
 * A few real vCPUs over one shared RAM (1 MiB at 0x80000000) and one translation cache, each driven by
 * its own {@link VcpuActor} on the pinned vCPU dispatcher, with a {@link Supervisor} for safe work:
 * the thread=multi wiring of the board's Machine, without devices. vCPU {@code i}'s program lives at
 * {@code RAM_BASE + i * 0x1000}.
 */
final class VcpuRig implements AutoCloseable, VcpuListener {
    static final int RAM_BASE = 0x80000000;
    static final int PROGRAM_STRIDE = 0x1000;
    static final Duration WAIT = Duration.ofSeconds(10);

    final ActorTestKit kit = ActorTestKit.create();
    final AddressSpace mem = new AddressSpace();
    final TbCache cache;
    final List<Vcpu> vcpus = new ArrayList<>();
    final List<ActorRef<VcpuActor.Command>> drivers = new ArrayList<>();
    final SafeWorkStats stats = new SafeWorkStats();
    final List<String> fatals = Collections.synchronizedList(new ArrayList<>());
    final List<String> diagnostics = Collections.synchronizedList(new ArrayList<>());
    SafeWork safeWork;
    /** Whether safe work takes the direct path when every other vCPU is halted (the board's wiring); off by
     *  default so that the supervisor's own protocol is what most tests exercise. */
    boolean directPath;
    private final CompletableFuture<SafeWork> ready = new CompletableFuture<>();
    private volatile boolean stopping;
    /** Safe-work requests made through {@link #requestFrom} that have not returned yet. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ExecutorService helpers = Executors.newCachedThreadPool();

    /** {@code maxBlockInsns} bounds the size of a translated block (the board's translation.max-block-insns). */
    VcpuRig(int cpus, int cacheLimit, int maxBlockInsns) {
        mem.mapRam("ram", RAM_BASE, 1 << 20);
        cache = new TbCache(cacheLimit);
        for (int i = 0; i < cpus; i++) {
            CpuState st = new CpuState(i, mem, new SystemRegisters(i, cpus, new IdleTimer()));
            CpuExec exec = new CpuExec(st, cache, new JumpCache(10), new BlockCompiler(mem, A32.decoder(), maxBlockInsns),
                    ExecHooks.NONE);
            vcpus.add(new Vcpu(st, exec));
        }
    }

    VcpuRig(int cpus) {
        this(cpus, 4096, 64);
    }

    Vcpu cpu(int i) {
        return vcpus.get(i);
    }

    /** Loads {@code words} as vCPU {@code cpu}'s program and points its PC at it (before {@link #start}). */
    VcpuRig program(int cpu, int[] words) {
        int base = RAM_BASE + cpu * PROGRAM_STRIDE;
        for (int i = 0; i < words.length; i++) {
            mem.write(base + 4 * i, 4, words[i]);
        }
        vcpus.get(cpu).state.r[15] = base;
        return this;
    }

    VcpuRig mmio(int base, int size, MmioDevice dev) {
        mem.mapMmio("test-device", base, size, dev);
        return this;
    }

    /**
     * The board's TB-flush request (Machine.flushAction): capture the generation, and flush in safe work
     * only if nobody flushed meanwhile. {@code beforeRequest} runs between the two (tests use it to line
     * two requests up).
     */
    void useMachineFlushAction(Runnable beforeRequest) {
        for (Vcpu v : vcpus) {
            int c = v.index();
            v.exec.flushAction = () -> {
                long gen = cache.generation();
                beforeRequest.run();
                requestFrom(c, "tb-flush", () -> {
                    if (cache.generation() == gen) {
                        cache.flush();
                    }
                });
            };
        }
    }

    /** Spawns one driver per vCPU and the supervisor; safe work goes through the supervisor from now on. */
    VcpuRig start(long slice) {
        DispatcherSelector pinned = DispatcherSelector.fromConfig("mttcg-vcpu-dispatcher");
        List<Supervisor.Driver> ds = new ArrayList<>();
        for (Vcpu v : vcpus) {
            ActorRef<VcpuActor.Command> ref = kit.spawn(VcpuActor.create(List.of(v), this, slice),
                    "vcpu-" + v.index(), pinned);
            drivers.add(ref);
            ds.add(new Supervisor.Driver(ref, List.of(v)));
        }
        ActorRef<Supervisor.Command> sup = kit.spawn(Supervisor.create(ds, stats, diagnostics::add), "supervisor");
        safeWork = directPath ? SafeWork.via(sup, stats, vcpus) : SafeWork.via(sup, stats);
        ready.complete(safeWork);
        return this;
    }

    VcpuRig start() {
        return start(VcpuActor.DEFAULT_SLICE);
    }

    /**
     * A safe-work request as the board's vCPU hooks make it. The drivers start running before the
     * supervisor exists, so an early request waits for it. Once the rig is closing it does nothing, so
     * that no vCPU blocks on a round that stopped drivers can no longer acknowledge.
     */
    void requestFrom(int cpu, String what, Runnable work) {
        inFlight.incrementAndGet();
        try {
            if (!stopping) {
                supervisorReady().runSync(cpu, what, work);
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private SafeWork supervisorReady() {
        try {
            return ready.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the supervisor", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the supervisor was never started", e);
        }
    }

    /**
     * Runs safe work on behalf of no vCPU (requester -1) from a helper thread and waits at most {@link #WAIT}
     * for it, failing with the vCPU states if the round is stuck. Returns how long the request took.
     */
    long runSafeBounded(String what, Runnable work) {
        long start = System.nanoTime();
        CompletableFuture<Void> done = runSafeAsync(what, work);
        try {
            done.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("safe work '" + what + "' not done after " + WAIT.toMillis() + " ms\n" + dump());
        } catch (ExecutionException e) {
            throw new AssertionError("safe work '" + what + "' failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return System.nanoTime() - start;
    }

    /** Starts a safe-work request (requester -1) on a helper thread without waiting for it. */
    CompletableFuture<Void> runSafeAsync(String what, Runnable work) {
        return CompletableFuture.runAsync(() -> safeWork.runSync(-1, what, work), helpers);
    }

    /** Fails if a driver reported a fatal error or the supervisor reported a stuck round. */
    void assertHealthy() {
        if (!fatals.isEmpty() || !diagnostics.isEmpty()) {
            throw new AssertionError("vCPU drivers unhealthy:\n" + dump());
        }
    }

    long insns(int cpu) {
        return vcpus.get(cpu).state.insns;
    }

    /** Polls {@code cond} until it holds; fails after {@code timeout} saying what was stuck and where each vCPU was. */
    void await(String what, Duration timeout, BooleanSupplier cond) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("stuck for " + timeout.toMillis() + " ms waiting for: " + what + "\n" + dump());
            }
            sleep(1);
        }
    }

    void await(String what, BooleanSupplier cond) {
        await(what, WAIT, cond);
    }

    String dump() {
        StringBuilder sb = new StringBuilder();
        for (Vcpu v : vcpus) {
            sb.append(v.state.describe()).append(v.halted() ? " (halted)" : "").append(" insns=")
                    .append(v.state.insns).append('\n');
        }
        sb.append("safe work rounds=").append(stats.rounds()).append(" works=").append(stats.works());
        if (!diagnostics.isEmpty()) {
            sb.append("\nsupervisor diagnostics: ").append(diagnostics);
        }
        if (!fatals.isEmpty()) {
            sb.append("\nfatal: ").append(fatals);
        }
        return sb.toString();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void fatal(int cpu, String message, String report, Throwable cause) {
        fatals.add("vCPU " + cpu + ": " + message + "\n" + report + (cause != null ? "\n" + cause : ""));
    }

    @Override
    public boolean stopping() {
        return stopping;
    }

    /**
     * Stops guest code, lets safe-work requests already made finish (the drivers still answer Quiesce
     * while they run no slices), then stops the drivers and the actor system.
     */
    @Override
    public void close() {
        stopping = true;
        for (Vcpu v : vcpus) {
            v.state.exitRequest = true;
        }
        try {
            if (safeWork != null) {
                await("safe-work requests in flight to finish at shutdown", () -> inFlight.get() == 0);
            }
        } finally {
            TestProbe<Object> probe = kit.createTestProbe();
            for (ActorRef<VcpuActor.Command> d : drivers) {
                d.tell(new VcpuActor.Stop());
            }
            for (ActorRef<VcpuActor.Command> d : drivers) {
                probe.expectTerminated(d, WAIT);
            }
            helpers.shutdownNow();
            kit.shutdownTestKit();
        }
    }

    /** A generic timer that never counts: these programs do not touch it. */
    private static final class IdleTimer implements GenericTimerPort {
        @Override
        public int read32(int reg) {
            return reg == CNTFRQ ? 62_500_000 : 0;
        }

        @Override
        public void write32(int reg, int value) {
        }

        @Override
        public long read64(int reg) {
            return 0;
        }

        @Override
        public void write64(int reg, long value) {
        }
    }
}
