package io.mttcgj.codegen.arm.mmu;

import java.util.Arrays;

/**
 * A vCPU's software TLB for one privilege level (QEMU's CPUTLB for one MMU index): direct-mapped by
 * virtual page number, owned by the vCPU's thread (other threads touch it only during safe work).
 *
 * <p>Two kinds of entry share an index. The fast tags ({@link #read}, {@link #write}) hold the
 * virtual page address only when the page maps main RAM with that permission, so translated code
 * can test {@code read[i] == (va & (PAGE_MASK | alignMask))} and add {@link #ramOff} to reach the
 * RAM word array: a misaligned address or an invalid entry (-1) never matches. The slow tags
 * ({@link #tag}, {@link #phys}, {@link #perm}) remember every accessible page, RAM or not, for the
 * out-of-line paths (MMIO, other RAM regions, instruction fetch).
 */
public final class SoftTlb {
    public static final int BITS = 10;
    public static final int SIZE = 1 << BITS;
    public static final int MASK = SIZE - 1;
    public static final int PAGE_MASK = 0xfffff000;

    public static final int PERM_R = 1;
    public static final int PERM_W = 2;
    public static final int PERM_X = 4;

    public final int[] read = new int[SIZE];
    public final int[] write = new int[SIZE];
    /** Main-RAM byte offset minus virtual page address: {@code va + ramOff[i]} is the offset into RAM. */
    public final int[] ramOff = new int[SIZE];
    public final int[] tag = new int[SIZE];
    public final int[] phys = new int[SIZE];
    public final byte[] perm = new byte[SIZE];
    public long fills;

    public SoftTlb() {
        flush();
    }

    public static int index(int va) {
        return (va >>> 12) & MASK;
    }

    // Entries filled from sections, supersections and large pages cover more than their 4 KiB slot: a
    // TLBI by address must drop every entry the covering mapping produced. For each MiB of virtual
    // address space, the log2 size of the largest such mapping filled there since the last flush (0 =
    // none): a TLBI in a MiB without one drops one page; inside one, the aligned span of that size.
    // (One span for the whole address space, as QEMU keeps, would make Linux's TLBIs of vmalloc pages
    // flush everything, since the kernel's lowmem is mapped by sections.)
    private final byte[] largeLog2 = new byte[4096];
    private boolean hasLarge;

    public void flush() {
        Arrays.fill(read, -1);
        Arrays.fill(write, -1);
        Arrays.fill(tag, -1);
        if (hasLarge) {
            Arrays.fill(largeLog2, (byte) 0);
            hasLarge = false;
        }
    }

    /**
     * TLBI by address: drops the entries that the mapping of {@code va} may have produced. Returns the
     * log2 size of the span dropped (12 for one page), which the caller's jump cache drops too.
     */
    public int flushPage(int va) {
        int log2 = hasLarge ? largeLog2[va >>> 20] : 0;
        if (log2 == 0) {
            int i = index(va);
            if (tag[i] == (va & PAGE_MASK)) {
                read[i] = -1;
                write[i] = -1;
                tag[i] = -1;
            }
            return 12;
        }
        int base = va & -(1 << log2);
        int size = 1 << log2;
        for (int i = 0; i < SIZE; i++) {
            if (tag[i] != -1 && Integer.compareUnsigned(tag[i] - base, size) < 0) {
                read[i] = -1;
                write[i] = -1;
                tag[i] = -1;
            }
        }
        return log2;
    }

    /** Records that the mapping of {@code va} came from a descriptor covering {@code size} bytes (> 4 KiB). */
    public void noteLarge(int va, int size) {
        hasLarge = true;
        int log2 = Integer.numberOfTrailingZeros(size);
        int first = (va & -Math.max(size, 1 << 20)) >>> 20;
        int count = Math.max(1, size >>> 20);
        for (int mb = first; mb < first + count; mb++) {
            if (largeLog2[mb] < log2) {
                largeLog2[mb] = (byte) log2;
            }
        }
    }

    /**
     * Records a translation of the page of {@code va}.
     *
     * @param ramOffset the page's byte offset in main RAM, or -1 if the page is not main RAM
     */
    public void fill(int va, int physPage, int perms, int ramOffset) {
        int i = index(va);
        int page = va & PAGE_MASK;
        fills++;
        tag[i] = page;
        phys[i] = physPage;
        perm[i] = (byte) perms;
        if (ramOffset >= 0) {
            ramOff[i] = ramOffset - page;
            read[i] = (perms & PERM_R) != 0 ? page : -1;
            write[i] = (perms & PERM_W) != 0 ? page : -1;
        } else {
            read[i] = -1;
            write[i] = -1;
        }
    }
}
