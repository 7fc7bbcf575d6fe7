package io.mttcgj.codegen.exec;

import io.mttcgj.codegen.arm.mmu.Mmu;
import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.arm.state.Exceptions;
import io.mttcgj.codegen.arm.state.Exceptions.Vector;
import io.mttcgj.codegen.arm.state.GuestException;
import io.mttcgj.codegen.emit.BlockCompiler;
import io.mttcgj.codegen.tb.JumpCache;
import io.mttcgj.codegen.tb.TbCache;
import io.mttcgj.codegen.tb.TbKey;
import io.mttcgj.codegen.tb.TranslationBlock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The execution loop of one vCPU (QEMU's cpu_exec): find or translate the block at the PC, run it,
 * follow chained successors, take guest exceptions, and return to the caller when the instruction
 * budget is spent, when someone sets {@link CpuState#exitRequest}, or when the vCPU halts (WFI/WFE).
 * It knows nothing about threads or actors: the vCPU actor (or a single-threaded round-robin driver)
 * calls {@link #run} in slices and handles its mailbox in between.
 */
public final class CpuExec {
    /** Why {@link #run} returned. */
    public enum Stop { BUDGET, EXIT_REQUEST, WFI, WFE, YIELD }

    public final CpuState cpu;
    private final TbCache cache;
    /** One jump cache per translation context (CpuState#context): a block found under one DACR value was
     * checked for execute permission under it. */
    private final JumpCache[] jumpCaches = new JumpCache[CpuState.CONTEXTS];
    private final BlockCompiler compiler;
    private final ExecHooks hooks;
    private final boolean logExec;
    private final boolean logCpu;
    public long blocksExecuted;
    /** Host time spent making blocks (tier-0 decoding and tier-1 compiles, promotions included), for statistics. */
    public long translateNanos;
    /** Of {@link #translateNanos}, the tier-1 compiles (ASM, class definition). */
    public long compileNanos;
    /** Blocks this vCPU made: interpreted (tier 0), and compiled at once (tier 1, a hidden class each) because
     * their first instruction has no tier-0 form; promotions are counted apart. */
    public long tier0Blocks;
    public long compiledBlocks;
    /** Interpreted blocks this vCPU compiled (or, with a compile thread, handed over) because they ran hot. */
    public long promotions;
    private io.mttcgj.codegen.interp.Tier0Builder tier0;

    public CpuExec(CpuState cpu, TbCache cache, JumpCache jumpCache, BlockCompiler compiler, ExecHooks hooks) {
        this.cpu = cpu;
        this.cache = cache;
        jumpCaches[0] = jumpCache;
        for (int i = 1; i < jumpCaches.length; i++) {
            jumpCaches[i] = jumpCache.sameSize();
        }
        this.compiler = compiler;
        this.hooks = hooks;
        this.logExec = hooks.logging("exec");
        this.logCpu = hooks.logging("cpu");
        cpu.pageFlushListener = (va, log2) -> {
            for (JumpCache j : jumpCaches) {
                j.flushSpan(va, log2);
            }
        };
    }

    /**
     * Turns tier 0 on: new blocks are interpreted when {@code builder} can make them, and compiled once they
     * have run the builder's promotion count if {@code promote}.
     */
    public void setTier0(io.mttcgj.codegen.interp.Tier0Builder builder, boolean promote) {
        setTier0(builder, promote, null);
    }

    /** As {@link #setTier0(io.mttcgj.codegen.interp.Tier0Builder, boolean)}, promoting through {@code background}
     * (a compile thread shared by the vCPUs) when it is not null. */
    public void setTier0(io.mttcgj.codegen.interp.Tier0Builder builder, boolean promote, Tier1Compiler background) {
        this.tier0 = builder;
        if (builder == null || !promote) {
            cpu.promoter = null;
        } else if (background != null) {
            cpu.promoter = hot -> {
                boolean taken = background.submit(hot);
                if (taken) {
                    promotions++;
                }
                return taken;
            };
        } else {
            cpu.promoter = this::promote;
        }
    }

    /** The current translation context's jump cache. */
    public JumpCache jumpCache() {
        return jumpCaches[cpu.context];
    }

    public long jumpCacheHits() {
        long n = 0;
        for (JumpCache j : jumpCaches) {
            n += j.hits;
        }
        return n;
    }

    public long jumpCacheMisses() {
        long n = 0;
        for (JumpCache j : jumpCaches) {
            n += j.misses;
        }
        return n;
    }

    public void clearJumpCaches() {
        for (JumpCache j : jumpCaches) {
            j.clear();
        }
    }

    /** Runs until about {@code budget} more guest instructions have retired, or an earlier stop. */
    public Stop run(long budget) {
        long end = cpu.insns + budget;
        TranslationBlock prev = null;
        TranslationBlock next = null;
        while (true) {
            if (cpu.exitRequest) {
                return Stop.EXIT_REQUEST;
            }
            if (cpu.insns >= end) {
                return Stop.BUDGET;
            }
            if (next == null || !next.valid) {
                try {
                    next = lookup();
                } catch (GuestException ex) {
                    // A Prefetch Abort: the PC's page has no executable mapping.
                    takeSynchronous(ex);
                    prev = null;
                    next = null;
                    continue;
                }
                if (prev != null && cpu.exitSlot >= 0 && prev.valid) {
                    prev.chain(cpu.exitSlot, next);
                }
            }
            if (logCpu) {
                hooks.log("cpu", cpu.describe());
            }
            if (logExec) {
                hooks.log("exec", String.format("Trace %d: [%08x] %s", cpu.index, next.pc, next));
            }
            prev = next;
            try {
                blocksExecuted++;
                next = next.exec(cpu);
            } catch (GuestException ex) {
                takeSynchronous(ex);
                prev = null;
                next = null;
                continue;
            }
            if (next == null && cpu.exitKind != CpuState.EXIT_NONE) {
                prev = null;
                Stop stop = handleExit();
                if (stop != null) {
                    return stop;
                }
            }
        }
    }

    private TranslationBlock lookup() {
        int pc = cpu.r[15];
        int flags = TbKey.flagsOf(cpu);
        // The jump cache is keyed by virtual PC: it is dropped at every TLB flush as well as every cache flush.
        JumpCache jumpCache = jumpCaches[cpu.context];
        TranslationBlock tb = jumpCache.get(pc, flags, cache.generation() + cpu.contextEpoch[cpu.context]);
        if (tb != null) {
            return tb;
        }
        boolean mmu = (flags & TbKey.MMU) != 0;
        int phys = mmu ? Mmu.translate(cpu, pc, Mmu.FETCH) : pc;
        tb = cache.get(pc, phys, flags);
        if (tb == null) {
            if (cache.full()) {
                flushCache();
            }
            // Two vCPUs starting the same code would both translate it: the second waits for the first.
            TbKey.Key key = new TbKey.Key(pc, phys, flags);
            CompletableFuture<TranslationBlock> mine = new CompletableFuture<>();
            CompletableFuture<TranslationBlock> other = cache.claim(key, mine);
            if (other != null) {
                tb = awaitTranslation(other);
            }
            if (tb == null || !tb.valid) {
                tb = null;
                try {
                    tb = translate(pc, phys, flags, mmu);
                } finally {
                    if (other == null) {
                        cache.release(key, mine, tb);
                    }
                }
            }
        }
        jumpCache.put(tb);
        return tb;
    }

    private TranslationBlock translate(int pc, int phys, int flags, boolean mmu) {
        long t0 = System.nanoTime();
        TranslationBlock fresh = tier0 == null ? null : tier0.build(pc, phys, flags);
        if (fresh != null) {
            tier0Blocks++;
        } else {
            fresh = compile(pc, phys, flags, mmu);
            compiledBlocks++;
            compileNanos += System.nanoTime() - t0;
        }
        translateNanos += System.nanoTime() - t0;
        // Insert and mark atomically with respect to invalidation (which unmarks granules left without
        // code): otherwise a concurrent store could unmark the granule of a block just inserted, and later
        // stores into that block's code would take the fast path and never invalidate it.
        synchronized (cache) {
            TranslationBlock tb = cache.insert(fresh);
            markCode(tb);
            return tb;
        }
    }

    private TranslationBlock compile(int pc, int phys, int flags, boolean mmu) {
        return mmu ? compiler.compile(pc, phys, flags, va -> Mmu.translate(cpu, va, Mmu.FETCH))
                : compiler.compile(pc, flags);
    }

    /**
     * Compiles a hot interpreted block and puts the result in its place. Runs on this vCPU's thread at the
     * start of the block's run (the block then runs interpreted this once more). A guest fault while
     * fetching the code (a Thumb instruction reaching into an unmapped next page) leaves the block
     * interpreted: promotion must never change what the guest sees.
     */
    private boolean promote(io.mttcgj.codegen.interp.InterpretedBlock hot) {
        long t0 = System.nanoTime();
        TranslationBlock fresh;
        try {
            fresh = compile(hot.pc, hot.phys, hot.flags, (hot.flags & TbKey.MMU) != 0);
        } catch (GuestException | BlockCompiler.UntranslatableException e) {
            return true;
        } finally {
            long t = System.nanoTime() - t0;
            compileNanos += t;
            translateNanos += t;
        }
        promotions++;
        synchronized (cache) {
            if (cache.replace(hot, fresh)) {
                markCode(fresh);
            }
        }
        return true;
    }

    /**
     * The block another vCPU is translating, or null (it failed, or took over a second: translate it
     * ourselves). Translation never waits for anything, so this cannot deadlock.
     */
    private static TranslationBlock awaitTranslation(CompletableFuture<TranslationBlock> other) {
        try {
            return other.get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    private void markCode(TranslationBlock tb) {
        for (long a = tb.phys & 0xffffffffL; a < (tb.phys & 0xffffffffL) + tb.guestBytes;
                a += 1 << io.mttcgj.memory.RamRegion.CODE_SHIFT) {
            cpu.mem.markCode((int) a);
        }
        cpu.mem.markCode(tb.phys + tb.guestBytes - 1);
    }

    /** Cache full: with one vCPU thread it is safe to flush here; the multi-threaded path replaces this. */
    public Runnable flushAction = this::flushLocal;

    private void flushCache() {
        flushAction.run();
    }

    private void flushLocal() {
        cache.flush();
        clearJumpCaches();
    }

    private Stop handleExit() {
        int kind = cpu.exitKind;
        int info = cpu.exitInfo;
        cpu.exitKind = CpuState.EXIT_NONE;
        int pc = cpu.r[15];
        switch (kind) {
            case CpuState.EXIT_SVC:
                if (hooks.semihosting(cpu, kind, info)) {
                    cpu.r[15] = pc + (cpu.thumb() ? 2 : 4);
                    return null;
                }
                Exceptions.take(cpu, Vector.SVC, pc + (cpu.thumb() ? 2 : 4));
                logInt("SVC", pc);
                return null;
            case CpuState.EXIT_BKPT:
                if (hooks.semihosting(cpu, kind, info)) {
                    cpu.r[15] = pc + (cpu.thumb() ? 2 : 4);
                    return null;
                }
                cpu.cp15.ifsr = GuestException.FSR_DEBUG;
                Exceptions.take(cpu, Vector.PREFETCH_ABORT, pc);
                logInt("Prefetch Abort (BKPT)", pc);
                return null;
            case CpuState.EXIT_HLT:
                if (hooks.semihosting(cpu, kind, info)) {
                    cpu.r[15] = pc + (cpu.thumb() ? 2 : 4);
                    return null;
                }
                undefined(pc, info, true);
                return null;
            case CpuState.EXIT_UDF:
                undefined(pc, info, false);
                return null;
            case CpuState.EXIT_HVC:
                Exceptions.take(cpu, Vector.HVC, pc + 4);
                logInt("HVC", pc);
                return null;
            case CpuState.EXIT_SMC:
                Exceptions.take(cpu, Vector.SMC, pc + 4);
                logInt("SMC", pc);
                return null;
            case CpuState.EXIT_WFI:
                return Stop.WFI;
            case CpuState.EXIT_WFE:
                if (cpu.eventRegister) {
                    cpu.eventRegister = false;
                    return null;
                }
                return Stop.WFE;
            case CpuState.EXIT_YIELD:
                return Stop.YIELD;
            case CpuState.EXIT_SYNC:
                takePendingInterrupt();
                return null;
            default:
                throw new IllegalStateException("unknown block exit kind " + kind);
        }
    }

    private void undefined(int pc, int insn, boolean log) {
        if (hooks.logging("unimp")) {
            hooks.log("unimp", String.format("CPU#%d: undefined or unimplemented instruction 0x%08x at 0x%08x",
                    cpu.index, insn, pc));
        }
        // LR_und = instruction + 4 (ARM) or + 2 (Thumb, 16- and 32-bit alike: ARM ARM B1.8.3, and what
        // Linux's undefined-instruction handler assumes when it reads back a 32-bit Thumb instruction).
        Exceptions.take(cpu, Vector.UNDEFINED, pc + (cpu.thumb() ? 2 : 4));
        logInt("Undefined Instruction", pc);
    }

    private void takeSynchronous(GuestException ex) {
        int pc = cpu.r[15];
        switch (ex.kind) {
            case UNDEFINED:
                undefined(pc, 0, false);
                break;
            case DATA_ABORT:
                cpu.cp15.dfsr = ex.fsr;
                cpu.cp15.dfar = ex.far;
                Exceptions.take(cpu, Vector.DATA_ABORT, pc);
                logInt("Data Abort (" + ex.getMessage() + ")", pc);
                break;
            case PREFETCH_ABORT:
                cpu.cp15.ifsr = ex.fsr;
                cpu.cp15.ifar = ex.far;
                Exceptions.take(cpu, Vector.PREFETCH_ABORT, pc);
                logInt("Prefetch Abort (" + ex.getMessage() + ")", pc);
                break;
            default:
                throw new AssertionError(ex.kind);
        }
    }

    /** IRQs and FIQs taken (statistics). */
    public long interruptsTaken;

    /**
     * Takes a pending, unmasked FIQ or IRQ (the caller calls this between slices, and the loop after
     * a CPSR change). Returns true if one was taken.
     */
    public boolean takePendingInterrupt() {
        int ctl = cpu.cpsrCtl;
        int pc = cpu.r[15];
        if (cpu.fiqLine && (ctl & CpuState.CPSR_F) == 0) {
            interruptsTaken++;
            Exceptions.take(cpu, Vector.FIQ, pc);
            logInt("FIQ", pc);
            return true;
        }
        if (cpu.irqLine && (ctl & CpuState.CPSR_I) == 0) {
            interruptsTaken++;
            Exceptions.take(cpu, Vector.IRQ, pc);
            logInt("IRQ", pc);
            return true;
        }
        return false;
    }

    private String lastException;
    private int lastVector = -1;

    /**
     * If the vCPU is at the vector of the exception it took last, a sentence saying so (for error reports:
     * "execution outside RAM" right after an exception usually means the guest installed no vectors).
     */
    public String lastExceptionNote() {
        if (lastException != null && cpu.r[15] == lastVector) {
            return lastException;
        }
        return null;
    }

    private void logInt(String what, int pc) {
        lastException = String.format("the guest took a%s %s exception at 0x%08x and its vector 0x%08x is not in RAM",
                "AEIOU".indexOf(what.charAt(0)) >= 0 ? "n" : "", what, pc, cpu.r[15]);
        lastVector = cpu.r[15];
        if (hooks.logging("int")) {
            hooks.log("int", String.format("CPU#%d: took exception %s at pc=0x%08x: now pc=0x%08x, mode %s",
                    cpu.index, what, pc, cpu.r[15], io.mttcgj.codegen.arm.state.Mode.name(cpu.mode())));
        }
    }
}
