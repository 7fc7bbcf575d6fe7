package io.mttcgj.it.diff;

import io.mttcgj.it.diff.ThumbCase.Insn;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded generator of random Thumb code for the differential test (everything but VFP/NEON). A case
 * is a sequence of units, each of which runs as a whole:
 * <ul>
 * <li>one computing instruction ({@link T16Gen}, {@link T32Gen});</li>
 * <li>a load/store with the set-up of its base and index ({@link ThumbMemGen});</li>
 * <li>a stack group: PUSH (T16 or .W) or SUB SP, SP-relative accesses, then POP of as many registers
 * or ADD SP, so SP is balanced;</li>
 * <li>an IT block (IT, ITT, ITE, ... 1-4 instructions, conditions following the mask; only
 * instructions allowed there, a branch only as the last one);</li>
 * <li>a forward branch (CBZ/CBNZ, B&lt;c&gt;, B, B&lt;c&gt;.W, B.W, BL) over 1-3 whole units;</li>
 * <li>an interworking call: BLX (immediate), or ADR + BLX Rm, to an A32 stub that returns with
 * BX LR.</li>
 * </ul>
 * Encodings follow the ARMv7-A ARM and avoid every UNPREDICTABLE form; no instruction writes SP
 * (except balanced stack groups), PC (except branches) or r12. {@link ThumbCase} wraps the body in the
 * A32 entry (BLX) and exit (BX PC) sequences.
 */
final class ThumbGen {
    static final int MAX_UNITS = 7;
    private static final int MAX_STACK = ThumbCase.SP_OFFSET;

    private final SplittableRandom r;
    private final A32Gen a32;
    private final T16Gen t16;
    private final T32Gen t32;
    private final ThumbMemGen mem;
    private final List<int[]> stubs = new ArrayList<>();

    private ThumbGen(SplittableRandom r, boolean allowUnaligned) {
        this.r = r;
        this.a32 = new A32Gen(r, allowUnaligned);
        this.t16 = new T16Gen(this);
        this.t32 = new T32Gen(this);
        this.mem = new ThumbMemGen(this, allowUnaligned);
    }

    /** The case for {@code seed}: the same seed always gives the same case. */
    static ThumbCase generate(long seed) {
        return generate(seed, true);
    }

    static ThumbCase generate(long seed, boolean allowUnaligned) {
        SplittableRandom r = new SplittableRandom(seed);
        ThumbGen g = new ThumbGen(r, allowUnaligned);
        int[] regs = new int[CaseSpec.REG_COUNT];
        for (int i = 0; i < regs.length; i++) {
            regs[i] = g.value();
        }
        int apsr = (r.nextInt() & 0xf8000000) | (r.nextInt(16) << 16);
        byte[] scratch = new byte[CaseSpec.SCRATCH_SIZE];
        for (int i = 0; i < scratch.length; i += 4) {
            int v = g.value();
            for (int k = 0; k < 4; k++) {
                scratch[i + k] = (byte) (v >>> (8 * k));
            }
        }
        List<Insn> body = new ArrayList<>();
        int n = 1 + r.nextInt(MAX_UNITS);
        for (int i = 0; i < n; i++) {
            g.unit(body, 0);
        }
        return ThumbCase.assemble(seed, regs, apsr, scratch, body, g.stubs);
    }

    SplittableRandom random() {
        return r;
    }

    int value() {
        return a32.value();
    }

    int lo() {
        return r.nextInt(8);
    }

    int dest() {
        return A32Gen.DEST[r.nextInt(A32Gen.DEST.length)];
    }

    int src() {
        return A32Gen.SRC[r.nextInt(A32Gen.SRC.length)];
    }

    int imm8() {
        return switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> 0xff;
            default -> r.nextInt(256);
        };
    }

    /** 0 (LSL #0, LSR/ASR #32, RRX), 1, 31 or anything in between. */
    int shiftImm5() {
        return switch (r.nextInt(6)) {
            case 0, 1 -> 0;
            case 2 -> 1;
            case 3 -> 31;
            default -> r.nextInt(32);
        };
    }

    /** One computing instruction; {@code inIt}: it will sit in an IT block. */
    int simple(boolean inIt) {
        return r.nextBoolean() ? t16.simple(inIt) : t32.simple();
    }

    /** Appends one unit; {@code depth} > 0 inside a branch's skipped units (no nested branches). */
    void unit(List<Insn> out, int depth) {
        int k = r.nextInt(100);
        if (k < 34) {
            out.add(Insn.of(simple(false)));
        } else if (k < 58) {
            mem.memory(out);
        } else if (k < 66) {
            stackGroup(out);
        } else if (k < 80) {
            itBlock(out, depth);
        } else if (k < 90 && depth == 0) {
            forwardBranch(out);
        } else if (k < 96) {
            interworkingCall(out);
        } else {
            divideEdge(out);
        }
    }

    /** SDIV/UDIV by zero, or SDIV of INT_MIN by -1 (results 0 and INT_MIN). */
    private void divideEdge(List<Insn> out) {
        int rn = dest();
        int rm;
        do {
            rm = dest();
        } while (rm == rn);
        boolean signed = r.nextBoolean();
        if (r.nextBoolean()) {
            out.add(Insn.of(T32.movw(rm, 0)));
        } else {
            out.add(Insn.of(T32.modImm(3, 0, 15, rm, 0)));            // MVN rm, #0
            out.add(Insn.of(T32.modImm(2, 0, 15, rn, 0x400)));        // MOV rn, #0x80000000
            signed = true;
        }
        out.add(Insn.of((signed ? 0xfb90f0f0 : 0xfbb0f0f0) | rn << 16 | dest() << 8 | rm));
    }

    /** PUSH/SUB SP, up to two SP-relative or computing instructions, then POP/ADD SP of the same size. */
    private void stackGroup(List<Insn> out) {
        int depth;
        int opener = r.nextInt(3);
        if (opener == 0) {
            depth = 4 * (1 + r.nextInt(MAX_STACK / 4));
            out.add(Insn.of(0xb080 | depth >> 2));                     // SUB SP, SP, #depth
        } else if (opener == 1) {
            int list = 1 + r.nextInt(255);
            boolean lr = r.nextInt(3) == 0;
            out.add(Insn.of(0xb400 | (lr ? 0x100 : 0) | list));        // PUSH {low regs, lr}
            depth = 4 * (Integer.bitCount(list) + (lr ? 1 : 0));
        } else {
            int list = registerList(A32Gen.SRC, 2);
            out.add(Insn.of(0xe92d0000 | list));                       // PUSH.W {r0-r12, lr}
            depth = 4 * Integer.bitCount(list);
        }
        int middle = r.nextInt(3);
        for (int i = 0; i < middle; i++) {
            int k = r.nextInt(3);
            if (k == 0) {
                // LDR/STR Rt, [SP, #imm]: SP = r12 + 64 - depth, so up to 60 + depth stays in the buffer
                out.add(Insn.of((r.nextBoolean() ? 0x9800 : 0x9000) | lo() << 8 | r.nextInt((60 + depth) / 4 + 1)));
            } else if (k == 1) {
                out.add(Insn.of(0xa800 | lo() << 8 | imm8()));          // ADD Rd, SP, #imm8*4
            } else {
                out.add(Insn.of(simple(false)));
            }
        }
        if (opener == 0) {
            out.add(Insn.of(0xb000 | depth >> 2));                     // ADD SP, SP, #depth
            return;
        }
        int count = depth / 4;
        if (count == 1 && r.nextBoolean()) {
            out.add(Insn.of(0xf85d0b04 | dest() << 12));                // POP {Rt} (T3: LDR Rt, [SP], #4)
        } else if (count <= 8 && (count < 2 || r.nextBoolean())) {
            out.add(Insn.of(0xbc00 | exactList(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, count)));   // POP {low regs}
        } else {
            out.add(Insn.of(0xe8bd0000 | exactList(A32Gen.DEST, count)));                   // POP.W (no r12)
        }
    }

    /** A register list of at least {@code min} registers drawn from {@code pool}. */
    private int registerList(int[] pool, int min) {
        int want = min + r.nextInt(Math.min(pool.length, 10) - min + 1);
        return exactList(pool, want);
    }

    private int exactList(int[] pool, int count) {
        int list = 0;
        while (Integer.bitCount(list) < count) {
            list |= 1 << pool[r.nextInt(pool.length)];
        }
        return list;
    }

    /**
     * IT block with 1-4 instructions; AL only as a one-instruction block (ARM ARM: IT AL needs a
     * single-instruction mask). The last instruction is sometimes B/B.W/BL over following units.
     */
    private void itBlock(List<Insn> out, int depth) {
        int n = 1 + r.nextInt(4);
        int first = n == 1 && r.nextInt(8) == 0 ? 14 : r.nextInt(14);
        int mask = 1 << (4 - n);
        for (int i = 1; i < n; i++) {
            int bit = r.nextBoolean() ? first & 1 : ~first & 1;       // then / else
            mask |= bit << (4 - i);
        }
        out.add(Insn.of(0xbf00 | first << 4 | mask));
        boolean branchLast = depth == 0 && r.nextInt(5) == 0;
        for (int i = 0; i < (branchLast ? n - 1 : n); i++) {
            out.add(Insn.of(r.nextInt(4) == 0 ? mem.withoutSetup() : simple(true)));
        }
        if (branchLast) {
            List<Insn> skipped = skippedUnits();
            int bytes = ThumbCase.bytes(skipped);
            out.add(Insn.of(switch (r.nextInt(3)) {
                case 0 -> 0xe000 | (bytes - 2) >> 1;                   // B (T2): target = this + 4 + imm
                case 1 -> T32.branch(bytes, false);
                default -> T32.branch(bytes, true);
            }));
            out.addAll(skipped);
        }
    }

    /** A forward branch over 1-3 whole units (taken or not, the code after it is consistent). */
    private void forwardBranch(List<Insn> out) {
        List<Insn> skipped = skippedUnits();
        int bytes = ThumbCase.bytes(skipped);
        int cond = r.nextInt(14);
        int k = r.nextInt(6);
        if (k == 0 && bytes - 2 <= 126) {
            out.add(Insn.of((r.nextBoolean() ? 0xb100 : 0xb900) | ((bytes - 2) >> 6) << 9 | (((bytes - 2) >> 1) & 31) << 3
                    | lo()));                                           // CBZ/CBNZ
        } else if (k <= 1 && bytes - 2 <= 254) {
            out.add(Insn.of(0xd000 | cond << 8 | (bytes - 2) >> 1));    // B<c> (T1)
        } else if (k == 2) {
            out.add(Insn.of(0xe000 | (bytes - 2) >> 1));               // B (T2)
        } else if (k == 3) {
            out.add(Insn.of(T32.branch(bytes, r.nextInt(3) == 0)));     // B.W / BL
        } else {
            out.add(Insn.of(T32.branchCond(cond, bytes)));             // B<c>.W
        }
        out.addAll(skipped);
    }

    private List<Insn> skippedUnits() {
        List<Insn> skipped = new ArrayList<>();
        int m = 1 + r.nextInt(3);
        for (int i = 0; i < m; i++) {
            unit(skipped, 1);
        }
        return skipped;
    }

    /** BLX to a new A32 stub, or ADR Rm, stub + BLX Rm; the stub computes and returns with BX LR. */
    private void interworkingCall(List<Insn> out) {
        int stub = stubs.size();
        int words = 1 + r.nextInt(3);
        int[] code = new int[words];
        for (int i = 0; i < words; i++) {
            int w;
            do {
                w = switch (r.nextInt(3)) {
                    case 0 -> a32.dataProcessing();
                    case 1 -> a32.parallel();
                    default -> a32.misc();
                };
            } while (((w >>> 12) & 15) == 14);                         // the stub must keep lr
            code[i] = w;
        }
        stubs.add(code);
        if (r.nextBoolean()) {
            out.add(new Insn(0xf000c000, ThumbCase.Fix.BLX_STUB, stub));
        } else {
            int rm = dest();
            int adr = rm < 8 && r.nextBoolean() ? 0xa000 | rm << 8 : T32.addw(rm, 15, 0);
            out.add(new Insn(adr, ThumbCase.Fix.ADR_STUB, stub));
            out.add(Insn.of(0x4780 | rm << 3));                         // BLX Rm
        }
    }
}
