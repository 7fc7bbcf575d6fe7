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
 * of the page. A32 only so far: Thumb blocks are compiled. Costs a few microseconds a block: no bytecode, no class.
 */
public final class Tier0Builder {
    private final AddressSpace mem;
    private final DecodeTable a32;
    private final int maxInsns;
    private final int promoteAt;

    public Tier0Builder(AddressSpace mem, DecodeTable a32, int maxInsns, int promoteAt) {
        this.mem = mem;
        this.a32 = a32;
        this.maxInsns = maxInsns;
        this.promoteAt = promoteAt;
    }

    /** The tier-0 block at virtual {@code pc} (code at physical {@code phys}), or null if its first instruction has no tier-0 form. */
    public InterpretedBlock build(int pc, int phys, int flags) {
        if ((flags & TbKey.THUMB) != 0) {
            return null; // no tier-0 Thumb yet: Thumb blocks are compiled
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
        return finish(ops, pcRead, pc, phys, flags, cur);
    }

    private InterpretedBlock finish(List<Op> ops, int[] pcRead, int pc, int phys, int flags, int end) {
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
        InterpretedBlock b = new InterpretedBlock(ops.toArray(new Op[0]), pcRead, end, endSlot, promoteAt);
        b.pc = pc;
        b.phys = phys;
        b.flags = flags;
        b.insnCount = ops.size();
        b.guestBytes = end - pc;
        return b;
    }
}
