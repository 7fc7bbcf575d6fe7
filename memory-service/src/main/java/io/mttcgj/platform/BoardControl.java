package io.mttcgj.platform;

/** Machine-wide requests a device or the guest can make (system registers, semihosting). */
public interface BoardControl {
    /** Stop the machine; the emulator process exits with {@code status}. */
    void shutdown(int status);

    /** Reset the machine (QEMU: system reset request). */
    void reset();
}
