package io.mttcgj.cpu;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.codegen.arm.state.SystemRegisters;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Requests that arrive while a round gathers acknowledgements run in one batch, all of it exclusive. */
class SafeWorkBatchTest {

    /**
     * vCPU 0 asks for safe work (TLBIALLIS) while vCPU 1 is held inside an MMIO read, so the round cannot
     * finish; a second request from outside joins that round. When vCPU 1 is let go the batch runs
     * vCPU 0's work, then the probe: vCPU 0 must stay stopped until the whole batch is done.
     */
    @Test
    void requesterVcpuStaysStoppedUntilTheWholeBatchHasRun() throws Exception {
        SafeWorkQuiescenceTest.BlockingDevice dev = new SafeWorkQuiescenceTest.BlockingDevice();
        AtomicInteger pending = new AtomicInteger();
        try (VcpuRig rig = new VcpuRig(2)) {
            rig.cpu(0).state.cp15.maintenance = new SystemRegisters.Maintenance() {
                @Override
                public void tlb(int op, int value, boolean broadcast) {
                    pending.incrementAndGet();
                    rig.requestFrom(0, "tlb-flush-all", () -> rig.vcpus.forEach(x -> x.exec.jumpCache().clear()));
                    pending.decrementAndGet();
                }

                @Override
                public void icache(int op, int value, boolean broadcast) {
                }
            };
            rig.mmio(Guest.MMIO_BASE, 0x1000, dev).program(0, Guest.TLBIALLIS_LOOP).program(1, Guest.MMIO_READ_LOOP);
            rig.start();
            assertTrue(dev.entered.await(10, TimeUnit.SECONDS), "vCPU 1 never reached its MMIO read\n" + rig.dump());
            // No round can finish while vCPU 1 is inside the read, so vCPU 0's next request stays pending.
            rig.await("vCPU 0 to wait for its TLBIALLIS safe work", () -> pending.get() == 1);

            long[] snapshot = new long[2];
            AtomicReference<String> moved = new AtomicReference<>();
            CompletableFuture<Void> probe = rig.runSafeAsync("probe in the same batch",
                    () -> moved.set(SafeWorkQuiescenceTest.frozenCheck(rig, snapshot, 20)));
            // The supervisor queues the probe within microseconds; the round is held open by vCPU 1's read.
            VcpuRig.sleep(100);
            assertFalse(probe.isDone(), "the round finished while vCPU 1 was inside an MMIO read");
            dev.release.countDown();
            try {
                probe.get(VcpuRig.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("the probe never ran\n" + rig.dump());
            }
            assertNull(moved.get(), "a vCPU whose own work ran first in the batch resumed guest code while"
                    + " later work of the same batch was still running");
            rig.assertHealthy();
        } finally {
            dev.release.countDown();
        }
    }
}
