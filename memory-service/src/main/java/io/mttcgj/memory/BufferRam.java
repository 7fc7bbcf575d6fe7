package io.mttcgj.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Guest RAM access on a direct (off-heap) little-endian {@link ByteBuffer}: the backing used where
 * byte-array views lack atomic access (JDK 22 and later, where a {@code byte[]} is only promised byte
 * alignment). Views of a direct buffer keep opaque and compare-and-exchange access on every JDK.
 * Offsets are in bounds and naturally aligned (the callers check).
 *
 * <p>The {@code get}/{@code set} methods are the inline fast path of translated code. They use the
 * buffer's own absolute accessors, not the views: HotSpot compiles those as plain off-heap accesses,
 * while a view access must also allow for a heap buffer and costs translated code more.
 */
public final class BufferRam {
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteBufferViewVarHandle(short[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private BufferRam() {
    }

    static ByteBuffer allocate(String name, int size) {
        try {
            return ByteBuffer.allocateDirect(size).order(ByteOrder.LITTLE_ENDIAN);
        } catch (OutOfMemoryError e) {
            throw new IllegalArgumentException(String.format(
                    "RAM region '%s': cannot allocate %d MiB of guest RAM outside the Java heap (%s); give the JVM "
                            + "more with -XX:MaxDirectMemorySize=SIZE (MTTCG_JAVA_OPTS for bin/mttcg) or use a smaller -m",
                    name, Integer.toUnsignedLong(size) >> 20, e.getMessage()));
        }
    }

    public static int get32(ByteBuffer b, int off) {
        return b.getInt(off);
    }

    public static void set32(ByteBuffer b, int off, int v) {
        b.putInt(off, v);
    }

    public static int get16(ByteBuffer b, int off) {
        return b.getShort(off) & 0xffff;
    }

    public static void set16(ByteBuffer b, int off, int v) {
        b.putShort(off, (short) v);
    }

    public static int get8(ByteBuffer b, int off) {
        return b.get(off) & 0xff;
    }

    public static void set8(ByteBuffer b, int off, int v) {
        b.put(off, (byte) v);
    }

    static int read32(ByteBuffer b, int off) {
        return (int) INT.getOpaque(b, off);
    }

    static void write32(ByteBuffer b, int off, int v) {
        INT.setOpaque(b, off, v);
    }

    static int read16(ByteBuffer b, int off) {
        return (short) SHORT.getOpaque(b, off) & 0xffff;
    }

    static void write16(ByteBuffer b, int off, int v) {
        SHORT.setOpaque(b, off, (short) v);
    }

    /** A single-byte access is single-copy atomic whatever the mode; the buffer has no byte view. */
    static int read8(ByteBuffer b, int off) {
        return b.get(off) & 0xff;
    }

    static void write8(ByteBuffer b, int off, int v) {
        b.put(off, (byte) v);
    }

    static int cas32(ByteBuffer b, int off, int expected, int update) {
        return (int) INT.compareAndExchange(b, off, expected, update);
    }

    static long cas64(ByteBuffer b, int off, long expected, long update) {
        return (long) LONG.compareAndExchange(b, off, expected, update);
    }

    static long read64Atomic(ByteBuffer b, int off) {
        return (long) LONG.getVolatile(b, off);
    }

    static int read32Volatile(ByteBuffer b, int off) {
        return (int) INT.getVolatile(b, off);
    }
}
