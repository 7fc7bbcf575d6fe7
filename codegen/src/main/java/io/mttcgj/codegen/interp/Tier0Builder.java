package io.mttcgj.codegen.interp;

import io.mttcgj.codegen.arm.decode.DecodeTable;
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
    private final ThumbDecoder thumb;
    private final int maxInsns;
    private final int promoteAt;

    /** Thumb's tier-0 decoding (null: Thumb blocks are always compiled). */
    public interface ThumbDecoder {
        /**
         * The op of the Thumb instruction {@code insn} (a 16-bit one in bits 15:0, or a 32-bit one with its
         * first halfword in bits 31:16) at {@code pc} with condition {@code cond}, or null.
         */
        Op decode(int insn, boolean wide, int pc, int cond);
    }

    public Tier0Builder(AddressSpace mem, DecodeTable a32, ThumbDecoder thumb, int maxInsns, int promoteAt) {
        this.mem = mem;
        this.a32 = a32;
        this.thumb = thumb;
        this.maxInsns = maxInsns;
        this.promoteAt = promoteAt;
    }

    /** The tier-0 block at virtual {@code pc} (code at physical {@code phys}), or null if its first instruction has no tier-0 form. */
    public InterpretedBlock build(int pc, int phys, int flags) {
        if ((flags & TbKey.THUMB) != 0) {
            return thumb == null ? null : buildThumb(pc, phys, flags);
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
        return finish(ops, pcRead, null, null, pc, phys, flags, cur);
    }

    private InterpretedBlock buildThumb(int pc, int phys, int flags) {
        int page = pc >>> 12;
        int delta = phys - pc;
        List<Op> ops = new ArrayList<>();
        List<int[]> its = new ArrayList<>();
        int it = TbKey.itState(flags);
        int cur = pc;
        // A 32-bit instruction must lie wholly in the page (the translator handles the one that straddles).
        while (ops.size() < maxInsns && ((cur + 2) >>> 12) == page && mem.isRam(cur + delta, 4)) {
            int hw1 = mem.read(cur + delta, 2);
            boolean wide = (hw1 >>> 11) >= 0b11101;
            int insn = wide ? (hw1 << 16) | mem.read(cur + delta + 2, 2) : hw1;
            int len = wide ? 4 : 2;
            boolean itInsn = !wide && (hw1 & 0xff00) == 0xbf00 && (hw1 & 0xf) != 0;
            int itCur = it;
            int itNext = itInsn ? hw1 & 0xff : itAdvance(it);
            boolean bkpt = !wide && (hw1 & 0xff00) == 0xbe00;
            int cond = (itCur & 0xf) != 0 && !bkpt ? itCur >>> 4 : 14;
            Op op = itInsn ? new ItOp(cur) : thumb.decode(insn, wide, cur, cond);
            if (op == null || (itCur & 0xf) != 0 && op.branches() && (itCur & 0xf) != 8) {
                break; // a branch inside an IT block but not its last instruction: UNPREDICTABLE, leave it
            }
            ops.add(op);
            its.add(new int[] {itCur, itNext});
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
        int[] before = new int[n];
        int[] after = new int[n];
        for (int i = 0; i < n; i++) {
            pcRead[i] = ops.get(i).pc + 4;
            before[i] = its.get(i)[0];
            after[i] = its.get(i)[1];
        }
        return finish(ops, pcRead, before, after, pc, phys, flags, cur);
    }

    /** ITAdvance (ARM ARM A2.5.2). */
    static int itAdvance(int it) {
        if ((it & 7) == 0) {
            return 0;
        }
        return (it & 0xe0) | ((it << 1) & 0x1f);
    }

    private InterpretedBlock finish(List<Op> ops, int[] pcRead, int[] before, int[] after, int pc, int phys,
            int flags, int end) {
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
        InterpretedBlock b = new InterpretedBlock(ops.toArray(new Op[0]), pcRead, before, after, end, endSlot,
                promoteAt);
        b.pc = pc;
        b.phys = phys;
        b.flags = flags;
        b.insnCount = ops.size();
        b.guestBytes = end - pc;
        return b;
    }

    /** IT itself: its effect is the IT state the builder tracks; it does nothing when run. */
    static final class ItOp extends Op {
        ItOp(int pc) {
            super(pc, 14);
        }

        @Override
        public int exec(io.mttcgj.codegen.arm.state.CpuState c) {
            return NEXT;
        }
    }
}
