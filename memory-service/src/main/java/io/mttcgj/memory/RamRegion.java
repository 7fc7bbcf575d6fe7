package io.mttcgj.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A block of plain guest RAM, backed by an {@code int[]} in little-endian byte order: the byte at
 * offset {@code o} is {@code (words[o >>> 2] >>> 8 * (o & 3)) & 0xff}.
 *
 * <p>All offsets are byte offsets inside the region that the caller has already bounds-checked;
 * word accesses must be 4-aligned and halfword accesses 2-aligned. Loads and stores use opaque
 * mode: an aligned word access is single-copy atomic (as ARM requires) and the JIT may not hoist a
 * guest spin loop's load out of the loop. Ordering beyond that comes from the guest's barriers
 * (DMB/DSB become full fences in generated code).
 *
 * <p>These methods are the translated code's fast path, so each is kept tiny (HotSpot reliably
 * inlines methods under 35 bytes of bytecode) and anything rarer lives in its own method.
 * The byte/halfword merge helpers are ~50 bytes: HotSpot still inlines them at hot call sites
 * (FreqInlineSize 325), which is where translated code calls them.
 * They do not look at {@link #codePages}: generated code checks that itself.
 */
public final class RamRegion {
    static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(int[].class);
    private static final VarHandle CODE = MethodHandles.arrayElementVarHandle(byte[].class);

    public final String name;
    /** Guest physical base address (unsigned). */
    public final int base;
    /** Size in bytes (unsigned; 0x80000000 means 2 GiB), a multiple of 4 KiB. */
    public final int size;
    public final int[] words;
    /** One entry per 4 KiB page: non-zero once translated code has been made from that page. */
    public final byte[] codePages;
    /**
     * log2 of the code-tracking granule. Finer than a page so that data stored next to code (the stack or
     * .data right after .text) does not send every store to the slow path.
     */
    public static final int CODE_SHIFT = 7;

    /**
     * When true, byte and halfword stores use a CAS loop on their word so that a concurrent store
     * by another vCPU to the other bytes of that word is never lost. A plain field: set it before
     * the vCPU threads start (thread start publishes it).
     */
    private boolean atomicSubword;

    public RamRegion(String name, int base, int size) {
        if (size == 0 || (size & 0xfff) != 0 || (base & 0xfff) != 0) {
            throw new IllegalArgumentException(String.format(
                    "RAM region '%s': base 0x%08x and size 0x%x must be non-zero multiples of 4 KiB",
                    name, base, Integer.toUnsignedLong(size)));
        }
        if (Integer.toUnsignedLong(base) + Integer.toUnsignedLong(size) > 0x1_0000_0000L) {
            throw new IllegalArgumentException(String.format(
                    "RAM region '%s' at 0x%08x, size 0x%x runs past the end of the 32-bit address space",
                    name, base, Integer.toUnsignedLong(size)));
        }
        this.name = name;
        this.base = base;
        this.size = size;
        this.words = new int[size >>> 2];
        this.codePages = new byte[size >>> CODE_SHIFT];
    }

    void setAtomicSubword(boolean on) {
        atomicSubword = on;
    }

    boolean atomicSubword() {
        return atomicSubword;
    }

    /** True if {@code paddr} lies inside this region. */
    public boolean contains(int paddr) {
        return Integer.compareUnsigned(paddr - base, size) < 0;
    }

    public int read32(int off) {
        return (int) WORDS.getOpaque(words, off >>> 2);
    }

    public void write32(int off, int v) {
        WORDS.setOpaque(words, off >>> 2, v);
    }

    public int read16(int off) {
        return (read32(off) >>> ((off & 2) << 3)) & 0xffff;
    }

    public int read8(int off) {
        return (read32(off) >>> ((off & 3) << 3)) & 0xff;
    }

    public void write16(int off, int v) {
        if (atomicSubword) {
            mergeAtomic(off, 0xffff, v);
        } else {
            mergePlain(off, 0xffff, v);
        }
    }

    public void write8(int off, int v) {
        if (atomicSubword) {
            mergeAtomic(off, 0xff, v);
        } else {
            mergePlain(off, 0xff, v);
        }
    }

    /**
     * Replaces the {@code mask} bits (unshifted; the byte offset places them) of the word holding
     * {@code off} by a plain read-modify-write: only safe when no other thread stores to the word.
     */
    private void mergePlain(int off, int mask, int v) {
        int i = off >>> 2;
        int sh = (off & 3) << 3;
        WORDS.setOpaque(words, i, ((int) WORDS.getOpaque(words, i) & ~(mask << sh)) | ((v & mask) << sh));
    }

    /** As {@link #mergePlain} but with a CAS loop, so a concurrent store to other bytes is never lost. */
    private void mergeAtomic(int off, int mask, int v) {
        int i = off >>> 2;
        int sh = (off & 3) << 3;
        int bits = (v & mask) << sh;
        int keep = ~(mask << sh);
        int old = (int) WORDS.getOpaque(words, i);
        while (true) {
            int witness = (int) WORDS.compareAndExchange(words, i, old, (old & keep) | bits);
            if (witness == old) {
                return;
            }
            old = witness;
        }
    }

    /** Compare-and-exchange of an aligned word; returns the value found (the witness). */
    public int cas32(int off, int expected, int update) {
        return (int) WORDS.compareAndExchange(words, off >>> 2, expected, update);
    }

    /**
     * Compare-and-exchange of the aligned byte or halfword selected by {@code mask} (already shifted
     * to its place in the word); {@code expected}/{@code update} are the unshifted sub-word values.
     * Returns the sub-word value found: equal to {@code expected} exactly when the update happened.
     */
    int casSubword(int off, int shift, int mask, int expected, int update) {
        int i = off >>> 2;
        int old = (int) WORDS.getVolatile(words, i);
        while (true) {
            int current = (old & mask) >>> shift;
            if (current != expected) {
                return current;
            }
            int witness = (int) WORDS.compareAndExchange(words, i, old,
                    (old & ~mask) | ((update << shift) & mask));
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
