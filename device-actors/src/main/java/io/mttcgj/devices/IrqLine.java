package io.mttcgj.devices;

/** A level-sensitive interrupt output of a device. Devices call it only when the level changes. */
@FunctionalInterface
public interface IrqLine {
    void set(boolean level);

    IrqLine NONE = level -> { };
}
