package io.mttcgj.board;

/**
 * Process exit statuses of the emulator itself. A guest that exits through semihosting or powers
 * off chooses its own status (0-255), as with QEMU; these are the ones the emulator adds.
 */
public final class ExitStatus {
    /** Bad command line, bad config value, unreadable or unloadable image: refused before the machine starts. */
    public static final int USAGE = 2;
    /** The guest did something the emulator cannot continue from (e.g. executing outside RAM). */
    public static final int GUEST_FATAL = 3;
    /** An emulator bug: reported with the guest PC and state. */
    public static final int INTERNAL_ERROR = 70;
    /** --timeout expired; every vCPU's state is dumped. */
    public static final int TIMEOUT = 124;

    private ExitStatus() {
    }
}
