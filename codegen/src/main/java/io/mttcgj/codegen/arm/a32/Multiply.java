package io.mttcgj.codegen.arm.a32;

import static io.mttcgj.codegen.arm.common.MulOperands.pushHalf;
import static io.mttcgj.codegen.arm.common.MulOperands.pushPair;
import static io.mttcgj.codegen.arm.common.MulOperands.pushSignedLong;
import static io.mttcgj.codegen.arm.common.MulOperands.pushUnsignedLong;

import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.emit.Emitter;
import io.mttcgj.codegen.emit.Flags;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * A32 multiplies and divides: the multiply space (MUL ... SMLAL, UMAAL, MLS), the halfword
 * multiplies in the miscellaneous space (SMLAxy, SMLAWy, SMULxy, SMULWy, SMLALxy) and the media
 * signed multiplies (SMUAD ... SMMLS, SDIV, UDIV, USAD8). S forms set N and Z only. A destination of
 * PC is UNPREDICTABLE in all of these; we treat it as Undefined.
 */
final class Multiply implements Opcodes {
    static final String OPS = "io/mttcgj/codegen/runtime/MediaOps";
    static final String CPU_D = Type.getDescriptor(CpuState.class);

    private Multiply() {
    }

    static void register(DecodeTable t) {
        int p = A32.P_CARVED;
        // Multiply space: cccc 0000 xxxx .... .... .... 1001 ....
        t.add(p, "cccc0000000Sdddd----mmmm1001nnnn", "mul", (e, i) -> mla(e, i, 0));
        t.add(p, "cccc0000001Sddddaaaammmm1001nnnn", "mla", (e, i) -> mla(e, i, 1));
        t.add(p, "cccc00000110ddddaaaammmm1001nnnn", "mls", (e, i) -> mla(e, i, -1));
        t.add(p, "cccc00000100hhhhllllmmmm1001nnnn", "umaal", Multiply::umaal);
        t.add(p, "cccc00001UAShhhhllllmmmm1001nnnn", "umull/umlal/smull/smlal", Multiply::longMul);
        // Halfword multiplies: cccc 00010 op 0 .... .... .... 1yx0 ....
        t.add(p, "cccc00010000ddddaaaammmm1yx0nnnn", "smlaxy", Multiply::smlaxy);
        t.add(p, "cccc00010010ddddaaaammmm1y00nnnn", "smlawy", (e, i) -> smlawy(e, i, true));
        t.add(p, "cccc00010010dddd----mmmm1y10nnnn", "smulwy", (e, i) -> smlawy(e, i, false));
        t.add(p, "cccc00010100hhhhllllmmmm1yx0nnnn", "smlalxy", Multiply::smlalxy);
        t.add(p, "cccc00010110dddd----mmmm1yx0nnnn", "smulxy", Multiply::smulxy);
        // Media signed multiplies and divides: cccc 01110 ... .... .... .... ...1 ....
        t.add(p, "cccc01110000ddddaaaammmm0SM1nnnn", "smlad/smlsd/smuad/smusd", Multiply::smlad);
        t.add(p, "cccc01110100hhhhllllmmmm0SM1nnnn", "smlald/smlsld", Multiply::smlald);
        t.add(p, "cccc01110101ddddaaaammmm00R1nnnn", "smmla/smmul", (e, i) -> smmla(e, i, false));
        t.add(p, "cccc01110101ddddaaaammmm11R1nnnn", "smmls", (e, i) -> smmla(e, i, true));
        t.add(p, "cccc01110001dddd----mmmm0001nnnn", "sdiv", (e, i) -> div(e, i, "sdiv"));
        t.add(p, "cccc01110011dddd----mmmm0001nnnn", "udiv", (e, i) -> div(e, i, "udiv"));
        t.add(p, "cccc01111000ddddaaaammmm0001nnnn", "usad8/usada8", Multiply::usad8);
    }

    // Register fields shared by every multiply: Rd/RdHi 19:16, Ra/RdLo 15:12, Rm 11:8, Rn 3:0.
    static int rdHi(int insn) {
        return A32.bits(insn, 19, 16);
    }

    static int raLo(int insn) {
        return A32.bits(insn, 15, 12);
    }

    static int rm(int insn) {
        return A32.bits(insn, 11, 8);
    }

    static int rn(int insn) {
        return insn & 15;
    }

    /** Starts the instruction; false (after emitting Undefined) if a destination is the PC. */
    static boolean begin(Emitter e, int insn, int... dests) {
        for (int d : dests) {
            if (d == 15) {
                A32.undefined(e, insn);
                return false;
            }
        }
        e.condition(A32.cond(insn));
        return true;
    }

    /** Stack: long → RdLo, RdHi (and N, Z from all 64 bits if setFlags). */
    static void storePair(Emitter e, int hi, int lo, boolean setFlags) {
        int t = e.temp2();
        e.lstore(t);
        if (setFlags) {
            if (e.needFlag(Flags.N) || e.needFlag(Flags.Z)) {
                e.lload(t);
                e.call(OPS, "nz64", "(J)I");
            } else {
                e.iconst(0);
            }
            e.setNZ();
        }
        e.lload(t);
        e.op(L2I);
        e.storeReg(lo);
        e.lload(t);
        e.iconst(32);
        e.op(LSHR);
        e.op(L2I);
        e.storeReg(hi);
    }

    /** Stack: long → cpu.qf set if it does not fit in 32 signed bits; pushes its low word. */
    static void sumQ(Emitter e) {
        int t = e.temp2();
        e.lstore(t);
        e.loadCpu();
        e.lload(t);
        e.call(OPS, "sumQ", "(" + CPU_D + "J)I");
    }

    /** MUL (acc 0), MLA (acc 1), MLS (acc -1): Rd = Ra ± Rn * Rm. */
    private static void mla(Emitter e, int insn, int acc) {
        int rd = rdHi(insn);
        if (!begin(e, insn, rd)) {
            return;
        }
        if (acc < 0) {
            e.loadReg(raLo(insn));
        }
        e.loadReg(rn(insn));
        e.loadReg(rm(insn));
        e.op(IMUL);
        if (acc > 0) {
            e.loadReg(raLo(insn));
            e.op(IADD);
        } else if (acc < 0) {
            e.op(ISUB);
        }
        if (acc >= 0 && A32.bit(insn, 20)) {
            e.op(DUP);
            e.setNZ();
        }
        e.storeReg(rd);
    }

    /** UMULL, UMLAL, SMULL, SMLAL: bit 22 = signed, bit 21 = accumulate, bit 20 = S. */
    private static void longMul(Emitter e, int insn) {
        int hi = rdHi(insn);
        int lo = raLo(insn);
        if (!begin(e, insn, hi, lo)) {
            return;
        }
        boolean signed = A32.bit(insn, 22);
        if (signed) {
            pushSignedLong(e, rn(insn));
            pushSignedLong(e, rm(insn));
        } else {
            pushUnsignedLong(e, rn(insn));
            pushUnsignedLong(e, rm(insn));
        }
        e.op(LMUL);
        if (A32.bit(insn, 21)) {
            pushPair(e, hi, lo);
            e.op(LADD);
        }
        storePair(e, hi, lo, A32.bit(insn, 20));
    }

    /** UMAAL: RdHi:RdLo = Rn * Rm + RdHi + RdLo (all unsigned; cannot overflow 64 bits). */
    private static void umaal(Emitter e, int insn) {
        int hi = rdHi(insn);
        int lo = raLo(insn);
        if (!begin(e, insn, hi, lo)) {
            return;
        }
        pushUnsignedLong(e, rn(insn));
        pushUnsignedLong(e, rm(insn));
        e.op(LMUL);
        pushUnsignedLong(e, hi);
        e.op(LADD);
        pushUnsignedLong(e, lo);
        e.op(LADD);
        storePair(e, hi, lo, false);
    }

    /** SMLAxy: Rd = Rn.x * Rm.y + Ra; Q on signed overflow of the sum. */
    private static void smlaxy(Emitter e, int insn) {
        int rd = rdHi(insn);
        if (!begin(e, insn, rd)) {
            return;
        }
        pushHalf(e, rn(insn), A32.bit(insn, 5));
        pushHalf(e, rm(insn), A32.bit(insn, 6));
        e.op(IMUL); // at most 0x40000000: exact in 32 bits
        e.op(I2L);
        pushSignedLong(e, raLo(insn));
        e.op(LADD);
        sumQ(e);
        e.storeReg(rd);
    }

    /** SMULxy: Rd = Rn.x * Rm.y (cannot overflow). */
    private static void smulxy(Emitter e, int insn) {
        int rd = rdHi(insn);
        if (!begin(e, insn, rd)) {
            return;
        }
        pushHalf(e, rn(insn), A32.bit(insn, 5));
        pushHalf(e, rm(insn), A32.bit(insn, 6));
        e.op(IMUL);
        e.storeReg(rd);
    }

    /** SMLAWy / SMULWy: bits 47:16 of Rn * Rm.y, plus Ra (Q on overflow of that sum). */
    private static void smlawy(Emitter e, int insn, boolean accumulate) {
        int rd = rdHi(insn);
        if (!begin(e, insn, rd)) {
            return;
        }
        pushSignedLong(e, rn(insn));
        pushHalf(e, rm(insn), A32.bit(insn, 6));
        e.op(I2L);
        e.op(LMUL);
        e.iconst(16);
        e.op(LSHR); // |product| < 2^47, so this fits in 32 bits
        if (accumulate) {
            pushSignedLong(e, raLo(insn));
            e.op(LADD);
            sumQ(e);
        } else {
            e.op(L2I);
        }
        e.storeReg(rd);
    }

    /** SMLALxy: RdHi:RdLo += Rn.x * Rm.y (64-bit wrap, no flags). */
    private static void smlalxy(Emitter e, int insn) {
        int hi = rdHi(insn);
        int lo = raLo(insn);
        if (!begin(e, insn, hi, lo)) {
            return;
        }
        pushHalf(e, rn(insn), A32.bit(insn, 5));
        pushHalf(e, rm(insn), A32.bit(insn, 6));
        e.op(IMUL);
        e.op(I2L);
        pushPair(e, hi, lo);
        e.op(LADD);
        storePair(e, hi, lo, false);
    }

    /** Pushes, as longs, product1 = Rn.lo * Rm'.lo and product2 = Rn.hi * Rm'.hi, Rm' = Rm swapped if M. */
    private static void dualProducts(Emitter e, int insn) {
        boolean swap = A32.bit(insn, 5);
        pushHalf(e, rn(insn), false);
        pushHalf(e, rm(insn), swap);
        e.op(IMUL);
        e.op(I2L);
        pushHalf(e, rn(insn), true);
        pushHalf(e, rm(insn), !swap);
        e.op(IMUL);
        e.op(I2L);
    }

    /** SMLAD(X)/SMLSD(X), or SMUAD(X)/SMUSD(X) when Ra = 15. Q on overflow (never for SMUSD). */
    private static void smlad(Emitter e, int insn) {
        int rd = rdHi(insn);
        int ra = raLo(insn);
        if (!begin(e, insn, rd)) {
            return;
        }
        dualProducts(e, insn);
        e.op(A32.bit(insn, 6) ? LSUB : LADD);
        if (ra != 15) {
            pushSignedLong(e, ra);
            e.op(LADD);
        }
        sumQ(e);
        e.storeReg(rd);
    }

    /** SMLALD(X)/SMLSLD(X): RdHi:RdLo += product1 ± product2. */
    private static void smlald(Emitter e, int insn) {
        int hi = rdHi(insn);
        int lo = raLo(insn);
        if (!begin(e, insn, hi, lo)) {
            return;
        }
        dualProducts(e, insn);
        e.op(A32.bit(insn, 6) ? LSUB : LADD);
        pushPair(e, hi, lo);
        e.op(LADD);
        storePair(e, hi, lo, false);
    }

    /** SMMUL(R) (Ra = 15), SMMLA(R), SMMLS(R): the top word of (Ra << 32) ± Rn * Rm, rounded if R. */
    private static void smmla(Emitter e, int insn, boolean subtract) {
        int rd = rdHi(insn);
        int ra = raLo(insn);
        if (!begin(e, insn, rd)) {
            return;
        }
        boolean accumulate = subtract || ra != 15;
        if (accumulate) {
            pushSignedLong(e, ra);
            e.iconst(32);
            e.op(LSHL);
        }
        pushSignedLong(e, rn(insn));
        pushSignedLong(e, rm(insn));
        e.op(LMUL);
        if (accumulate) {
            e.op(subtract ? LSUB : LADD);
        }
        if (A32.bit(insn, 5)) {
            e.lconst(0x80000000L);
            e.op(LADD);
        }
        e.iconst(32);
        e.op(LSHR);
        e.op(L2I);
        e.storeReg(rd);
    }

    /** SDIV/UDIV: Rd = Rn / Rm, rounding towards zero; divide by zero gives 0. */
    private static void div(Emitter e, int insn, String helper) {
        int rd = rdHi(insn);
        if (!begin(e, insn, rd)) {
            return;
        }
        e.loadReg(rn(insn));
        e.loadReg(rm(insn));
        e.alu(helper, "(II)I");
        e.storeReg(rd);
    }

    /** USAD8, or USADA8 (Ra != 15): Rd = Ra + sum |Rn.byte[i] - Rm.byte[i]|. */
    private static void usad8(Emitter e, int insn) {
        int rd = rdHi(insn);
        int ra = raLo(insn);
        if (!begin(e, insn, rd)) {
            return;
        }
        e.loadReg(rn(insn));
        e.loadReg(rm(insn));
        e.call(OPS, "usad8", "(II)I");
        if (ra != 15) {
            e.loadReg(ra);
            e.op(IADD);
        }
        e.storeReg(rd);
    }
}
