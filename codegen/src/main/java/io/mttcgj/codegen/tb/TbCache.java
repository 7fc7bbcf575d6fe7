package io.mttcgj.codegen.tb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The translation cache shared by every vCPU: one concurrent map from (pc, physical pc, flags) to block, where
 * two vCPUs translating the same block race and the first insert wins, plus a page index so that a
 * store into translated code can find and invalidate the blocks made from that page.
 */
public final class TbCache {
    public static final int PAGE_BITS = 12;

    private final ConcurrentHashMap<TbKey.Key, TranslationBlock> blocks = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Set<TranslationBlock>> byPage = new ConcurrentHashMap<>();
    private final int limit;
    private volatile long generation;
    public final AtomicLong translated = new AtomicLong();
    public final AtomicLong invalidated = new AtomicLong();
    public final AtomicLong flushes = new AtomicLong();

    public TbCache(int limit) {
        this.limit = limit;
    }

    /** With the MMU off (physical = virtual). */
    public TranslationBlock get(int pc, int flags) {
        return get(pc, pc, flags);
    }

    public TranslationBlock get(int pc, int phys, int flags) {
        return blocks.get(new TbKey.Key(pc, phys, flags));
    }

    /** Inserts {@code tb} unless another thread got there first; returns the block that is in the cache. */
    public TranslationBlock insert(TranslationBlock tb) {
        TranslationBlock prev = blocks.putIfAbsent(new TbKey.Key(tb.pc, tb.phys, tb.flags), tb);
        if (prev != null) {
            return prev;
        }
        translated.incrementAndGet();
        int first = tb.phys >>> PAGE_BITS;
        int last = (tb.phys + tb.guestBytes - 1) >>> PAGE_BITS;
        for (int p = first; p <= last; p++) {
            byPage.computeIfAbsent(p, k -> ConcurrentHashMap.newKeySet()).add(tb);
        }
        return tb;
    }

    /**
     * Puts {@code fresh} (a compiled block) in the place of {@code old} (the interpreted block with the
     * same key) and invalidates {@code old}; false, changing nothing, if {@code old} is no longer in the
     * cache (its code was overwritten or the cache flushed meanwhile). Callers hold the cache's monitor
     * (see CpuExec: insert+mark and invalidate+unmark must not interleave).
     */
    public boolean replace(TranslationBlock old, TranslationBlock fresh) {
        if (!old.valid || !blocks.replace(new TbKey.Key(old.pc, old.phys, old.flags), old, fresh)) {
            return false;
        }
        int first = old.phys >>> PAGE_BITS;
        int last = (old.phys + old.guestBytes - 1) >>> PAGE_BITS;
        for (int p = first; p <= last; p++) {
            Set<TranslationBlock> set = byPage.get(p);
            if (set != null) {
                set.remove(old);
            }
        }
        first = fresh.phys >>> PAGE_BITS;
        last = (fresh.phys + fresh.guestBytes - 1) >>> PAGE_BITS;
        for (int p = first; p <= last; p++) {
            byPage.computeIfAbsent(p, k -> ConcurrentHashMap.newKeySet()).add(fresh);
        }
        old.invalidate();
        promoted.incrementAndGet();
        return true;
    }

    /** Interpreted blocks replaced by compiled ones. */
    public final AtomicLong promoted = new AtomicLong();

    /** Translations under way, so that a second vCPU wanting the same block waits instead of translating it too. */
    private final ConcurrentHashMap<TbKey.Key, CompletableFuture<TranslationBlock>> inProgress =
            new ConcurrentHashMap<>();

    /**
     * Claims the translation of {@code key}: returns null if the caller is to translate it (and then calls
     * {@link #release}), or the future of the vCPU already translating it.
     */
    public CompletableFuture<TranslationBlock> claim(TbKey.Key key, CompletableFuture<TranslationBlock> mine) {
        return inProgress.putIfAbsent(key, mine);
    }

    /** Ends a claim: waiters get {@code tb} (null if the translation failed: they translate it themselves). */
    public void release(TbKey.Key key, CompletableFuture<TranslationBlock> mine, TranslationBlock tb) {
        inProgress.remove(key, mine);
        mine.complete(tb);
    }

    public boolean full() {
        return blocks.size() >= limit;
    }

    public int size() {
        return blocks.size();
    }

    public long generation() {
        return generation;
    }

    /** Drops every block. Callers make sure no vCPU is inside one (safe work), or that there is one vCPU. */
    public void flush() {
        for (TranslationBlock tb : blocks.values()) {
            tb.invalidate();
        }
        blocks.clear();
        byPage.clear();
        generation++;
        flushes.incrementAndGet();
    }

    /**
     * Invalidates the blocks made from guest bytes in [addr, addr+len) (physical addresses). Returns them so the caller can
     * tell whether the running block was among them.
     */
    public List<TranslationBlock> invalidateRange(int addr, int len) {
        List<TranslationBlock> dropped = new ArrayList<>();
        int first = addr >>> PAGE_BITS;
        int last = (addr + len - 1) >>> PAGE_BITS;
        for (int p = first; p <= last; p++) {
            Set<TranslationBlock> set = byPage.get(p);
            if (set == null) {
                continue;
            }
            for (TranslationBlock tb : set) {
                long start = tb.phys & 0xffffffffL;
                long end = start + tb.guestBytes;
                if ((addr & 0xffffffffL) < end && (addr & 0xffffffffL) + len > start) {
                    if (blocks.remove(new TbKey.Key(tb.pc, tb.phys, tb.flags), tb)) {
                        invalidated.incrementAndGet();
                    }
                    tb.invalidate();
                    set.remove(tb);
                    dropped.add(tb);
                }
            }
        }
        return dropped;
    }

    /** True while some valid block covers a byte of [addr, addr+len) (the memory service keeps its code mark). */
    public boolean hasCode(int addr, int len) {
        long lo = addr & 0xffffffffL;
        long hi = lo + len;
        for (int p = (int) (lo >>> PAGE_BITS); p <= (int) ((hi - 1) >>> PAGE_BITS); p++) {
            Set<TranslationBlock> set = byPage.get(p);
            if (set == null) {
                continue;
            }
            for (TranslationBlock tb : set) {
                long start = tb.phys & 0xffffffffL;
                if (start < hi && start + tb.guestBytes > lo) {
                    return true;
                }
            }
        }
        return false;
    }

    Map<TbKey.Key, TranslationBlock> view() {
        return blocks;
    }
}
