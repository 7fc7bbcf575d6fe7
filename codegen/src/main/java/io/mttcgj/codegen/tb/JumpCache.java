package io.mttcgj.codegen.tb;

/**
 * Per-vCPU direct-mapped cache in front of the shared {@link TbCache}, as QEMU's tb_jmp_cache:
 * owned by one vCPU thread, no synchronisation. Entries are checked on use (pc, flags, valid), and
 * the whole cache is dropped when the shared cache's flush generation moves on.
 */
public final class JumpCache {
    private final TranslationBlock[] entries;
    private final int mask;
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
    }

    private int index(int pc) {
        return ((pc >>> 2) ^ (pc >>> 14)) & mask;
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

    /** Drops the entries for blocks in the virtual page of {@code va}. */
    public void flushPage(int va) {
        int page = va >>> 12;
        for (int i = 0; i < entries.length; i++) {
            TranslationBlock tb = entries[i];
            if (tb != null && (tb.pc >>> 12) == page) {
                entries[i] = null;
            }
        }
    }

    public void clear() {
        java.util.Arrays.fill(entries, null);
    }
}
