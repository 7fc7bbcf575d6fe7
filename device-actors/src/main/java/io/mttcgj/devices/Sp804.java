package io.mttcgj.devices;

import java.util.function.LongSupplier;

/**
 * ARM SP804 dual timer as QEMU models it (both counters clocked at 1 MHz on vexpress). The two
 * counters share one interrupt output (the OR of both). Counters are not ticked: their value is
 * computed from host time, and an expiry is a device timer firing in the actor's mailbox.
 *
 * <p>QEMU specifics kept: enabling or writing Load reloads the counter; free-running mode
 * (neither periodic nor one-shot) always counts from 0xffffffff (0xffff in 16-bit mode) and ignores
 * Load; a one-shot counter stops at 0 with the enable bit still set.
 */
public final class Sp804 implements ActorDevice {
    public static final long DEFAULT_FREQ_HZ = 1_000_000;
    static final int CTRL_ONESHOT = 1;
    static final int CTRL_32BIT = 1 << 1;
    static final int CTRL_IE = 1 << 5;
    static final int CTRL_PERIODIC = 1 << 6;
    static final int CTRL_ENABLE = 1 << 7;
    private static final int[] ID = {0x04, 0x18, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

    private final Counter[] counters;
    private final IrqLine irq;
    private final LongSupplier nanoClock;
    private DeviceTimers timers = DeviceTimers.NONE;
    private boolean irqLevel;

    public Sp804(long freqHz, IrqLine irq, LongSupplier nanoClock) {
        this.irq = irq;
        this.nanoClock = nanoClock;
        this.counters = new Counter[] {new Counter(0, freqHz), new Counter(1, freqHz)};
    }

    @Override
    public void attach(DeviceTimers timers) {
        this.timers = timers;
    }

    @Override
    public int read(int offset, int size) {
        return WordRegisters.lane(readWord(offset & ~3), offset, size);
    }

    private int readWord(int offset) {
        if (offset < 0x40) {
            return counters[offset >> 5].read(offset & 0x1f);
        }
        if (offset >= 0xfe0 && offset < 0x1000) {
            return ID[(offset - 0xfe0) >> 2];
        }
        return 0; // integration test registers: not modelled (QEMU reads 0)
    }

    @Override
    public void write(int offset, int size, int value) {
        int o = offset & ~3;
        if (o < 0x40) {
            counters[o >> 5].write(o & 0x1f, WordRegisters.toWord(value, offset, size));
            updateIrq();
        }
    }

    @Override
    public void onTimer(Object key) {
        if (key instanceof Integer index) {
            counters[index].expire();
            updateIrq();
        }
    }

    private void updateIrq() {
        boolean level = counters[0].irqOut() || counters[1].irqOut();
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }

    /** One down-counter. Time is measured in ticks of the prescaled clock. */
    private final class Counter {
        private final Integer timerKey;
        private final long baseFreqHz;
        private int control = CTRL_IE;
        private int load;
        private boolean intLevel;
        /** Counter value when stopped, or at {@link #baseNanos} when running. */
        private long value;
        private boolean running;
        private long baseNanos;

        Counter(int index, long baseFreqHz) {
            this.timerKey = index;
            this.baseFreqHz = baseFreqHz;
        }

        boolean irqOut() {
            return intLevel && (control & CTRL_IE) != 0;
        }

        private long mask() {
            return (control & CTRL_32BIT) != 0 ? 0xffffffffL : 0xffffL;
        }

        private long limit() {
            boolean freeRunning = (control & (CTRL_PERIODIC | CTRL_ONESHOT)) == 0;
            return freeRunning ? mask() : (load & 0xffffffffL) & mask();
        }

        private long nanosPerTick() {
            int prescale = (control >> 2) & 3;
            long freq = prescale == 1 ? baseFreqHz >> 4 : prescale == 2 ? baseFreqHz >> 8 : baseFreqHz;
            return Math.max(1, 1_000_000_000L / freq);
        }

        int read(int reg) {
            switch (reg) {
                case 0x00, 0x18: return load;
                case 0x04: return (int) currentValue();
                case 0x08: return control;
                case 0x10: return intLevel ? 1 : 0;
                case 0x14: return irqOut() ? 1 : 0;
                default: return 0;
            }
        }

        void write(int reg, int v) {
            switch (reg) {
                case 0x00 -> {
                    load = v;
                    restartFrom(limit());
                }
                case 0x08 -> {
                    freeze();
                    control = v & 0xff;
                    if ((control & CTRL_ENABLE) != 0) {
                        restartFrom(limit());
                    }
                }
                case 0x0c -> intLevel = false;
                case 0x18 -> load = v; // background load: used at the next reload
                default -> { } // Value is read-only (Linux writes it anyway)
            }
        }

        /** Stops counting, keeping the value reached. */
        private void freeze() {
            if (running) {
                value = currentValue();
                running = false;
                timers.cancel(timerKey);
            }
        }

        private void restartFrom(long startValue) {
            value = startValue;
            running = false;
            timers.cancel(timerKey);
            if ((control & CTRL_ENABLE) != 0) {
                running = true;
                baseNanos = nanoClock.getAsLong();
                schedule();
            }
        }

        private void schedule() {
            long due = baseNanos + value * nanosPerTick();
            timers.startSingle(timerKey, due - nanoClock.getAsLong());
        }

        /** The value now, without side effects; counting wraps to the limit in periodic modes. */
        long currentValue() {
            if (!running) {
                return value;
            }
            long ticks = (nanoClock.getAsLong() - baseNanos) / nanosPerTick();
            if (ticks <= value) {
                return value - ticks;
            }
            if ((control & CTRL_ONESHOT) != 0) {
                return 0;
            }
            long period = Math.max(1, limit());
            long past = (ticks - value) % period;
            return past == 0 ? 0 : period - past;
        }

        /** The expiry timer fired: raise the interrupt and reload or stop. */
        void expire() {
            if (!running) {
                return;
            }
            long now = nanoClock.getAsLong();
            long tickNs = nanosPerTick();
            long due = baseNanos + value * tickNs;
            if (now < due) {
                schedule(); // timers may fire a little early
                return;
            }
            intLevel = true;
            if ((control & CTRL_ONESHOT) != 0 || limit() == 0) {
                value = 0;
                running = false;
                return;
            }
            long period = limit();
            long missed = (now - due) / (period * tickNs);
            baseNanos = due + missed * period * tickNs;
            value = period;
            schedule();
        }
    }
}
