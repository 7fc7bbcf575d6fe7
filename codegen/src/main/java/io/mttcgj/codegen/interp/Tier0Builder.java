package io.mttcgj.codegen.interp;

import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.arm.thumb.ItState;
import io.mttcgj.codegen.tb.TbKey;
import io.mttcgj.memory.AddressSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds tier-0 blocks: decodes guest code from a PC through the translator's decode tables and keeps
 * each instruction's tier-0 form, up to the first instruction that has none (the block ends before it:
 * the next block, starting there, is compiled), an always-taken branch, the instruction limit or the end
 * of the page. Costs a few microseconds a block: no bytecode, no class.
 */
public final class Tier0Builder {
    private final AddressSpace mem;
    private final DecodeTable a32;
    private final DecodeTable t16;
    private final DecodeTable t32;
    private final int maxInsns;
    private final int promoteAt;

    /** A32 only: Thumb blocks are compiled. */
    /**
     * Formats one instruction for the logs; {@code thumb}/{@code wide}: a Thumb instruction, 32-bit; {@code it}:
     * the ITSTATE it executes under (0 outside an IT block).
     */
    public interface Disassembler {
        String disassemble(int insn, int pc, boolean thumb, boolean wide, int it);
    }

    private Consumer<String> inAsmLog;
    private Consumer<String> opLog;
    private Disassembler disassembler;

    /**
     * -d in_asm (the guest instructions of each block made, as for compiled blocks) and -d op (the block's
     * pre-decoded ops: the tier-0 form of each instruction, its condition, its text); either may be null.
     */
    public void setLogs(Consumer<String> inAsm, Consumer<String> op, Disassembler dis) {
        this.inAsmLog = inAsm;
        this.opLog = op;
        this.disassembler = dis;
    }

    private static final String[] COND = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt",
        "le", "al", "nv"};

    /** Writes the logs of a block just built from {@code insns} (the instruction words of its ops). */
    private void log(InterpretedBlock b, Op[] ops, int[] insns, boolean thumb, int[] itAt) {
        StringBuilder asm = inAsmLog == null ? null : new StringBuilder("IN: \n");
        StringBuilder op = opLog == null ? null : new StringBuilder(String.format(
                "OP (tier 0) %s block 0x%08x, %d ops, compiled after %d runs:%n", thumb ? "Thumb" : "A32", b.pc,
                ops.length, promoteAt));
        for (int i = 0; i < ops.length; i++) {
            boolean wide = !thumb || (insns[i] >>> 16) != 0;
            String text = disassembler == null ? ""
                    : disassembler.disassemble(insns[i], ops[i].pc, thumb, wide, itAt == null ? 0 : itAt[i]);
            String word = wide ? String.format("%08x    ", insns[i]) : String.format("%04x        ", insns[i]);
            if (asm != null) {
                asm.append(String.format("0x%08x:  %s  %s%n", ops[i].pc, word, text));
            }
            if (op != null) {
                op.append(String.format(" 0x%08x: %-12s %-3s %s%n", ops[i].pc, ops[i].getClass().getSimpleName(),
                        ops[i].cond == 14 ? "" : COND[ops[i].cond], text));
            }
        }
        if (asm != null) {
            inAsmLog.accept(asm.toString());
        }
        if (op != null) {
            opLog.accept(op.toString());
        }
    }

    public Tier0Builder(AddressSpace mem, DecodeTable a32, int maxInsns, int promoteAt) {
        this(mem, a32, null, null, maxInsns, promoteAt);
    }

    /** {@code t16}/{@code t32}: the Thumb decode tables (T32 with the first halfword in bits 31:16), or null. */
    public Tier0Builder(AddressSpace mem, DecodeTable a32, DecodeTable t16, DecodeTable t32, int maxInsns,
            int promoteAt) {
        this.mem = mem;
        this.a32 = a32;
        this.t16 = t16;
        this.t32 = t32;
        this.maxInsns = maxInsns;
        this.promoteAt = promoteAt;
    }

    /** The tier-0 block at virtual {@code pc} (code at physical {@code phys}), or null if its first instruction has no tier-0 form. */
    public InterpretedBlock build(int pc, int phys, int flags) {
        if ((flags & TbKey.THUMB) != 0) {
            return t16 == null ? null : buildThumb(pc, phys, flags);
        }
        int page = pc >>> 12;
        int delta = phys - pc;
        List<Op> ops = new ArrayList<>();
        List<Integer> words = new ArrayList<>();
        int cur = pc;
        while (ops.size() < maxInsns && (cur >>> 12) == page && mem.isRam(cur + delta, 4)) {
            int insn = mem.read(cur + delta, 4);
            DecodeTable.Row row = a32.find(insn);
            if (row == null || row.tier0() == null) {
                break;
            }
            int cond = insn >>> 28;
            Op op = row.tier0().make(insn, cur, cond == 15 ? 14 : cond);
            if (op == null) {
                break;
            }
            ops.add(op);
            words.add(insn);
            cur += 4;
            if (op.branches() && op.cond == 14) {
                break;
            }
        }
        if (ops.isEmpty()) {
            return null;
        }
        int[] pcRead = new int[ops.size()];
        for (int i = 0; i < pcRead.length; i++) {
            pcRead[i] = ops.get(i).pc + 8;
        }
        return finish(ops, words, false, pcRead, pc, phys, flags, cur, null, null);
    }

    /**
     * Thumb: 16- and 32-bit instructions, IT blocks tracked here as the block compiler tracks them (the IT
     * instruction becomes a no-op that only moves ITSTATE on; the instructions it governs get its
     * conditions). A 32-bit instruction that would reach into the next page ends the block: the next
     * block, starting with it, is compiled (the compiler fetches across pages).
     */
    private InterpretedBlock buildThumb(int pc, int phys, int flags) {
        int page = pc >>> 12;
        int delta = phys - pc;
        List<Op> ops = new ArrayList<>();
        List<int[]> its = new ArrayList<>();
        List<Integer> words = new ArrayList<>();
        int it = TbKey.itState(flags);
        boolean usesIt = it != 0;
        int cur = pc;
        while (ops.size() < maxInsns && ((cur + 2) >>> 12) == page && mem.isRam(cur + delta, 4)) {
            int hw1 = mem.read(cur + delta, 2);
            boolean wide = (hw1 >>> 11) >= 0b11101;
            int insn = wide ? (hw1 << 16) | mem.read(cur + delta + 2, 2) : hw1;
            int len = wide ? 4 : 2;
            boolean inIt = (it & 0xf) != 0;
            int itNext = ItState.advance(it);
            Op op;
            if (!wide && (hw1 & 0xff00) == 0xbf00 && (hw1 & 0xf) != 0) {
                if (inIt || (hw1 & 0xf0) == 0xf0) {
                    break; // IT inside an IT block, or with condition 1111: UNPREDICTABLE, the compiler decides
                }
                op = new ItOp(cur);
                itNext = hw1 & 0xff;
                usesIt = true;
            } else {
                DecodeTable.Row row = (wide ? t32 : t16).find(insn);
                if (row == null || row.tier0() == null) {
                    break;
                }
                op = row.tier0().make(insn, cur, inIt ? OpFactory.IN_IT | (it >>> 4) : 14);
                if (op == null) {
                    break;
                }
            }
            ops.add(op);
            words.add(insn);
            its.add(new int[] {it, itNext});
            it = itNext;
            cur += len;
            if (op.branches() && op.cond == 14) {
                break;
            }
        }
        if (ops.isEmpty()) {
            return null;
        }
        int n = ops.size();
        int[] pcRead = new int[n];
        int[] itAt = usesIt ? new int[n] : null;
        int[] itAfter = usesIt ? new int[n] : null;
        for (int i = 0; i < n; i++) {
            pcRead[i] = ops.get(i).pc + 4;
            if (usesIt) {
                itAt[i] = its.get(i)[0];
                itAfter[i] = its.get(i)[1];
            }
        }
        return finish(ops, words, true, pcRead, pc, phys, flags, cur, itAt, itAfter);
    }

    /** The IT instruction: its effect (ITSTATE) is the block's, recorded per op by the builder. */
    static final class ItOp extends Op {
        ItOp(int pc) {
            super(pc, 14);
        }

        @Override
        public int exec(io.mttcgj.codegen.arm.state.CpuState c) {
            return NEXT;
        }
    }

    private InterpretedBlock finish(List<Op> ops, List<Integer> words, boolean thumb, int[] pcRead, int pc, int phys,
            int flags, int end, int[] itAt, int[] itAfter) {
        int page = pc >>> 12;
        boolean slot0Used = false;
        for (Op op : ops) {
            int t = op.directTarget();
            if (t != -1 && (t >>> 12) == page && !slot0Used) {
                op.slot = 0;
                slot0Used = true;
            }
        }
        int endSlot = (end >>> 12) == page ? 1 : -1;
        InterpretedBlock b = new InterpretedBlock(ops.toArray(new Op[0]), pcRead, end, endSlot, promoteAt, itAt,
                itAfter);
        b.pc = pc;
        b.phys = phys;
        b.flags = flags;
        b.insnCount = ops.size();
        b.guestBytes = end - pc;
        if (inAsmLog != null || opLog != null) {
            log(b, b.ops(), words.stream().mapToInt(Integer::intValue).toArray(), thumb, itAt);
        }
        return b;
    }
}
