package io.mttcgj.codegen.arm.a32;

import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.emit.Emitter;
import org.objectweb.asm.Opcodes;

/**
 * A32 media instructions (the {@code cccc011xxxxx...........1....} space, except the multiplies,
 * which are in {@link Multiply}) plus the few data-processing-like instructions carved out of other
 * spaces: QADD/QSUB/QDADD/QDSUB and CLZ (miscellaneous space), MOVW/MOVT (DP immediate space).
 * Register fields: Rn 19:16, Rd 15:12, Rm 3:0 unless noted. A destination of PC is UNPREDICTABLE
 * in all of these; we treat it as Undefined.
 */
final class Media implements Opcodes {
    private static final String OPS = Multiply.OPS;
    private static final String CPU_D = Multiply.CPU_D;
    private static final String[] SIGNED_PREFIX = {null, "s", "q", "sh"};
    private static final String[] UNSIGNED_PREFIX = {null, "u", "uq", "uh"};
    private static final String[] OP2_NAME = {"add16", "asx", "sax", "sub16", "add8", null, null, "sub8"};
    private static final String[] QOP = {"qadd", "qsub", "qdadd", "qdsub"};

    private Media() {
    }

    static void register(DecodeTable t) {
        int p = A32.P_CARVED;
        for (int u = 0; u < 2; u++) {
            for (int pp = 1; pp < 4; pp++) {
                for (int op2 = 0; op2 < 8; op2++) {
                    if (OP2_NAME[op2] == null) {
                        continue;
                    }
                    String prefix = (u == 0 ? SIGNED_PREFIX : UNSIGNED_PREFIX)[pp];
                    String pattern = "cccc01100" + u + bin(pp, 2) + "nnnndddd----" + bin(op2, 3) + "1mmmm";
                    int op = op2;
                    t.add(p, pattern, prefix + OP2_NAME[op2], (e, i) -> parallel(e, i, prefix, op));
                }
            }
        }
        t.add(p, "cccc01101000nnnndddd----1011mmmm", "sel", Media::sel);
        t.add(p, "cccc01101000nnnnddddiiiiit01mmmm", "pkhbt/pkhtb", Media::pkh);
        t.add(p, "cccc0110101sssssddddiiiiih01nnnn", "ssat", (e, i) -> sat(e, i, true));
        t.add(p, "cccc0110111sssssddddiiiiih01nnnn", "usat", (e, i) -> sat(e, i, false));
        t.add(p, "cccc01101010ssssdddd----0011nnnn", "ssat16", (e, i) -> sat16(e, i, true));
        t.add(p, "cccc01101110ssssdddd----0011nnnn", "usat16", (e, i) -> sat16(e, i, false));
        // Extends: bits 22:20 = U, size (000 = B16, 010 = B, 011 = H); Rn = 15 is the non-accumulating form.
        t.add(p, "cccc01101000nnnnddddrr--0111mmmm", "sxtab16", (e, i) -> extend16(e, i, true));
        t.add(p, "cccc01101100nnnnddddrr--0111mmmm", "uxtab16", (e, i) -> extend16(e, i, false));
        t.add(p, "cccc01101010nnnnddddrr--0111mmmm", "sxtab", (e, i) -> extend(e, i, I2B));
        t.add(p, "cccc01101011nnnnddddrr--0111mmmm", "sxtah", (e, i) -> extend(e, i, I2S));
        t.add(p, "cccc01101110nnnnddddrr--0111mmmm", "uxtab", (e, i) -> extend(e, i, 0xff));
        t.add(p, "cccc01101111nnnnddddrr--0111mmmm", "uxtah", (e, i) -> extend(e, i, 0xffff));
        t.add(p, "cccc01101011----dddd----0011mmmm", "rev",
                (e, i) -> unary(e, i, "java/lang/Integer", "reverseBytes"));
        t.add(p, "cccc01101011----dddd----1011mmmm", "rev16", (e, i) -> unary(e, i, OPS, "rev16"));
        t.add(p, "cccc01101111----dddd----0011mmmm", "rbit", (e, i) -> unary(e, i, "java/lang/Integer", "reverse"));
        t.add(p, "cccc01101111----dddd----1011mmmm", "revsh", (e, i) -> unary(e, i, OPS, "revsh"));
        t.add(p, "cccc00010110----dddd----0001mmmm", "clz",
                (e, i) -> unary(e, i, "java/lang/Integer", "numberOfLeadingZeros"));
        t.add(p, "cccc0111110mmmmmddddlllll001nnnn", "bfi/bfc", Media::bfi);
        t.add(p, "cccc0111101wwwwwddddlllll101nnnn", "sbfx", (e, i) -> bfx(e, i, true));
        t.add(p, "cccc0111111wwwwwddddlllll101nnnn", "ubfx", (e, i) -> bfx(e, i, false));
        t.add(p, "cccc00010qq0nnnndddd----0101mmmm", "qadd/qsub/qdadd/qdsub", Media::qaddsub);
        t.add(p, "cccc00110000iiiiddddiiiiiiiiiiii", "movw", (e, i) -> movwt(e, i, false));
        t.add(p, "cccc00110100iiiiddddiiiiiiiiiiii", "movt", (e, i) -> movwt(e, i, true));
    }

    private static String bin(int v, int width) {
        String s = Integer.toBinaryString(v);
        return "0".repeat(width - s.length()) + s;
    }

    private static int rn(int insn) {
        return A32.bits(insn, 19, 16);
    }

    private static int rd(int insn) {
        return A32.bits(insn, 15, 12);
    }

    private static int rm(int insn) {
        return insn & 15;
    }

    /** {S,Q,SH,U,UQ,UH}{ADD16,ASX,SAX,SUB16,ADD8,SUB8}: S and U forms write GE (in the helper). */
    private static void parallel(Emitter e, int insn, String prefix, int op) {
        if (!Multiply.begin(e, insn, rd(insn))) {
            return;
        }
        boolean setsGe = prefix.equals("s") || prefix.equals("u");
        if (setsGe) {
            e.loadCpu();
        }
        e.loadReg(rn(insn));
        e.loadReg(rm(insn));
        e.iconst(op);
        String name = prefix + (op >= 4 ? "8" : "16");
        e.call(OPS, name, setsGe ? "(" + CPU_D + "III)I" : "(III)I");
        e.storeReg(rd(insn));
    }

    private static void sel(Emitter e, int insn) {
        if (!Multiply.begin(e, insn, rd(insn))) {
            return;
        }
        e.getCpuField("ge", "I");
        e.loadReg(rn(insn));
        e.loadReg(rm(insn));
        e.call(OPS, "sel", "(III)I");
        e.storeReg(rd(insn));
    }

    /** PKHBT: Rd = (Rm LSL imm)[31:16] : Rn[15:0]. PKHTB: Rd = Rn[31:16] : (Rm ASR imm)[15:0], imm 0 = 32. */
    private static void pkh(Emitter e, int insn) {
        if (!Multiply.begin(e, insn, rd(insn))) {
            return;
        }
        int imm = A32.bits(insn, 11, 7);
        boolean tb = A32.bit(insn, 6);
        e.loadReg(rn(insn));
        e.iconst(tb ? 0xffff0000 : 0xffff);
        e.op(IAND);
        e.loadReg(rm(insn));
        e.iconst(tb ? (imm == 0 ? 31 : imm) : imm);
        e.op(tb ? ISHR : ISHL);
        e.iconst(tb ? 0xffff : 0xffff0000);
        e.op(IAND);
        e.op(IOR);
        e.storeReg(rd(insn));
    }

    /** SSAT (to sat_imm + 1 bits) and USAT (to sat_imm bits) of Rn LSL/ASR imm; Q on saturation. */
    private static void sat(Emitter e, int insn, boolean signed) {
        if (!Multiply.begin(e, insn, rd(insn))) {
            return;
        }
        int satImm = A32.bits(insn, 20, 16);
        int imm = A32.bits(insn, 11, 7);
        e.loadCpu();
        e.loadReg(rm(insn));
        if (A32.bit(insn, 6)) {
            e.iconst(imm == 0 ? 31 : imm); // ASR #32 gives the same 32 sign bits as ASR #31
            e.op(ISHR);
        } else if (imm != 0) {
            e.iconst(imm);
            e.op(ISHL);
        }
        e.iconst(signed ? satImm + 1 : satImm);
        e.call(OPS, signed ? "ssat" : "usat", "(" + CPU_D + "II)I");
        e.storeReg(rd(insn));
    }

    /** SSAT16 (to sat_imm + 1 bits) and USAT16 (to sat_imm bits), per halfword; Q on saturation. */
    private static void sat16(Emitter e, int insn, boolean signed) {
        if (!Multiply.begin(e, insn, rd(insn))) {
            return;
        }
        int satImm = A32.bits(insn, 19, 16);
        e.loadCpu();
        e.loadReg(rm(insn));
        e.iconst(signed ? satImm + 1 : satImm);
        e.call(OPS, signed ? "ssat16" : "usat16", "(" + CPU_D + "II)I");
        e.storeReg(rd(insn));
    }

    /** Pushes Rm rotated right by 0, 8, 16 or 24 (bits 11:10). */
    private static void pushRotated(Emitter e, int insn) {
        e.loadReg(rm(insn));
        int rot = A32.bits(insn, 11, 10) * 8;
        if (rot != 0) {
            e.iconst(rot);
            e.call("java/lang/Integer", "rotateRight", "(II)I");
        }
    }

    /**
     * SXTAB/SXTAH/UXTAB/UXTAH, or SXTB/... when Rn = 15. {@code how} is I2B or I2S (sign-extend)
     * or the mask 0xff / 0xffff (zero-extend).
     */
    private static void extend(Emitter e, int insn, int how) {
        if (!Multiply.begin(e, insn, rd(insn))) {
            return;
        }
        pushRotated(e, insn);
        if (how == I2B || how == I2S) {
            e.op(how);
        } else {
            e.iconst(how);
            e.op(IAND);
        }
        if (rn(insn) != 15) {
            e.loadReg(rn(insn));
            e.op(IADD);
        }
        e.storeReg(rd(insn));
    }

    /** SXTAB16/UXTAB16, or SXTB16/UXTB16 when Rn = 15. */
    private static void extend16(Emitter e, int insn, boolean signed) {
        if (!Multiply.begin(e, insn, rd(insn))) {
            return;
        }
        if (rn(insn) != 15) {
            e.loadReg(rn(insn));
        } else {
            e.iconst(0);
        }
        pushRotated(e, insn);
        e.iconst(signed ? 1 : 0);
        e.call(OPS, "xtab16", "(IIZ)I");
        e.storeReg(rd(insn));
    }

    /** Rd = f(Rm) for a static int→int method (REV, REV16, RBIT, REVSH, CLZ). */
    private static void unary(Emitter e, int insn, String owner, String method) {
        if (!Multiply.begin(e, insn, rd(insn))) {
            return;
        }
        e.loadReg(rm(insn));
        e.call(owner, method, "(I)I");
        e.storeReg(rd(insn));
    }

    /** BFI: Rd[msb:lsb] = Rn[msb-lsb:0]; BFC when Rn = 15. msb < lsb is UNPREDICTABLE: Rd is left as is. */
    private static void bfi(Emitter e, int insn) {
        int d = rd(insn);
        if (!Multiply.begin(e, insn, d)) {
            return;
        }
        int msb = A32.bits(insn, 20, 16);
        int lsb = A32.bits(insn, 11, 7);
        if (msb < lsb) {
            return;
        }
        io.mttcgj.codegen.arm.common.BitFields.insert(e, d, rm(insn), lsb, msb);
        e.storeReg(d);
    }

    /** SBFX/UBFX: Rd = Rn[lsb+width-1:lsb] sign- or zero-extended. lsb + width > 32 is UNPREDICTABLE: no-op. */
    private static void bfx(Emitter e, int insn, boolean signed) {
        if (!Multiply.begin(e, insn, rd(insn))) {
            return;
        }
        int widthMinus1 = A32.bits(insn, 20, 16);
        int lsb = A32.bits(insn, 11, 7);
        int msbit = lsb + widthMinus1;
        if (msbit > 31) {
            return;
        }
        e.loadReg(rm(insn));
        e.iconst(31 - msbit);
        e.op(ISHL);
        e.iconst(31 - widthMinus1);
        e.op(signed ? ISHR : IUSHR);
        e.storeReg(rd(insn));
    }

    /** QADD/QSUB/QDADD/QDSUB (bits 22:21): saturating Rm ± (2 ×) Rn; Q on saturation. */
    private static void qaddsub(Emitter e, int insn) {
        if (!Multiply.begin(e, insn, rd(insn))) {
            return;
        }
        e.loadCpu();
        e.loadReg(rm(insn));
        e.loadReg(rn(insn));
        e.call(OPS, QOP[A32.bits(insn, 22, 21)], "(" + CPU_D + "II)I");
        e.storeReg(rd(insn));
    }

    /** MOVW: Rd = imm16. MOVT: Rd[31:16] = imm16, low half kept. */
    private static void movwt(Emitter e, int insn, boolean top) {
        if (!Multiply.begin(e, insn, rd(insn))) {
            return;
        }
        int imm16 = (A32.bits(insn, 19, 16) << 12) | A32.bits(insn, 11, 0);
        if (top) {
            e.loadReg(rd(insn));
            e.iconst(0xffff);
            e.op(IAND);
            e.iconst(imm16 << 16);
            e.op(IOR);
        } else {
            e.iconst(imm16);
        }
        e.storeReg(rd(insn));
    }
}
