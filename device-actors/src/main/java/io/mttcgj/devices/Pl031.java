package io.mttcgj.devices;

import java.time.Clock;

/**
 * ARM PrimeCell PL031 real-time clock as QEMU models it: DR counts host Unix seconds plus an offset
 * set through LR; when DR reaches MR the interrupt status is raised; CR always reads 1 (the clock
 * cannot be stopped).
 */
public final class Pl031 implements ActorDevice {
    private static final int[] ID = {0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};
    private static final Object ALARM_KEY = "pl031-alarm";
    /** Alarms further away are re-armed in steps: timer delays must stay well within range. */
    private static final long MAX_ALARM_STEP_SECONDS = 86_400;

    private final Clock clock;
    private final IrqLine irq;
    private DeviceTimers timers = DeviceTimers.NONE;
    private long offsetSeconds;
    private int mr;
    private int lr;
    private int im;
    private int is;
    private boolean irqLevel;

    public Pl031(Clock clock, IrqLine irq) {
        this.clock = clock;
        this.irq = irq;
    }

    @Override
    public void attach(DeviceTimers timers) {
        this.timers = timers;
    }

    private int count() {
        return (int) (clock.instant().getEpochSecond() + offsetSeconds);
    }

    @Override
    public int read(int offset, int size) {
        return WordRegisters.lane(readWord(offset & ~3), offset, size);
    }

    private int readWord(int offset) {
        switch (offset) {
            case 0x00: return count();
            case 0x04: return mr;
            case 0x08: return lr;
            case 0x0c: return 1;
            case 0x10: return im;
            case 0x14: return is;
            case 0x18: return is & im;
            default:
                if (offset >= 0xfe0 && offset < 0x1000) {
                    return ID[(offset - 0xfe0) >> 2];
                }
                return 0;
        }
    }

    @Override
    public void write(int offset, int size, int value) {
        int v = WordRegisters.toWord(value, offset, size);
        switch (offset & ~3) {
            case 0x04 -> {
                mr = v;
                armAlarm();
            }
            case 0x08 -> {
                lr = v;
                offsetSeconds += (v & 0xffffffffL) - (count() & 0xffffffffL);
                armAlarm();
            }
            case 0x10 -> {
                im = v & 1;
                updateIrq();
            }
            case 0x1c -> {
                is = 0; // QEMU clears on any write (documentation differs on bit 0)
                updateIrq();
            }
            default -> { } // CR writes are ignored: the clock always runs
        }
    }

    @Override
    public void onTimer(Object key) {
        if (!ALARM_KEY.equals(key)) {
            return;
        }
        if (count() == mr) {
            is = 1;
            updateIrq();
        } else {
            armAlarm(); // a long wait re-armed in steps, or a timer that fired early
        }
    }

    private void armAlarm() {
        long secondsAhead = (mr - count()) & 0xffffffffL;
        if (secondsAhead == 0) {
            timers.cancel(ALARM_KEY);
            is = 1; // match now: QEMU raises the interrupt at once
            updateIrq();
            return;
        }
        long untilNextSecondNanos = 1_000_000_000L - clock.instant().getNano();
        long step = Math.min(secondsAhead, MAX_ALARM_STEP_SECONDS);
        timers.startSingle(ALARM_KEY, (step - 1) * 1_000_000_000L + untilNextSecondNanos);
    }

    private void updateIrq() {
        boolean level = (is & im) != 0;
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }
}
