package io.mttcgj.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.platform.GenericTimerPort;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GenericTimerTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private record Ppi(int cpu, int irq, boolean level) {
    }

    @Test
    void counterRunsAt62point5MHzFromTheSharedStart() {
        long[] now = {1_000};
        List<Ppi> out = new ArrayList<>();
        GenericTimer t0 = new GenericTimer(0, 1_000, () -> now[0], scheduler, (c, i, l) -> out.add(new Ppi(c, i, l)));
        GenericTimer t1 = new GenericTimer(1, 1_000, () -> now[0], scheduler, (c, i, l) -> out.add(new Ppi(c, i, l)));
        assertEquals(62_500_000, t0.read32(GenericTimerPort.CNTFRQ));
        now[0] += 1_000_000_000L;
        assertEquals(62_500_000L, t0.read64(GenericTimerPort.CNTPCT));
        assertEquals(62_500_000L, t1.read64(GenericTimerPort.CNTPCT), "one counter for all CPUs");
        t0.write64(GenericTimerPort.CNTVOFF, 500);
        assertEquals(62_500_000L - 500, t0.read64(GenericTimerPort.CNTVCT));
    }

    @Test
    void tvalIsASignedDowncountFromCval() {
        long[] now = {0};
        List<Ppi> out = new ArrayList<>();
        GenericTimer t = new GenericTimer(0, 0, () -> now[0], scheduler, (c, i, l) -> out.add(new Ppi(c, i, l)));
        t.write32(GenericTimerPort.CNTP_TVAL, 100);
        assertEquals(100L, t.read64(GenericTimerPort.CNTP_CVAL));
        now[0] = 16 * 150; // 150 ticks
        assertEquals(-50, t.read32(GenericTimerPort.CNTP_TVAL));
        assertEquals(0, t.read32(GenericTimerPort.CNTP_CTL) & GenericTimer.CTL_ISTATUS, "ISTATUS only when enabled");
        t.write32(GenericTimerPort.CNTP_CTL, GenericTimer.CTL_ENABLE);
        assertEquals(GenericTimer.CTL_ENABLE | GenericTimer.CTL_ISTATUS, t.read32(GenericTimerPort.CNTP_CTL));
        assertEquals(List.of(new Ppi(0, 30, true)), out);
        t.write32(GenericTimerPort.CNTP_CTL, GenericTimer.CTL_ENABLE | GenericTimer.CTL_IMASK);
        assertEquals(List.of(new Ppi(0, 30, true), new Ppi(0, 30, false)), out, "IMASK lowers the PPI");
    }

    /**
     * The wake-up armed for a compare value 5 ms ahead raises the virtual PPI of its CPU once the counter
     * gets there. The counter is a clock the test moves, so "not yet due" and "due" do not depend on how
     * fast the host runs the test; the scheduler is real (its wake-ups re-check and re-arm until due).
     */
    @Test
    void cvalInTheNearFutureRaisesVirtualPpiOnTheRightCpu() throws Exception {
        LinkedBlockingQueue<Ppi> out = new LinkedBlockingQueue<>();
        AtomicLong clock = new AtomicLong(1_000);
        GenericTimer t1 = new GenericTimer(1, 1_000, clock::get, scheduler, (c, i, l) -> out.add(new Ppi(c, i, l)));
        long cval = t1.read64(GenericTimerPort.CNTVCT) + 62_500 * 5; // 5 ms
        t1.write64(GenericTimerPort.CNTV_CVAL, cval);
        t1.write32(GenericTimerPort.CNTV_CTL, GenericTimer.CTL_ENABLE);
        assertEquals(List.of(), List.copyOf(out), "not due yet");
        clock.addAndGet(5_000_000); // the counter reaches the compare value
        Ppi raised = out.poll(30, TimeUnit.SECONDS);
        assertEquals(new Ppi(1, 27, true), raised, "no PPI within 30 s of the compare value falling due");
        assertTrue(Long.compareUnsigned(t1.read64(GenericTimerPort.CNTVCT), cval) >= 0, "raised only once due");
        t1.write32(GenericTimerPort.CNTV_CTL, 0);
        assertEquals(new Ppi(1, 27, false), out.poll(30, TimeUnit.SECONDS));
    }

    /**
     * On a clock the test moves: reprogramming the compare value replaces the wake-up armed for the old one
     * (the scheduler holds only the new one), and passing the old deadline raises nothing.
     */
    @Test
    void reprogrammingCancelsTheEarlierWakeup() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
        timers.setRemoveOnCancelPolicy(true); // a cancelled wake-up leaves the queue at once
        try {
            long[] now = {0};
            List<Ppi> out = new ArrayList<>();
            GenericTimer t = new GenericTimer(0, 0, () -> now[0], timers, (c, i, l) -> out.add(new Ppi(c, i, l)));
            t.write32(GenericTimerPort.CNTP_TVAL, 62_500 * 100); // 100 ms
            t.write32(GenericTimerPort.CNTP_CTL, GenericTimer.CTL_ENABLE);
            assertEquals(1, timers.getQueue().size(), "one wake-up armed for the first deadline");
            long first = ((ScheduledFuture<?>) timers.getQueue().peek()).getDelay(TimeUnit.MILLISECONDS);
            assertTrue(first <= 100, "the first wake-up is due within 100 ms: " + first);

            t.write32(GenericTimerPort.CNTP_TVAL, Integer.MAX_VALUE); // ~34 s away
            assertEquals(1, timers.getQueue().size(), "the first wake-up was cancelled, not left beside the new one");
            long second = ((ScheduledFuture<?>) timers.getQueue().peek()).getDelay(TimeUnit.MILLISECONDS);
            assertTrue(second > 30_000, "the remaining wake-up is the new, ~34 s one: " + second + " ms");

            now[0] += 150_000_000L; // past the first deadline
            assertEquals(0, t.read32(GenericTimerPort.CNTP_CTL) & GenericTimer.CTL_ISTATUS, "not due yet");
            assertEquals(List.of(), out, "no PPI at the old deadline");
        } finally {
            timers.shutdownNow();
        }
    }
}
