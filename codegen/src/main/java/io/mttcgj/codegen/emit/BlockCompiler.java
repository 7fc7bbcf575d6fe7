package io.mttcgj.codegen.emit;

import io.mttcgj.codegen.tb.TbKey;
import io.mttcgj.codegen.tb.TranslationBlock;
import io.mttcgj.memory.AddressSpace;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Consumer;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Turns guest code at a PC into a {@link TranslationBlock}: decode until a block-ending instruction,
 * the instruction limit or the end of the 4 KiB page; emit twice (dry pass for liveness, real pass);
 * define the result as a hidden class (unloaded by GC once the block is dropped).
 *
 * <p>HotSpot does not JIT-compile methods over 8000 bytes of bytecode, so a block whose method
 * comes out larger than {@link #MAX_METHOD_BYTES} is recompiled with half the instructions.
 */
public final class BlockCompiler implements Opcodes {
    public static final int MAX_METHOD_BYTES = 7000;
    private static final String TB_T = "io/mttcgj/codegen/tb/TranslationBlock";
    private static final MethodHandles.Lookup LOOKUP = TranslationBlock.lookup();

    private final AddressSpace mem;
    private final Decoder a32;
    private final Decoder t16;
    private final Decoder t32;
    private final int maxInsns;
    private Consumer<String> inAsmLog;
    private Disassembler disassembler;

    /** Formats one instruction for -d in_asm. */
    public interface Disassembler {
        String disassemble(int insn, int pc);
    }

    public BlockCompiler(AddressSpace mem, Decoder a32, int maxInsns) {
        this(mem, a32, null, null, maxInsns);
    }

    /** {@code t16}/{@code t32}: the Thumb decoders (16-bit, and 32-bit with the first halfword in bits 31:16). */
    public BlockCompiler(AddressSpace mem, Decoder a32, Decoder t16, Decoder t32, int maxInsns) {
        this.mem = mem;
        this.a32 = a32;
        this.t16 = t16;
        this.t32 = t32;
        this.maxInsns = maxInsns;
    }

    public void setInAsmLog(Consumer<String> log, Disassembler dis) {
        setInAsmLog(log, dis, null);
    }

    /** {@code thumbDis}: formats a Thumb instruction (null: the decoder row's name). */
    public void setInAsmLog(Consumer<String> log, Disassembler dis, ThumbText thumbDis) {
        this.inAsmLog = log;
        this.disassembler = dis;
        this.thumbDisassembler = thumbDis;
    }

    private ThumbText thumbDisassembler;

    /** Formats one Thumb instruction; {@code it}: the ITSTATE it executes under (0 outside an IT block). */
    public interface ThumbText {
        String disassemble(int insn, boolean wide, int pc, int it);
    }

    /** Thrown when the PC points at something that is not code we can translate. */
    public static final class UntranslatableException extends RuntimeException {
        public UntranslatableException(String msg) {
            super(msg);
        }
    }

    /** With the MMU off: the code's physical address is its virtual address. */
    public TranslationBlock compile(int pc, int flags) {
        return compile(pc, pc, flags, va -> va);
    }

    // The block being compiled: physical minus virtual address of its page, and how to translate the
    // next page (only a 32-bit Thumb instruction in the last halfword of a page reaches into it).
    private int codeDelta;
    private java.util.function.IntUnaryOperator nextPage;

    private int code(int va, int size) {
        return mem.read(codePhys(va), size);
    }

    private int codePhys(int va) {
        if ((va >>> 12) != blockPage) {
            return nextPage.applyAsInt(va);
        }
        return va + codeDelta;
    }

    private int blockPage;

    /**
     * Translates the block at virtual {@code pc} whose code is at physical {@code phys}; {@code nextPage}
     * translates an address of the following page for instruction fetch (it may throw the guest's
     * Prefetch Abort).
     */
    public TranslationBlock compile(int pc, int phys, int flags, java.util.function.IntUnaryOperator nextPage) {
        this.codeDelta = phys - pc;
        this.blockPage = pc >>> 12;
        this.nextPage = nextPage;
        if ((flags & TbKey.THUMB) != 0 && t16 == null) {
            throw new UntranslatableException(String.format(
                    "Thumb code at 0x%08x: the Thumb instruction set is not supported yet", pc));
        }
        if (!mem.isRam(phys, 2)) {
            throw new UntranslatableException(pc == phys
                    ? String.format("execution from 0x%08x, which is not RAM (%s)", pc, mem.regionName(pc))
                    : String.format("execution from 0x%08x (physical 0x%08x), which is not RAM (%s)", pc, phys,
                            mem.regionName(phys)));
        }
        int limit = maxInsns;
        while (true) {
            Built b = build(pc, flags, limit);
            if (b.methodBytes <= MAX_METHOD_BYTES || limit == 1) {
                return define(b, pc, phys, flags);
            }
            limit = Math.max(1, b.insns / 2);
        }
    }

    private static final class Built {
        byte[] bytes;
        int insns;
        int guestBytes;
        int methodBytes;
    }

    private Built build(int pc, int flags, int limit) {
        Emitter.Plan plan = new Emitter.Plan();
        MethodNode dryNode = newMethod();
        Emitter dry = new Emitter(dryNode, null, pc);
        dry.setDryPlan(plan);
        dry.setTbFlags(flags);
        boolean thumb = (flags & TbKey.THUMB) != 0;
        int n = thumb ? emitThumb(dry, pc, flags, limit, Integer.MAX_VALUE, false)
                : emitBody(dry, pc, limit, Integer.MAX_VALUE, false);
        plan.regsUsed = dry.regsRead | dry.regsWritten;
        plan.regsWritten = dry.regsWritten;
        plan.flagsUsed = dry.flagsRead | dry.flagsWritten;
        plan.flagsWritten = dry.flagsWritten;
        plan.computeLiveness();

        MethodNode node = newMethod();
        Emitter real = new Emitter(node, plan, pc);
        real.setTbFlags(flags);
        int n2 = thumb ? emitThumb(real, pc, flags, limit, n, inAsmLog != null)
                : emitBody(real, pc, limit, n, inAsmLog != null);
        if (n2 != n) {
            throw new IllegalStateException("translation passes disagree at " + Integer.toHexString(pc));
        }
        real.emitPrologueAndEpilogue();
        node.maxLocals = real.maxLocal + 2;
        node.maxStack = 16;

        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return "java/lang/Object";
            }
        };
        String name = TB_T.substring(0, TB_T.lastIndexOf('/') + 1) + "Block_" + Integer.toHexString(pc);
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, TB_T, null);
        var init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, TB_T, "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(1, 1);
        init.visitEnd();
        LabelNode endMark = new LabelNode();
        node.instructions.add(endMark);
        node.accept(cw);
        cw.visitEnd();
        Built b = new Built();
        b.bytes = cw.toByteArray();
        b.insns = n;
        b.guestBytes = real.guestBytes;
        Label l = endMark.getLabel();
        b.methodBytes = l.getOffset();
        return b;
    }

    private static MethodNode newMethod() {
        return new MethodNode(ACC_PUBLIC, "exec", "(Lio/mttcgj/codegen/arm/state/CpuState;)L" + TB_T + ";", null,
                null);
    }

    /** Emits up to {@code limit} instructions; returns how many were emitted. */
    private int emitBody(Emitter e, int pc, int limit, int stopAt, boolean log) {
        int page = pc >>> 12;
        int cur = pc;
        int i = 0;
        e.limit = limit;
        StringBuilder asm = log ? new StringBuilder() : null;
        while (true) {
            int insn = code(cur, 4);
            if (asm != null) {
                asm.append(String.format("0x%08x:  %08x      %s%n", cur, insn,
                        disassembler == null ? a32.name(insn) : disassembler.disassemble(insn, cur)));
            }
            e.beginInsn(i, cur, false, 4);
            a32.decode(insn).translate(e, insn);
            e.endInsn();
            i++;
            cur += 4;
            boolean more = i < limit && i < stopAt && (cur >>> 12) == page && mem.isRam(codePhys(cur), 4);
            if (e.noFallThrough()) {
                // Code after an unconditional branch is only worth translating if a jump in this block goes there.
                if (more && e.pendingAfter(cur)) {
                    continue;
                }
                break;
            }
            if (!more) {
                e.fallThrough(cur);
                break;
            }
        }
        e.resolvePending();
        e.guestBytes = cur - pc;
        if (asm != null) {
            inAsmLog.accept("IN: \n" + asm);
        }
        return i;
    }

    /**
     * Thumb: 16- and 32-bit instructions, and IT blocks tracked at translation time (the instructions of an
     * IT block are made conditional here; a block may start or end inside one: the IT state is part of
     * the block's key and is written to CPSR at every exit).
     */
    private int emitThumb(Emitter e, int pc, int flags, int limit, int stopAt, boolean log) {
        int page = pc >>> 12;
        int cur = pc;
        int i = 0;
        int it = TbKey.itState(flags);
        e.limit = limit;
        StringBuilder asm = log ? new StringBuilder() : null;
        while (true) {
            if (e.isPendingTarget(cur)) {
                // A jump target starts outside any IT block (branching into one is UNPREDICTABLE): what the
                // halfwords before it looked like (a literal pool after a branch may look like an IT) does not
                // make it conditional.
                it = 0;
            }
            int hw1 = code(cur, 2);
            boolean wide = (hw1 >>> 11) >= 0b11101;
            int insn = wide ? (hw1 << 16) | code(cur + 2, 2) : hw1;
            int len = wide ? 4 : 2;
            int itCur = it;
            int itNext = io.mttcgj.codegen.arm.thumb.ItState.advance(it);
            boolean itInsn = !wide && (hw1 & 0xff00) == 0xbf00 && (hw1 & 0xf) != 0;
            if (itInsn) {
                itNext = hw1 & 0xff;
            }
            if (asm != null) {
                asm.append(String.format(wide ? "0x%08x:  %08x      %s%n" : "0x%08x:  %04x          %s%n", cur, insn,
                        thumbDisassembler != null ? thumbDisassembler.disassemble(insn, wide, cur, itCur)
                                : wide ? t32.name(insn) : t16.name(insn)));
            }
            e.beginInsn(i, cur, true, len);
            e.setItState(itCur, itNext);
            boolean bkpt = !wide && (hw1 & 0xff00) == 0xbe00; // BKPT is unconditional even inside an IT block
            if ((itCur & 0xf) != 0 && (itCur >>> 4) != 0xe && !bkpt) {
                e.condition(itCur >>> 4);
            }
            if (!itInsn) {
                (wide ? t32 : t16).decode(insn).translate(e, insn);
            }
            e.endInsn();
            it = itNext;
            i++;
            cur += len;
            boolean more = i < limit && i < stopAt && ((cur + 2) >>> 12) == page && mem.isRam(codePhys(cur), 4);
            if (e.noFallThrough()) {
                if (more && e.pendingAfter(cur)) {
                    continue;
                }
                break;
            }
            if (!more) {
                e.fallThrough(cur);
                break;
            }
        }
        e.resolvePending();
        e.guestBytes = cur - pc;
        if (asm != null) {
            inAsmLog.accept("IN: \n" + asm);
        }
        return i;
    }

    /** Developer aid: -Dmttcg.dumpBlocks=DIR writes every generated class there (inspect with javap -c). */
    private static final String DUMP_DIR = System.getProperty("mttcg.dumpBlocks");

    private TranslationBlock define(Built b, int pc, int phys, int flags) {
        if (DUMP_DIR != null) {
            try {
                java.nio.file.Files.createDirectories(java.nio.file.Path.of(DUMP_DIR));
                java.nio.file.Files.write(java.nio.file.Path.of(DUMP_DIR, String.format("Block_%08x.class", pc)),
                        b.bytes);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        try {
            MethodHandles.Lookup hidden = LOOKUP.defineHiddenClass(b.bytes, true);
            TranslationBlock tb = (TranslationBlock) hidden.findConstructor(hidden.lookupClass(),
                    MethodType.methodType(void.class)).invoke();
            tb.pc = pc;
            tb.phys = phys;
            tb.flags = flags;
            tb.insnCount = b.insns;
            tb.guestBytes = b.guestBytes;
            return tb;
        } catch (Throwable t) {
            throw new IllegalStateException(String.format("cannot define the translated block for 0x%08x", pc), t);
        }
    }
}
