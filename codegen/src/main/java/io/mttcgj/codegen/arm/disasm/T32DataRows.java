package io.mttcgj.codegen.arm.disasm;

import static io.mttcgj.codegen.arm.disasm.Operands.shiftedReg;
import static io.mttcgj.codegen.arm.disasm.ThumbTable.modImm;
import static io.mttcgj.codegen.arm.disasm.ThumbTable.regs;
import static io.mttcgj.codegen.arm.disasm.ThumbTable.w;

/**
 * 32-bit Thumb data processing: modified immediate (ARM ARM A6.3.1), plain binary immediate (A6.3.3:
 * ADDW/SUBW, MOVW/MOVT, SSAT/USAT[16], SBFX/UBFX, BFI/BFC), shifted register (A6.3.11, incl. PKH) and the
 * register-controlled shifts (A6.3.12). Spelling follows objdump: {@code .w} on the operations that have a
 * 16-bit form ({@code and.w}, {@code tst.w}, {@code mov.w r0, r1, lsl #2}), none on {@code orn}, {@code rsb},
 * {@code teq}; immediates unsigned.
 */
final class T32DataRows {
    /** op field of A6.3.1 / A6.3.11; null: not a data-processing operation (PKH, or unallocated). */
    private static final String[] OPS = {
        "and", "bic", "orr", "orn", "eor", null, null, null, "add", null, "adc", "sbc", null, "sub", "rsb", null};

    private T32DataRows() {
    }

    static void register(ThumbTable t) {
        // (0) bit 15 of the second halfword: set, these words are not data processing.
        t.t32("11110i0ooooSnnnn 0iiiddddiiiiiiii", f -> dp(f, modImm(f.f('i'))));
        t.t32("1110101ooooSnnnn 0iiiddddiittmmmm", f -> f.f('o') == 6 ? pkh(f)
                : dp(f, shiftedReg(f.f('m'), f.f('t'), f.f('i'))));
        plainImmediate(t);
        t.t32("111110100ttSnnnn 1111dddd0000mmmm", f -> w(f, Operands.shiftName(f.f('t')) + f.s()) + " "
                + regs(f, "dnm"));
    }

    /** The data-processing operation of field 'o' with {@code operand2}, incl. TST/TEQ/CMN/CMP and MOV/MVN. */
    private static String dp(Fields f, String operand2) {
        int op = f.f('o');
        String name = OPS[op];
        if (name == null) {
            return null;
        }
        boolean compare = f.f('d') == 15 && f.b('S');
        switch (op) {
            case 0:
                if (compare) {
                    return w(f, "tst") + " " + f.r('n') + ", " + operand2;
                }
                break;
            case 4:
                if (compare) {
                    return f.m("teq") + " " + f.r('n') + ", " + operand2;
                }
                break;
            case 8:
                if (compare) {
                    return w(f, "cmn") + " " + f.r('n') + ", " + operand2;
                }
                break;
            case 13:
                if (compare) {
                    return w(f, "cmp") + " " + f.r('n') + ", " + operand2;
                }
                break;
            case 2:
            case 3:
                if (f.f('n') == 15) {
                    return w(f, (op == 2 ? "mov" : "mvn") + f.s()) + " " + f.r('d') + ", " + operand2;
                }
                break;
            default:
                break;
        }
        // ORN and RSB (register or immediate) have no 16-bit form: no .w.
        boolean noNarrow = op == 3 || op == 14;
        String mnemonic = noNarrow ? f.m(name + f.s()) : w(f, name + f.s());
        return mnemonic + " " + regs(f, "dn") + ", " + operand2;
    }

    /** PKHBT (tb = 0, LSL) / PKHTB (tb = 1, ASR); S = 1 and shift-type bit 0 set are unallocated. */
    private static String pkh(Fields f) {
        int type = f.f('t');
        if (f.b('S') || (type & 1) != 0) {
            return null;
        }
        return f.m(type == 0 ? "pkhbt" : "pkhtb") + " " + regs(f, "dn") + ", "
                + shiftedReg(f.f('m'), type, f.f('i'));
    }

    private static void plainImmediate(ThumbTable t) {
        t.t32("11110i100000nnnn 0iiiddddiiiiiiii", f -> f.m("addw") + " " + regs(f, "dn") + ", #" + f.f('i'));
        t.t32("11110i101010nnnn 0iiiddddiiiiiiii", f -> f.m("subw") + " " + regs(f, "dn") + ", #" + f.f('i'));
        t.t32("11110i100100jjjj 0iiiddddiiiiiiii", f -> f.m("movw") + " " + f.r('d') + ", #"
                + (f.f('j') << 12 | f.f('i')));
        t.t32("11110i101100jjjj 0iiiddddiiiiiiii", f -> f.m("movt") + " " + f.r('d') + ", #"
                + (f.f('j') << 12 | f.f('i')));
        // SSAT16/USAT16 are the ASR #0 encodings of SSAT/USAT; their saturate field has 4 bits.
        t.t32("111100110010nnnn 0000dddd0000ssss", f -> f.m("ssat16") + " " + f.r('d') + ", #" + (f.f('s') + 1)
                + ", " + f.r('n'));
        t.t32("111100111010nnnn 0000dddd0000ssss", f -> f.m("usat16") + " " + f.r('d') + ", #" + f.f('s')
                + ", " + f.r('n'));
        t.t32("1111001100h0nnnn 0iiiddddii0sssss", f -> sat(f, "ssat", f.f('s') + 1));
        t.t32("1111001110h0nnnn 0iiiddddii0sssss", f -> sat(f, "usat", f.f('s')));
        // lsb + width > 32 and msb < lsb are UNPREDICTABLE: declined.
        t.t32("111100110100nnnn 0iiiddddii0wwwww", f -> bfx(f, "sbfx"));
        t.t32("111100111100nnnn 0iiiddddii0wwwww", f -> bfx(f, "ubfx"));
        t.t32("111100110110nnnn 0iiiddddii0wwwww", f -> {
            int lsb = f.f('i');
            int msb = f.f('w');
            if (msb < lsb) {
                return null;
            }
            String field = ", #" + lsb + ", #" + (msb - lsb + 1);
            return f.f('n') == 15 ? f.m("bfc") + " " + f.r('d') + field : f.m("bfi") + " " + regs(f, "dn") + field;
        });
    }

    private static String sat(Fields f, String name, int saturateTo) {
        int amount = f.f('i');
        if (f.b('h') && amount == 0) {
            return null; // the SSAT16/USAT16 space, with a (0) bit set
        }
        String shift = f.b('h') ? ", asr #" + amount : amount == 0 ? "" : ", lsl #" + amount;
        return f.m(name) + " " + f.r('d') + ", #" + saturateTo + ", " + f.r('n') + shift;
    }

    private static String bfx(Fields f, String name) {
        int lsb = f.f('i');
        int width = f.f('w') + 1;
        if (lsb + width > 32) {
            return null;
        }
        return f.m(name) + " " + regs(f, "dn") + ", #" + lsb + ", #" + width;
    }
}
