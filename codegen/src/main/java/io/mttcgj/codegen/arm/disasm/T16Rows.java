package io.mttcgj.codegen.arm.disasm;

import static io.mttcgj.codegen.arm.disasm.Operands.hex;
import static io.mttcgj.codegen.arm.disasm.Operands.regList;
import static io.mttcgj.codegen.arm.disasm.Operands.signExtend;
import static io.mttcgj.codegen.arm.disasm.ThumbTable.alignedPc;
import static io.mttcgj.codegen.arm.disasm.ThumbTable.regs;
import static io.mttcgj.codegen.arm.disasm.ThumbTable.s16;

/**
 * The 16-bit Thumb instructions (ARM ARM A6.2), spelt as objdump's 16-bit table does: two-operand forms
 * ({@code adds r0, #1}, {@code muls r0, r1}, {@code negs r0, r1}, {@code add r0, sp}), {@code .n} on
 * branches, {@code stmia/ldmia}. The rows are disjoint except where commented. Bits the ARM ARM marks
 * (0) must be 0 (as the decoder requires): other values print as unknown.
 */
final class T16Rows {
    private static final String[] DP = {
        "and", "eor", "lsl", "lsr", "asr", "adc", "sbc", "ror", "tst", "neg", "cmp", "cmn", "orr", "mul", "bic", "mvn"};
    private static final String[] LS_REG = {"str", "strh", "strb", "ldrsb", "ldr", "ldrh", "ldrb", "ldrsh"};
    private static final String[] EXTEND = {"sxth", "sxtb", "uxth", "uxtb"};
    private static final String[] REVERSE = {"rev", "rev16", null, "revsh"};
    private static final String[] HINTS = {"nop", "yield", "wfe", "wfi", "sev"};

    private T16Rows() {
    }

    static void register(ThumbTable t) {
        shiftsAndArithmetic(t);
        registerForms(t);
        loadsAndStores(t);
        miscellaneous(t);
        branches(t);
    }

    // ---- A6.2.1 shift, add, subtract, move, compare; A6.2.2 data processing; A6.2.3 special data ----

    private static void shiftsAndArithmetic(ThumbTable t) {
        // LSL #0 is MOVS (register).
        t.t16("00000 00000 mmm ddd", f -> s16(f, "mov") + " " + regs(f, "dm"));
        t.t16("00000 iiiii mmm ddd", f -> s16(f, "lsl") + " " + regs(f, "dm") + ", #" + f.f('i'));
        t.t16("00001 iiiii mmm ddd", f -> s16(f, "lsr") + " " + regs(f, "dm") + ", #" + shift32(f.f('i')));
        t.t16("00010 iiiii mmm ddd", f -> s16(f, "asr") + " " + regs(f, "dm") + ", #" + shift32(f.f('i')));
        t.t16("0001100 mmm nnn ddd", f -> s16(f, "add") + " " + regs(f, "dnm"));
        t.t16("0001101 mmm nnn ddd", f -> s16(f, "sub") + " " + regs(f, "dnm"));
        t.t16("0001110 iii nnn ddd", f -> s16(f, "add") + " " + regs(f, "dn") + ", #" + f.f('i'));
        t.t16("0001111 iii nnn ddd", f -> s16(f, "sub") + " " + regs(f, "dn") + ", #" + f.f('i'));
        t.t16("00100 ddd iiiiiiii", f -> s16(f, "mov") + " " + f.r('d') + ", #" + f.f('i'));
        t.t16("00101 nnn iiiiiiii", f -> f.m("cmp") + " " + f.r('n') + ", #" + f.f('i'));
        t.t16("00110 ddd iiiiiiii", f -> s16(f, "add") + " " + f.r('d') + ", #" + f.f('i'));
        t.t16("00111 ddd iiiiiiii", f -> s16(f, "sub") + " " + f.r('d') + ", #" + f.f('i'));
    }

    private static void registerForms(ThumbTable t) {
        t.t16("010000 oooo mmm ddd", f -> {
            int op = f.f('o');
            boolean compare = op == 8 || op == 10 || op == 11; // tst, cmp, cmn never take an s
            return (compare ? f.m(DP[op]) : s16(f, DP[op])) + " " + regs(f, "dm");
        });
        // D:Rdn / N:Rn are 4-bit register numbers split around Rm.
        t.t16("01000100 d mmmm ddd", f -> f.m("add") + " " + f.r('d') + ", " + f.r('m'));
        t.t16("01000101 n mmmm nnn", f -> f.m("cmp") + " " + f.r('n') + ", " + f.r('m'));
        t.t16("01000110 1 1000 000", f -> f.m("nop")); // mov r8, r8: objdump's alias
        t.t16("01000110 d mmmm ddd", f -> f.m("mov") + " " + f.r('d') + ", " + f.r('m'));
        t.t16("010001110 mmmm 000", f -> f.m("bx") + " " + f.r('m'));
        t.t16("010001111 mmmm 000", f -> f.m("blx") + " " + f.r('m'));
        t.t16("10100 ddd iiiiiiii", f -> {
            int address = alignedPc(f) + 4 * f.f('i');
            return f.m("add") + " " + f.r('d') + ", pc, #" + 4 * f.f('i') + " @ (adr " + f.r('d') + ", "
                    + hex(address) + ")";
        });
        t.t16("10101 ddd iiiiiiii", f -> f.m("add") + " " + f.r('d') + ", sp, #" + 4 * f.f('i'));
        t.t16("1011 0000 0 iiiiiii", f -> f.m("add") + " sp, #" + 4 * f.f('i'));
        t.t16("1011 0000 1 iiiiiii", f -> f.m("sub") + " sp, #" + 4 * f.f('i'));
        t.t16("1011 0010 oo mmm ddd", f -> f.m(EXTEND[f.f('o')]) + " " + regs(f, "dm"));
        t.t16("1011 1010 oo mmm ddd", f -> REVERSE[f.f('o')] == null ? null
                : f.m(REVERSE[f.f('o')]) + " " + regs(f, "dm"));
    }

    private static int shift32(int amount) {
        return amount == 0 ? 32 : amount;
    }

    // ---- A6.2.4 load/store single, LDR (literal), LDM/STM, PUSH/POP ----

    private static void loadsAndStores(ThumbTable t) {
        t.t16("01001 ttt iiiiiiii", f -> f.m("ldr") + " " + f.r('t') + ", [pc, #" + 4 * f.f('i') + "] @ ("
                + hex(alignedPc(f) + 4 * f.f('i')) + ")");
        t.t16("0101 ooo mmm nnn ttt", f -> f.m(LS_REG[f.f('o')]) + " " + f.r('t') + ", [" + regs(f, "nm") + "]");
        t.t16("01100 iiiii nnn ttt", f -> immediate(f, "str", 4));
        t.t16("01101 iiiii nnn ttt", f -> immediate(f, "ldr", 4));
        t.t16("01110 iiiii nnn ttt", f -> immediate(f, "strb", 1));
        t.t16("01111 iiiii nnn ttt", f -> immediate(f, "ldrb", 1));
        t.t16("10000 iiiii nnn ttt", f -> immediate(f, "strh", 2));
        t.t16("10001 iiiii nnn ttt", f -> immediate(f, "ldrh", 2));
        t.t16("10010 ttt iiiiiiii", f -> f.m("str") + " " + f.r('t') + ", [sp, #" + 4 * f.f('i') + "]");
        t.t16("10011 ttt iiiiiiii", f -> f.m("ldr") + " " + f.r('t') + ", [sp, #" + 4 * f.f('i') + "]");
        t.t16("1011010 m rrrrrrrr", f -> f.m("push") + " " + regList(f.f('r') | f.f('m') << 14));
        t.t16("1011110 p rrrrrrrr", f -> f.m("pop") + " " + regList(f.f('r') | f.f('p') << 15));
        t.t16("11000 nnn rrrrrrrr", f -> f.m("stmia") + " " + f.r('n') + "!, " + regList(f.f('r')));
        // LDM writes the base back only when the base is not in the list.
        t.t16("11001 nnn rrrrrrrr", f -> f.m("ldmia") + " " + f.r('n')
                + ((f.f('r') >>> f.f('n') & 1) == 0 ? "!" : "") + ", " + regList(f.f('r')));
    }

    /** [Rn, #imm*scale]: objdump prints the offset even when it is 0. */
    private static String immediate(Fields f, String name, int scale) {
        return f.m(name) + " " + f.r('t') + ", [" + f.r('n') + ", #" + scale * f.f('i') + "]";
    }

    // ---- A6.2.5 miscellaneous ----

    private static void miscellaneous(ThumbTable t) {
        t.t16("1011 0110 0101 e000", f -> "setend " + (f.b('e') ? "be" : "le"));
        // A:I:F = 000 is UNPREDICTABLE.
        t.t16("1011 0110 011 o 0 aif", f -> f.f('a') + f.f('i') + f.f('f') == 0 ? null
                : (f.b('o') ? "cpsid " : "cpsie ") + (f.b('a') ? "a" : "") + (f.b('i') ? "i" : "")
                + (f.b('f') ? "f" : ""));
        t.t16("1011 o0i1 iiiii nnn", f -> (f.b('o') ? "cbnz " : "cbz ") + f.r('n') + ", "
                + hex(f.pc + 4 + 2 * f.f('i')));
        t.t16("1011 1110 iiiiiiii", f -> "bkpt " + String.format("0x%04x", f.f('i')));
        t.t16("1011 1010 10 iiiiii", f -> "hlt " + String.format("0x%04x", f.f('i')));
        // Hints have mask 0000; otherwise it is IT.
        t.t16("1011 1111 hhhh 0000", f -> {
            int h = f.f('h');
            return h < HINTS.length ? f.m(HINTS[h]) : f.m("nop") + " {" + h + "}";
        });
        t.t16("1011 1111 cccc kkkk", T16Rows::it);
    }

    /**
     * IT: "t"/"e" per further instruction, then firstcond. firstcond 1111, and 1110 (AL) with an "e", are
     * UNPREDICTABLE: declined.
     */
    private static String it(Fields f) {
        int cond = f.f('c');
        int mask = f.f('k');
        if (cond == 15 || (cond == 14 && Integer.bitCount(mask) != 1)) {
            return null;
        }
        StringBuilder sb = new StringBuilder("it");
        for (int bit = 3; bit >= 0 && (mask & ((1 << bit) - 1)) != 0; bit--) {
            sb.append(((mask >>> bit & 1) == (cond & 1)) ? 't' : 'e');
        }
        return sb.append(' ').append(cond == 14 ? "al" : Operands.condSuffix(cond)).toString();
    }

    // ---- A6.2.6 conditional branch and supervisor call, A6.2.7 unconditional branch ----

    private static void branches(ThumbTable t) {
        // Condition 1110 is UDF, 1111 is SVC: these rows come first.
        t.t16("1101 1110 iiiiiiii", f -> f.m("udf") + " #" + f.f('i'));
        t.t16("1101 1111 iiiiiiii", f -> f.m("svc") + " " + f.f('i'));
        t.t16("1101 cccc iiiiiiii", f -> "b" + Operands.condSuffix(f.f('c')) + ".n "
                + hex(f.pc + 4 + (signExtend(f.f('i'), 8) << 1)));
        t.t16("11100 iiiiiiiiiii", f -> f.m("b") + ".n " + hex(f.pc + 4 + (signExtend(f.f('i'), 11) << 1)));
    }
}
