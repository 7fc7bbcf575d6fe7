package io.mttcgj.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.platform.MmioDevice;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Safe work runs only while no vCPU is inside translated code, and releases them afterwards. */
class SafeWorkQuiescenceTest {

    /** Inside the work: snapshot every vCPU's retired-instruction count, wait, and report any that moved. */
    static String frozenCheck(VcpuRig rig, long[] snapshot, long sleepMillis) {
        for (int i = 0; i < snapshot.length; i++) {
            snapshot[i] = rig.insns(i);
        }
        VcpuRig.sleep(sleepMillis);
        StringBuilder moved = new StringBuilder();
        for (int i = 0; i < snapshot.length; i++) {
            long now = rig.insns(i);
            if (now != snapshot[i]) {
                moved.append(String.format("vCPU %d retired %d instructions during safe work; ", i, now - snapshot[i]));
            }
        }
        return moved.length() == 0 ? null : moved.toString();
    }

    static boolean allAbove(VcpuRig rig, long[] marks) {
        for (int i = 0; i < marks.length; i++) {
            if (rig.insns(i) <= marks[i]) {
                return false;
            }
        }
        return true;
    }

    @Test
    void workRunsWhileEveryVcpuIsStoppedAndTheyRunAgainAfterwards() {
        try (VcpuRig rig = new VcpuRig(3)) {
            for (int i = 0; i < 3; i++) {
                rig.program(i, Guest.COUNT);
            }
            rig.start();
            rig.await("all three vCPUs to run guest code", () -> allAbove(rig, new long[3]));

            long[] during = new long[3];
            AtomicReference<String> moved = new AtomicReference<>();
            rig.runSafeBounded("quiescence probe", () -> moved.set(frozenCheck(rig, during, 20)));

            assertNull(moved.get(), "a vCPU ran guest code while safe work ran");
            rig.await("vCPUs to run again after the round released them", () -> allAbove(rig, during));
            assertEquals(1, rig.stats.rounds());
            assertEquals(1, rig.stats.works());
            rig.assertHealthy();
        }
    }

    @Test
    void vcpuHaltedInWfiIsQuiescentAndStaysHaltedUntilAnInterrupt() {
        try (VcpuRig rig = new VcpuRig(2)) {
            rig.program(0, Guest.WFI_THEN_COUNT).program(1, Guest.COUNT).start();
            Vcpu sleeper = rig.cpu(0);
            rig.await("vCPU 0 to halt in WFI", sleeper::halted);
            long insnsAtHalt = rig.insns(0);

            AtomicBoolean haltedDuringWork = new AtomicBoolean();
            long took = rig.runSafeBounded("round with a halted vCPU", () -> haltedDuringWork.set(sleeper.halted()));

            assertTrue(haltedDuringWork.get(), "vCPU 0 should still be halted while the work runs");
            assertTrue(took < TimeUnit.SECONDS.toNanos(1),
                    "a halted vCPU must not delay safe work, but the round took " + took / 1_000_000 + " ms");
            VcpuRig.sleep(50);
            assertTrue(sleeper.halted(), "the release must not wake a vCPU halted in WFI\n" + rig.dump());
            assertEquals(insnsAtHalt, rig.insns(0), "a halted vCPU retired instructions");
            assertEquals(0, sleeper.state.r[1], "vCPU 0 left the WFI without an interrupt");

            // CPSR.I is set at reset: the interrupt is not taken, but WFI still wakes (ARM ARM B1.8.13).
            sleeper.setIrq(true);
            rig.await("vCPU 0 to leave WFI after its IRQ line rose",
                    () -> !sleeper.halted() && sleeper.state.r[1] == 1 && rig.insns(0) > insnsAtHalt + 100);
            rig.assertHealthy();
        }
    }

    /** A device whose first read blocks until the test lets it go (at most 5 s). */
    static final class BlockingDevice implements MmioDevice {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger reads = new AtomicInteger();
        final AtomicBoolean inRead = new AtomicBoolean();

        @Override
        public int read(int offset, int size) {
            if (reads.getAndIncrement() == 0) {
                inRead.set(true);
                entered.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inRead.set(false);
            }
            return 0x5a5a;
        }

        @Override
        public void write(int offset, int size, int value) {
        }
    }

    @Test
    void vcpuBlockedInAnMmioReadDelaysSafeWorkUntilTheReadReturnsWithoutDeadlock() throws Exception {
        BlockingDevice dev = new BlockingDevice();
        try (VcpuRig rig = new VcpuRig(2)) {
            rig.mmio(Guest.MMIO_BASE, 0x1000, dev).program(0, Guest.MMIO_READ_LOOP).program(1, Guest.COUNT).start();
            assertTrue(dev.entered.await(10, TimeUnit.SECONDS), "vCPU 0 never reached its MMIO read\n" + rig.dump());

            AtomicBoolean readInProgressDuringWork = new AtomicBoolean(true);
            CompletableFuture<Void> work = rig.runSafeAsync("during MMIO read",
                    () -> readInProgressDuringWork.set(dev.inRead.get()));
            VcpuRig.sleep(150);
            assertFalse(work.isDone(), "safe work ran while vCPU 0 was inside an MMIO read (inside translated code)");

            dev.release.countDown();
            try {
                work.get(VcpuRig.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("safe work still pending after the MMIO read returned\n" + rig.dump());
            }
            assertFalse(readInProgressDuringWork.get(), "the work overlapped the MMIO read");
            int readsAfter = dev.reads.get();
            rig.await("vCPU 0 to read the device again after the round", () -> dev.reads.get() > readsAfter + 10);
            rig.assertHealthy();
        } finally {
            dev.release.countDown();
        }
    }

    @Test
    void failingWorkIsReportedToTheRequesterAndTheVcpusAreReleased() throws Exception {
        try (VcpuRig rig = new VcpuRig(2)) {
            rig.program(0, Guest.COUNT).program(1, Guest.COUNT).start();
            rig.await("both vCPUs to run", () -> allAbove(rig, new long[2]));

            CompletableFuture<Void> work = rig.runSafeAsync("failing", () -> {
                throw new IllegalArgumentException("boom");
            });
            try {
                work.get(VcpuRig.WAIT.toMillis(), TimeUnit.MILLISECONDS);
                throw new AssertionError("the failure of the work was not reported to the requester");
            } catch (ExecutionException e) {
                assertTrue(String.valueOf(e.getCause().getMessage()).contains("boom"),
                        "the requester should see the work's exception, got " + e.getCause());
            } catch (TimeoutException e) {
                throw new AssertionError("failing safe work never completed\n" + rig.dump());
            }
            long[] marks = {rig.insns(0), rig.insns(1)};
            rig.await("vCPUs to run again after a failed work", () -> allAbove(rig, marks));
            AtomicBoolean ran = new AtomicBoolean();
            rig.runSafeBounded("after failure", () -> ran.set(true));
            assertTrue(ran.get(), "the supervisor should still serve requests after a failed work");
            rig.assertHealthy();
        }
    }

    /**
     * A work that throws an Error (an emulator bug: a failed assert) must not take the supervisor down with
     * every later request. (A VirtualMachineError such as StackOverflowError is fatal to Pekko and exits the
     * JVM, so it cannot be tested here.)
     */
    @Test
    void workThrowingAnErrorIsReportedAndLaterRequestsStillRun() throws Exception {
        try (VcpuRig rig = new VcpuRig(2)) {
            rig.program(0, Guest.COUNT).program(1, Guest.COUNT).start();
            CompletableFuture<Void> work = rig.runSafeAsync("error", () -> {
                throw new AssertionError("broken invariant");
            });
            try {
                work.get(VcpuRig.WAIT.toMillis(), TimeUnit.MILLISECONDS);
                throw new AssertionError("the Error thrown by the work was not reported to the requester");
            } catch (ExecutionException e) {
                assertTrue(String.valueOf(e.getCause()).contains("broken invariant")
                        || String.valueOf(e.getCause().getCause()).contains("broken invariant"),
                        "the requester should see the work's Error, got " + e.getCause());
            } catch (TimeoutException e) {
                throw new AssertionError("a work that threw an Error never completed: the supervisor is gone\n"
                        + rig.dump());
            }
            AtomicBoolean ran = new AtomicBoolean();
            rig.runSafeBounded("after an Error", () -> ran.set(true));
            assertTrue(ran.get());
            long[] marks = {rig.insns(0), rig.insns(1)};
            rig.await("vCPUs to run after the failed round", () -> allAbove(rig, marks));
        }
    }
}
