package io.mttcgj.board.semihosting;

/** A failed semihosting operation: the guest sees -1 (or "nothing transferred") and SYS_ERRNO returns the code. */
final class Errno extends Exception {
    private static final long serialVersionUID = 1L;

    // Linux values, as QEMU on a Linux host reports them.
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EIO = 5;
    static final int EBADF = 9;
    static final int EACCES = 13;
    static final int EEXIST = 17;
    static final int ENOTDIR = 20;
    static final int EISDIR = 21;
    static final int EINVAL = 22;
    static final int ENOTTY = 25;
    static final int ENOSPC = 28;
    static final int ESPIPE = 29;
    static final int ERANGE = 34;
    static final int ENAMETOOLONG = 36;
    static final int ENOTEMPTY = 39;

    final int code;

    Errno(int code) {
        super(null, null, false, false);
        this.code = code;
    }
}
