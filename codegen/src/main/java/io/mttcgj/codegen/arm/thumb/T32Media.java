package io.mttcgj.codegen.arm.thumb;

import static io.mttcgj.codegen.arm.thumb.T32DpUtil.CPU_D;
import static io.mttcgj.codegen.arm.thumb.T32DpUtil.OPS;
import static io.mttcgj.codegen.arm.thumb.T32DpUtil.bit;
import static io.mttcgj.codegen.arm.thumb.T32DpUtil.bits;
import static io.mttcgj.codegen.arm.thumb.T32DpUtil.rd;
import static io.mttcgj.codegen.arm.thumb.T32DpUtil.rm;
import static io.mttcgj.codegen.arm.thumb.T32DpUtil.rn;

import io.mttcgj.codegen.arm.a32.A32;
import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.emit.Emitter;
import org.objectweb.asm.Opcodes;

/**
 * 32-bit Thumb media instructions: saturate and bit-field (plain binary immediate, A6.3.3), PKHBT/PKHTB,
 * the extends with rotation, parallel add/subtract and miscellaneous rows of the data-processing
 * (register) space (A6.3.12-A6.3.16); the multiplies register from {@link T32DpMultiply}. The
 * semantics (saturation, GE, Q) are those of runtime/MediaOps, shared with A32.
 */
final class T32Media implements Opcodes {
    private static final int P = T32DataProcessing.P;
    /** Parallel add/subtract op (hw1 bits 6:4) → MediaOps op number; -1 = unallocated. */
    private static final int[] PAR_OP = {4, 0, 1, -1, 7, 3, 2, -1};
    private static final String[] PAR_NAME = {"add8", "add16", "asx", null, "sub8", "sub16", "sax", null};
    /** Parallel prefix by hw2 bits 6:4 (U:H:Q in effect). */
    private static final String[] PAR_PREFIX = {"s", "q", "sh", null, "u", "uq", "uh", null};
    private static final String[] QOP = {"qadd", "qdadd", "qsub", "qdsub"};

    private T32Media() {
    }

    static void register(DecodeTable t) {
        // Plain binary immediate: saturate and bit field (i = 0, bit 5 of the second halfword (0)).
        t.add(P - 1, "11110 0 1 1001 0 ---- 0 000 ---- 00 0 -----", "ssat16", (e, i) -> sat16(e, i, true));
        t.add(P - 1, "11110 0 1 1101 0 ---- 0 000 ---- 00 0 -----", "usat16", (e, i) -> sat16(e, i, false));
        t.add(P, "11110 0 1 100- 0 ---- 0 --- ---- -- 0 -----", "ssat", (e, i) -> sat(e, i, true));
        t.add(P, "11110 0 1 110- 0 ---- 0 --- ---- -- 0 -----", "usat", (e, i) -> sat(e, i, false));
        t.add(P, "11110 0 1 1010 0 ---- 0 --- ---- -- 0 -----", "sbfx", (e, i) -> bfx(e, i, true));
        t.add(P, "11110 0 1 1110 0 ---- 0 --- ---- -- 0 -----", "ubfx", (e, i) -> bfx(e, i, false));
        t.add(P, "11110 0 1 1011 0 ---- 0 --- ---- -- 0 -----", "bfi/bfc", T32Media::bfi);
        // PKHBT/PKHTB (shifted-register space, op 0110, S = 0).
        t.add(P, "1110101 0110 0 ---- 0 --- ---- -- -0 ----", "pkhbt/pkhtb", T32Media::pkh);
        // Extends: 11111010 0 op(3) Rn | 1111 Rd 1 (0) rot(2) Rm; Rn = 1111 is the non-accumulating form.
        t.add(P, "11111010 0000 ---- 1111 ---- 10 -- ----", "sxtah/sxth", (e, i) -> extend(e, i, I2S));
        t.add(P, "11111010 0001 ---- 1111 ---- 10 -- ----", "uxtah/uxth", (e, i) -> extend(e, i, 0xffff));
        t.add(P, "11111010 0010 ---- 1111 ---- 10 -- ----", "sxtab16/sxtb16", (e, i) -> extend16(e, i, true));
        t.add(P, "11111010 0011 ---- 1111 ---- 10 -- ----", "uxtab16/uxtb16", (e, i) -> extend16(e, i, false));
        t.add(P, "11111010 0100 ---- 1111 ---- 10 -- ----", "sxtab/sxtb", (e, i) -> extend(e, i, I2B));
        t.add(P, "11111010 0101 ---- 1111 ---- 10 -- ----", "uxtab/uxtb", (e, i) -> extend(e, i, 0xff));
        // Parallel add/subtract: 11111010 1 op(3) Rn | 1111 Rd 0 U H Q Rm.
        for (int op = 0; op < 8; op++) {
            for (int kind = 0; kind < 8; kind++) {
                if (PAR_NAME[op] == null || PAR_PREFIX[kind] == null) {
                    continue;
                }
                String pattern = "11111010 1" + bin(op, 3) + " ---- 1111 ---- 0" + bin(kind, 3) + " ----";
                String prefix = PAR_PREFIX[kind];
                int mop = PAR_OP[op];
                t.add(P, pattern, prefix + PAR_NAME[op], (e, i) -> parallel(e, i, prefix, mop));
            }
        }
        // Miscellaneous: 11111010 10 op1(2) Rn | 1111 Rd 10 op2(2) Rm.
        t.add(P, "11111010 1000 ---- 1111 ---- 10 -- ----", "qadd/qdadd/qsub/qdsub", T32Media::qaddsub);
        t.add(P, "11111010 1001 ---- 1111 ---- 10 00 ----", "rev",
                (e, i) -> unary(e, i, "java/lang/Integer", "reverseBytes"));
        t.add(P, "11111010 1001 ---- 1111 ---- 10 01 ----", "rev16", (e, i) -> unary(e, i, OPS, "rev16"));
        t.add(P, "11111010 1001 ---- 1111 ---- 10 10 ----", "rbit",
                (e, i) -> unary(e, i, "java/lang/Integer", "reverse"));
        t.add(P, "11111010 1001 ---- 1111 ---- 10 11 ----", "revsh", (e, i) -> unary(e, i, OPS, "revsh"));
        t.add(P, "11111010 1010 ---- 1111 ---- 10 00 ----", "sel", T32Media::sel);
        t.add(P, "11111010 1011 ---- 1111 ---- 10 00 ----", "clz",
                (e, i) -> unary(e, i, "java/lang/Integer", "numberOfLeadingZeros"));
        T32DpMultiply.register(t);
    }

    private static String bin(int v, int width) {
        String s = Integer.toBinaryString(v);
        return "0".repeat(width - s.length()) + s;
    }

    /** SSAT (to sat_imm + 1 bits) / USAT (to sat_imm bits) of Rn LSL imm (sh = 0) or ASR imm (sh = 1). */
    private static void sat(Emitter e, int insn, boolean signed) {
        int satImm = insn & 31;
        int imm = T32DpUtil.imm5(insn);
        e.loadCpu();
        e.loadReg(rn(insn));
        if (bit(insn, 21)) {
            e.iconst(imm == 0 ? 31 : imm); // ASR #0 does not occur here (it is SSAT16/USAT16)
            e.op(ISHR);
        } else if (imm != 0) {
            e.iconst(imm);
            e.op(ISHL);
        }
        e.iconst(signed ? satImm + 1 : satImm);
        e.call(OPS, signed ? "ssat" : "usat", "(" + CPU_D + "II)I");
        T32DpUtil.write(e, rd(insn));
    }

    /** SSAT16 (to sat_imm + 1 bits) / USAT16 (to sat_imm bits) per halfword; sat_imm is bits 3:0. */
    private static void sat16(Emitter e, int insn, boolean signed) {
        int satImm = insn & 15;
        e.loadCpu();
        e.loadReg(rn(insn));
        e.iconst(signed ? satImm + 1 : satImm);
        e.call(OPS, signed ? "ssat16" : "usat16", "(" + CPU_D + "II)I");
        T32DpUtil.write(e, rd(insn));
    }

    /** SBFX/UBFX Rd, Rn, #lsb, #width. lsb + width > 32 is UNPREDICTABLE: Undefined, as in QEMU. */
    private static void bfx(Emitter e, int insn, boolean signed) {
        int widthMinus1 = insn & 31;
        int lsb = T32DpUtil.imm5(insn);
        int msbit = lsb + widthMinus1;
        if (msbit > 31) {
            A32.undefined(e, insn);
            return;
        }
        e.loadReg(rn(insn));
        e.iconst(31 - msbit);
        e.op(ISHL);
        e.iconst(31 - widthMinus1);
        e.op(signed ? ISHR : IUSHR);
        T32DpUtil.write(e, rd(insn));
    }

    /** BFI Rd, Rn, #lsb, #width (BFC when Rn = 15). msb < lsb is UNPREDICTABLE: Undefined, as in QEMU. */
    private static void bfi(Emitter e, int insn) {
        int d = rd(insn);
        int msb = insn & 31;
        int lsb = T32DpUtil.imm5(insn);
        if (msb < lsb) {
            A32.undefined(e, insn);
            return;
        }
        io.mttcgj.codegen.arm.common.BitFields.insert(e, d, rn(insn), lsb, msb);
        T32DpUtil.write(e, d);
    }

    /** PKHBT: Rd = (Rm LSL imm)[31:16] : Rn[15:0]. PKHTB: Rd = Rn[31:16] : (Rm ASR imm)[15:0], imm 0 = 32. */
    private static void pkh(Emitter e, int insn) {
        int imm = T32DpUtil.imm5(insn);
        boolean tb = bit(insn, 5);
        e.loadReg(rn(insn));
        e.iconst(tb ? 0xffff0000 : 0xffff);
        e.op(IAND);
        e.loadReg(rm(insn));
        e.iconst(tb ? (imm == 0 ? 31 : imm) : imm);
        e.op(tb ? ISHR : ISHL);
        e.iconst(tb ? 0xffff : 0xffff0000);
        e.op(IAND);
        e.op(IOR);
        T32DpUtil.write(e, rd(insn));
    }

    /** Pushes Rm rotated right by 0, 8, 16 or 24 (bits 5:4). */
    private static void pushRotated(Emitter e, int insn) {
        e.loadReg(rm(insn));
        int rot = bits(insn, 5, 4) * 8;
        if (rot != 0) {
            e.iconst(rot);
            e.call("java/lang/Integer", "rotateRight", "(II)I");
        }
    }

    /** SXTAB/SXTAH/UXTAB/UXTAH (SXTB/... when Rn = 15); {@code how} is I2B/I2S or the mask 0xff/0xffff. */
    private static void extend(Emitter e, int insn, int how) {
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
        T32DpUtil.write(e, rd(insn));
    }

    /** SXTAB16/UXTAB16, or SXTB16/UXTB16 when Rn = 15. */
    private static void extend16(Emitter e, int insn, boolean signed) {
        if (rn(insn) != 15) {
            e.loadReg(rn(insn));
        } else {
            e.iconst(0);
        }
        pushRotated(e, insn);
        e.iconst(signed ? 1 : 0);
        e.call(OPS, "xtab16", "(IIZ)I");
        T32DpUtil.write(e, rd(insn));
    }

    /** {S,Q,SH,U,UQ,UH}{ADD16,ASX,SAX,SUB16,ADD8,SUB8} Rd, Rn, Rm: the S and U forms write GE. */
    private static void parallel(Emitter e, int insn, String prefix, int op) {
        boolean setsGe = prefix.equals("s") || prefix.equals("u");
        if (setsGe) {
            e.loadCpu();
        }
        e.loadReg(rn(insn));
        e.loadReg(rm(insn));
        e.iconst(op);
        String name = prefix + (op >= 4 ? "8" : "16");
        e.call(OPS, name, setsGe ? "(" + CPU_D + "III)I" : "(III)I");
        T32DpUtil.write(e, rd(insn));
    }

    /** QADD/QDADD/QSUB/QDSUB Rd, Rm, Rn (bits 5:4): saturating Rm ± (2 ×) Rn; Q on saturation. */
    private static void qaddsub(Emitter e, int insn) {
        e.loadCpu();
        e.loadReg(rm(insn));
        e.loadReg(rn(insn));
        e.call(OPS, QOP[bits(insn, 5, 4)], "(" + CPU_D + "II)I");
        T32DpUtil.write(e, rd(insn));
    }

    private static void sel(Emitter e, int insn) {
        e.getCpuField("ge", "I");
        e.loadReg(rn(insn));
        e.loadReg(rm(insn));
        e.call(OPS, "sel", "(III)I");
        T32DpUtil.write(e, rd(insn));
    }

    /**
     * Rd = f(Rm) for REV, REV16, RBIT, REVSH, CLZ. Rm is encoded twice (bits 19:16 and 3:0); a mismatch
     * is UNPREDICTABLE and, like QEMU, we use bits 3:0.
     */
    private static void unary(Emitter e, int insn, String owner, String method) {
        e.loadReg(rm(insn));
        e.call(owner, method, "(I)I");
        T32DpUtil.write(e, rd(insn));
    }
}
