package io.mttcgj.codegen.interp;

import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.arm.thumb.ItState;
import io.mttcgj.codegen.tb.TbKey;
import io.mttcgj.memory.AddressSpace;
import java.util.ArrayList;
import java.util.List;

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
        return finish(ops, pcRead, pc, phys, flags, cur, null, null);
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
        return finish(ops, pcRead, pc, phys, flags, cur, itAt, itAfter);
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

    private InterpretedBlock finish(List<Op> ops, int[] pcRead, int pc, int phys, int flags, int end, int[] itAt,
            int[] itAfter) {
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
        return b;
    }
}
