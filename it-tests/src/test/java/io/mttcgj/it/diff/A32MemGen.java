package io.mttcgj.it.diff;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Random loads and stores for {@link A32Gen}, every size and addressing mode, that touch only the
 * scratch buffer ({@link CaseSpec#SCRATCH_SIZE} bytes at r12).
 *
 * <p>Either r12 is the base (offset addressing, no writeback), or a temporary base register is first
 * set with {@code ADD/SUB Rb, r12, #B} and then used with any addressing mode, writeback included; an
 * index register is first set with {@code MOV Rm, #k}. The access address is chosen first (inside
 * the buffer, aligned as ARMv7 requires) and B is derived from it, so every mode stays in bounds.
 * Word and halfword accesses are sometimes unaligned (allowed with SCTLR.A=0; QEMU 7.2 allows them
 * with the MMU off, which is what our contract follows).
 */
final class A32MemGen {
    private static final int MAX_DELTA = 40;

    private final A32Gen g;
    private final SplittableRandom r;
    private final boolean allowUnaligned;

    A32MemGen(A32Gen g, boolean allowUnaligned) {
        this.g = g;
        this.r = g.random();
        this.allowUnaligned = allowUnaligned;
    }

    void memory(List<Integer> out) {
        switch (r.nextInt(5)) {
            case 0 -> singleImmediate(out);
            case 1 -> singleRegister(out);
            case 2 -> extraImmediate(out);
            case 3 -> extraRegister(out);
            default -> multiple(out);
        }
    }

    /** LDR/STR/LDRB/STRB with a 12-bit immediate offset. */
    private void singleImmediate(List<Integer> out) {
        boolean load = r.nextBoolean();
        boolean byteSize = r.nextBoolean();
        int size = byteSize ? 1 : 4;
        int delta = r.nextInt(-MAX_DELTA, MAX_DELTA + 1);
        if (r.nextInt(4) == 0) {
            // r12 itself: offset addressing only (r12 must keep the buffer address), U=1
            int addr = address(size, alignmentOf(size, false));
            int rt = load ? g.dest() : g.src();
            out.add(single(g.cond(), 1, 1, byteSize, 0, load, 12, rt, addr));
            return;
        }
        int mode = r.nextInt(3); // offset, pre-indexed, post-indexed
        int[] regs = baseAndTransfer(load, mode != 0, -1, -1);
        int rel = mode == 2 ? 0 : delta;
        setBase(out, regs[0], address(size, alignmentOf(size, false)) - rel);
        out.add(single(g.cond(), mode == 2 ? 0 : 1, delta >= 0 ? 1 : 0, byteSize, mode == 1 ? 1 : 0, load, regs[0],
                regs[1], Math.abs(delta)));
    }

    /** LDR/STR/LDRB/STRB with a (scaled) register offset. */
    private void singleRegister(List<Integer> out) {
        boolean load = r.nextBoolean();
        boolean byteSize = r.nextBoolean();
        int size = byteSize ? 1 : 4;
        int mode = r.nextInt(3);
        int rm = g.dest();
        int[] regs = baseAndTransfer(load, mode != 0, rm, -1);
        // index = k shifted: LSL #0-3, LSR/ASR #1-8 of a non-negative k, or LSR/ASR #32 (always 0)
        int type = r.nextInt(3);
        int imm5;
        int k;
        int delta;
        if (type == 0) {
            imm5 = r.nextInt(4);
            k = r.nextInt((MAX_DELTA >> imm5) + 1);
            delta = k << imm5;
        } else if (r.nextInt(5) == 0) {
            imm5 = 0;
            k = r.nextInt(256);
            delta = 0;
        } else {
            imm5 = 1 + r.nextInt(8);
            k = r.nextInt(Math.min(255, MAX_DELTA << imm5) + 1);
            delta = k >>> imm5;
        }
        int up = r.nextInt(2);
        int rel = mode == 2 ? 0 : (up == 1 ? delta : -delta);
        out.add(A32Gen.movImm(rm, k, 0));
        setBase(out, regs[0], address(size, alignmentOf(size, false)) - rel);
        int offset = (imm5 << 7) | (type << 5) | rm;
        out.add(single(g.cond(), mode == 2 ? 0 : 1, up, byteSize, mode == 1 ? 1 : 0, load, regs[0], regs[1], offset)
                | (1 << 25));
    }

    private static int single(int cond, int p, int u, boolean byteSize, int w, boolean load, int rn, int rt,
            int low12) {
        return (cond << 28) | 0x04000000 | (p << 24) | (u << 23) | ((byteSize ? 1 : 0) << 22) | (w << 21)
                | ((load ? 1 : 0) << 20) | (rn << 16) | (rt << 12) | low12;
    }

    // extra load/store kinds: {L bit, op2, size}
    private static final int[][] EXTRA = {
        {0, 1, 2},  // STRH
        {1, 1, 2},  // LDRH
        {1, 2, 1},  // LDRSB
        {1, 3, 2},  // LDRSH
        {0, 2, 8},  // LDRD (L=0, op2=10)
        {0, 3, 8},  // STRD
    };

    /** LDRH/STRH/LDRSH/LDRSB/LDRD/STRD with an 8-bit immediate offset. */
    private void extraImmediate(List<Integer> out) {
        int[] kind = EXTRA[r.nextInt(EXTRA.length)];
        boolean dual = kind[2] == 8;
        boolean load = kind[0] == 1 || kind[1] == 2;
        int delta = r.nextInt(-MAX_DELTA, MAX_DELTA + 1);
        if (dual) {
            delta &= ~3;
        }
        if (r.nextInt(4) == 0) {
            int addr = address(kind[2], alignmentOf(kind[2], dual));
            int rt = dual ? evenRegister() : (load ? g.dest() : g.src());
            out.add(extra(g.cond(), 1, 1, 1, 0, kind, 12, rt, ((addr >> 4) << 8) | (addr & 15)));
            return;
        }
        int mode = r.nextInt(3);
        int[] regs = dual ? baseAndPair(mode != 0, -1) : baseAndTransfer(load, mode != 0, -1, -1);
        int rel = mode == 2 ? 0 : delta;
        setBase(out, regs[0], address(kind[2], alignmentOf(kind[2], dual)) - rel);
        int imm = Math.abs(delta);
        out.add(extra(g.cond(), mode == 2 ? 0 : 1, delta >= 0 ? 1 : 0, 1, mode == 1 ? 1 : 0, kind, regs[0], regs[1],
                ((imm >> 4) << 8) | (imm & 15)));
    }

    /** The same with a register offset (no shift in this encoding). */
    private void extraRegister(List<Integer> out) {
        int[] kind = EXTRA[r.nextInt(EXTRA.length)];
        boolean dual = kind[2] == 8;
        boolean load = kind[0] == 1 || kind[1] == 2;
        int mode = r.nextInt(3);
        int rm = g.dest();
        // binutils flags Rt == Rm in this form as UNPREDICTABLE (with writeback): keep clear of it altogether
        int[] regs = dual ? baseAndPair(mode != 0, rm) : baseAndTransfer(load, mode != 0, rm, rm);
        int k = r.nextInt(MAX_DELTA + 1);
        if (dual) {
            k &= ~3;
        }
        int up = r.nextInt(2);
        int rel = mode == 2 ? 0 : (up == 1 ? k : -k);
        out.add(A32Gen.movImm(rm, k, 0));
        setBase(out, regs[0], address(kind[2], alignmentOf(kind[2], dual)) - rel);
        out.add(extra(g.cond(), mode == 2 ? 0 : 1, up, 0, mode == 1 ? 1 : 0, kind, regs[0], regs[1], rm));
    }

    private static int extra(int cond, int p, int u, int immForm, int w, int[] kind, int rn, int rt, int low) {
        return (cond << 28) | (p << 24) | (u << 23) | (immForm << 22) | (w << 21) | (kind[0] << 20) | (rn << 16)
                | (rt << 12) | 0x90 | (kind[1] << 5) | low;
    }

    /** LDM/STM IA/IB/DA/DB, with and without writeback; lists never hold PC, SP or (for LDM) r12. */
    private void multiple(List<Integer> out) {
        boolean load = r.nextBoolean();
        int[] pool = load ? A32Gen.DEST : A32Gen.SRC;
        int list = 0;
        int want = r.nextInt(8) == 0 ? pool.length : 1 + r.nextInt(6);
        for (int i = 0; i < want; i++) {
            list |= 1 << pool[r.nextInt(pool.length)];
        }
        int n = Integer.bitCount(list);
        int cond = g.cond();
        int l = load ? 1 : 0;
        if (r.nextInt(4) == 0) {
            // r12 as base: IA or IB without writeback; the lowest address is r12 or r12 + 4
            int p = r.nextInt(2);
            out.add((cond << 28) | 0x08800000 | (p << 24) | (l << 20) | (12 << 16) | list);
            return;
        }
        int destsInList = 0;
        for (int d : A32Gen.DEST) {
            destsInList += (list >>> d) & 1;
        }
        boolean wback = r.nextBoolean() && destsInList < A32Gen.DEST.length;
        int rn;
        do {
            rn = g.dest();
        } while (wback && (list & (1 << rn)) != 0); // writeback with Rn in the list is UNPREDICTABLE / UNKNOWN
        if (load && (list & (1 << rn)) == 0 && r.nextInt(3) == 0 && !wback) {
            list |= 1 << rn; // loading the base itself (no writeback) is defined
            n++;
        }
        int p = r.nextInt(2);
        int u = r.nextInt(2);
        int lowest = 4 * r.nextInt((CaseSpec.SCRATCH_SIZE - 4 * n) / 4 + 1);
        int base = switch ((p << 1) | u) {
            case 1 -> lowest;              // IA: Rn .. Rn+4n-4
            case 3 -> lowest - 4;          // IB: Rn+4 .. Rn+4n
            case 0 -> lowest + 4 * n - 4;  // DA: Rn-4n+4 .. Rn
            default -> lowest + 4 * n;     // DB: Rn-4n .. Rn-4
        };
        setBase(out, rn, base);
        out.add((cond << 28) | 0x08000000 | (p << 24) | (u << 23) | ((wback ? 1 : 0) << 21) | (l << 20) | (rn << 16)
                | list);
    }

    /**
     * {base register, transfer register}: the base is never {@code rm}; with writeback they differ
     * (Rn == Rt is UNPREDICTABLE); the transfer register is never {@code notRt}.
     */
    private int[] baseAndTransfer(boolean load, boolean wback, int rm, int notRt) {
        int rn;
        do {
            rn = g.dest();
        } while (rn == rm);
        int rt;
        do {
            rt = load ? g.dest() : g.src();
        } while ((wback && rt == rn) || rt == notRt);
        return new int[] {rn, rt};
    }

    /** {base register, even first register of a pair}: the pair never overlaps Rm, nor Rn with writeback. */
    private int[] baseAndPair(boolean wback, int rm) {
        int rn;
        do {
            rn = g.dest();
        } while (rn == rm);
        int rt;
        do {
            rt = evenRegister();
        } while ((rm >= 0 && (rt == rm || rt + 1 == rm)) || (wback && (rt == rn || rt + 1 == rn)));
        return new int[] {rn, rt};
    }

    private int evenRegister() {
        return 2 * r.nextInt(6); // r0/r1 .. r10/r11
    }

    private int alignmentOf(int size, boolean dual) {
        if (dual) {
            return 4; // LDRD/STRD need word alignment whatever SCTLR.A says
        }
        if (size == 1 || (allowUnaligned && r.nextInt(6) == 0)) {
            return 1;
        }
        return size;
    }

    /** A buffer offset for an access of {@code size} bytes, a multiple of {@code align}. */
    private int address(int size, int align) {
        return align * r.nextInt((CaseSpec.SCRATCH_SIZE - size) / align + 1);
    }

    /** {@code ADD/SUB rb, r12, #|offset|} (always executed). */
    private static void setBase(List<Integer> out, int rb, int offset) {
        if (Math.abs(offset) > 255) {
            throw new IllegalStateException("base offset out of range: " + offset);
        }
        int op = offset >= 0 ? 0xe28c0000 : 0xe24c0000;
        out.add(op | (rb << 12) | Math.abs(offset));
    }
}
