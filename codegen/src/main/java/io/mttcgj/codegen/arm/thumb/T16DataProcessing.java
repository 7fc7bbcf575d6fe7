package io.mttcgj.codegen.arm.thumb;

import static io.mttcgj.codegen.arm.thumb.T16.bits;
import static io.mttcgj.codegen.arm.thumb.T16.row;

import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.emit.Emitter;
import io.mttcgj.codegen.emit.Flags;
import org.objectweb.asm.Opcodes;

/**
 * T16 data processing (ARM ARM A6.2.1-A6.2.3 and parts of A6.2.5): shifts by an immediate, ADD/SUB
 * (register, 3-bit and 8-bit immediate), MOV/CMP immediate, the sixteen register-to-register ops, the
 * high-register ADD/CMP/MOV (ADD PC, Rm and MOV PC, Rm are BranchWritePC), ADR, the SP-relative
 * ADDs, the extends and the byte reverses.
 *
 * <p>Flags: these instructions set them only outside an IT block ("setflags = !InITBlock()"), except
 * CMP, CMN and TST, which always do. Results go through temps so Rd may be a source register.
 */
final class T16DataProcessing implements Opcodes {
    private static final String MEDIA = "io/mttcgj/codegen/runtime/MediaOps";
    private static final int LSL = 0, LSR = 1, ASR = 2;
    // Opcodes of the "data-processing (register)" group, 010000 oooo mmm ddd.
    private static final int AND = 0, EOR = 1, LSLR = 2, LSRR = 3, ASRR = 4, ADC = 5, SBC = 6, RORR = 7;
    private static final int TST = 8, RSB = 9, CMP = 10, CMN = 11, ORR = 12, MUL = 13, BIC = 14, MVN = 15;
    private static final String[] DP_NAMES = {"ands", "eors", "lsls", "lsrs", "asrs", "adcs", "sbcs", "rors",
        "tst", "rsbs", "cmp", "cmn", "orrs", "muls", "bics", "mvns"};
    private static final String[] SHIFT_NAMES = {"lsls", "lsrs", "asrs"};

    private T16DataProcessing() {
    }

    static void register(DecodeTable t) {
        for (int type = LSL; type <= ASR; type++) {
            String tt = type == LSL ? "00" : type == LSR ? "01" : "10";
            row(t, "000" + tt + " iiiii mmm ddd", SHIFT_NAMES[type], T16DataProcessing::shiftImm);
        }
        row(t, "0001100 mmm nnn ddd", "adds", (e, i) -> addSub(e, i, true, false));
        row(t, "0001101 mmm nnn ddd", "subs", (e, i) -> addSub(e, i, false, false));
        row(t, "0001110 iii nnn ddd", "adds", (e, i) -> addSub(e, i, true, true));
        row(t, "0001111 iii nnn ddd", "subs", (e, i) -> addSub(e, i, false, true));
        row(t, "00100 ddd iiiiiiii", "movs", T16DataProcessing::movImm);
        row(t, "00101 nnn iiiiiiii", "cmp", T16DataProcessing::cmpImm);
        row(t, "00110 ddd iiiiiiii", "adds", (e, i) -> addSubImm8(e, i, true));
        row(t, "00111 ddd iiiiiiii", "subs", (e, i) -> addSubImm8(e, i, false));
        for (int op = 0; op < 16; op++) {
            String o = String.format("%4s", Integer.toBinaryString(op)).replace(' ', '0');
            row(t, "010000 " + o + " mmm ddd", DP_NAMES[op], T16DataProcessing::dpReg);
        }
        row(t, "01000100 d mmmm ddd", "add", T16DataProcessing::addHigh);
        row(t, "01000101 n mmmm nnn", "cmp", T16DataProcessing::cmpHigh);
        row(t, "01000110 d mmmm ddd", "mov", T16DataProcessing::movHigh);
        row(t, "10100 ddd iiiiiiii", "adr", T16DataProcessing::adr);
        row(t, "10101 ddd iiiiiiii", "add", T16DataProcessing::addSpImm8);
        row(t, "101100000 iiiiiii", "add", (e, i) -> adjustSp(e, i, true));
        row(t, "101100001 iiiiiii", "sub", (e, i) -> adjustSp(e, i, false));
        row(t, "1011001000 mmm ddd", "sxth", T16DataProcessing::extend);
        row(t, "1011001001 mmm ddd", "sxtb", T16DataProcessing::extend);
        row(t, "1011001010 mmm ddd", "uxth", T16DataProcessing::extend);
        row(t, "1011001011 mmm ddd", "uxtb", T16DataProcessing::extend);
        row(t, "1011101000 mmm ddd", "rev", T16DataProcessing::reverse);
        row(t, "1011101001 mmm ddd", "rev16", T16DataProcessing::reverse);
        row(t, "1011101011 mmm ddd", "revsh", T16DataProcessing::reverse);
    }

    /** LSL/LSR/ASR (immediate); LSL #0 is MOVS Rd, Rm (C unchanged). */
    static void shiftImm(Emitter e, int insn) {
        int type = bits(insn, 12, 11);
        int imm5 = bits(insn, 10, 6);
        int rd = bits(insn, 2, 0);
        boolean setFlags = !e.inItBlock();
        int n = type == LSL || imm5 != 0 ? imm5 : 32; // DecodeImmShift: LSR/ASR #0 mean #32
        int x = e.temp();
        e.loadReg(bits(insn, 5, 3));
        e.istore(x);
        int carry = -1;
        if (setFlags && n != 0 && e.needFlag(Flags.C)) {
            carry = e.temp();
            e.iload(x);
            e.iconst(n);
            e.alu(type == LSL ? "lslImmC" : type == LSR ? "lsrImmC" : "asrImmC", "(II)I");
            e.istore(carry);
        }
        int r = e.temp();
        if (type == LSR && n == 32) {
            e.iconst(0);
        } else {
            e.iload(x);
            if (n != 0) {
                e.iconst(type == ASR ? Math.min(n, 31) : n);
                e.op(type == LSL ? ISHL : type == LSR ? IUSHR : ISHR);
            }
        }
        e.istore(r);
        if (setFlags) {
            e.iload(r);
            e.setNZ();
            if (carry >= 0) {
                e.iload(carry);
                e.setC();
            } else if (n != 0) {
                e.markFlagsWritten(Flags.C);
            }
        }
        e.iload(r);
        e.storeReg(rd);
    }

    /** ADD/SUB (register) T1 and ADD/SUB (immediate) T1 with a 3-bit immediate. */
    static void addSub(Emitter e, int insn, boolean add, boolean immediate) {
        int b = e.temp();
        if (immediate) {
            e.iconst(bits(insn, 8, 6));
        } else {
            e.loadReg(bits(insn, 8, 6));
        }
        e.istore(b);
        arith(e, bits(insn, 5, 3), b, bits(insn, 2, 0), add, !e.inItBlock());
    }

    static void addSubImm8(Emitter e, int insn, boolean add) {
        int rdn = bits(insn, 10, 8);
        int b = e.temp();
        e.iconst(insn & 0xff);
        e.istore(b);
        arith(e, rdn, b, rdn, add, !e.inItBlock());
    }

    static void cmpImm(Emitter e, int insn) {
        int b = e.temp();
        e.iconst(insn & 0xff);
        e.istore(b);
        arith(e, bits(insn, 10, 8), b, -1, false, true);
    }

    static void movImm(Emitter e, int insn) {
        int imm = insn & 0xff;
        if (!e.inItBlock()) {
            e.iconst(imm);
            e.setNZ();
        }
        e.iconst(imm);
        e.storeReg(bits(insn, 10, 8));
    }

    /** Rd = Rn +/- (temp b); {@code rd} = -1 for a compare. Flags as AddWithCarry. */
    private static void arith(Emitter e, int rn, int b, int rd, boolean add, boolean setFlags) {
        int a = e.temp();
        e.loadReg(rn);
        e.istore(a);
        int r = e.temp();
        e.iload(a);
        e.iload(b);
        e.op(add ? IADD : ISUB);
        e.istore(r);
        if (setFlags) {
            arithFlags(e, a, b, r, add, false);
        }
        if (rd >= 0) {
            e.iload(r);
            e.storeReg(rd);
        }
    }

    /**
     * NZCV of r = x + y (+ C) or x - y (- NOT C), operands and result in temps. The carry-in is read
     * before C is written.
     */
    private static void arithFlags(Emitter e, int x, int y, int r, boolean add, boolean withCarry) {
        e.iload(r);
        e.setNZ();
        int c = e.temp();
        if (e.needFlag(Flags.C)) {
            e.iload(x);
            e.iload(y);
            if (withCarry) {
                e.loadCarry();
                e.alu(add ? "adcC" : "sbcC", "(III)I");
            } else {
                e.alu(add ? "addC" : "subC", "(II)I");
            }
        } else {
            e.iconst(0);
        }
        e.istore(c);
        if (e.needFlag(Flags.V)) {
            e.iload(x);
            e.iload(y);
            e.iload(r);
            e.alu(add ? "addV" : "subV", "(III)I");
        } else {
            e.iconst(0);
        }
        e.setV();
        e.iload(c);
        e.setC();
    }

    /** The data-processing (register) group: Rdn = Rdn op Rm (RSB: Rd = 0 - Rn; MUL: Rdm = Rn * Rdm). */
    static void dpReg(Emitter e, int insn) {
        int op = bits(insn, 9, 6);
        int rdn = bits(insn, 2, 0);
        boolean compare = op == TST || op == CMP || op == CMN;
        boolean setFlags = compare || !e.inItBlock();
        int a = e.temp();
        int b = e.temp();
        int r = e.temp();
        e.loadReg(rdn);
        e.istore(a);
        e.loadReg(bits(insn, 5, 3));
        e.istore(b);
        switch (op) {
            case AND: case TST: e.iload(a); e.iload(b); e.op(IAND); break;
            case EOR: e.iload(a); e.iload(b); e.op(IXOR); break;
            case ORR: e.iload(a); e.iload(b); e.op(IOR); break;
            case BIC: e.iload(a); e.iload(b); e.iconst(-1); e.op(IXOR); e.op(IAND); break;
            case MVN: e.iload(b); e.iconst(-1); e.op(IXOR); break;
            case LSLR: shiftByReg(e, a, b, "lslReg"); break;
            case LSRR: shiftByReg(e, a, b, "lsrReg"); break;
            case ASRR: shiftByReg(e, a, b, "asrReg"); break;
            case RORR: shiftByReg(e, a, b, "rorReg"); break;
            case ADC: case CMN: e.iload(a); e.iload(b); e.op(IADD); break;
            case CMP: e.iload(a); e.iload(b); e.op(ISUB); break;
            case RSB: e.iconst(0); e.iload(b); e.op(ISUB); break;
            case MUL: e.iload(a); e.iload(b); e.op(IMUL); break;
            default: break; // SBC below
        }
        if (op == ADC) {
            e.loadCarry();
            e.op(IADD);
        } else if (op == SBC) {
            e.iload(a);
            e.iload(b);
            e.op(ISUB);
            e.loadCarry();
            e.op(IADD);
            e.iconst(1);
            e.op(ISUB);
        }
        e.istore(r);
        if (setFlags) {
            dpFlags(e, op, a, b, r);
        }
        if (!compare) {
            e.iload(r);
            e.storeReg(rdn);
        }
    }

    private static void shiftByReg(Emitter e, int x, int amount, String helper) {
        e.iload(x);
        e.iload(amount);
        e.iconst(0xff);
        e.op(IAND);
        e.alu(helper, "(II)I");
    }

    private static void dpFlags(Emitter e, int op, int a, int b, int r) {
        switch (op) {
            case ADC: arithFlags(e, a, b, r, true, true); return;
            case SBC: arithFlags(e, a, b, r, false, true); return;
            case CMP: arithFlags(e, a, b, r, false, false); return;
            case CMN: arithFlags(e, a, b, r, true, false); return;
            case RSB: {
                int zero = e.temp();
                e.iconst(0);
                e.istore(zero);
                arithFlags(e, zero, b, r, false, false);
                return;
            }
            default: break;
        }
        e.iload(r);
        e.setNZ(); // logical ops and MUL leave C and V alone (no shifter here)
        if (op == LSLR || op == LSRR || op == ASRR || op == RORR) {
            if (e.needFlag(Flags.C)) {
                e.iload(a);
                e.iload(b);
                e.iconst(0xff);
                e.op(IAND);
                e.loadCarry();
                String h = op == LSLR ? "lslRegC" : op == LSRR ? "lsrRegC" : op == ASRR ? "asrRegC" : "rorRegC";
                e.alu(h, "(III)I");
                e.setC();
            } else {
                e.markFlagsWritten(Flags.C);
            }
        }
    }

    // ------------------------------------------------------------------ high registers

    /** ADD Rdn, Rm (any registers, no flags); Rd = PC is BranchWritePC. */
    static void addHigh(Emitter e, int insn) {
        int rdn = (bits(insn, 7, 7) << 3) | bits(insn, 2, 0);
        e.loadReg(rdn);
        e.loadReg(bits(insn, 6, 3));
        e.op(IADD);
        writeHigh(e, rdn);
    }

    /** MOV Rd, Rm (any registers, no flags); Rd = PC is BranchWritePC. */
    static void movHigh(Emitter e, int insn) {
        e.loadReg(bits(insn, 6, 3));
        writeHigh(e, (bits(insn, 7, 7) << 3) | bits(insn, 2, 0));
    }

    private static void writeHigh(Emitter e, int rd) {
        if (rd == 15) {
            e.branchWritePc();
        } else {
            e.storeReg(rd);
        }
    }

    static void cmpHigh(Emitter e, int insn) {
        int b = e.temp();
        e.loadReg(bits(insn, 6, 3));
        e.istore(b);
        arith(e, (bits(insn, 7, 7) << 3) | bits(insn, 2, 0), b, -1, false, true);
    }

    // ------------------------------------------------------------------ PC- and SP-relative

    /** ADR: Rd = Align(PC, 4) + imm8 * 4, a constant. */
    static void adr(Emitter e, int insn) {
        e.iconst(((e.pc() + 4) & ~3) + (insn & 0xff) * 4);
        e.storeReg(bits(insn, 10, 8));
    }

    static void addSpImm8(Emitter e, int insn) {
        e.loadReg(13);
        e.iconst((insn & 0xff) * 4);
        e.op(IADD);
        e.storeReg(bits(insn, 10, 8));
    }

    /** ADD SP, SP, #imm7*4 / SUB SP, SP, #imm7*4. */
    static void adjustSp(Emitter e, int insn, boolean add) {
        e.loadReg(13);
        e.iconst((insn & 0x7f) * 4);
        e.op(add ? IADD : ISUB);
        e.storeReg(13);
    }

    // ------------------------------------------------------------------ extend and reverse

    static void extend(Emitter e, int insn) {
        e.loadReg(bits(insn, 5, 3));
        switch (bits(insn, 7, 6)) {
            case 0: e.op(I2S); break;
            case 1: e.op(I2B); break;
            case 2: e.iconst(0xffff); e.op(IAND); break;
            default: e.iconst(0xff); e.op(IAND); break;
        }
        e.storeReg(bits(insn, 2, 0));
    }

    static void reverse(Emitter e, int insn) {
        e.loadReg(bits(insn, 5, 3));
        switch (bits(insn, 7, 6)) {
            case 0: e.call("java/lang/Integer", "reverseBytes", "(I)I"); break;
            case 1: e.call(MEDIA, "rev16", "(I)I"); break;
            default: e.call(MEDIA, "revsh", "(I)I"); break;
        }
        e.storeReg(bits(insn, 2, 0));
    }
}
