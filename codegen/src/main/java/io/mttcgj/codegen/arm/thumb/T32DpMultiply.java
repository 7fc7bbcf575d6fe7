package io.mttcgj.codegen.arm.thumb;

import static io.mttcgj.codegen.arm.thumb.T32DpUtil.OPS;
import static io.mttcgj.codegen.arm.thumb.T32DpUtil.bit;
import static io.mttcgj.codegen.arm.common.MulOperands.pushHalf;
import static io.mttcgj.codegen.arm.common.MulOperands.pushPair;
import static io.mttcgj.codegen.arm.common.MulOperands.pushSignedLong;
import static io.mttcgj.codegen.arm.common.MulOperands.pushUnsignedLong;
import static io.mttcgj.codegen.arm.thumb.T32DpUtil.ra;
import static io.mttcgj.codegen.arm.thumb.T32DpUtil.rd;
import static io.mttcgj.codegen.arm.thumb.T32DpUtil.rm;
import static io.mttcgj.codegen.arm.thumb.T32DpUtil.rn;
import static io.mttcgj.codegen.arm.thumb.T32DpUtil.storePair;
import static io.mttcgj.codegen.arm.thumb.T32DpUtil.sumQ;

import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.emit.Emitter;
import org.objectweb.asm.Opcodes;

/**
 * 32-bit Thumb multiply, multiply accumulate and absolute difference (A6.3.17) and long multiply,
 * long multiply accumulate and divide (A6.3.18). Fields: Rn 19:16, Ra (or RdLo) 15:12, Rd (or RdHi)
 * 11:8, Rm 3:0. None of these set NZCV (T32 MUL has no S form); SMLAxy, SMLAWy, SMLAD, SMLSD and
 * SMUAD set Q on overflow.
 */
final class T32DpMultiply implements Opcodes {
    private static final int P = T32DataProcessing.P;

    private T32DpMultiply() {
    }

    static void register(DecodeTable t) {
        // Multiply: 111110110 op1(3) Rn | Ra Rd 00 op2(2) Rm. Ra = 1111 selects the non-accumulating form.
        t.add(P, "111110110 000 ---- ---- ---- 00 00 ----", "mla/mul", (e, i) -> mla(e, i, false));
        t.add(P, "111110110 000 ---- ---- ---- 00 01 ----", "mls", (e, i) -> mla(e, i, true));
        t.add(P, "111110110 001 ---- ---- ---- 00 -- ----", "smlaxy/smulxy", T32DpMultiply::smlaxy);
        t.add(P, "111110110 010 ---- ---- ---- 00 0- ----", "smlad/smuad", (e, i) -> smlad(e, i, false));
        t.add(P, "111110110 011 ---- ---- ---- 00 0- ----", "smlawy/smulwy", T32DpMultiply::smlawy);
        t.add(P, "111110110 100 ---- ---- ---- 00 0- ----", "smlsd/smusd", (e, i) -> smlad(e, i, true));
        t.add(P, "111110110 101 ---- ---- ---- 00 0- ----", "smmla/smmul", (e, i) -> smmla(e, i, false));
        t.add(P, "111110110 110 ---- ---- ---- 00 0- ----", "smmls", (e, i) -> smmla(e, i, true));
        t.add(P, "111110110 111 ---- ---- ---- 00 00 ----", "usada8/usad8", T32DpMultiply::usad8);
        // Long multiply and divide: 111110111 op1(3) Rn | RdLo RdHi op2(4) Rm.
        t.add(P, "111110111 000 ---- ---- ---- 0000 ----", "smull", (e, i) -> longMul(e, i, true, false));
        t.add(P, "111110111 010 ---- ---- ---- 0000 ----", "umull", (e, i) -> longMul(e, i, false, false));
        t.add(P, "111110111 100 ---- ---- ---- 0000 ----", "smlal", (e, i) -> longMul(e, i, true, true));
        t.add(P, "111110111 110 ---- ---- ---- 0000 ----", "umlal", (e, i) -> longMul(e, i, false, true));
        t.add(P, "111110111 110 ---- ---- ---- 0110 ----", "umaal", T32DpMultiply::umaal);
        t.add(P, "111110111 100 ---- ---- ---- 10 -- ----", "smlalxy", T32DpMultiply::smlalxy);
        t.add(P, "111110111 100 ---- ---- ---- 110 - ----", "smlald", (e, i) -> smlald(e, i, false));
        t.add(P, "111110111 101 ---- ---- ---- 110 - ----", "smlsld", (e, i) -> smlald(e, i, true));
        t.add(P, "111110111 001 ---- 1111 ---- 1111 ----", "sdiv", (e, i) -> div(e, i, "sdiv"));
        t.add(P, "111110111 011 ---- 1111 ---- 1111 ----", "udiv", (e, i) -> div(e, i, "udiv"));
    }

    /** MUL (Ra = 15), MLA: Rd = Ra + Rn * Rm; MLS: Rd = Ra - Rn * Rm. */
    private static void mla(Emitter e, int insn, boolean subtract) {
        boolean accumulate = subtract || ra(insn) != 15;
        if (subtract) {
            e.loadReg(ra(insn));
        }
        e.loadReg(rn(insn));
        e.loadReg(rm(insn));
        e.op(IMUL);
        if (subtract) {
            e.op(ISUB);
        } else if (accumulate) {
            e.loadReg(ra(insn));
            e.op(IADD);
        }
        T32DpUtil.write(e, rd(insn));
    }

    /** SMLAxy: Rd = Rn.x * Rm.y + Ra (Q on signed overflow of the sum); SMULxy when Ra = 15. N = bit 5, M = bit 4. */
    private static void smlaxy(Emitter e, int insn) {
        pushHalf(e, rn(insn), bit(insn, 5));
        pushHalf(e, rm(insn), bit(insn, 4));
        e.op(IMUL); // at most 0x40000000: exact in 32 bits
        if (ra(insn) != 15) {
            e.op(I2L);
            pushSignedLong(e, ra(insn));
            e.op(LADD);
            sumQ(e);
        }
        T32DpUtil.write(e, rd(insn));
    }

    /** SMLAWy / SMULWy (Ra = 15): bits 47:16 of Rn * Rm.y, plus Ra with Q on overflow of that sum. */
    private static void smlawy(Emitter e, int insn) {
        pushSignedLong(e, rn(insn));
        pushHalf(e, rm(insn), bit(insn, 4));
        e.op(I2L);
        e.op(LMUL);
        e.iconst(16);
        e.op(LSHR); // |product| < 2^47, so this fits in 32 bits
        if (ra(insn) != 15) {
            pushSignedLong(e, ra(insn));
            e.op(LADD);
            sumQ(e);
        } else {
            e.op(L2I);
        }
        T32DpUtil.write(e, rd(insn));
    }

    /** Pushes, as longs, Rn.lo * Rm'.lo and Rn.hi * Rm'.hi, with Rm' = Rm halves swapped if X (bit 4). */
    private static void dualProducts(Emitter e, int insn) {
        boolean swap = bit(insn, 4);
        pushHalf(e, rn(insn), false);
        pushHalf(e, rm(insn), swap);
        e.op(IMUL);
        e.op(I2L);
        pushHalf(e, rn(insn), true);
        pushHalf(e, rm(insn), !swap);
        e.op(IMUL);
        e.op(I2L);
    }

    /** SMLAD(X)/SMLSD(X) Rd = Ra + p1 ± p2, or SMUAD(X)/SMUSD(X) when Ra = 15; Q on overflow. */
    private static void smlad(Emitter e, int insn, boolean subtract) {
        dualProducts(e, insn);
        e.op(subtract ? LSUB : LADD);
        if (ra(insn) != 15) {
            pushSignedLong(e, ra(insn));
            e.op(LADD);
        }
        sumQ(e);
        T32DpUtil.write(e, rd(insn));
    }

    /** SMMUL(R) (Ra = 15), SMMLA(R), SMMLS(R): the top word of (Ra << 32) ± Rn * Rm, rounded if R (bit 4). */
    private static void smmla(Emitter e, int insn, boolean subtract) {
        boolean accumulate = subtract || ra(insn) != 15;
        if (accumulate) {
            pushSignedLong(e, ra(insn));
            e.iconst(32);
            e.op(LSHL);
        }
        pushSignedLong(e, rn(insn));
        pushSignedLong(e, rm(insn));
        e.op(LMUL);
        if (accumulate) {
            e.op(subtract ? LSUB : LADD);
        }
        if (bit(insn, 4)) {
            e.lconst(0x80000000L);
            e.op(LADD);
        }
        e.iconst(32);
        e.op(LSHR);
        e.op(L2I);
        T32DpUtil.write(e, rd(insn));
    }

    /** USAD8, or USADA8 when Ra != 15: Rd = Ra + sum |Rn.byte[i] - Rm.byte[i]|. */
    private static void usad8(Emitter e, int insn) {
        e.loadReg(rn(insn));
        e.loadReg(rm(insn));
        e.call(OPS, "usad8", "(II)I");
        if (ra(insn) != 15) {
            e.loadReg(ra(insn));
            e.op(IADD);
        }
        T32DpUtil.write(e, rd(insn));
    }

    // ---- long forms: RdLo = bits 15:12, RdHi = bits 11:8 ----

    /** SMULL/UMULL, SMLAL/UMLAL: RdHi:RdLo (+)= Rn * Rm, 64-bit. */
    private static void longMul(Emitter e, int insn, boolean signed, boolean accumulate) {
        int lo = ra(insn);
        int hi = rd(insn);
        if (signed) {
            pushSignedLong(e, rn(insn));
            pushSignedLong(e, rm(insn));
        } else {
            pushUnsignedLong(e, rn(insn));
            pushUnsignedLong(e, rm(insn));
        }
        e.op(LMUL);
        if (accumulate) {
            pushPair(e, hi, lo);
            e.op(LADD);
        }
        storePair(e, hi, lo);
    }

    /** UMAAL: RdHi:RdLo = Rn * Rm + RdHi + RdLo, all unsigned (cannot overflow 64 bits). */
    private static void umaal(Emitter e, int insn) {
        int lo = ra(insn);
        int hi = rd(insn);
        pushUnsignedLong(e, rn(insn));
        pushUnsignedLong(e, rm(insn));
        e.op(LMUL);
        pushUnsignedLong(e, hi);
        e.op(LADD);
        pushUnsignedLong(e, lo);
        e.op(LADD);
        storePair(e, hi, lo);
    }

    /** SMLALxy: RdHi:RdLo += Rn.x * Rm.y (N = bit 5, M = bit 4). */
    private static void smlalxy(Emitter e, int insn) {
        int lo = ra(insn);
        int hi = rd(insn);
        pushHalf(e, rn(insn), bit(insn, 5));
        pushHalf(e, rm(insn), bit(insn, 4));
        e.op(IMUL);
        e.op(I2L);
        pushPair(e, hi, lo);
        e.op(LADD);
        storePair(e, hi, lo);
    }

    /** SMLALD(X)/SMLSLD(X): RdHi:RdLo += p1 ± p2. */
    private static void smlald(Emitter e, int insn, boolean subtract) {
        int lo = ra(insn);
        int hi = rd(insn);
        dualProducts(e, insn);
        e.op(subtract ? LSUB : LADD);
        pushPair(e, hi, lo);
        e.op(LADD);
        storePair(e, hi, lo);
    }

    /** SDIV/UDIV Rd, Rn, Rm: rounds towards zero; divide by zero gives 0 (no trap on ARMv7-A). */
    private static void div(Emitter e, int insn, String helper) {
        e.loadReg(rn(insn));
        e.loadReg(rm(insn));
        e.alu(helper, "(II)I");
        T32DpUtil.write(e, rd(insn));
    }
}
