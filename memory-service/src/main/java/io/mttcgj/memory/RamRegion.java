package io.mttcgj.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A block of plain guest RAM, backed by a {@code byte[]} in little-endian order and accessed through
 * VarHandle views: words and halfwords as aligned single-copy atomic accesses, bytes as byte-array
 * elements. A byte or halfword store touches only its own bytes, so vCPUs on several host threads
 * never need a read-modify-write (the Java memory model forbids word tearing for array elements, and
 * aligned view accesses are atomic).
 *
 * <p>All offsets are byte offsets inside the region that the caller has already bounds-checked;
 * word accesses must be 4-aligned and halfword accesses 2-aligned. Loads and stores use opaque
 * mode: single-copy atomic (as ARM requires), and the JIT may not hoist a guest spin loop's load out
 * of the loop. Ordering beyond that comes from the guest's barriers (DMB/DSB become full fences in
 * generated code).
 *
 * <p>These methods are the translated code's slow-but-common path, so each is kept tiny (HotSpot
 * reliably inlines methods under 35 bytes of bytecode). They do not look at {@link #codePages}:
 * callers check that themselves.
 */
public final class RamRegion {
    /** Little-endian views of the RAM bytes; generated code uses them too (plain get/set, aligned). */
    public static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    public static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class,
            ByteOrder.LITTLE_ENDIAN);
    public static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    public static final VarHandle BYTE = MethodHandles.arrayElementVarHandle(byte[].class);
    private static final VarHandle CODE = MethodHandles.arrayElementVarHandle(byte[].class);
    /** The largest region: a Java array holds at most 2^31 - 1 elements. */
    public static final int MAX_SIZE = 0x7ffff000;

    public final String name;
    /** Guest physical base address (unsigned). */
    public final int base;
    /** Size in bytes, a multiple of 4 KiB, at most {@link #MAX_SIZE}. */
    public final int size;
    public final byte[] bytes;
    /** One entry per code granule: non-zero once translated code has been made from that granule. */
    public final byte[] codePages;
    /**
     * log2 of the code-tracking granule. Finer than a page so that data stored next to code (the stack or
     * .data right after .text) does not send every store to the slow path.
     */
    public static final int CODE_SHIFT = 7;

    public RamRegion(String name, int base, int size) {
        if (size == 0 || (size & 0xfff) != 0 || (base & 0xfff) != 0) {
            throw new IllegalArgumentException(String.format(
                    "RAM region '%s': base 0x%08x and size 0x%x must be non-zero multiples of 4 KiB",
                    name, base, Integer.toUnsignedLong(size)));
        }
        if (Integer.toUnsignedLong(size) > MAX_SIZE) {
            throw new IllegalArgumentException(String.format(
                    "RAM region '%s': 0x%x bytes is more than the largest region, 0x%x bytes (2 GiB - 4 KiB)",
                    name, Integer.toUnsignedLong(size), MAX_SIZE));
        }
        if (Integer.toUnsignedLong(base) + Integer.toUnsignedLong(size) > 0x1_0000_0000L) {
            throw new IllegalArgumentException(String.format(
                    "RAM region '%s' at 0x%08x, size 0x%x runs past the end of the 32-bit address space",
                    name, base, Integer.toUnsignedLong(size)));
        }
        this.name = name;
        this.base = base;
        this.size = size;
        this.bytes = new byte[size];
        this.codePages = new byte[size >>> CODE_SHIFT];
    }

    /** Plain aligned word load from a RAM byte array (the inline fast path of translated code). */
    public static int get32(byte[] bytes, int off) {
        return (int) INT.get(bytes, off);
    }

    /** Plain aligned word store into a RAM byte array (the inline fast path of translated code). */
    public static void set32(byte[] bytes, int off, int v) {
        INT.set(bytes, off, v);
    }

    /** True if {@code paddr} lies inside this region. */
    public boolean contains(int paddr) {
        return Integer.compareUnsigned(paddr - base, size) < 0;
    }

    public int read32(int off) {
        return (int) INT.getOpaque(bytes, off);
    }

    public void write32(int off, int v) {
        INT.setOpaque(bytes, off, v);
    }

    public int read16(int off) {
        return (short) SHORT.getOpaque(bytes, off) & 0xffff;
    }

    public int read8(int off) {
        return (byte) BYTE.getOpaque(bytes, off) & 0xff;
    }

    public void write16(int off, int v) {
        SHORT.setOpaque(bytes, off, (short) v);
    }

    public void write8(int off, int v) {
        BYTE.setOpaque(bytes, off, (byte) v);
    }

    /** Compare-and-exchange of an aligned word; returns the value found (the witness). */
    public int cas32(int off, int expected, int update) {
        return (int) INT.compareAndExchange(bytes, off, expected, update);
    }

    /** Compare-and-exchange of an aligned doubleword; returns the value found. */
    public long cas64(int off, long expected, long update) {
        return (long) LONG.compareAndExchange(bytes, off, expected, update);
    }

    /** A single-copy atomic read of an aligned doubleword. */
    public long read64Atomic(int off) {
        return (long) LONG.getVolatile(bytes, off);
    }

    /**
     * Compare-and-exchange of the aligned byte or halfword selected by {@code mask} (already shifted
     * to its place in the word at {@code off & ~3}); {@code expected}/{@code update} are the unshifted
     * sub-word values. Returns the sub-word value found: equal to {@code expected} exactly when the
     * update happened. Done on the containing word, since byte-array views have no 16-bit CAS.
     */
    int casSubword(int off, int shift, int mask, int expected, int update) {
        int w = off & ~3;
        int old = (int) INT.getVolatile(bytes, w);
        while (true) {
            int current = (old & mask) >>> shift;
            if (current != expected) {
                return current;
            }
            int witness = (int) INT.compareAndExchange(bytes, w, old, (old & ~mask) | ((update << shift) & mask));
            if (witness == old) {
                return expected;
            }
            old = witness; // another byte of the word (or ours) changed: look again
        }
    }

    /** Marks the page holding {@code off} as code; a volatile store so a racing writer's check sees it soon. */
    void markCodePage(int off) {
        CODE.setVolatile(codePages, off >>> CODE_SHIFT, (byte) 1);
    }

    void clearCodePage(int off) {
        CODE.setVolatile(codePages, off >>> CODE_SHIFT, (byte) 0);
    }

    /** True if any page overlapping the byte range [off, off + len) is marked as code; len >= 1. */
    boolean isCode(int off, int len) {
        int first = off >>> CODE_SHIFT;
        int last = (off + len - 1) >>> CODE_SHIFT;
        for (int p = first; p <= last; p++) {
            if (codePages[p] != 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return String.format("RamRegion[%s 0x%08x+0x%x]", name, base, Integer.toUnsignedLong(size));
    }
}
