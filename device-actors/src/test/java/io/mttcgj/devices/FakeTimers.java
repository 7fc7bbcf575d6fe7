package io.mttcgj.devices;

import java.util.HashMap;
import java.util.Map;

/** Device timers driven by hand, for synchronous tests with a fake clock. */
final class FakeTimers implements DeviceTimers {
    final Map<Object, Long> due = new HashMap<>();
    private final long[] now;

    FakeTimers(long[] now) {
        this.now = now;
    }

    @Override
    public void startSingle(Object key, long delayNanos) {
        due.put(key, now[0] + delayNanos);
    }

    @Override
    public void cancel(Object key) {
        due.remove(key);
    }

    /** Advances the clock, firing every timer that falls due on the way, in order. */
    void advance(long nanos, ActorDevice device) {
        long target = now[0] + nanos;
        while (true) {
            Map.Entry<Object, Long> next = due.entrySet().stream()
                    .filter(e -> e.getValue() <= target)
                    .min(Map.Entry.comparingByValue()).orElse(null);
            if (next == null) {
                break;
            }
            now[0] = Math.max(now[0], next.getValue());
            due.remove(next.getKey());
            device.onTimer(next.getKey());
        }
        now[0] = target;
    }
}
