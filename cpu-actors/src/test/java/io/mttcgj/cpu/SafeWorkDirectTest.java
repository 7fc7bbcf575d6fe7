package io.mttcgj.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The direct path of safe work: with every other vCPU halted, a vCPU's request runs on its own thread
 * at once, and a halted vCPU woken meanwhile runs no guest code until the work is over. The test thread
 * makes the requests in the name of a halted vCPU (it is not running guest code, as a requester never is).
 */
class SafeWorkDirectTest {

    @Test
    void requestWithEveryOtherVcpuHaltedRunsOnTheRequesterAndHoldsAWokenVcpuUntilItEnds() {
        try (VcpuRig rig = new VcpuRig(3)) {
            rig.directPath = true;
            for (int i = 0; i < 3; i++) {
                rig.program(i, Guest.WFI_THEN_COUNT);
            }
            rig.start();
            rig.await("every vCPU to halt in WFI", () -> rig.vcpus.stream().allMatch(Vcpu::halted));
            Vcpu woken = rig.cpu(0);
            long insnsAtHalt = rig.insns(0);

            AtomicReference<Thread> ranOn = new AtomicReference<>();
            AtomicLong insnsDuringWork = new AtomicLong(-1);
            AtomicBoolean awakeDuringWork = new AtomicBoolean();
            rig.safeWork.runSync(2, "direct probe", () -> {
                ranOn.set(Thread.currentThread());
                woken.setIrq(true); // wakes vCPU 0: its driver must wait at the gate
                rig.await("vCPU 0's driver to clear halted", () -> !woken.halted());
                awakeDuringWork.set(true);
                VcpuRig.sleep(50);
                insnsDuringWork.set(rig.insns(0));
            });

            assertSame(Thread.currentThread(), ranOn.get(), "the work should run on the requesting thread");
            assertTrue(awakeDuringWork.get());
            assertEquals(insnsAtHalt, insnsDuringWork.get(), "vCPU 0 ran guest code while safe work ran\n" + rig.dump());
            assertEquals(1, rig.stats.direct());
            assertEquals(1, rig.stats.rounds());
            rig.await("vCPU 0 to run once the work released it",
                    () -> woken.state.r[1] == 1 && rig.insns(0) > insnsAtHalt + 100);
            rig.assertHealthy();
        }
    }

    @Test
    void requestWithAnotherVcpuRunningGoesThroughTheSupervisor() {
        try (VcpuRig rig = new VcpuRig(2)) {
            rig.directPath = true;
            rig.program(0, Guest.WFI_THEN_COUNT).program(1, Guest.COUNT).start();
            rig.await("vCPU 0 to halt and vCPU 1 to run", () -> rig.cpu(0).halted() && rig.insns(1) > 1000);

            long[] during = new long[2];
            AtomicReference<String> moved = new AtomicReference<>();
            rig.safeWork.runSync(0, "supervised probe", () -> moved.set(SafeWorkQuiescenceTest.frozenCheck(rig, during, 20)));

            assertEquals(null, moved.get(), "a vCPU ran guest code while safe work ran");
            assertEquals(0, rig.stats.direct());
            rig.await("the supervisor to record its round", () -> rig.stats.rounds() == 1);
            rig.await("vCPU 1 to run again", () -> rig.insns(1) > during[1]);
            rig.assertHealthy();
        }
    }

    @Test
    void directRequestsRacingAWakeUpNeverOverlapTheWokenVcpusGuestCode() {
        try (VcpuRig rig = new VcpuRig(2)) {
            rig.directPath = true;
            rig.program(0, Guest.WFI_THEN_COUNT).program(1, Guest.WFI_THEN_COUNT).start();
            rig.await("both vCPUs to halt", () -> rig.cpu(0).halted() && rig.cpu(1).halted());
            Vcpu other = rig.cpu(0);
            AtomicLong overlaps = new AtomicLong();
            Runnable probe = () -> {
                long a = rig.insns(0);
                for (int k = 0; k < 50; k++) {
                    Thread.onSpinWait();
                }
                if (rig.insns(0) != a) {
                    overlaps.incrementAndGet();
                }
            };
            for (int i = 0; i < 1000; i++) {
                rig.safeWork.runSync(1, "halted " + i, probe);
            }
            assertEquals(1000, rig.stats.direct(), "with vCPU 0 halted every request should run directly");

            // Wake vCPU 0 and keep requesting while its driver comes out of the halt: each request is either
            // direct (and holds vCPU 0 at its gate) or supervised (and quiesces it).
            long atWake = rig.insns(0);
            other.setIrq(true);
            long deadline = System.nanoTime() + VcpuRig.WAIT.toNanos();
            int racing = 0;
            while (rig.insns(0) < atWake + 10_000) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("vCPU 0 never ran after its wake-up\n" + rig.dump());
                }
                rig.safeWork.runSync(1, "racing " + racing++, probe);
            }
            long directAfterWake = rig.stats.direct();
            for (int i = 0; i < 200; i++) {
                rig.safeWork.runSync(1, "running " + i, probe);
            }
            assertEquals(0, overlaps.get(), "vCPU 0 retired instructions during safe work\n" + rig.dump());
            assertEquals(directAfterWake, rig.stats.direct(), "with vCPU 0 running no request may run directly");
            long expected = 1200L + racing;
            rig.await("every round to be recorded", () -> rig.stats.rounds() == expected);
            rig.assertHealthy();
        }
    }
}
