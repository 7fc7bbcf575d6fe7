package io.mttcgj.devices;

/**
 * Single-shot timers owned by a device. In an actor they are Pekko timers whose expiry is a message
 * in the device's own mailbox, so the expiry handler is serialised with register accesses.
 * Starting a timer with a key that is already running replaces it.
 */
public interface DeviceTimers {
    void startSingle(Object key, long delayNanos);

    void cancel(Object key);

    /** Timers for logic that is never scheduled (tests that drive time by hand, devices without timers). */
    DeviceTimers NONE = new DeviceTimers() {
        @Override
        public void startSingle(Object key, long delayNanos) {
        }

        @Override
        public void cancel(Object key) {
        }
    };
}
