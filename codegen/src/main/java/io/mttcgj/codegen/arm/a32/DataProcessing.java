package io.mttcgj.codegen.arm.a32;

import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.emit.Emitter;
import io.mttcgj.codegen.emit.Flags;
import org.objectweb.asm.Opcodes;

/**
 * A32 data-processing instructions in the three operand forms (immediate, register shifted by
 * immediate, register shifted by register). Flags are computed only when live.
 */
final class DataProcessing implements Opcodes {
    static final int AND = 0, EOR = 1, SUB = 2, RSB = 3, ADD = 4, ADC = 5, SBC = 6, RSC = 7;
    static final int TST = 8, TEQ = 9, CMP = 10, CMN = 11, ORR = 12, MOV = 13, BIC = 14, MVN = 15;
    private static final String[] NAMES = {"and", "eor", "sub", "rsb", "add", "adc", "sbc", "rsc", "tst", "teq",
        "cmp", "cmn", "orr", "mov", "bic", "mvn"};

    private DataProcessing() {
    }

    static void register(DecodeTable t) {
        for (int op = 0; op < 16; op++) {
            String o = String.format("%4s", Integer.toBinaryString(op)).replace(' ', '0');
            String s = op >= TST && op <= CMN ? "1" : "S";
            t.add(A32.P_GENERAL, "cccc001" + o + s + "nnnnddddrrrrvvvvvvvv", NAMES[op], (e, i) -> dp(e, i, true));
            t.add(A32.P_GENERAL, "cccc000" + o + s + "nnnnddddiiiiitt0mmmm", NAMES[op], (e, i) -> dp(e, i, false));
            t.add(A32.P_GENERAL, "cccc000" + o + s + "nnnnddddssss0tt1mmmm", NAMES[op], (e, i) -> dp(e, i, false));
        }
    }

    static void dp(Emitter e, int insn, boolean imm) {
        e.condition(A32.cond(insn));
        int op = (insn >>> 21) & 15;
        boolean s = A32.bit(insn, 20);
        int rn = (insn >>> 16) & 15;
        int rd = (insn >>> 12) & 15;
        boolean writesResult = op < TST || op > CMN;
        boolean exceptionReturn = s && rd == 15 && writesResult;
        boolean setFlags = s && !exceptionReturn;
        int a = e.temp();
        int b = e.temp();
        int r = e.temp();

        // Logical ops with S take C from the shifter; compute it before Rd may overwrite a source.
        boolean logical = op == AND || op == EOR || op == TST || op == TEQ || op == ORR || op == MOV || op == BIC
                || op == MVN;
        int carry = -1;
        if (setFlags && logical && e.needFlag(Flags.C)) {
            carry = e.temp();
            Shifter.pushCarry(e, insn, imm);
            e.istore(carry);
        }
        Shifter.pushValue(e, insn, imm);
        e.istore(b);
        if (op != MOV && op != MVN) {
            e.loadReg(rn);
            e.istore(a);
        }
        switch (op) {
            case AND: case TST: e.iload(a); e.iload(b); e.op(IAND); break;
            case EOR: case TEQ: e.iload(a); e.iload(b); e.op(IXOR); break;
            case ORR: e.iload(a); e.iload(b); e.op(IOR); break;
            case BIC: e.iload(a); e.iload(b); e.iconst(-1); e.op(IXOR); e.op(IAND); break;
            case MOV: e.iload(b); break;
            case MVN: e.iload(b); e.iconst(-1); e.op(IXOR); break;
            case ADD: case CMN: e.iload(a); e.iload(b); e.op(IADD); break;
            case SUB: case CMP: e.iload(a); e.iload(b); e.op(ISUB); break;
            case RSB: e.iload(b); e.iload(a); e.op(ISUB); break;
            case ADC: e.iload(a); e.iload(b); e.op(IADD); e.loadCarry(); e.op(IADD); break;
            case SBC: e.iload(a); e.iload(b); e.op(ISUB); e.loadCarry(); e.op(IADD); e.iconst(1); e.op(ISUB); break;
            case RSC: e.iload(b); e.iload(a); e.op(ISUB); e.loadCarry(); e.op(IADD); e.iconst(1); e.op(ISUB); break;
            default: throw new AssertionError(op);
        }
        e.istore(r);

        if (setFlags) {
            e.iload(r);
            e.setNZ();
            if (logical) {
                if (carry >= 0) {
                    e.iload(carry);
                    e.setC();
                } else {
                    e.markFlagsWritten(Flags.C);
                }
            } else {
                arithmeticCV(e, op, a, b, r);
            }
        }
        if (writesResult) {
            e.iload(r);
            if (exceptionReturn) {
                SystemInsns.exceptionReturn(e);
            } else {
                e.storeReg(rd);
            }
        }
    }

    private static void arithmeticCV(Emitter e, int op, int a, int b, int r) {
        boolean needC = e.needFlag(Flags.C);
        boolean needV = e.needFlag(Flags.V);
        // Operands in ARM ARM order: x op y (RSB/RSC swap them).
        int x = (op == RSB || op == RSC) ? b : a;
        int y = (op == RSB || op == RSC) ? a : b;
        boolean add = op == ADD || op == CMN || op == ADC;
        boolean withCarry = op == ADC || op == SBC || op == RSC;
        if (needC) {
            e.iload(x);
            e.iload(y);
            if (withCarry) {
                e.loadCarry();
                e.alu(add ? "adcC" : "sbcC", "(III)I");
            } else {
                e.alu(add ? "addC" : "subC", "(II)I");
            }
        } else {
            // C is dead but the carry-in was read above; still record that C is written.
            e.iconst(0);
        }
        int c = e.temp();
        e.istore(c);
        if (needV) {
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
}
