package io.mttcgj.codegen.tb;

import io.mttcgj.codegen.arm.state.CpuState;

/**
 * A translated block: a straight run of guest instructions compiled into one JVM method. Generated
 * classes extend this. {@link #exec} runs the block and returns the chained successor for the exit it
 * took, or null when the loop must look the next block up (cpu.r[15] always holds the next PC).
 */
public abstract class TranslationBlock {
    /** Guest address of the first instruction (physical = virtual while the MMU is off). */
    public int pc;
    /** CPU state bits that change decoding (see {@link TbKey}). */
    public int flags;
    /** Physical address of {@link #pc} (equal to it with the MMU off); blocks never cross a page. */
    public int phys;
    public int insnCount;
    /** Bytes of guest code covered, starting at {@link #pc}. */
    public int guestBytes;
    /** Successors for the block's direct exits, filled in lazily by the execution loop. */
    public TranslationBlock chain0;
    public TranslationBlock chain1;
    /** Cleared when the block is invalidated (its code was overwritten, or the cache was flushed). */
    public volatile boolean valid = true;

    public abstract TranslationBlock exec(CpuState cpu);

    /** The lookup that defines generated block classes (hidden classes in this package). */
    public static java.lang.invoke.MethodHandles.Lookup lookup() {
        return java.lang.invoke.MethodHandles.lookup();
    }

    public final void chain(int slot, TranslationBlock next) {
        if (slot == 0) {
            chain0 = next;
        } else if (slot == 1) {
            chain1 = next;
        }
    }

    public final void invalidate() {
        valid = false;
        chain0 = null;
        chain1 = null;
    }

    @Override
    public String toString() {
        return String.format("TB[%08x flags=%x insns=%d]", pc, flags, insnCount);
    }
}
