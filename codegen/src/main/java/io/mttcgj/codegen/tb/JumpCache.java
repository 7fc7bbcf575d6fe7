package io.mttcgj.codegen.tb;

/**
 * Per-vCPU direct-mapped cache in front of the shared {@link TbCache}, as QEMU's tb_jmp_cache:
 * owned by one vCPU thread, no synchronisation. Entries are checked on use (pc, flags, valid), and
 * the whole cache is dropped when the shared cache's flush generation moves on.
 *
 * <p>The index keeps a page's blocks together (as QEMU's hash does): its high half comes from the
 * virtual page number only, so a TLBI by address clears one run of slots instead of scanning the cache.
 */
public final class JumpCache {
    private final TranslationBlock[] entries;
    private final int mask;
    /** log2 of the slots per page group (the low half of the index). */
    private final int groupBits;
    /** log2 of the number of page groups (the high half of the index). */
    private final int pageBits;
    private long generation;
    public long hits;
    public long misses;

    /** An empty cache of the same size. */
    public JumpCache sameSize() {
        return new JumpCache(Integer.numberOfTrailingZeros(entries.length));
    }

    public JumpCache(int bits) {
        entries = new TranslationBlock[1 << bits];
        mask = (1 << bits) - 1;
        groupBits = bits - bits / 2;
        pageBits = bits / 2;
    }

    /** The first slot of the page's group: the high half of the index, from the page number alone. */
    private int group(int pc) {
        int page = pc >>> 12;
        return ((page ^ (page >>> pageBits)) & ((1 << pageBits) - 1)) << groupBits;
    }

    private int index(int pc) {
        // Low half: the offset in the page (bit 1 for Thumb, xor-folded so ARM's zero bit 1 wastes no slot).
        return group(pc) | (((pc >>> 1) ^ (pc >>> 7)) & ((1 << groupBits) - 1));
    }

    public TranslationBlock get(int pc, int flags, long cacheGeneration) {
        if (cacheGeneration != generation) {
            clear();
            generation = cacheGeneration;
        }
        TranslationBlock tb = entries[index(pc)];
        if (tb != null && tb.pc == pc && tb.flags == flags && tb.valid) {
            hits++;
            return tb;
        }
        misses++;
        return null;
    }

    public void put(TranslationBlock tb) {
        entries[index(tb.pc)] = tb;
    }

    /** Drops the entries for blocks in the 2^log2-byte aligned virtual span around {@code va} (log2 >= 12). */
    public void flushSpan(int va, int log2) {
        int pages = 1 << (log2 - 12);
        if (pages >= 1 << pageBits) {
            clear(); // at least as many pages as groups: every group may hold one of them
            return;
        }
        int base = va & -(1 << log2);
        for (int p = 0; p < pages; p++) {
            int g = group(base + (p << 12));
            java.util.Arrays.fill(entries, g, g + (1 << groupBits), null);
        }
    }

    public void clear() {
        java.util.Arrays.fill(entries, null);
    }
}
