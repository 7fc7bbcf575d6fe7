package io.mttcgj.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * A block of plain guest RAM, little-endian: aligned words and halfwords are single-copy atomic
 * accesses, bytes single-byte accesses. A byte or halfword store touches only its own bytes, so vCPUs on
 * several host threads never need a read-modify-write.
 *
 * <p>Two backings, chosen once per JVM ({@link #BACKING}): a {@code byte[]} with byte-array views
 * ({@link ArrayRam}) where the JDK gives those views opaque and compare-and-exchange access (17-21), and
 * a direct {@link ByteBuffer} ({@link BufferRam}) where it does not (22 and later: a {@code byte[]} is
 * only promised byte alignment). Why not one backing for all: measured side by side on an integer
 * benchmark, a direct buffer costs translated code ~19% on JDK 17 (~8% on 25) against the array; an
 * {@code int[]} makes every byte store a read-modify-write, which with several vCPU threads must be a
 * compare-and-exchange, a full fence on x86 (a byte-heavy 2-vCPU guest ran at half speed); a
 * {@code MemorySegment} cannot be compiled for Java 17. Exactly one of {@link #bytes} and {@link #buf}
 * is non-null; translated code uses the static accessors of the backing's class.
 *
 * <p>All offsets are byte offsets inside the region that the caller has already bounds-checked;
 * word accesses must be 4-aligned and halfword accesses 2-aligned. The {@code read*}/{@code write*}
 * methods use opaque mode: single-copy atomic (as ARM requires), and the JIT may not hoist a guest spin
 * loop's load out of the loop. Ordering beyond that comes from the guest's barriers (DMB/DSB become
 * full fences in generated code). They do not look at {@link #codePages}: callers check that themselves.
 */
public final class RamRegion {
    /** The backing of every region in this JVM. */
    public enum Backing { ARRAY, BUFFER }

    /**
     * ARRAY where byte-array views support atomic access, else BUFFER; the system property
     * {@code mttcg.ram.backing} ({@code array} or {@code buffer}) overrides it (tests run both on one JDK).
     */
    public static final Backing BACKING = chooseBacking(System.getProperty("mttcg.ram.backing"));

    private static final VarHandle CODE = MethodHandles.arrayElementVarHandle(byte[].class);
    /** The largest region: a Java array or buffer holds at most 2^31 - 1 bytes. */
    public static final int MAX_SIZE = 0x7ffff000;

    public final String name;
    /** Guest physical base address (unsigned). */
    public final int base;
    /** Size in bytes, a multiple of 4 KiB, at most {@link #MAX_SIZE}. */
    public final int size;
    /** The RAM bytes with the ARRAY backing, else null. */
    public final byte[] bytes;
    /** The RAM bytes with the BUFFER backing (absolute access only, never flipped), else null. */
    public final ByteBuffer buf;
    /** One entry per code granule: non-zero once translated code has been made from that granule. */
    public final byte[] codePages;
    /**
     * log2 of the code-tracking granule. Finer than a page so that data stored next to code (the stack or
     * .data right after .text) does not send every store to the slow path.
     */
    public static final int CODE_SHIFT = 7;

    static Backing chooseBacking(String property) {
        if (property == null || property.isEmpty()) {
            return ArrayRam.supported() ? Backing.ARRAY : Backing.BUFFER;
        }
        switch (property) {
            case "array":
                if (!ArrayRam.supported()) {
                    throw new IllegalStateException("mttcg.ram.backing=array: this JDK (" + Runtime.version()
                            + ") gives byte-array views no atomic access; use buffer");
                }
                return Backing.ARRAY;
            case "buffer":
                return Backing.BUFFER;
            default:
                throw new IllegalStateException("mttcg.ram.backing must be 'array' or 'buffer', not '" + property + "'");
        }
    }

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
        this.bytes = BACKING == Backing.ARRAY ? new byte[size] : null;
        this.buf = BACKING == Backing.BUFFER ? BufferRam.allocate(name, size) : null;
        this.codePages = new byte[size >>> CODE_SHIFT];
    }

    /** True if {@code paddr} lies inside this region. */
    public boolean contains(int paddr) {
        return Integer.compareUnsigned(paddr - base, size) < 0;
    }

    public int read32(int off) {
        return bytes != null ? ArrayRam.read32(bytes, off) : BufferRam.read32(buf, off);
    }

    public void write32(int off, int v) {
        if (bytes != null) {
            ArrayRam.write32(bytes, off, v);
        } else {
            BufferRam.write32(buf, off, v);
        }
    }

    public int read16(int off) {
        return bytes != null ? ArrayRam.read16(bytes, off) : BufferRam.read16(buf, off);
    }

    public int read8(int off) {
        return bytes != null ? ArrayRam.read8(bytes, off) : BufferRam.read8(buf, off);
    }

    public void write16(int off, int v) {
        if (bytes != null) {
            ArrayRam.write16(bytes, off, v);
        } else {
            BufferRam.write16(buf, off, v);
        }
    }

    public void write8(int off, int v) {
        if (bytes != null) {
            ArrayRam.write8(bytes, off, v);
        } else {
            BufferRam.write8(buf, off, v);
        }
    }

    /** Compare-and-exchange of an aligned word; returns the value found (the witness). */
    public int cas32(int off, int expected, int update) {
        return bytes != null ? ArrayRam.cas32(bytes, off, expected, update)
                : BufferRam.cas32(buf, off, expected, update);
    }

    /** Compare-and-exchange of an aligned doubleword; returns the value found. */
    public long cas64(int off, long expected, long update) {
        return bytes != null ? ArrayRam.cas64(bytes, off, expected, update)
                : BufferRam.cas64(buf, off, expected, update);
    }

    /** A single-copy atomic read of an aligned doubleword. */
    public long read64Atomic(int off) {
        return bytes != null ? ArrayRam.read64Atomic(bytes, off) : BufferRam.read64Atomic(buf, off);
    }

    /**
     * Compare-and-exchange of the aligned byte or halfword selected by {@code mask} (already shifted
     * to its place in the word at {@code off & ~3}); {@code expected}/{@code update} are the unshifted
     * sub-word values. Returns the sub-word value found: equal to {@code expected} exactly when the
     * update happened. Done on the containing word, since the views have no 16-bit CAS.
     */
    int casSubword(int off, int shift, int mask, int expected, int update) {
        int w = off & ~3;
        int old = bytes != null ? ArrayRam.read32Volatile(bytes, w) : BufferRam.read32Volatile(buf, w);
        while (true) {
            int current = (old & mask) >>> shift;
            if (current != expected) {
                return current;
            }
            int witness = cas32(w, old, (old & ~mask) | ((update << shift) & mask));
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
