package io.mttcgj.config;

/**
 * A launch that must stop before the emulator starts: a command-line or configuration error
 * (exit status 2), or a request such as {@code --help} or {@code --version} whose message is the
 * text to print (exit status 0). The message is meant to be printed as is, without a stack trace.
 */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Exit status for an invalid command line or configuration (the usual Unix convention). */
    public static final int USAGE_ERROR = 2;

    private final int exitStatus;

    /** An error: exit status 2. */
    public UsageException(String message) {
        this(message, USAGE_ERROR);
    }

    public UsageException(String message, int exitStatus) {
        super(message);
        this.exitStatus = exitStatus;
    }

    /** Text (help, version, item lists) to print on stdout followed by a normal exit. */
    static UsageException info(String text) {
        return new UsageException(text, 0);
    }

    public int exitStatus() {
        return exitStatus;
    }
}
