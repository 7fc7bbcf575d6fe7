package io.mttcgj.it.diff;

import io.mttcgj.it.diff.ThumbCase.Insn;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random Thumb loads and stores, 16- and 32-bit, every size and addressing mode, that touch only the
 * scratch buffer ({@link CaseSpec#SCRATCH_SIZE} bytes at r12), or read the code (literal loads).
 *
 * <p>As in {@link A32MemGen}: the access address is chosen first (in the buffer, aligned as ARMv7
 * requires, sometimes unaligned where SCTLR.A = 0 allows it), then a temporary base is set with
 * {@code ADDW/SUBW Rb, r12, #B} (or {@code MOV Rb, r12}) and an index with {@code MOVS/MOVW Rm, #k}.
 * Those set-ups make a unit that must run as a whole, so IT blocks only get the forms without set-up
 * ({@link #withoutSetup}): r12 as base (offset addressing), SP-relative, and literal loads. SP is
 * r12 + {@link ThumbCase#SP_OFFSET} outside push/pop groups.
 */
final class ThumbMemGen {
    private static final int MAX_DELTA = 40;
    private static final int[] SIZE_BYTES = {1, 2, 4};

    private final ThumbGen g;
    private final SplittableRandom r;
    private final boolean allowUnaligned;

    ThumbMemGen(ThumbGen g, boolean allowUnaligned) {
        this.g = g;
        this.r = g.random();
        this.allowUnaligned = allowUnaligned;
    }

    void memory(List<Insn> out) {
        switch (r.nextInt(9)) {
            case 0 -> t16Immediate(out);
            case 1 -> t16Register(out);
            case 2 -> t16Multiple(out);
            case 3 -> t32Immediate12(out);
            case 4 -> t32Immediate8(out);
            case 5 -> t32Register(out);
            case 6 -> t32Dual(out);
            case 7 -> t32Multiple(out);
            default -> out.add(Insn.of(withoutSetup()));
        }
    }

    /** A load or store with no set-up, allowed anywhere an instruction is (IT blocks included). */
    int withoutSetup() {
        switch (r.nextInt(5)) {
            case 0: {
                // LDR/STR Rt, [SP, #imm8*4] with SP = r12 + 64: up to r12 + 124
                return (r.nextBoolean() ? 0x9800 : 0x9000) | g.lo() << 8 | r.nextInt(16);
            }
            case 1: {
                int size = r.nextInt(3);
                boolean load = r.nextBoolean();
                int addr = address(SIZE_BYTES[size], alignment(SIZE_BYTES[size]));
                boolean signed = load && size < 2 && r.nextBoolean();
                return single(size, signed, load, 12, load ? g.dest() : g.src()) | 1 << 23 | addr;
            }
            case 2: {
                // LDRD/STRD Rt, Rt2, [r12, #imm8*4]
                boolean load = r.nextBoolean();
                int[] pair = pair(load, -1, false);
                return 0xe9c00000 | (load ? 1 << 20 : 0) | 12 << 16 | pair[0] << 12 | pair[1] << 8
                        | address(8, 4) >> 2;
            }
            default:
                return literal();
        }
    }

    /** LDR (literal) T1, or LDR/LDRB/LDRH/LDRSB/LDRSH.W/LDRD (literal) +-imm: they read the code. */
    private int literal() {
        switch (r.nextInt(3)) {
            case 0:
                return 0x4800 | g.lo() << 8 | g.imm8();
            case 1: {
                int size = r.nextInt(3);
                boolean signed = size < 2 && r.nextBoolean();
                return single(size, signed, true, 15, g.dest()) | r.nextInt(2) << 23 | r.nextInt(256);
            }
            default: {
                int[] pair = pair(true, -1, false);
                return 0xe95f0000 | r.nextInt(2) << 23 | pair[0] << 12 | pair[1] << 8 | r.nextInt(64);
            }
        }
    }

    /** STR/LDR, STRB/LDRB, STRH/LDRH Rt, [Rn, #imm5 * size] with low registers. */
    private void t16Immediate(List<Insn> out) {
        int size = r.nextInt(3);
        int bytes = SIZE_BYTES[size];
        int imm5 = r.nextInt(32);
        int rn = g.lo();
        int addr = address(bytes, alignment(bytes));
        setBase(out, rn, addr - imm5 * bytes);
        int op = new int[] {0x7000, 0x8000, 0x6000}[size];
        out.add(Insn.of(op | (r.nextBoolean() ? 1 << 11 : 0) | imm5 << 6 | rn << 3 | g.lo()));
    }

    /** STR STRH STRB LDRSB LDR LDRH LDRB LDRSH Rt, [Rn, Rm] with low registers. */
    private void t16Register(List<Insn> out) {
        int opB = r.nextInt(8);
        int bytes = switch (opB) {
            case 0, 4 -> 4;
            case 1, 5, 7 -> 2;
            default -> 1;
        };
        int rn = g.lo();
        int rm;
        do {
            rm = g.lo();
        } while (rm == rn);
        int k = r.nextInt(MAX_DELTA + 1);
        setIndex(out, rm, k);
        setBase(out, rn, address(bytes, alignment(bytes)) - k);
        out.add(Insn.of(0x5000 | opB << 9 | rm << 6 | rn << 3 | g.lo()));
    }

    /** STMIA Rn!, {list} / LDMIA Rn{!}, {list} (writeback unless a load's list holds Rn). */
    private void t16Multiple(List<Insn> out) {
        boolean load = r.nextBoolean();
        int rn = g.lo();
        int list;
        do {
            list = r.nextInt(256);
        } while (list == 0 || (!load && (list & 1 << rn) != 0)); // STM with Rn in the list: skip the subtle case
        int lowest = 4 * r.nextInt((CaseSpec.SCRATCH_SIZE - 4 * Integer.bitCount(list)) / 4 + 1);
        setBase(out, rn, lowest);
        out.add(Insn.of((load ? 0xc800 : 0xc000) | rn << 8 | list));
    }

    /** LDR{,B,H,SB,SH}.W / STR{,B,H}.W Rt, [Rn, #imm12]; Rn is r12 or a temporary base. */
    private void t32Immediate12(List<Insn> out) {
        int size = r.nextInt(3);
        int bytes = SIZE_BYTES[size];
        boolean load = r.nextBoolean();
        boolean signed = load && size < 2 && r.nextBoolean();
        int addr = address(bytes, alignment(bytes));
        int rt = load ? g.dest() : g.src();
        if (r.nextInt(4) == 0) {
            out.add(Insn.of(single(size, signed, load, 12, rt) | 1 << 23 | addr));
            return;
        }
        int rn = g.dest();
        int imm12 = r.nextInt(4) == 0 ? r.nextInt(4096) : r.nextInt(MAX_DELTA + 1);
        setBase(out, rn, addr - imm12);
        out.add(Insn.of(single(size, signed, load, rn, rt) | 1 << 23 | imm12));
    }

    /** The imm8 forms: [Rn, #-imm8], [Rn, #+-imm8]!, [Rn], #+-imm8 (writeback with Rn != Rt). */
    private void t32Immediate8(List<Insn> out) {
        int size = r.nextInt(3);
        int bytes = SIZE_BYTES[size];
        boolean load = r.nextBoolean();
        boolean signed = load && size < 2 && r.nextBoolean();
        int mode = r.nextInt(3); // 0 negative offset, 1 pre-indexed, 2 post-indexed
        int imm8 = r.nextInt(MAX_DELTA + 1);
        boolean up = mode != 0 && r.nextBoolean();
        int rn = g.dest();
        int rt;
        do {
            rt = load ? g.dest() : g.src();
        } while (mode != 0 && rt == rn);
        int rel = mode == 2 ? 0 : (up ? imm8 : -imm8);
        setBase(out, rn, address(bytes, alignment(bytes)) - rel);
        int puw = switch (mode) {
            case 0 -> 0b100;
            case 1 -> 0b101 | (up ? 0b010 : 0);
            default -> 0b001 | (up ? 0b010 : 0);
        };
        out.add(Insn.of(single(size, signed, load, rn, rt) | 1 << 11 | puw << 8 | imm8));
    }

    /** [Rn, Rm, LSL #0-3] with Rm set to a small k first. */
    private void t32Register(List<Insn> out) {
        int size = r.nextInt(3);
        int bytes = SIZE_BYTES[size];
        boolean load = r.nextBoolean();
        boolean signed = load && size < 2 && r.nextBoolean();
        int rm = g.dest();
        int rn;
        do {
            rn = r.nextInt(4) == 0 ? 12 : g.dest();
        } while (rn == rm);
        int shift = r.nextInt(4);
        int k = r.nextInt((MAX_DELTA >> shift) + 1);
        int addr = address(bytes, alignment(bytes));
        if (rn == 12) {
            // r12 stays the buffer: the index alone must reach the chosen address
            while ((addr & ((1 << shift) - 1)) != 0) {
                shift--;
            }
            k = addr >> shift;
        }
        setIndex(out, rm, k);
        if (rn != 12) {
            setBase(out, rn, addr - (k << shift));
        }
        out.add(Insn.of(single(size, signed, load, rn, load ? g.dest() : g.src()) | shift << 4 | rm));
    }

    /** LDRD/STRD Rt, Rt2, [Rn, #+-imm8*4]{!} and [Rn], #+-imm8*4 (word aligned). */
    private void t32Dual(List<Insn> out) {
        boolean load = r.nextBoolean();
        int mode = r.nextInt(3);
        int rn = g.dest();
        int[] pair = pair(load, rn, mode != 0);
        int imm = 4 * r.nextInt(MAX_DELTA / 4 + 1);
        boolean up = r.nextBoolean();
        int rel = mode == 2 ? 0 : (up ? imm : -imm);
        setBase(out, rn, address(8, 4) - rel);
        int pw = switch (mode) {
            case 0 -> 0b10;
            case 1 -> 0b11;
            default -> 0b01;
        };
        out.add(Insn.of(0xe8400000 | (pw >> 1) << 24 | (up ? 1 << 23 : 0) | (pw & 1) << 21 | (load ? 1 << 20 : 0)
                | rn << 16 | pair[0] << 12 | pair[1] << 8 | imm >> 2));
    }

    /** LDMIA/LDMDB/STMIA/STMDB.W with 2+ registers, never SP or PC (nor r12 for loads). */
    private void t32Multiple(List<Insn> out) {
        boolean load = r.nextBoolean();
        int[] pool = load ? A32Gen.DEST : A32Gen.SRC;
        int rn = g.dest();
        boolean wback = r.nextBoolean();
        int list = 0;
        int want = 2 + r.nextInt(r.nextInt(6) == 0 ? pool.length - 2 : 4);
        while (Integer.bitCount(list) < want) {
            int reg = pool[r.nextInt(pool.length)];
            if (!(wback && reg == rn)) {
                list |= 1 << reg;
            }
        }
        int n = Integer.bitCount(list);
        boolean db = r.nextBoolean();
        int lowest = 4 * r.nextInt((CaseSpec.SCRATCH_SIZE - 4 * n) / 4 + 1);
        setBase(out, rn, db ? lowest + 4 * n : lowest);
        out.add(Insn.of((db ? 0xe9000000 : 0xe8800000) | (wback ? 1 << 21 : 0) | (load ? 1 << 20 : 0) | rn << 16
                | list));
    }

    /** {Rt, Rt2} for LDRD/STRD: never SP/PC, distinct for loads, neither equal to Rn with writeback. */
    private int[] pair(boolean load, int rn, boolean wback) {
        int t;
        int t2;
        do {
            t = load ? g.dest() : g.src();
            t2 = load ? g.dest() : g.src();
        } while ((load && t == t2) || (wback && (t == rn || t2 == rn)));
        return new int[] {t, t2};
    }

    /** The first halfword and Rt of a T32 single load/store; size 0 byte, 1 halfword, 2 word. */
    private static int single(int size, boolean signed, boolean load, int rn, int rt) {
        return 0xf8000000 | (signed ? 1 << 24 : 0) | size << 21 | (load ? 1 << 20 : 0) | rn << 16 | rt << 12;
    }

    private int alignment(int bytes) {
        if (bytes == 1 || (allowUnaligned && r.nextInt(6) == 0)) {
            return 1;
        }
        return bytes;
    }

    private int address(int bytes, int align) {
        return align * r.nextInt((CaseSpec.SCRATCH_SIZE - bytes) / align + 1);
    }

    /** Rb = r12 + offset: ADDW/SUBW, or MOV Rb, r12 when the offset is 0. */
    private void setBase(List<Insn> out, int rb, int offset) {
        if (offset == 0 && r.nextBoolean()) {
            out.add(Insn.of(0x4600 | (rb >> 3) << 7 | 12 << 3 | (rb & 7)));
        } else {
            out.add(Insn.of(offset >= 0 ? T32.addw(rb, 12, offset) : T32.subw(rb, 12, -offset)));
        }
    }

    /** Rm = k: MOVS (flag-setting, 16-bit) for low registers, else MOVW. */
    private void setIndex(List<Insn> out, int rm, int k) {
        out.add(Insn.of(rm < 8 && r.nextBoolean() ? 0x2000 | rm << 8 | k : T32.movw(rm, k)));
    }
}
