package io.mttcgj.devices;

import io.mttcgj.platform.MmioDevice;

/**
 * Device logic that {@link DeviceActor} can host. Everything here runs inside the actor's mailbox,
 * one message at a time, so implementations need no locks; run outside an actor (unit tests) the
 * caller must serialise calls itself.
 *
 * <p>A "view" lets one device present several banked register windows (the GIC shows every CPU its
 * own view); devices without banking have a single view 0.
 */
public interface ActorDevice extends MmioDevice {

    /** Read through a view; single-view devices ignore it. */
    default int read(int view, int offset, int size) {
        return read(offset, size);
    }

    /** Write through a view; single-view devices ignore it. */
    default void write(int view, int offset, int size, int value) {
        write(offset, size, value);
    }

    /** Called once, before any access, with the timers of the hosting actor. */
    default void attach(DeviceTimers timers) {
    }

    /** A timer started through {@link DeviceTimers} has fired. */
    default void onTimer(Object key) {
    }

    /** A device-specific input message (a record) from outside the bus, e.g. received bytes. */
    default void onInput(Object input) {
        throw new IllegalArgumentException(getClass().getSimpleName() + " does not accept input " + input);
    }
}
