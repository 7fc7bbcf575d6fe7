package io.mttcgj.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * WFE/SEV through the vCPU driver: an event sent from another thread wakes a vCPU sleeping in WFE, or
 * makes its next WFE fall through (the event register, ARM ARM B1.8.13), and is never lost.
 */
class VcpuEventTest {
    private static final int EVENTS = 20;

    /** r0 counts the WFEs that returned; read only while halted (the volatile flag orders it) or as a bound. */
    private static int wakeUps(Vcpu v) {
        return v.state.r[0];
    }

    @Test
    void everyEventWakesAVcpuSleepingInWfe() {
        try (VcpuRig rig = new VcpuRig(2)) {
            Vcpu a = rig.cpu(0);
            rig.program(0, Guest.WFE_COUNT).program(1, Guest.COUNT).start();
            for (int k = 1; k <= EVENTS; k++) {
                int before = k - 1;
                rig.await("vCPU 0 to sleep in WFE before event " + k, () -> a.halted() && wakeUps(a) == before);
                a.sendEvent();
                int expected = k;
                rig.await("vCPU 0 to wake for event " + k + " and sleep again",
                        () -> a.halted() && wakeUps(a) >= expected);
                assertEquals(k, wakeUps(a), "one event must end exactly one WFE");
            }
            rig.assertHealthy();
        }
    }

    @Test
    void eventsRacingWithTheHaltAreNeverLost() {
        Random random = new Random(42);
        try (VcpuRig rig = new VcpuRig(2)) {
            Vcpu a = rig.cpu(0);
            rig.program(0, Guest.WFE_COUNT).program(1, Guest.COUNT).start();
            rig.await("vCPU 0 to sleep in WFE", a::halted);
            for (int k = 1; k <= EVENTS * 5; k++) {
                // Send without waiting for the halt: the event may land before, during or after the WFE.
                if (random.nextBoolean()) {
                    VcpuRig.sleep(random.nextInt(3));
                }
                a.sendEvent();
                int expected = k;
                rig.await("vCPU 0 to consume event " + k + " (a lost wake-up leaves it halted)",
                        () -> wakeUps(a) >= expected);
            }
            int total = EVENTS * 5;
            rig.await("vCPU 0 to sleep again after the last event", () -> a.halted() && wakeUps(a) >= total);
            assertEquals(total, wakeUps(a), "each event ends exactly one WFE");
            assertTrue(!a.state.eventRegister, "the last WFE consumed the event");
            rig.assertHealthy();
        }
    }

    @Test
    void wfeHaltedVcpuIsQuiescentAndAnEventStillWakesItAfterTheRound() {
        try (VcpuRig rig = new VcpuRig(2)) {
            Vcpu a = rig.cpu(0);
            rig.program(0, Guest.WFE_COUNT).program(1, Guest.COUNT).start();
            rig.await("vCPU 0 to sleep in WFE", a::halted);
            rig.runSafeBounded("round with a vCPU in WFE", () -> { });
            VcpuRig.sleep(20);
            assertTrue(a.halted(), "the release must not wake a vCPU waiting for an event");
            assertEquals(0, wakeUps(a));
            a.sendEvent();
            rig.await("vCPU 0 to wake for the event sent after the round", () -> a.halted() && wakeUps(a) == 1);
            rig.assertHealthy();
        }
    }
}
