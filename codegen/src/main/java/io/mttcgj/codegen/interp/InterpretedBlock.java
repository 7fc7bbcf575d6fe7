package io.mttcgj.codegen.interp;

import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.arm.state.GuestException;
import io.mttcgj.codegen.tb.TranslationBlock;

/**
 * A tier-0 block: pre-decoded instructions run by a loop that HotSpot compiles once for all blocks, so
 * cold code costs neither a class definition nor JIT work. After {@link #promoteAt} runs the block asks
 * the vCPU's promoter (CpuState#promoter) to compile it; the compiled block replaces this one in the
 * cache and this one is invalidated (a vCPU still inside it finishes the instructions it has: both
 * forms have the same semantics).
 *
 * <p>The guest state is precise at every instruction: registers and flags live in the CpuState. A
 * fault leaves cpu.r[15] at the faulting instruction with the instructions before it counted, as a
 * compiled block's fault tables do.
 */
public final class InterpretedBlock extends TranslationBlock {
    /** The vCPU-side hook that compiles a hot block. */
    public interface Promoter {
        /** False if the request could not be taken now (the block asks again after another interval). */
        boolean promote(InterpretedBlock hot);
    }

    private final Op[] ops;
    /** ops[i].stores(), read once: a virtual call per instruction would be megamorphic. */
    private final boolean[] stores;
    /** PC as each op reads it: its address + 8 (A32) or + 4 (Thumb). */
    private final int[] pcRead;
    /** Where the block falls through to, and its chain slot (1, or -1 off the page). */
    private final int endPc;
    private final int endSlot;
    private final int promoteAt;
    /**
     * Thumb blocks that start in or contain an IT block: ITSTATE at each op ({@code itAt}, what a fault
     * there saves) and after it ({@code itAfter}, what an exit after it leaves in CPSR). Null otherwise:
     * ITSTATE is then 0 throughout and CPSR already says so.
     */
    private final int[] itAt;
    private final int[] itAfter;
    /** Runs so far (racy across vCPUs: only a trigger). */
    private int heat;
    private volatile boolean promotionAsked;

    InterpretedBlock(Op[] ops, int[] pcRead, int endPc, int endSlot, int promoteAt, int[] itAt, int[] itAfter) {
        this.ops = ops;
        this.stores = new boolean[ops.length];
        for (int i = 0; i < ops.length; i++) {
            stores[i] = ops[i].stores();
        }
        this.itAt = itAt;
        this.itAfter = itAfter;
        this.pcRead = pcRead;
        this.endPc = endPc;
        this.endSlot = endSlot;
        this.promoteAt = promoteAt;
    }

    /** The decoded instructions (for -d op and tests). */
    public Op[] ops() {
        return ops.clone();
    }

    @Override
    public TranslationBlock exec(CpuState c) {
        if (++heat >= promoteAt && !promotionAsked && c.promoter != null) {
            promotionAsked = true;
            if (!c.promoter.promote(this)) {
                heat = 0;
                promotionAsked = false;
            }
        }
        Op[] ops = this.ops;
        int[] r = c.r;
        int i = 0;
        try {
            for (; i < ops.length; i++) {
                Op op = ops[i];
                if (op.cond != 14 && !Op.passed(c, op.cond)) {
                    continue;
                }
                r[15] = pcRead[i];
                int x = op.exec(c);
                if (x != Op.NEXT) {
                    if (itAfter != null) {
                        writeIt(c, itAfter[i]);
                    }
                    return exit(c, op, x, i + 1);
                }
                if (stores[i] && !valid && i + 1 < ops.length) {
                    // It stored into its own code: the rest is stale; the loop looks the next block up.
                    r[15] = ops[i + 1].pc;
                    if (itAfter != null) {
                        writeIt(c, itAfter[i]);
                    }
                    return leave(c, i + 1, -1);
                }
            }
        } catch (GuestException e) {
            r[15] = ops[i].pc;
            if (itAt != null) {
                writeIt(c, itAt[i]);
            }
            c.insns += i;
            c.tier0Insns += i;
            throw e;
        }
        r[15] = endPc;
        if (itAfter != null) {
            writeIt(c, itAfter[ops.length - 1]);
        }
        return leave(c, ops.length, endSlot);
    }

    /** CPSR.IT = {@code it} (split: [15:10] = IT[7:2], [26:25] = IT[1:0]). */
    private static void writeIt(CpuState c, int it) {
        c.cpsrCtl = (c.cpsrCtl & ~CpuState.CPSR_IT) | ((it >>> 2) << 10) | ((it & 3) << 25);
    }

    /** A branch or a special exit (slot -1: the loop looks the next block up, or handles cpu.exitKind). */
    private TranslationBlock exit(CpuState c, Op op, int kind, int count) {
        return leave(c, count, kind == Op.EXIT_DIRECT ? op.slot : -1);
    }

    private TranslationBlock leave(CpuState c, int count, int slot) {
        c.insns += count;
        c.tier0Insns += count;
        c.exitSlot = slot;
        return slot == 0 ? chain0 : slot == 1 ? chain1 : null;
    }

    @Override
    public String toString() {
        return String.format("TB0[%08x flags=%x insns=%d]", pc, flags, insnCount);
    }
}
