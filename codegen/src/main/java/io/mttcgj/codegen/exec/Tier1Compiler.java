package io.mttcgj.codegen.exec;

import io.mttcgj.codegen.arm.state.GuestException;
import io.mttcgj.codegen.emit.BlockCompiler;
import io.mttcgj.codegen.interp.InterpretedBlock;
import io.mttcgj.codegen.tb.TbCache;
import io.mttcgj.codegen.tb.TranslationBlock;
import io.mttcgj.memory.AddressSpace;
import io.mttcgj.memory.RamRegion;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Compiles hot interpreted blocks on a thread of its own, so a vCPU never stops to compile: it asks
 * ({@link #submit}) and goes on interpreting; when the compiled form is ready it replaces the interpreted
 * one in the cache (TbCache#replace, which refuses if the block was invalidated meanwhile, so code written
 * while it compiled is never installed stale) and the vCPUs find it at their next lookup.
 *
 * <p>The code is read through physical addresses only: an interpreted block never spans pages, and a
 * compile that would need the next page (a 32-bit Thumb instruction across the boundary) is dropped,
 * since only the vCPU could walk its page tables. A full queue drops the request; the block asks again
 * after its next promotion interval.
 */
public final class Tier1Compiler implements AutoCloseable {
    private final BlockingQueue<InterpretedBlock> queue = new ArrayBlockingQueue<>(4096);
    private final BlockCompiler compiler;
    private final TbCache cache;
    private final AddressSpace mem;
    private final Thread thread;
    private volatile boolean closed;
    /** Statistics, written by the compile thread only. */
    private volatile long compiled;
    private volatile long installed;
    private volatile long dropped;
    private volatile long compileNanos;

    /** {@code compiler}: a BlockCompiler owned by this thread (BlockCompiler is not thread-safe). */
    public Tier1Compiler(BlockCompiler compiler, TbCache cache, AddressSpace mem, String name) {
        this.compiler = compiler;
        this.cache = cache;
        this.mem = mem;
        this.thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks for {@code hot} to be compiled; false if the queue is full (the caller may ask again later). */
    public boolean submit(InterpretedBlock hot) {
        return !closed && queue.offer(hot);
    }

    private void loop() {
        while (!closed) {
            InterpretedBlock hot;
            try {
                hot = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (hot == null || !hot.valid) {
                continue;
            }
            long t0 = System.nanoTime();
            TranslationBlock fresh;
            try {
                boolean mmu = (hot.flags & io.mttcgj.codegen.tb.TbKey.MMU) != 0;
                fresh = compiler.compile(hot.pc, hot.phys, hot.flags, va -> {
                    if (!mmu) {
                        return va;
                    }
                    throw new BlockCompiler.UntranslatableException("next page: left to the vCPU");
                });
            } catch (GuestException | BlockCompiler.UntranslatableException e) {
                dropped++;
                continue;
            } catch (RuntimeException | LinkageError e) {
                // A translator bug must not kill the compile thread: the block stays interpreted, which is
                // exact. The vCPU that compiles the same code directly will report the bug with its state.
                dropped++;
                continue;
            } finally {
                compileNanos += System.nanoTime() - t0;
            }
            compiled++;
            synchronized (cache) {
                if (cache.replace(hot, fresh)) {
                    installed++;
                    markCode(fresh);
                }
            }
        }
    }

    private void markCode(TranslationBlock tb) {
        for (long a = tb.phys & 0xffffffffL; a < (tb.phys & 0xffffffffL) + tb.guestBytes;
                a += 1 << RamRegion.CODE_SHIFT) {
            mem.markCode((int) a);
        }
        mem.markCode(tb.phys + tb.guestBytes - 1);
    }

    /** Blocks compiled, and of those installed (not invalidated meanwhile). */
    public long compiled() {
        return compiled;
    }

    public long installed() {
        return installed;
    }

    /** Requests that could not be compiled here (they stay interpreted). */
    public long dropped() {
        return dropped;
    }

    public long compileNanos() {
        return compileNanos;
    }

    /** Requests waiting. */
    public int pending() {
        return queue.size();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }

    /** A supplier of this compiler's statistics line, for the machine's stats. */
    public Supplier<String> describe() {
        return () -> String.format(java.util.Locale.ROOT,
                "tier-1 thread: %,d compiled (%,d installed, %,d dropped), %.3f s", compiled, installed, dropped,
                compileNanos / 1e9);
    }
}
