package io.mttcgj.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class Sp804Test {
    private static final ActorTestKit testKit = ActorTestKit.create();
    private static final int LOAD = 0x00, VALUE = 0x04, CTRL = 0x08, INTCLR = 0x0c, RIS = 0x10, MIS = 0x14;
    private static final int EN = Sp804.CTRL_ENABLE, IE = Sp804.CTRL_IE, PERIODIC = Sp804.CTRL_PERIODIC,
            ONESHOT = Sp804.CTRL_ONESHOT, BIT32 = Sp804.CTRL_32BIT;

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    private final long[] now = {0};
    private final FakeTimers timers = new FakeTimers(now);
    private final List<Boolean> irq = new ArrayList<>();
    private final Sp804 sp804 = new Sp804(1_000_000, irq::add, () -> now[0]);

    {
        sp804.attach(timers);
    }

    @Test
    void resetStateAndIds() {
        assertEquals(IE, sp804.read(CTRL, 4), "control resets with interrupts enabled (QEMU)");
        assertEquals(0x04, sp804.read(0xfe0, 4));
        assertEquals(0x18, sp804.read(0xfe4, 4));
        assertEquals(0x14, sp804.read(0xfe8, 4));
        assertEquals(0xb1, sp804.read(0xffc, 4));
    }

    @Test
    void periodicCountsDownAtOneMegahertzAndReloads() {
        sp804.write(LOAD, 4, 1000);
        sp804.write(CTRL, 4, EN | PERIODIC | IE | BIT32);
        now[0] = 250_000; // 250 us = 250 ticks
        assertEquals(750, sp804.read(VALUE, 4));
        timers.advance(750_000, sp804); // reaches zero at 1 ms
        assertEquals(List.of(true), irq);
        assertEquals(1, sp804.read(RIS, 4));
        assertEquals(1000, sp804.read(VALUE, 4), "reloaded from Load");
        sp804.write(INTCLR, 4, 1);
        assertEquals(List.of(true, false), irq);
        timers.advance(1_000_000, sp804);
        assertEquals(List.of(true, false, true), irq, "fires again one period later");
    }

    @Test
    void oneShotStopsAtZero() {
        sp804.write(LOAD, 4, 100);
        sp804.write(CTRL, 4, EN | ONESHOT | IE | BIT32);
        timers.advance(100_000, sp804);
        assertEquals(List.of(true), irq);
        sp804.write(INTCLR, 4, 1);
        timers.advance(10_000_000, sp804);
        assertEquals(0, sp804.read(VALUE, 4));
        assertEquals(List.of(true, false), irq, "no second expiry");
    }

    @Test
    void prescaleDivides() {
        sp804.write(LOAD, 4, 1000);
        sp804.write(CTRL, 4, EN | PERIODIC | BIT32 | (1 << 2)); // /16
        now[0] = 160_000; // 160 us at 62.5 kHz = 10 ticks
        assertEquals(990, sp804.read(VALUE, 4));
        assertEquals(0, sp804.read(MIS, 4));
    }

    @Test
    void sixteenBitFreeRunningWrapsAt0xffff() {
        sp804.write(CTRL, 4, EN | IE); // free-running, 16-bit
        assertEquals(0xffff, sp804.read(VALUE, 4));
        timers.advance(0xffffL * 1000, sp804);
        assertEquals(List.of(true), irq);
        assertEquals(0xffff, sp804.read(VALUE, 4), "wrapped to the 16-bit maximum");
        now[0] += 1000;
        assertEquals(0xfffe, sp804.read(VALUE, 4));
    }

    @Test
    void secondTimerSharesTheOutput() {
        sp804.write(0x20 + LOAD, 4, 10);
        sp804.write(0x20 + CTRL, 4, EN | ONESHOT | IE | BIT32);
        timers.advance(10_000, sp804);
        assertEquals(List.of(true), irq);
        assertEquals(0, sp804.read(RIS, 4));
        assertEquals(1, sp804.read(0x20 + RIS, 4));
    }

    @Test
    void oneShotInterruptFiresInTheActor() {
        TestProbe<Boolean> line = testKit.createTestProbe();
        var ref = testKit.spawn(DeviceActor.create("sp804",
                new Sp804(Sp804.DEFAULT_FREQ_HZ, level -> line.ref().tell(level), System::nanoTime), s -> { }));
        ActorMmio mmio = new ActorMmio(ref, "sp804");
        long t0 = System.nanoTime(); // before the actor can have started counting
        mmio.write(LOAD, 4, 2000); // 2 ms
        mmio.write(CTRL, 4, EN | ONESHOT | IE | BIT32);
        assertEquals(true, line.receiveMessage(Duration.ofSeconds(3)));
        assertTrue(System.nanoTime() - t0 >= 2_000_000, "fired before the count could have reached zero");
        assertEquals(1, mmio.read(MIS, 4));
        mmio.write(INTCLR, 4, 1);
        assertEquals(false, line.receiveMessage(Duration.ofSeconds(3)));
    }
}
