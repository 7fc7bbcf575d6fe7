package io.mttcgj.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.codegen.arm.state.SystemRegisters;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Several vCPUs asking for safe work at once: requests merge or queue, and nobody deadlocks. */
class SafeWorkConcurrencyTest {

    /**
     * Wires TLBIALLIS as the board does (Machine's maintenance hook): the issuing vCPU asks for safe work
     * that clears every vCPU's jump cache. {@code completed[c]} counts the requests vCPU c got back.
     */
    static void wireBroadcastTlbi(VcpuRig rig, AtomicLongArray completed) {
        for (Vcpu v : rig.vcpus) {
            int c = v.index();
            v.state.cp15.maintenance = new SystemRegisters.Maintenance() {
                @Override
                public void tlb(int op, int value, boolean broadcast) {
                    if (broadcast) {
                        rig.requestFrom(c, "tlb-flush-all", () -> rig.vcpus.forEach(x -> x.exec.jumpCache().clear()));
                        completed.incrementAndGet(c);
                    } else {
                        v.exec.jumpCache().clear();
                    }
                }

                @Override
                public void icache(int op, int value, boolean broadcast) {
                }
            };
        }
    }

    static boolean allAtLeast(AtomicLongArray a, long n) {
        for (int i = 0; i < a.length(); i++) {
            if (a.get(i) < n) {
                return false;
            }
        }
        return true;
    }

    @Test
    void twoFlushRequestsForTheSameGenerationFlushOnce() throws Exception {
        try (VcpuRig rig = new VcpuRig(2)) {
            CyclicBarrier bothCaptured = new CyclicBarrier(2);
            // Both vCPUs capture the generation before either asks: the second request must see the flush done.
            rig.useMachineFlushAction(() -> {
                try {
                    bothCaptured.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                    throw new IllegalStateException("the two flush requests did not line up: " + e);
                }
            });
            rig.program(0, Guest.COUNT).program(1, Guest.COUNT).start();
            rig.await("both vCPUs to run translated code", () -> rig.insns(0) > 0 && rig.insns(1) > 0);
            assertTrue(rig.cache.size() > 0, "the running vCPUs should have translated blocks");
            long gen = rig.cache.generation();

            // Each vCPU makes its request from its own driver thread, between slices, as a cache-full lookup would.
            CountDownLatch bothDone = new CountDownLatch(2);
            for (int i = 0; i < 2; i++) {
                Vcpu v = rig.cpu(i);
                rig.drivers.get(i).tell(new VcpuActor.Async(() -> {
                    v.exec.flushAction.run();
                    bothDone.countDown();
                }));
            }
            assertTrue(bothDone.await(VcpuRig.WAIT.toMillis(), TimeUnit.MILLISECONDS),
                    "the two flush requests did not both complete\n" + rig.dump());

            assertEquals(1, rig.cache.flushes.get(), "two requests for one generation must flush once");
            assertEquals(gen + 1, rig.cache.generation());
            assertEquals(2, rig.stats.works(), "both requests ran as safe work");
            long[] marks = {rig.insns(0), rig.insns(1)};
            rig.await("vCPUs to run (retranslated) code after the flush",
                    () -> rig.insns(0) > marks[0] && rig.insns(1) > marks[1] && rig.cache.size() > 0);
            rig.assertHealthy();
        }
    }

    @Test
    void cacheFullFlushesFromInsideTheExecutionLoopNeverDeadlock() {
        // 40 blocks of 2 instructions in a loop and room for 32: every pass fills the cache and a vCPU asks for a flush.
        try (VcpuRig rig = new VcpuRig(2, 32, 2)) {
            rig.useMachineFlushAction(() -> { });
            rig.program(0, Guest.addLoop(79)).program(1, Guest.addLoop(79)).start(20_000);
            rig.await("50 cache-full flushes with both vCPUs making progress",
                    () -> rig.cache.flushes.get() >= 50 && rig.insns(0) > 20_000 && rig.insns(1) > 20_000);
            assertTrue(rig.cache.flushes.get() <= rig.stats.works(), "every flush ran as safe work");
            rig.assertHealthy();
        }
    }

    @Test
    void concurrentBroadcastTlbMaintenanceFromTwoVcpusNeverDeadlocks() {
        final int rounds = 200;
        AtomicLongArray completed = new AtomicLongArray(2);
        try (VcpuRig rig = new VcpuRig(2)) {
            wireBroadcastTlbi(rig, completed);
            rig.program(0, Guest.TLBIALLIS_LOOP).program(1, Guest.TLBIALLIS_LOOP).start();
            rig.await("both vCPUs to complete " + rounds + " TLBIALLIS each (completed=" + completed + ")",
                    () -> allAtLeast(completed, rounds));
            assertTrue(rig.stats.works() >= 2L * rounds, "every TLBIALLIS ran as safe work");
            rig.assertHealthy();
        }
    }

    @Test
    void stressSafeWorkFromOutsideWhileTwoVcpusRequestTheirOwn() {
        final int probes = 50;
        AtomicLongArray completed = new AtomicLongArray(3);
        try (VcpuRig rig = new VcpuRig(3)) {
            wireBroadcastTlbi(rig, completed);
            rig.program(0, Guest.TLBIALLIS_LOOP).program(1, Guest.TLBIALLIS_LOOP).program(2, Guest.COUNT).start();
            rig.await("the TLBIALLIS loops to start", () -> completed.get(0) > 0 && completed.get(1) > 0);
            long start = System.nanoTime();
            long[] tlbiBefore = {completed.get(0), completed.get(1)};
            long counterBefore = rig.insns(2);

            long[] snapshot = new long[3];
            for (int i = 0; i < probes; i++) {
                AtomicReference<String> moved = new AtomicReference<>();
                rig.runSafeBounded("stress probe " + i,
                        () -> moved.set(SafeWorkQuiescenceTest.frozenCheck(rig, snapshot, 2)));
                assertNull(moved.get(), "probe " + i + ": a vCPU ran guest code while safe work ran");
            }
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertTrue(tookMs < 20_000, probes + " safe-work probes took " + tookMs + " ms");
            rig.await("every vCPU to have progressed during the stress (TLBI completed=" + completed + ")",
                    () -> completed.get(0) > tlbiBefore[0] && completed.get(1) > tlbiBefore[1]
                            && rig.insns(2) > counterBefore);
            rig.assertHealthy();
        }
    }
}
