package io.mttcgj.board.loader;

/**
 * A kernel, initrd or device tree file that cannot be loaded. The message is complete and meant for
 * the user as is (it names the file and says what to do); there is never a cause worth a stack trace.
 */
public final class ImageException extends Exception {
    private static final long serialVersionUID = 1L;

    public ImageException(String message) {
        super(message, null, false, false);
    }
}
