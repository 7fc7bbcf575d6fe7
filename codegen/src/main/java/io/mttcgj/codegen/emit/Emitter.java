package io.mttcgj.codegen.emit;

import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.arm.state.GuestException;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * What instruction translators see while emitting the bytecode of one block: guest registers and
 * flags as JVM locals, memory access calls, exits. A block is emitted twice: a first (dry) pass
 * learns which registers and flags each instruction reads and writes, the second pass uses that to
 * load only the registers the block uses and to skip flag computations nobody reads.
 *
 * <p>Exits: a direct branch becomes a chainable exit (slot 0/1); anything that computes the PC, and
 * every special event (SVC, WFI, ...), returns to the loop. A call that may throw a
 * {@link GuestException} is covered by a per-instruction handler that writes the registers back and
 * records the faulting instruction's address, so aborts are precise.
 */
public final class Emitter implements Opcodes {
    static final int THIS = 0;
    static final int CPU = 1;
    static final int REGS = 2;
    static final int R0 = 3;
    static final int NF = 18;
    static final int ZF = 19;
    static final int CF = 20;
    static final int VF = 21;
    static final int EXITPC = 22;
    static final int EXITCNT = 23;
    static final int SLOT = 24;
    static final int EXC = 25;
    /** Instructions run beyond the static count, from jumps inside the block (loops, skipped code). */
    static final int ADJ = 26;
    // Main RAM, cached for the inline fast path of loads and stores: bytes, base, size ^ MIN_VALUE, code marks.
    static final int RAMW = 27;
    static final int RAMB = 28;
    static final int RAMS = 29;
    static final int RAMC = 30;
    /** Loop back-edges left before the next look at exitRequest and the budget. */
    static final int POLL = 31;
    /** With the MMU on (block key flag), RAMB and RAMS hold the soft TLB's read and write tags and this its RAM offsets. */
    static final int TLBO = 32;
    static final int TEMP0 = 33;
    /** A loop inside a block looks at exitRequest every this many iterations (a volatile read each time
     * would keep the JIT from optimising the loop). */
    static final int POLL_INTERVAL = 256;
    /** A loop inside a block returns to the loop after this many extra instructions (slice budget). */
    static final int LOOP_BUDGET = 1 << 20;

    static final String CPU_T = Type.getInternalName(CpuState.class);
    static final String CPU_D = Type.getDescriptor(CpuState.class);
    /** Guest RAM as translated code holds it, and the class of its inline accessors (see RamRegion.BACKING). */
    static final boolean RAM_ARRAY = io.mttcgj.memory.RamRegion.BACKING == io.mttcgj.memory.RamRegion.Backing.ARRAY;
    static final String RAM_D = RAM_ARRAY ? "[B" : "Ljava/nio/ByteBuffer;";
    static final String RAM_T = RAM_ARRAY ? "io/mttcgj/memory/ArrayRam" : "io/mttcgj/memory/BufferRam";
    static final String TB_T = "io/mttcgj/codegen/tb/TranslationBlock";
    static final String MEM = "io/mttcgj/codegen/runtime/Mem";
    static final String ALU = "io/mttcgj/codegen/runtime/Alu";
    static final String SYS = "io/mttcgj/codegen/runtime/Sys";

    public final MethodNode method;
    public final InsnList code;
    final boolean dry;
    private final Plan plan;
    private final int blockPc;

    // per block, learned while emitting
    int regsRead;
    int regsWritten;
    int flagsRead;
    int flagsWritten;
    int maxLocal = TEMP0;
    private int nextSlot;
    final LabelNode epilogue = new LabelNode();
    final LabelNode faultCommon = new LabelNode();
    private final List<int[]> faultSites = new ArrayList<>();
    private final List<LabelNode[]> faultRanges = new ArrayList<>();
    boolean anyFault;

    // per instruction
    private int index;
    private int pc;
    private boolean thumb;
    private int insnFlagReads;
    private int insnFlagWrites;
    private boolean insnMayFault;
    private LabelNode insnStart;
    private LabelNode skip;
    private int nextTemp;
    private boolean insnBranches;
    private boolean noFallThrough;
    /** Labels of the instructions emitted so far, by guest address: targets of backward jumps. */
    private final java.util.Map<Integer, LabelNode> emitted = new java.util.HashMap<>();
    /** Index of each emitted instruction, by guest address (Thumb instructions are 2 or 4 bytes). */
    private final java.util.Map<Integer, Integer> indexOf = new java.util.HashMap<>();
    /** Thumb IT state (ITSTATE, 8 bits) for the current instruction and after it; 0 outside IT blocks. */
    private int itCur;
    private int itNext;
    /** Forward jump targets inside the block not emitted yet. */
    private final java.util.TreeMap<Integer, LabelNode> pending = new java.util.TreeMap<>();
    /**
     * The instruction-count adjustments of forward jumps, patched once the target's index is known
     * (Thumb instructions are 2 or 4 bytes, so an address does not give the index): incr is
     * (index of the jump + 1) - (index of the target).
     */
    private final java.util.Map<Integer, java.util.List<org.objectweb.asm.tree.IincInsnNode>> fixups =
            new java.util.HashMap<>();
    private final java.util.Map<org.objectweb.asm.tree.IincInsnNode, Integer> fixupBase = new java.util.HashMap<>();
    /** Instruction limit of this block: forward jumps beyond it become exits. */
    int limit = Integer.MAX_VALUE;
    /** Bytes of guest code the block covers (set by the compiler). */
    int guestBytes;
    private int insnLength = 4;

    /** What the dry pass learned, per instruction, for the real pass. */
    static final class Plan {
        final List<Integer> reads = new ArrayList<>();
        final List<Integer> writes = new ArrayList<>();
        final List<Boolean> conditional = new ArrayList<>();
        final List<Boolean> mayFault = new ArrayList<>();
        final List<Boolean> branches = new ArrayList<>();
        int[] liveAfter;
        int regsUsed;
        int regsWritten;
        int flagsUsed;
        int flagsWritten;

        void computeLiveness() {
            int n = reads.size();
            liveAfter = new int[n];
            int live = Flags.ALL; // everything is live at the block's exits
            for (int i = n - 1; i >= 0; i--) {
                if (branches.get(i)) {
                    live = Flags.ALL; // a jump or exit inside this instruction: everything is live there
                }
                liveAfter[i] = live;
                int kill = conditional.get(i) ? 0 : writes.get(i);
                live = (live & ~kill) | reads.get(i);
                if (mayFault.get(i)) {
                    live = Flags.ALL; // a fault here must see every flag as architected
                }
            }
        }
    }

    Emitter(MethodNode method, Plan plan, int blockPc) {
        this.method = method;
        this.code = method.instructions;
        this.plan = plan;
        this.dry = plan == null;
        this.blockPc = blockPc;
    }

    // ------------------------------------------------------------------ instruction framing

    private int tbFlags;

    void setTbFlags(int flags) {
        this.tbFlags = flags;
    }

    /** The block's key flags (TbKey): instruction set, IT state, FP access/enable. */
    public int tbFlags() {
        return tbFlags;
    }

    void beginInsn(int index, int pc, boolean thumb, int length) {
        this.index = index;
        this.pc = pc;
        this.thumb = thumb;
        this.insnLength = length;
        insnFlagReads = 0;
        insnFlagWrites = 0;
        insnMayFault = false;
        insnBranches = false;
        noFallThrough = false;
        nextTemp = TEMP0;
        skip = null;
        insnStart = new LabelNode();
        LabelNode target = pending.remove(pc);
        if (target != null) {
            code.add(target);
            patchFixups(pc, index);
        }
        code.add(insnStart);
        emitted.put(pc, insnStart);
        indexOf.put(pc, index);
    }

    private void patchFixups(int target, int targetIndex) {
        java.util.List<org.objectweb.asm.tree.IincInsnNode> list = fixups.remove(target);
        if (list != null) {
            for (org.objectweb.asm.tree.IincInsnNode n : list) {
                n.incr = fixupBase.remove(n) - targetIndex;
            }
        }
    }

    /**
     * Makes the rest of the instruction conditional on a value (stack: value): the instruction is skipped
     * when {@code skipOpcode} (IFEQ/IFNE/...) jumps. For CBZ/CBNZ, whose condition is a register, not flags.
     */
    public void conditionOnValue(int skipOpcode) {
        skip = new LabelNode();
        jump(skipOpcode, skip);
    }

    /** Thumb: the IT state of this instruction and of the next one (the compiler tracks IT blocks). */
    void setItState(int current, int next) {
        itCur = current;
        itNext = next;
    }

    /** Inside a Thumb IT block: 16-bit data-processing instructions do not set flags there. */
    public boolean inItBlock() {
        return (itCur & 0xf) != 0;
    }

    /** The last instruction of an IT block (or outside one): the only place a branch may be. */
    public boolean lastInItBlock() {
        return (itCur & 0xf) == 0 || (itNext & 0xf) == 0;
    }

    /** Makes the rest of the instruction conditional on an A32/T32 condition code (0-14; 14 = AL). */
    public void condition(int cond) {
        if (cond >= 14) {
            return;
        }
        insnFlagReads |= Flags.readBy(cond);
        skip = new LabelNode();
        Conditions.emitSkipUnless(this, cond, skip);
    }

    void endInsn() {
        LabelNode end = new LabelNode();
        code.add(end);
        if (skip != null) {
            code.add(skip);
        }
        if (insnMayFault) {
            LabelNode handler = new LabelNode();
            faultRanges.add(new LabelNode[] {insnStart, end, handler});
            faultSites.add(new int[] {pc, index, itCur, thumb ? 1 : 0});
            anyFault = true;
        }
        flagsRead |= insnFlagReads;
        flagsWritten |= insnFlagWrites;
        if (dry) {
            planOrNull().reads.add(insnFlagReads);
            planOrNull().writes.add(insnFlagWrites);
            planOrNull().conditional.add(skip != null);
            planOrNull().mayFault.add(insnMayFault);
            planOrNull().branches.add(insnBranches);
        }
    }

    private Plan dryPlan;

    void setDryPlan(Plan p) {
        dryPlan = p;
    }

    private Plan planOrNull() {
        return dryPlan;
    }

    public int pc() {
        return pc;
    }

    public boolean thumb() {
        return thumb;
    }

    public int insnLength() {
        return insnLength;
    }

    /** Address of the next instruction. */
    public int nextPc() {
        return pc + insnLength;
    }

    /** The instruction never continues to the next one (an unconditional branch or exit). */
    boolean noFallThrough() {
        return noFallThrough;
    }

    /** Some earlier jump targets an address after {@code pc} in this block. */
    boolean pendingAfter(int pc) {
        return pending.higherKey(pc) != null || pending.containsKey(pc);
    }

    /** True if a forward jump translated so far targets {@code pc}. */
    boolean isPendingTarget(int pc) {
        return pending.containsKey(pc);
    }

    // ------------------------------------------------------------------ registers and flags

    /** Pushes Rn. Reading the PC gives the instruction's address + 8 (A32) or + 4 (T32). */
    public void loadReg(int n) {
        if (n == 15) {
            iconst(pc + (thumb ? 4 : 8));
            return;
        }
        regsRead |= 1 << n;
        code.add(new org.objectweb.asm.tree.VarInsnNode(ILOAD, R0 + n));
    }

    /** Pops into Rn. Writing the PC is an interworking branch (BXWritePC) that ends the block. */
    public void storeReg(int n) {
        if (n == 15) {
            branchIndirect();
            return;
        }
        regsWritten |= 1 << n;
        code.add(new org.objectweb.asm.tree.VarInsnNode(ISTORE, R0 + n));
    }

    public void loadFlag(int flag) {
        insnFlagReads |= flag;
        code.add(new org.objectweb.asm.tree.VarInsnNode(ILOAD, flagLocal(flag)));
    }

    /** Pushes the carry flag as 0 or 1. */
    public void loadCarry() {
        loadFlag(Flags.C);
    }

    /** Whether a flag written by this instruction is read later (always true in the dry pass). */
    public boolean needFlag(int flag) {
        if (dry) {
            return true;
        }
        return (plan.liveAfter[index] & flag) != 0;
    }

    /** Pops a result and sets N and Z from it (only the live ones). */
    public void setNZ() {
        insnFlagWrites |= Flags.NZ;
        boolean n = needFlag(Flags.N);
        boolean z = needFlag(Flags.Z);
        if (n && z) {
            op(DUP);
            istore(NF);
            istore(ZF);
        } else if (n) {
            istore(NF);
        } else if (z) {
            istore(ZF);
        } else {
            op(POP);
        }
    }

    /** Pops 0/1 into C. Callers skip computing it when {@link #needFlag} says it is dead. */
    public void setC() {
        insnFlagWrites |= Flags.C;
        if (needFlag(Flags.C)) {
            istore(CF);
        } else {
            op(POP);
        }
    }

    /** Pops a value whose bit 31 is V. */
    public void setV() {
        insnFlagWrites |= Flags.V;
        if (needFlag(Flags.V)) {
            istore(VF);
        } else {
            op(POP);
        }
    }

    /** Records that the instruction writes {@code flags} without going through setNZ/setC/setV. */
    public void markFlagsWritten(int flags) {
        insnFlagWrites |= flags;
    }

    private static int flagLocal(int flag) {
        switch (flag) {
            case Flags.N: return NF;
            case Flags.Z: return ZF;
            case Flags.C: return CF;
            case Flags.V: return VF;
            default: throw new IllegalArgumentException("one flag at a time: " + flag);
        }
    }

    // ------------------------------------------------------------------ plain bytecode helpers

    public int temp() {
        int t = nextTemp++;
        maxLocal = Math.max(maxLocal, nextTemp);
        return t;
    }

    /** A temp for a long (two slots). */
    public int temp2() {
        int t = nextTemp;
        nextTemp += 2;
        maxLocal = Math.max(maxLocal, nextTemp);
        return t;
    }

    public void op(int opcode) {
        code.add(new org.objectweb.asm.tree.InsnNode(opcode));
    }

    public void iload(int local) {
        code.add(new org.objectweb.asm.tree.VarInsnNode(ILOAD, local));
    }

    public void istore(int local) {
        code.add(new org.objectweb.asm.tree.VarInsnNode(ISTORE, local));
    }

    public void lload(int local) {
        code.add(new org.objectweb.asm.tree.VarInsnNode(LLOAD, local));
    }

    public void lstore(int local) {
        code.add(new org.objectweb.asm.tree.VarInsnNode(LSTORE, local));
    }

    public void iconst(int v) {
        if (v >= -1 && v <= 5) {
            op(ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            code.add(new org.objectweb.asm.tree.IntInsnNode(BIPUSH, v));
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            code.add(new org.objectweb.asm.tree.IntInsnNode(SIPUSH, v));
        } else {
            code.add(new org.objectweb.asm.tree.LdcInsnNode(v));
        }
    }

    public void lconst(long v) {
        if (v == 0 || v == 1) {
            op((int) (LCONST_0 + v));
        } else {
            code.add(new org.objectweb.asm.tree.LdcInsnNode(v));
        }
    }

    public void jump(int opcode, LabelNode target) {
        code.add(new org.objectweb.asm.tree.JumpInsnNode(opcode, target));
    }

    public LabelNode label() {
        return new LabelNode();
    }

    public void place(LabelNode l) {
        code.add(l);
    }

    /** Pushes the CpuState. */
    public void loadCpu() {
        code.add(new org.objectweb.asm.tree.VarInsnNode(ALOAD, CPU));
    }

    public void getCpuField(String name, String desc) {
        loadCpu();
        code.add(new org.objectweb.asm.tree.FieldInsnNode(GETFIELD, CPU_T, name, desc));
    }

    /** Stack: value → (stores it into the CpuState field). */
    public void putCpuField(String name, String desc) {
        loadCpu();
        op(desc.equals("J") || desc.equals("D") ? DUP_X2 : DUP_X1);
        op(POP);
        code.add(new org.objectweb.asm.tree.FieldInsnNode(PUTFIELD, CPU_T, name, desc));
    }

    /** A call that cannot raise a guest exception (ALU helpers). */
    public void call(String owner, String name, String desc) {
        code.add(new org.objectweb.asm.tree.MethodInsnNode(INVOKESTATIC, owner, name, desc, false));
    }

    public void alu(String name, String desc) {
        call(ALU, name, desc);
    }

    /** A call that may throw GuestException (memory, system registers): makes this instruction precise. */
    public void callMayFault(String owner, String name, String desc) {
        insnMayFault = true;
        call(owner, name, desc);
    }

    /** Stack: cpu, args... → result; a Mem method. */
    public void mem(String name, String desc) {
        callMayFault(MEM, name, desc);
    }

    /** Stack: addr → value. Push the cpu first: {@code loadCpu(); <addr>; load32();}. */
    public void load32() {
        mem("ld32", "(" + CPU_D + "I)I");
    }

    public void load16() {
        mem("ld16", "(" + CPU_D + "I)I");
    }

    public void load8() {
        mem("ld8", "(" + CPU_D + "I)I");
    }

    public void store32() {
        mem("st32", "(" + CPU_D + "II)V");
    }

    public void store16() {
        mem("st16", "(" + CPU_D + "II)V");
    }

    public void store8() {
        mem("st8", "(" + CPU_D + "II)V");
    }

    // ---- inline fast paths: aligned accesses to main RAM never leave the block's method ----

    /** Stack: addr → value (LDR). Slow path: Mem.ld32 (alignment, other regions, MMIO, faults). */
    public void fastLoad32() {
        int a = temp();
        int off = temp();
        LabelNode slow = new LabelNode();
        LabelNode done = new LabelNode();
        ramOffset(a, off, 3, slow, false);
        aload(RAMW);
        iload(off);
        ramCall("get32", "(" + RAM_D + "I)I");
        jump(GOTO, done);
        code.add(slow);
        loadCpu();
        iload(a);
        load32();
        code.add(done);
    }

    /** Stack: addr → value (LDRH, zero-extended; LDRSH adds I2S). Unaligned: Mem.ld16 (SCTLR.A decides). */
    public void fastLoad16() {
        int a = temp();
        int off = temp();
        LabelNode slow = new LabelNode();
        LabelNode done = new LabelNode();
        ramOffset(a, off, 1, slow, false);
        aload(RAMW);
        iload(off);
        ramCall("get16", "(" + RAM_D + "I)I");
        jump(GOTO, done);
        code.add(slow);
        loadCpu();
        iload(a);
        load16();
        code.add(done);
    }

    /** Stack: addr → value (LDRB). */
    public void fastLoad8() {
        int a = temp();
        int off = temp();
        LabelNode slow = new LabelNode();
        LabelNode done = new LabelNode();
        ramOffset(a, off, 0, slow, false);
        aload(RAMW);
        iload(off);
        if (RAM_ARRAY) {
            op(BALOAD);
            iconst(0xff);
            op(IAND);
        } else {
            ramCall("get8", "(" + RAM_D + "I)I");
        }
        jump(GOTO, done);
        code.add(slow);
        loadCpu();
        iload(a);
        load8();
        code.add(done);
    }

    /** Stack: addr, value → (STR). Stores into code granules take the slow path (invalidation). */
    public void fastStore32() {
        fastStore(4);
    }

    /** Stack: addr, value → (STRB). A byte store touches only its byte: no merge. */
    public void fastStore8() {
        fastStore(1);
    }

    /** Stack: addr, value → (STRH). */
    public void fastStore16() {
        fastStore(2);
    }

    private void fastStore(int size) {
        int v = temp();
        int a = temp();
        int off = temp();
        istore(v);
        LabelNode slow = new LabelNode();
        LabelNode done = new LabelNode();
        ramOffset(a, off, size - 1, slow, true);
        aload(RAMC);
        iload(off);
        iconst(io.mttcgj.memory.RamRegion.CODE_SHIFT);
        op(IUSHR);
        op(BALOAD);
        jump(IFNE, slow);
        aload(RAMW);
        iload(off);
        iload(v);
        if (size == 1 && RAM_ARRAY) {
            op(BASTORE);
        } else {
            ramCall(size == 4 ? "set32" : size == 2 ? "set16" : "set8", "(" + RAM_D + "II)V");
        }
        jump(GOTO, done);
        code.add(slow);
        loadCpu();
        iload(a);
        iload(v);
        if (size == 4) {
            store32();
        } else if (size == 2) {
            store16();
        } else {
            store8();
        }
        code.add(done);
    }

    /**
     * The inline fast path of a multi-word access (LDM/STM, PUSH/POP): the main-RAM offset of the {@code bytes}
     * bytes at the address in local {@code start}, when they are word-aligned, inside one page, in main RAM
     * (with the MMU on: a soft-TLB hit for that access) and, for stores, outside granules holding translated
     * code; else a jump to {@code slow}. Returns the local holding the offset (see {@link #ramWord}).
     */
    public int wordsOffset(int start, int bytes, boolean write, LabelNode slow) {
        iload(start);
        iconst(0xfff);
        op(IAND);
        iconst(0x1000 - bytes);
        jump(IF_ICMPGT, slow);
        int a = temp();
        int off = temp();
        iload(start);
        ramOffset(a, off, 3, slow, write);
        if (write) {
            // A range of at most 64 bytes touches at most two code granules: its first and its last.
            aload(RAMC);
            iload(off);
            iconst(io.mttcgj.memory.RamRegion.CODE_SHIFT);
            op(IUSHR);
            op(BALOAD);
            aload(RAMC);
            iload(off);
            iconst(bytes - 1);
            op(IADD);
            iconst(io.mttcgj.memory.RamRegion.CODE_SHIFT);
            op(IUSHR);
            op(BALOAD);
            op(IOR);
            jump(IFNE, slow);
        }
        return off;
    }

    /** Pushes the RAM array and offset {@code off + delta}: then a value and {@link #ramSet32}, or {@link #ramGet32}. */
    public void ramWord(int off, int delta) {
        aload(RAMW);
        iload(off);
        if (delta != 0) {
            iconst(delta);
            op(IADD);
        }
    }

    public void ramGet32() {
        ramCall("get32", "(" + RAM_D + "I)I");
    }

    public void ramSet32() {
        ramCall("set32", "(" + RAM_D + "II)V");
    }

    /**
     * A RAM access through a tiny static helper of the backing's class rather than a VarHandle itself:
     * blocks start out interpreted, where a VarHandle call is slow, while the helper is compiled early
     * (every block calls it) and is inlined once the block is compiled.
     */
    private void ramCall(String name, String desc) {
        code.add(new org.objectweb.asm.tree.MethodInsnNode(INVOKESTATIC, RAM_T, name, desc,
                false));
    }

    /** Stack: addr → (consumed); leaves the RAM offset in {@code off}, jumps to {@code slow} when not fast. */
    private void ramOffset(int a, int off, int alignMask, LabelNode slow, boolean write) {
        if ((tbFlags & io.mttcgj.codegen.tb.TbKey.MMU) != 0) {
            tlbOffset(a, off, alignMask, slow, write);
            return;
        }
        istore(a);
        iload(a);
        iload(RAMB);
        op(ISUB);
        istore(off);
        if (alignMask != 0) {
            iload(a);
            iconst(alignMask);
            op(IAND);
            jump(IFNE, slow);
        }
        iload(off);
        iconst(Integer.MIN_VALUE);
        op(IXOR);
        iload(RAMS);
        jump(IF_ICMPGE, slow);
    }

    /** MMU on: a soft-TLB hit gives the RAM offset (SoftTlb: the tag compare also rejects misaligned addresses). */
    private void tlbOffset(int a, int off, int alignMask, LabelNode slow, boolean write) {
        istore(a);
        iload(a);
        iconst(12);
        op(IUSHR);
        iconst(io.mttcgj.codegen.arm.mmu.SoftTlb.MASK);
        op(IAND);
        istore(off); // the TLB index for now
        aload(write ? RAMS : RAMB);
        iload(off);
        op(IALOAD);
        iload(a);
        iconst(io.mttcgj.codegen.arm.mmu.SoftTlb.PAGE_MASK | alignMask);
        op(IAND);
        jump(IF_ICMPNE, slow);
        aload(TLBO);
        iload(off);
        op(IALOAD);
        iload(a);
        op(IADD);
        istore(off);
    }

    private void aload(int local) {
        code.add(new org.objectweb.asm.tree.VarInsnNode(ALOAD, local));
    }

    /** A Sys helper (system instructions): the cpu's PC is set to this instruction first. */
    public void sys(String name, String desc) {
        setPcField(pc);
        callMayFault(SYS, name, desc);
    }

    private void setPcField(int value) {
        loadRegsArray();
        iconst(15);
        iconst(value);
        op(IASTORE);
    }

    private void loadRegsArray() {
        code.add(new org.objectweb.asm.tree.VarInsnNode(ALOAD, REGS));
    }

    // ------------------------------------------------------------------ state sync around helpers

    /** Writes every register and flag the block holds in locals back to the CpuState. */
    public void flushState() {
        int regs = dry ? 0x7fff : plan.regsUsed;
        for (int n = 0; n < 15; n++) {
            if ((regs & (1 << n)) != 0) {
                loadRegsArray();
                iconst(n);
                code.add(new org.objectweb.asm.tree.VarInsnNode(ILOAD, R0 + n));
                op(IASTORE);
                regsRead |= 1 << n;
            }
        }
        flushFlags(dry ? Flags.ALL : plan.flagsUsed);
        insnFlagReads |= Flags.ALL;
    }

    /** Reloads the locals from the CpuState after a helper that may have changed them (mode switch, MSR). */
    public void reloadState() {
        int regs = dry ? 0x7fff : plan.regsUsed;
        for (int n = 0; n < 15; n++) {
            if ((regs & (1 << n)) != 0) {
                loadRegsArray();
                iconst(n);
                op(IALOAD);
                code.add(new org.objectweb.asm.tree.VarInsnNode(ISTORE, R0 + n));
                regsWritten |= 1 << n;
            }
        }
        int flags = dry ? Flags.ALL : plan.flagsUsed;
        loadFlagsFromCpu(flags);
        insnFlagWrites |= Flags.ALL;
    }

    private void flushFlags(int flags) {
        String[] names = {"nf", "zf", "cf", "vf"};
        int[] locals = {NF, ZF, CF, VF};
        for (int i = 0; i < 4; i++) {
            if ((flags & (1 << i)) != 0) {
                loadCpu();
                iload(locals[i]);
                code.add(new org.objectweb.asm.tree.FieldInsnNode(PUTFIELD, CPU_T, names[i], "I"));
            }
        }
    }

    private void loadFlagsFromCpu(int flags) {
        String[] names = {"nf", "zf", "cf", "vf"};
        int[] locals = {NF, ZF, CF, VF};
        for (int i = 0; i < 4; i++) {
            if ((flags & (1 << i)) != 0) {
                getCpuField(names[i], "I");
                istore(locals[i]);
            }
        }
    }

    // ------------------------------------------------------------------ exits

    private int chainSlots;

    /** A direct branch to a constant address: chainable when the target is on this block's page. */
    public void branchTo(int target) {
        int targetIndex = (target - blockPc) >> 2;
        LabelNode back = emitted.get(target);
        if (back != null && itNext == 0) {
            targetIndex = indexOf.get(target);
            // A loop inside the block: jump back unless the vCPU is asked to leave or the slice is spent.
            code.add(new org.objectweb.asm.tree.IincInsnNode(ADJ, index + 1 - targetIndex));
            LabelNode leave = new LabelNode();
            code.add(new org.objectweb.asm.tree.IincInsnNode(POLL, -1));
            iload(POLL);
            jump(IFGT, back);
            iconst(POLL_INTERVAL);
            istore(POLL);
            getCpuField("exitRequest", "Z");
            jump(IFNE, leave);
            iload(ADJ);
            iconst(LOOP_BUDGET);
            jump(IF_ICMPGE, leave);
            jump(GOTO, back);
            code.add(leave);
            exit(target, chainSlot(target), targetIndex);
            return;
        }
        // A forward jump inside the page stays inside the block; the count adjustment is patched when the
        // target instruction is reached (or made an exit by resolvePending).
        int align = thumb ? 1 : 3;
        int maxBytes = limit == Integer.MAX_VALUE ? Integer.MAX_VALUE : limit * 4;
        if (target > pc && (target & align) == 0 && (target >>> 12) == (blockPc >>> 12) && itNext == 0
                && target - blockPc < maxBytes) {
            LabelNode fwd = pending.computeIfAbsent(target, k -> new LabelNode());
            org.objectweb.asm.tree.IincInsnNode adj = new org.objectweb.asm.tree.IincInsnNode(ADJ, 0);
            fixups.computeIfAbsent(target, k -> new ArrayList<>()).add(adj);
            fixupBase.put(adj, index + 1);
            code.add(adj);
            jump(GOTO, fwd);
            markEnded();
            return;
        }
        exit(target, chainSlot(target));
    }

    private int chainSlot(int target) {
        return (target >>> 12) == (blockPc >>> 12) && chainSlots < 2 ? chainSlots++ : -1;
    }

    /** Turns forward jumps to instructions the block did not reach into exits (after the last instruction). */
    void resolvePending() {
        // Only jumps made outside IT blocks are left pending (branchTo): their exits leave ITSTATE 0, not the
        // state after the block's last instruction.
        itNext = 0;
        while (!pending.isEmpty()) {
            var e = pending.pollFirstEntry();
            code.add(e.getValue());
            int target = e.getKey();
            patchFixups(target, 0); // never reached: count from 0, the jump's adjustment carries the rest
            exit(target, chainSlot(target), 0);
        }
    }

    /** Stack: target. BXWritePC: bit 0 selects Thumb; returns to the loop. */
    public void branchIndirect() {
        if (thumb) {
            writeItState(itNext);
        }
        int t = temp();
        istore(t);
        loadCpu();
        iload(t);
        call(SYS, "bxTarget", "(" + CPU_D + "I)I");
        istore(EXITPC);
        iconst(index + 1);
        istore(EXITCNT);
        iconst(-1);
        istore(SLOT);
        jump(GOTO, epilogue);
        markEnded();
    }

    /**
     * Stack: target. BranchWritePC (Thumb ALU writes to the PC, e.g. MOV PC, Rm / ADD PC, Rm): no
     * interworking, bit 0 ignored in Thumb state, bits 1:0 in ARM state.
     */
    public void branchWritePc() {
        if (thumb) {
            writeItState(itNext);
        }
        iconst(thumb ? ~1 : ~3);
        op(IAND);
        istore(EXITPC);
        iconst(index + 1);
        istore(EXITCNT);
        iconst(-1);
        istore(SLOT);
        jump(GOTO, epilogue);
        markEnded();
    }

    /** Leaves the block for the loop with cpu.exitKind set; cpu.r[15] = {@code loopPc}. */
    public void exitSpecial(int kind, int info, int loopPc) {
        if (thumb) {
            // The loop takes SVC/UDF/... with the state of the next instruction, as the exception saves it.
            writeItState(itNext);
        }
        iconst(kind);
        putCpuField("exitKind", "I");
        iconst(info);
        putCpuField("exitInfo", "I");
        exit(loopPc, -1);
    }

    /**
     * After a helper that has already written the whole state, including the PC, into the CpuState
     * (exception return, MSR that changed mode): leave without writing the stale locals back.
     */
    public void exitSynced() {
        if (thumb) {
            writeItState(itNext);
        }
        loadCpu();
        op(DUP);
        code.add(new org.objectweb.asm.tree.FieldInsnNode(GETFIELD, CPU_T, "insns", "J"));
        lconst(index + 1);
        op(LADD);
        iload(ADJ);
        op(I2L);
        op(LADD);
        code.add(new org.objectweb.asm.tree.FieldInsnNode(PUTFIELD, CPU_T, "insns", "J"));
        iconst(-1);
        putCpuField("exitSlot", "I");
        op(ACONST_NULL);
        op(ARETURN);
        markEnded();
    }

    void exit(int target, int slot) {
        exit(target, slot, index + 1);
    }

    /** {@code count}: instructions retired on the straight path from the block start (ADJ adds the rest). */
    void exit(int target, int slot, int count) {
        if (thumb) {
            writeItState(itNext);
        }
        iconst(target);
        istore(EXITPC);
        iconst(count);
        istore(EXITCNT);
        iconst(slot);
        istore(SLOT);
        jump(GOTO, epilogue);
        markEnded();
    }

    /** CPSR.IT = {@code it} (the IT bits are split: [15:10] = IT[7:2], [26:25] = IT[1:0]). */
    private void writeItState(int it) {
        loadCpu();
        op(DUP);
        code.add(new org.objectweb.asm.tree.FieldInsnNode(GETFIELD, CPU_T, "cpsrCtl", "I"));
        iconst(~CpuState.CPSR_IT);
        op(IAND);
        int bits = ((it >>> 2) << 10) | ((it & 3) << 25);
        if (bits != 0) {
            iconst(bits);
            op(IOR);
        }
        code.add(new org.objectweb.asm.tree.FieldInsnNode(PUTFIELD, CPU_T, "cpsrCtl", "I"));
    }

    private void markEnded() {
        insnBranches = true;
        if (skip == null) {
            noFallThrough = true;
        }
    }

    /** Emitted by the compiler after the last instruction when it did not end the block itself. */
    void fallThrough(int nextPc) {
        exit(nextPc, chainSlot(nextPc), index + 1);
    }

    // ------------------------------------------------------------------ prologue / epilogue

    void emitPrologueAndEpilogue() {
        int used = dry ? 0x7fff : plan.regsUsed;
        int written = dry ? 0x7fff : plan.regsWritten;
        int fUsed = dry ? Flags.ALL : plan.flagsUsed;
        int fWritten = dry ? Flags.ALL : plan.flagsWritten;

        InsnList pro = new InsnList();
        pro.add(new org.objectweb.asm.tree.VarInsnNode(ALOAD, CPU));
        pro.add(new org.objectweb.asm.tree.FieldInsnNode(GETFIELD, CPU_T, "r", "[I"));
        pro.add(new org.objectweb.asm.tree.VarInsnNode(ASTORE, REGS));
        for (int n = 0; n < 15; n++) {
            if ((used & (1 << n)) != 0) {
                pro.add(new org.objectweb.asm.tree.VarInsnNode(ALOAD, REGS));
                pro.add(new org.objectweb.asm.tree.LdcInsnNode(n));
                pro.add(new org.objectweb.asm.tree.InsnNode(IALOAD));
                pro.add(new org.objectweb.asm.tree.VarInsnNode(ISTORE, R0 + n));
            }
        }
        String[] names = {"nf", "zf", "cf", "vf"};
        int[] locals = {NF, ZF, CF, VF};
        for (int i = 0; i < 4; i++) {
            if ((fUsed & (1 << i)) != 0) {
                pro.add(new org.objectweb.asm.tree.VarInsnNode(ALOAD, CPU));
                pro.add(new org.objectweb.asm.tree.FieldInsnNode(GETFIELD, CPU_T, names[i], "I"));
                pro.add(new org.objectweb.asm.tree.VarInsnNode(ISTORE, locals[i]));
            }
        }
        pro.add(new org.objectweb.asm.tree.InsnNode(ICONST_0));
        pro.add(new org.objectweb.asm.tree.VarInsnNode(ISTORE, ADJ));
        pro.add(new org.objectweb.asm.tree.IntInsnNode(SIPUSH, POLL_INTERVAL));
        pro.add(new org.objectweb.asm.tree.VarInsnNode(ISTORE, POLL));
        String[][] ram = {{RAM_ARRAY ? "ramBytes" : "ramBuf", RAM_D}, {"ramBase", "I"}, {"ramSize", "I"}, {"ramCode", "[B"}};
        int[] ramLocals = {RAMW, RAMB, RAMS, RAMC};
        boolean mmu = (tbFlags & io.mttcgj.codegen.tb.TbKey.MMU) != 0;
        if (mmu) {
            // The mode (and so the soft TLB) cannot change inside a block: mode changes end it.
            String tlbT = "io/mttcgj/codegen/arm/mmu/SoftTlb";
            String[] arrays = {"read", "write", "ramOff"};
            int[] tlbLocals = {RAMB, RAMS, TLBO};
            for (int i = 0; i < 3; i++) {
                pro.add(new org.objectweb.asm.tree.VarInsnNode(ALOAD, CPU));
                pro.add(new org.objectweb.asm.tree.FieldInsnNode(GETFIELD, CPU_T, "tlb", "L" + tlbT + ";"));
                pro.add(new org.objectweb.asm.tree.FieldInsnNode(GETFIELD, tlbT, arrays[i], "[I"));
                pro.add(new org.objectweb.asm.tree.VarInsnNode(ASTORE, tlbLocals[i]));
            }
        }
        for (int i = 0; i < 4; i++) {
            if (mmu && (i == 1 || i == 2)) {
                continue;
            }
            pro.add(new org.objectweb.asm.tree.VarInsnNode(ALOAD, CPU));
            pro.add(new org.objectweb.asm.tree.FieldInsnNode(GETFIELD, CPU_T, ram[i][0], ram[i][1]));
            if (i == 2) {
                pro.add(new org.objectweb.asm.tree.LdcInsnNode(Integer.MIN_VALUE));
                pro.add(new org.objectweb.asm.tree.InsnNode(IXOR));
            }
            pro.add(new org.objectweb.asm.tree.VarInsnNode(i == 0 || i == 3 ? ASTORE : ISTORE, ramLocals[i]));
        }
        code.insert(pro);

        // Normal exits: write back, set PC, count, pick the chained successor.
        code.add(epilogue);
        writeBack(written, fWritten);
        loadRegsArray();
        iconst(15);
        iload(EXITPC);
        op(IASTORE);
        addInsns();
        loadCpu();
        iload(SLOT);
        code.add(new org.objectweb.asm.tree.FieldInsnNode(PUTFIELD, CPU_T, "exitSlot", "I"));
        LabelNode not0 = new LabelNode();
        LabelNode not1 = new LabelNode();
        iload(SLOT);
        jump(IFNE, not0);
        code.add(new org.objectweb.asm.tree.VarInsnNode(ALOAD, THIS));
        code.add(new org.objectweb.asm.tree.FieldInsnNode(GETFIELD, TB_T, "chain0", "L" + TB_T + ";"));
        op(ARETURN);
        code.add(not0);
        iload(SLOT);
        iconst(1);
        jump(IF_ICMPNE, not1);
        code.add(new org.objectweb.asm.tree.VarInsnNode(ALOAD, THIS));
        code.add(new org.objectweb.asm.tree.FieldInsnNode(GETFIELD, TB_T, "chain1", "L" + TB_T + ";"));
        op(ARETURN);
        code.add(not1);
        op(ACONST_NULL);
        op(ARETURN);

        if (!faultRanges.isEmpty()) {
            String exc = Type.getInternalName(GuestException.class);
            for (int i = 0; i < faultRanges.size(); i++) {
                LabelNode[] r = faultRanges.get(i);
                int[] site = faultSites.get(i);
                method.tryCatchBlocks.add(new TryCatchBlockNode(r[0], r[1], r[2], exc));
                code.add(r[2]);
                code.add(new org.objectweb.asm.tree.VarInsnNode(ASTORE, EXC));
                if (site[3] != 0) {
                    writeItState(site[2]);
                }
                iconst(site[0]);
                istore(EXITPC);
                iconst(site[1]);
                istore(EXITCNT);
                jump(GOTO, faultCommon);
            }
            code.add(faultCommon);
            writeBack(written, fWritten);
            loadRegsArray();
            iconst(15);
            iload(EXITPC);
            op(IASTORE);
            addInsns();
            code.add(new org.objectweb.asm.tree.VarInsnNode(ALOAD, EXC));
            op(ATHROW);
        }
    }

    private void writeBack(int regs, int flags) {
        for (int n = 0; n < 15; n++) {
            if ((regs & (1 << n)) != 0) {
                loadRegsArray();
                iconst(n);
                iload(R0 + n);
                op(IASTORE);
            }
        }
        flushFlags(flags);
    }

    private void addInsns() {
        loadCpu();
        op(DUP);
        code.add(new org.objectweb.asm.tree.FieldInsnNode(GETFIELD, CPU_T, "insns", "J"));
        iload(EXITCNT);
        iload(ADJ);
        op(IADD);
        op(I2L);
        op(LADD);
        code.add(new org.objectweb.asm.tree.FieldInsnNode(PUTFIELD, CPU_T, "insns", "J"));
    }
}
