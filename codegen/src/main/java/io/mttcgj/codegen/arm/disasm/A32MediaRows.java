package io.mttcgj.codegen.arm.disasm;

import static io.mttcgj.codegen.arm.disasm.Operands.hex;
import static io.mttcgj.codegen.arm.disasm.Operands.immAddress;
import static io.mttcgj.codegen.arm.disasm.Operands.regAddress;
import static io.mttcgj.codegen.arm.disasm.Operands.shiftedReg;
import static io.mttcgj.codegen.arm.disasm.Operands.signExtend;

/** Rows for the media space (A5.4), the coprocessor space (A5.6) and the unconditional space (A5.7). */
final class A32MediaRows {
    private A32MediaRows() {
    }

    // ---- media instructions: cccc 011x xxxx xxxx xxxx xxxx xxx1 xxxx ----

    static void media(A32Table t) {
        String[] prefixes = {null, "s", "q", "sh", null, "u", "uq", "uh"};
        String[] ops = {"add16", "asx", "sax", "sub16", "add8", null, null, "sub8"};
        t.row("cccc_0110_0ooo_nnnn_dddd_1111_ppp1_mmmm", f -> {
            String prefix = prefixes[f.f('o')];
            String op = ops[f.f('p')];
            return prefix == null || op == null ? null : f.m(prefix + op) + " " + rdnm(f);
        });
        t.row("cccc_0110_1000_nnnn_dddd_iiii_i001_mmmm", f -> f.m("pkhbt") + " " + f.r('d') + ", " + f.r('n')
                + ", " + f.r('m') + (f.f('i') == 0 ? "" : ", lsl #" + f.f('i')));
        t.row("cccc_0110_1000_nnnn_dddd_iiii_i101_mmmm", f -> f.m("pkhtb") + " " + f.r('d') + ", " + f.r('n')
                + ", " + f.r('m') + ", asr #" + (f.f('i') == 0 ? 32 : f.f('i')));
        t.row("cccc_0110_1000_nnnn_dddd_1111_1011_mmmm", f -> f.m("sel") + " " + rdnm(f));
        // SSAT16/USAT16, REV etc. must precede SSAT/USAT whose shift field overlaps them.
        t.row("cccc_0110_1010_iiii_dddd_1111_0011_nnnn", f -> f.m("ssat16") + " " + f.r('d') + ", #"
                + (f.f('i') + 1) + ", " + f.r('n'));
        t.row("cccc_0110_1110_iiii_dddd_1111_0011_nnnn", f -> f.m("usat16") + " " + f.r('d') + ", #" + f.f('i')
                + ", " + f.r('n'));
        t.row("cccc_0110_1011_1111_dddd_1111_0011_mmmm", f -> f.m("rev") + " " + f.r('d') + ", " + f.r('m'));
        t.row("cccc_0110_1011_1111_dddd_1111_1011_mmmm", f -> f.m("rev16") + " " + f.r('d') + ", " + f.r('m'));
        t.row("cccc_0110_1111_1111_dddd_1111_0011_mmmm", f -> f.m("rbit") + " " + f.r('d') + ", " + f.r('m'));
        t.row("cccc_0110_1111_1111_dddd_1111_1011_mmmm", f -> f.m("revsh") + " " + f.r('d') + ", " + f.r('m'));
        t.row("cccc_0110_1u1s_ssss_dddd_iiii_ih01_nnnn", f -> {
            int sat = f.f('s') + (f.b('u') ? 0 : 1);
            int amount = f.f('i');
            String shift = f.b('h') ? ", asr #" + (amount == 0 ? 32 : amount) : amount == 0 ? "" : ", lsl #" + amount;
            return f.m(f.b('u') ? "usat" : "ssat") + " " + f.r('d') + ", #" + sat + ", " + f.r('n') + shift;
        });
        String[] extend = {"sxtb16", null, "sxtb", "sxth", "uxtb16", null, "uxtb", "uxth"};
        t.row("cccc_0110_1ooo_nnnn_dddd_rr00_0111_mmmm", f -> {
            String name = extend[f.f('o')];
            if (name == null) {
                return null;
            }
            String rot = f.f('r') == 0 ? "" : ", ror #" + 8 * f.f('r');
            if (f.f('n') == 15) {
                return f.m(name) + " " + f.r('d') + ", " + f.r('m') + rot;
            }
            name = name.substring(0, 3) + "a" + name.substring(3);
            return f.m(name) + " " + f.r('d') + ", " + f.r('n') + ", " + f.r('m') + rot;
        });
        // Signed multiplies: the accumulate-free forms (Ra = 1111) must precede the accumulating ones.
        t.row("cccc_0111_0000_dddd_1111_mmmm_0sx1_nnnn", f -> f.m((f.b('s') ? "smusd" : "smuad") + x(f)) + " "
                + f.r('d') + ", " + f.r('n') + ", " + f.r('m'));
        t.row("cccc_0111_0000_dddd_aaaa_mmmm_0sx1_nnnn", f -> f.m((f.b('s') ? "smlsd" : "smlad") + x(f)) + " "
                + f.r('d') + ", " + f.r('n') + ", " + f.r('m') + ", " + f.r('a'));
        t.row("cccc_0111_0100_hhhh_llll_mmmm_0sx1_nnnn", f -> f.m((f.b('s') ? "smlsld" : "smlald") + x(f)) + " "
                + f.r('l') + ", " + f.r('h') + ", " + f.r('n') + ", " + f.r('m'));
        t.row("cccc_0111_0001_dddd_1111_mmmm_0001_nnnn", f -> f.m("sdiv") + " " + f.r('d') + ", " + f.r('n')
                + ", " + f.r('m'));
        t.row("cccc_0111_0011_dddd_1111_mmmm_0001_nnnn", f -> f.m("udiv") + " " + f.r('d') + ", " + f.r('n')
                + ", " + f.r('m'));
        t.row("cccc_0111_0101_dddd_1111_mmmm_00r1_nnnn", f -> f.m("smmul" + r(f)) + " " + f.r('d') + ", "
                + f.r('n') + ", " + f.r('m'));
        t.row("cccc_0111_0101_dddd_aaaa_mmmm_00r1_nnnn", f -> f.m("smmla" + r(f)) + " " + f.r('d') + ", "
                + f.r('n') + ", " + f.r('m') + ", " + f.r('a'));
        t.row("cccc_0111_0101_dddd_aaaa_mmmm_11r1_nnnn", f -> f.m("smmls" + r(f)) + " " + f.r('d') + ", "
                + f.r('n') + ", " + f.r('m') + ", " + f.r('a'));
        t.row("cccc_0111_1000_dddd_1111_mmmm_0001_nnnn", f -> f.m("usad8") + " " + f.r('d') + ", " + f.r('n')
                + ", " + f.r('m'));
        t.row("cccc_0111_1000_dddd_aaaa_mmmm_0001_nnnn", f -> f.m("usada8") + " " + f.r('d') + ", " + f.r('n')
                + ", " + f.r('m') + ", " + f.r('a'));
        // lsb + width > 32 is UNPREDICTABLE: declined.
        t.row("cccc_0111_1u1w_wwww_dddd_llll_l101_nnnn", f -> f.f('l') + f.f('w') > 31 ? null
                : f.m(f.b('u') ? "ubfx" : "sbfx") + " " + f.r('d')
                + ", " + f.r('n') + ", #" + f.f('l') + ", #" + (f.f('w') + 1));
        // msb < lsb is UNPREDICTABLE: both decline and the word prints as .word.
        t.row("cccc_0111_110w_wwww_dddd_llll_l001_1111", f -> f.f('w') < f.f('l') ? null : f.m("bfc") + " " + f.r('d') + ", #" + f.f('l')
                + ", #" + (f.f('w') - f.f('l') + 1));
        t.row("cccc_0111_110w_wwww_dddd_llll_l001_nnnn", f -> f.f('w') < f.f('l') ? null : f.m("bfi") + " " + f.r('d') + ", " + f.r('n')
                + ", #" + f.f('l') + ", #" + (f.f('w') - f.f('l') + 1));
        // UDF is only defined with cond = AL; other conditions are unallocated.
        t.row("1110_0111_1111_iiii_iiii_iiii_1111_iiii", f -> "udf #" + f.f('i'));
    }

    private static String rdnm(Fields f) {
        return f.r('d') + ", " + f.r('n') + ", " + f.r('m');
    }

    private static String x(Fields f) {
        return f.b('x') ? "x" : "";
    }

    private static String r(Fields f) {
        return f.b('r') ? "r" : "";
    }

    // ---- coprocessor instructions (A5.6), shared with the *2 forms of the unconditional space ----

    static void coprocessor(A32Table t, boolean two) {
        String c = two ? "1111" : "cccc";
        String sfx = two ? "2" : "";
        t.row(c + "_1100_010L_TTTT_tttt_kkkk_oooo_mmmm", f -> f.m((f.b('L') ? "mrrc" : "mcrr") + sfx) + " p"
                + f.f('k') + ", " + f.f('o') + ", " + f.r('t') + ", " + f.r('T') + ", c" + f.f('m'));
        // P=U=W=0 is MCRR/MRRC or unallocated, never LDC/STC.
        t.row(c + "_110P_UDWL_nnnn_dddd_kkkk_iiii_iiii", f -> {
            boolean p = f.b('P');
            boolean u = f.b('U');
            boolean w = f.b('W');
            if (!p && !u && !w) {
                return null;
            }
            String name = (f.b('L') ? "ldc" : "stc") + sfx + (f.b('D') ? "l" : "");
            String address = !p && !w ? "[" + f.r('n') + "], {" + f.f('i') + "}"
                    : immAddress(f.f('n'), p, u, w, f.f('i') * 4);
            return f.m(name) + " p" + f.f('k') + ", c" + f.f('d') + ", " + address;
        });
        t.row(c + "_1110_oooo_nnnn_dddd_kkkk_OOO0_mmmm", f -> f.m("cdp" + sfx) + " p" + f.f('k') + ", " + f.f('o')
                + ", c" + f.f('d') + ", c" + f.f('n') + ", c" + f.f('m') + ", " + f.f('O'));
        t.row(c + "_1110_oooL_nnnn_tttt_kkkk_OOO1_mmmm", f -> {
            String rt = f.b('L') && f.f('t') == 15 ? "APSR_nzcv" : f.r('t');
            return f.m((f.b('L') ? "mrc" : "mcr") + sfx) + " p" + f.f('k') + ", " + f.f('o') + ", " + rt + ", c"
                    + f.f('n') + ", c" + f.f('m') + ", " + f.f('O');
        });
    }

    // ---- unconditional instructions (A5.7) and memory hints/barriers (A5.7.1) ----

    static void unconditional(A32Table t) {
        t.row("1111_0001_0000_kkM0_0000_000a_If0o_oooo", A32MediaRows::cps);
        t.row("1111_0001_0000_0001_0000_00e0_0000_0000", f -> "setend " + (f.b('e') ? "be" : "le"));
        t.row("1111_0100_u101_nnnn_1111_iiii_iiii_iiii", f -> "pli " + hintAddress(f, false));
        t.row("1111_0101_ur01_nnnn_1111_iiii_iiii_iiii", f -> (f.b('r') ? "pld " : "pldw ")
                + hintAddress(f, false));
        t.row("1111_0110_u101_nnnn_1111_iiii_itt0_mmmm", f -> "pli "
                + hintAddress(f, true));
        t.row("1111_0111_ur01_nnnn_1111_iiii_itt0_mmmm", f -> (f.b('r') ? "pld " : "pldw ")
                + hintAddress(f, true));
        t.row("1111_0101_0111_1111_1111_0000_0001_1111", f -> "clrex");
        t.row("1111_0101_0111_1111_1111_0000_0100_oooo", f -> "dsb " + barrier(f.f('o')));
        t.row("1111_0101_0111_1111_1111_0000_0101_oooo", f -> "dmb " + barrier(f.f('o')));
        t.row("1111_0101_0111_1111_1111_0000_0110_oooo", f -> "isb " + (f.f('o') == 15 ? "sy" : "#" + f.f('o')));
        String[] modes = {"da", "ia", "db", "ib"};
        t.row("1111_100p_u1w0_1101_0000_0101_000m_mmmm", f -> "srs" + modes[f.f('p') << 1 | f.f('u')] + " sp"
                + (f.b('w') ? "!" : "") + ", #" + f.f('m'));
        t.row("1111_100p_u0w1_nnnn_0000_1010_0000_0000", f -> "rfe" + modes[f.f('p') << 1 | f.f('u')] + " "
                + f.r('n') + (f.b('w') ? "!" : ""));
        t.row("1111_101h_iiii_iiii_iiii_iiii_iiii_iiii", f -> "blx "
                + hex(f.pc + 8 + (signExtend(f.f('i'), 24) << 2) + (f.f('h') << 1)));
    }

    private static String cps(Fields f) {
        int imod = f.f('k');
        boolean changeMode = f.b('M');
        String mode = "#" + f.f('o');
        if (imod == 0 || imod == 1) {
            // imod=01 is unallocated; imod=00 is a mode change only.
            return imod == 0 && changeMode && f.f('a') == 0 && f.f('f') == 0 ? "cps " + mode : null;
        }
        String flags = (f.b('a') ? "a" : "") + (f.b('I') ? "i" : "") + (f.b('f') ? "f" : "");
        return (imod == 2 ? "cpsie " : "cpsid ") + flags + (changeMode ? ", " + mode : "");
    }

    private static String hintAddress(Fields f, boolean register) {
        if (register) {
            return regAddress(f.f('n'), true, f.b('u'), false, shiftedReg(f.f('m'), f.f('t'), f.f('i')));
        }
        return immAddress(f.f('n'), true, f.b('u'), false, f.f('i'));
    }

    /** DMB/DSB option name (shared with the Thumb rows). */
    static String barrier(int option) {
        return switch (option) {
            case 15 -> "sy";
            case 14 -> "st";
            case 13 -> "ld";
            case 11 -> "ish";
            case 10 -> "ishst";
            case 9 -> "ishld";
            case 7 -> "nsh";
            case 6 -> "nshst";
            case 5 -> "nshld";
            case 3 -> "osh";
            case 2 -> "oshst";
            case 1 -> "oshld";
            default -> "#" + option;
        };
    }
}
