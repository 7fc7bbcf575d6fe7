package io.mttcgj.it.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * One Thumb differential case, and its layout as A32 words so that {@link A32Batch} runs it unchanged.
 *
 * <p>The case's code, at a word-aligned address P (the batch has just set r12 to the scratch buffer):
 * <pre>
 * P+0   A32  ADD sp, r12, #64         the stack for PUSH/POP and [sp, #imm]: the middle of the buffer
 * P+4   A32  BLX P+8                  into Thumb
 * P+8   T32  MOVW lr, #lo; MOVT lr, #hi   the case's initial lr (BLX has just overwritten it)
 *       ...  the generated Thumb body
 *       T16  [NOP to align], BX PC, NOP   back to A32 at the next word
 * C     A32  B C+4+stubs (only when there are stubs)
 *       A32  stubs, each ending with BX LR (the body calls them with BLX)
 * </pre>
 * so the batch's record is taken in A32 state, exactly as for an A32 case.
 *
 * @param seed   the seed it was generated from ({@link ThumbGen#generate(long)}); 0 for a hand-written case
 * @param thumb  every Thumb instruction from P+8 to the end of the exit sequence: 16-bit ones as values
 *               below 0x10000, 32-bit ones as {@code 0xHHHHLLLL} (first halfword high, objdump's order)
 * @param stubs  the A32 stub words (empty when the body calls none)
 * @param spec   the case as {@link A32Batch} runs it
 */
record ThumbCase(long seed, int[] thumb, int[] stubs, CaseSpec spec) {
    static final int THUMB_START = 8;
    static final int SP_OFFSET = 64;
    static final int BX_PC = 0x4778;
    static final int NOP = 0xbf00;
    private static final int ADD_SP_R12 = 0xe28cd000 | SP_OFFSET;
    private static final int BLX_NEXT = 0xfaffffff;     // BLX to P+8: PC(P+12) + imm24(-1)*4
    private static final int BX_LR = 0xe12fff1e;

    /** A generated instruction; {@code fix} names a field filled in once the stub addresses are known. */
    record Insn(int enc, Fix fix, int stub) {
        static Insn of(int enc) {
            return new Insn(enc, Fix.NONE, -1);
        }

        boolean wide() {
            return (enc >>> 16) != 0;
        }

        int bytes() {
            return wide() ? 4 : 2;
        }
    }

    enum Fix {
        NONE,
        /** T32 BLX (immediate) to the stub. */
        BLX_STUB,
        /** ADR Rd, stub: T16 (0xa000 form) or T32 ADDW Rd, PC (0xf20f0000 form). */
        ADR_STUB
    }

    static int bytes(List<Insn> insns) {
        int n = 0;
        for (Insn i : insns) {
            n += i.bytes();
        }
        return n;
    }

    /** Lays out {@code body} and the stubs (A32 words without the final BX LR) as described above. */
    static ThumbCase assemble(long seed, int[] regs, int apsr, byte[] scratch, List<Insn> body, List<int[]> stubs) {
        int lr = regs[12];
        List<Insn> all = new ArrayList<>();
        all.add(Insn.of(T32.movw(14, lr & 0xffff)));
        all.add(Insn.of(T32.movt(14, lr >>> 16)));
        all.addAll(body);
        if ((bytes(all) & 2) != 0) {
            all.add(Insn.of(NOP));
        }
        all.add(Insn.of(BX_PC));                    // word aligned: PC reads as this + 4, the next word, ARM
        all.add(Insn.of(NOP));
        int armContinue = THUMB_START + bytes(all);
        int[] stubOffsets = new int[stubs.size()];
        List<Integer> stubWords = new ArrayList<>();
        int at = armContinue + 4;
        for (int s = 0; s < stubs.size(); s++) {
            stubOffsets[s] = at;
            for (int w : stubs.get(s)) {
                stubWords.add(w);
            }
            stubWords.add(BX_LR);
            at += 4 * (stubs.get(s).length + 1);
        }
        int[] thumb = new int[all.size()];
        int offset = THUMB_START;
        for (int i = 0; i < all.size(); i++) {
            Insn insn = all.get(i);
            thumb[i] = switch (insn.fix()) {
                case NONE -> insn.enc();
                case BLX_STUB -> T32.blx(stubOffsets[insn.stub()] - ((offset + 4) & ~3));
                case ADR_STUB -> adr(insn.enc(), stubOffsets[insn.stub()] - ((offset + 4) & ~3));
            };
            offset += insn.bytes();
        }
        List<Integer> words = new ArrayList<>(List.of(ADD_SP_R12, BLX_NEXT));
        int pending = -1;
        for (int hw : halfwords(thumb)) {
            if (pending < 0) {
                pending = hw;
            } else {
                words.add(pending | hw << 16);
                pending = -1;
            }
        }
        if (!stubWords.isEmpty()) {
            // B over the stubs: PC reads as C + 8
            words.add(0xea000000 | (((at - (armContinue + 8)) >> 2) & 0xffffff));
            words.addAll(stubWords);
        }
        int[] stubArray = stubWords.stream().mapToInt(Integer::intValue).toArray();
        CaseSpec spec = new CaseSpec(seed, regs, apsr, scratch, words.stream().mapToInt(Integer::intValue).toArray());
        return new ThumbCase(seed, thumb, stubArray, spec);
    }

    private static int adr(int enc, int imm) {
        if (imm < 0 || (imm & 3) != 0) {
            throw new IllegalStateException("stub before its ADR: " + imm);
        }
        if ((enc >>> 16) == 0) {
            if (imm > 1020) {
                throw new IllegalStateException("stub out of T16 ADR range: " + imm);
            }
            return enc | imm >> 2;
        }
        return T32.addw((enc >> 8) & 15, 15, imm);
    }

    /** The instructions as the halfword stream in memory order. */
    static List<Integer> halfwords(int[] insns) {
        List<Integer> out = new ArrayList<>();
        for (int i : insns) {
            if ((i >>> 16) != 0) {
                out.add(i >>> 16);
            }
            out.add(i & 0xffff);
        }
        return out;
    }

    /** Instructions as {@code f20e0000 4608 ...}. */
    String thumbHex() {
        StringBuilder sb = new StringBuilder();
        for (int i : thumb) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format((i >>> 16) != 0 ? "%08x" : "%04x", i));
        }
        return sb.toString();
    }
}
