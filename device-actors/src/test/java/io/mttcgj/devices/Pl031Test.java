package io.mttcgj.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Pl031Test {
    private static final int DR = 0x00, MR = 0x04, LR = 0x08, CR = 0x0c, IMSC = 0x10, RIS = 0x14, MIS = 0x18, ICR = 0x1c;

    private final long[] nanos = {0};
    private Instant instant = Instant.ofEpochSecond(1_700_000_000L, 250_000_000);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return instant;
        }
    };
    private final FakeTimers timers = new FakeTimers(nanos);
    private final List<Boolean> irq = new ArrayList<>();
    private final Pl031 rtc = new Pl031(clock, irq::add);

    {
        rtc.attach(timers);
    }

    /** Moves host time and the fake timers forward together. */
    private void advanceNanos(long n) {
        instant = instant.plusNanos(n);
        timers.advance(n, rtc);
    }

    @Test
    void dataRegisterIsHostUnixTimeAndIdsMatchPl031() {
        assertEquals(1_700_000_000, rtc.read(DR, 4));
        assertEquals(1, rtc.read(CR, 4), "always enabled");
        assertEquals(0x31, rtc.read(0xfe0, 4));
        assertEquals(0xb1, rtc.read(0xffc, 4));
    }

    @Test
    void loadRegisterSetsTheCount() {
        rtc.write(LR, 4, 1000);
        assertEquals(1000, rtc.read(DR, 4));
        assertEquals(1000, rtc.read(LR, 4));
        advanceNanos(3_000_000_000L);
        assertEquals(1003, rtc.read(DR, 4));
    }

    @Test
    void matchRaisesTheInterruptWhenReached() {
        rtc.write(IMSC, 4, 1);
        rtc.write(MR, 4, 1_700_000_002);
        advanceNanos(1_000_000_000L);
        assertEquals(0, rtc.read(RIS, 4));
        advanceNanos(1_000_000_000L);
        assertEquals(1, rtc.read(RIS, 4));
        assertEquals(1, rtc.read(MIS, 4));
        assertEquals(List.of(true), irq);
        rtc.write(ICR, 4, 1);
        assertEquals(List.of(true, false), irq);
    }
}
