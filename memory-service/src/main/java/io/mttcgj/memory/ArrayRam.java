package io.mttcgj.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Guest RAM access on a {@code byte[]} through little-endian byte-array views: the faster backing,
 * used where the JDK gives those views opaque and compare-and-exchange access (JDK 17-21; see
 * {@link RamRegion#BACKING}). Offsets are in bounds and naturally aligned (the callers check).
 *
 * <p>The {@code get}/{@code set} methods are the inline fast path of translated code: plain accesses,
 * tiny so that HotSpot inlines them, and static so that a block calls them without the region.
 */
public final class ArrayRam {
    static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BYTE = MethodHandles.arrayElementVarHandle(byte[].class);

    private ArrayRam() {
    }

    /** True if this JDK's byte-array views support the atomic accesses guest RAM needs. */
    static boolean supported() {
        return INT.isAccessModeSupported(VarHandle.AccessMode.COMPARE_AND_EXCHANGE)
                && LONG.isAccessModeSupported(VarHandle.AccessMode.COMPARE_AND_EXCHANGE)
                && SHORT.isAccessModeSupported(VarHandle.AccessMode.SET_OPAQUE);
    }

    public static int get32(byte[] b, int off) {
        return (int) INT.get(b, off);
    }

    public static void set32(byte[] b, int off, int v) {
        INT.set(b, off, v);
    }

    public static int get16(byte[] b, int off) {
        return (short) SHORT.get(b, off) & 0xffff;
    }

    public static void set16(byte[] b, int off, int v) {
        SHORT.set(b, off, (short) v);
    }

    public static int get8(byte[] b, int off) {
        return b[off] & 0xff;
    }

    public static void set8(byte[] b, int off, int v) {
        b[off] = (byte) v;
    }

    static int read32(byte[] b, int off) {
        return (int) INT.getOpaque(b, off);
    }

    static void write32(byte[] b, int off, int v) {
        INT.setOpaque(b, off, v);
    }

    static int read16(byte[] b, int off) {
        return (short) SHORT.getOpaque(b, off) & 0xffff;
    }

    static void write16(byte[] b, int off, int v) {
        SHORT.setOpaque(b, off, (short) v);
    }

    static int read8(byte[] b, int off) {
        return (byte) BYTE.getOpaque(b, off) & 0xff;
    }

    static void write8(byte[] b, int off, int v) {
        BYTE.setOpaque(b, off, (byte) v);
    }

    static int cas32(byte[] b, int off, int expected, int update) {
        return (int) INT.compareAndExchange(b, off, expected, update);
    }

    static long cas64(byte[] b, int off, long expected, long update) {
        return (long) LONG.compareAndExchange(b, off, expected, update);
    }

    static long read64Atomic(byte[] b, int off) {
        return (long) LONG.getVolatile(b, off);
    }

    static int read32Volatile(byte[] b, int off) {
        return (int) INT.getVolatile(b, off);
    }
}
