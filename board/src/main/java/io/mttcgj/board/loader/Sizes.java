package io.mttcgj.board.loader;

/** Human-readable sizes and address ranges for loader messages. */
final class Sizes {
    private Sizes() {
    }

    static final long KIB = 1024;
    static final long MIB = 1024 * KIB;

    /** "8 KiB", "128 MiB", "1.5 MiB", "300 bytes". */
    static String size(long bytes) {
        if (bytes >= MIB) {
            return bytes % MIB == 0 ? bytes / MIB + " MiB" : String.format("%.1f MiB", bytes / (double) MIB);
        }
        if (bytes >= KIB) {
            return bytes % KIB == 0 ? bytes / KIB + " KiB" : String.format("%.1f KiB", bytes / (double) KIB);
        }
        return bytes == 1 ? "1 byte" : bytes + " bytes";
    }

    /** "0x80000000-0x87ffffff" for {@code len} bytes at {@code start} (len >= 1). */
    static String range(long start, long len) {
        return String.format("0x%08x-0x%08x", start, start + len - 1);
    }
}
