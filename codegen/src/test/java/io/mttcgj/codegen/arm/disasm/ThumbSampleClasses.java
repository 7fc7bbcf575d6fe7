package io.mttcgj.codegen.arm.disasm;

import java.util.function.IntPredicate;

/**
 * The instruction classes {@link ThumbSamples} draws from: one encoding pattern per class and the ARM ARM
 * rules (plus objdump's ARMv8 / M-profile readings) that keep a drawn word plain. Classes marked "in IT"
 * also fill the IT blocks.
 */
final class ThumbSampleClasses {
    private ThumbSampleClasses() {
    }

    static void t16(ThumbSamples s) {
        s.narrowInIt("shift-imm", "000oo iiiii mmm ddd", s.notValue('o', 3));
        s.narrowInIt("add/sub", "00011oo mmm nnn ddd", w -> true);
        s.narrowInIt("imm8", "001oo ddd iiiiiiii", w -> true);
        s.narrowInIt("dp", "010000 oooo mmm ddd", w -> true);
        s.narrowInIt("add-hi", "01000100 d mmmm ddd", s.noPc("dm"));
        s.narrowInIt("cmp-hi", "01000101 n mmmm nnn", s.noPc("nm").and(w -> s.f(w, 'n') >= 8 || s.f(w, 'm') >= 8));
        s.narrowInIt("mov-hi", "01000110 d mmmm ddd", s.noPc("dm"));
        s.narrow("bx", "010001110 mmmm 000", w -> true);
        s.narrow("blx", "010001111 mmmm 000", s.noPc("m"));
        s.narrowInIt("ldr-lit", "01001 ttt iiiiiiii", w -> true);
        s.narrowInIt("ls-reg", "0101 ooo mmm nnn ttt", w -> true);
        s.narrowInIt("ls-imm", "011oo iiiii nnn ttt", w -> true);
        s.narrowInIt("ls-half", "1000o iiiii nnn ttt", w -> true);
        s.narrowInIt("ls-sp", "1001o ttt iiiiiiii", w -> true);
        s.narrowInIt("adr/add-sp", "1010o ddd iiiiiiii", w -> true);
        s.narrowInIt("sp-adjust", "1011 0000 o iiiiiii", w -> true);
        s.narrowInIt("extend", "1011 0010 oo mmm ddd", w -> true);
        s.narrowInIt("rev", "1011 1010 oo mmm ddd", s.notValue('o', 2));
        s.narrow("hlt", "1011 1010 10 iiiiii", w -> true);
        s.narrowInIt("push", "1011 010m rrrrrrrr", w -> (w & 0x1ff) != 0);
        s.narrowInIt("pop", "1011 110p rrrrrrrr", w -> (w & 0x1ff) != 0);
        s.narrow("setend", "1011 0110 0101 e000", w -> true);
        s.narrow("cps", "1011 0110 011o 0aif", w -> (w & 7) != 0);
        s.narrow("cbz", "1011 o0i1 iiiii nnn", w -> true);
        s.narrow("bkpt", "1011 1110 iiiiiiii", w -> true);
        // Hint 5 is ARMv8's SEVL for objdump.
        s.narrowInIt("hint", "1011 1111 hhhh 0000", s.notValue('h', 5));
        s.narrowInIt("stm/ldm", "1100o nnn rrrrrrrr", s.nonZero('r'));
        s.narrow("b<c>.n", "1101 cccc iiiiiiii", w -> s.f(w, 'c') < 14);
        s.narrow("udf/svc", "1101 111o iiiiiiii", w -> true);
        s.narrow("b.n", "11100 iiiiiiiiiii", w -> true);
    }

    static void t32(ThumbSamples s) {
        dataProcessing(s);
        multiplyAndMedia(s);
        loadStore(s);
        control(s);
        coprocessor(s);
    }

    private static IntPredicate dpOp(ThumbSamples s) {
        return s.value('o', 0, 1, 2, 3, 4, 8, 10, 11, 13, 14).and(w -> {
            int op = s.f(w, 'o');
            boolean compare = (op == 0 || op == 4 || op == 8 || op == 13) && s.f(w, 'd') == 15 && s.f(w, 'S') == 1;
            return !compare && !((op == 2 || op == 3) && s.f(w, 'n') == 15);
        });
    }

    private static void dataProcessing(ThumbSamples s) {
        for (int round = 0; round < 3; round++) {
            s.wideInIt("dp-imm", "11110i0ooooSnnnn 0iiiddddiiiiiiii", dpOp(s).and(s.noPc("dn")));
            s.wideInIt("dp-reg", "1110101ooooSnnnn 0iiiddddiittmmmm", dpOp(s).and(s.noPc("dnm")));
        }
        s.wide("cmp-imm", "11110i0oooo1nnnn 0iii1111iiiiiiii", s.value('o', 0, 4, 8, 13).and(s.noPc("n")));
        s.wide("cmp-reg", "1110101oooo1nnnn 0iii1111iittmmmm", s.value('o', 0, 4, 8, 13).and(s.noPc("nm")));
        s.wideInIt("mov-imm", "11110i0001oS1111 0iiiddddiiiiiiii", s.noPc("d"));
        s.wideInIt("mov-reg", "1110101001oS1111 0iiiddddiittmmmm", s.noPc("dm"));
        s.wide("pkh", "111010101100nnnn 0iiiddddiit0mmmm", s.noSpPc("dnm"));
        s.wide("shift-reg", "111110100ttSnnnn 1111dddd0000mmmm", s.noSpPc("dnm"));
        s.wide("addw", "11110i100000nnnn 0iiiddddiiiiiiii", s.noPc("d"));
        s.wide("subw", "11110i101010nnnn 0iiiddddiiiiiiii", s.noPc("d"));
        s.wide("movw/t", "11110i10o100jjjj 0iiiddddiiiiiiii", s.noSpPc("d"));
        s.wide("ssat", "1111001100h0nnnn 0iiiddddii0sssss", s.noSpPc("dn").and(w -> s.f(w, 'h') == 0 || s.f(w, 'i') != 0));
        s.wide("usat", "1111001110h0nnnn 0iiiddddii0sssss", s.noSpPc("dn").and(w -> s.f(w, 'h') == 0 || s.f(w, 'i') != 0));
        s.wide("sat16", "11110011o010nnnn 0000dddd0000ssss", s.noSpPc("dn"));
        s.wide("bfx", "11110011o100nnnn 0iiiddddii0wwwww", s.noSpPc("dn").and(w -> s.f(w, 'i') + s.f(w, 'w') < 32));
        s.wide("bfi/bfc", "111100110110nnnn 0iiiddddii0wwwww", s.noSpPc("d").and(s.notValue('n', 13))
                .and(w -> s.f(w, 'w') >= s.f(w, 'i')));
    }

    private static void multiplyAndMedia(ThumbSamples s) {
        s.wideInIt("mla/mul/mls", "111110110000nnnn aaaadddd000ommmm", s.noSpPc("dnm").and(s.notValue('a', 13)));
        s.wide("smlaxy", "111110110001nnnn aaaadddd00xymmmm", s.noSpPc("dnm").and(s.notValue('a', 13)));
        s.wide("smlad", "111110110010nnnn aaaadddd000xmmmm", s.noSpPc("dnm").and(s.notValue('a', 13)));
        s.wide("smlsd", "111110110100nnnn aaaadddd000xmmmm", s.noSpPc("dnm").and(s.notValue('a', 13)));
        s.wide("smlawy", "111110110011nnnn aaaadddd000ymmmm", s.noSpPc("dnm").and(s.notValue('a', 13)));
        s.wide("smmla", "111110110101nnnn aaaadddd000rmmmm", s.noSpPc("dnm").and(s.notValue('a', 13)));
        s.wide("smmls", "111110110110nnnn aaaadddd000rmmmm", s.noSpPc("dnma"));
        s.wide("usada8", "111110110111nnnn aaaadddd0000mmmm", s.noSpPc("dnm").and(s.notValue('a', 13)));
        s.wide("long-mul", "111110111oo0nnnn llllhhhh0000mmmm", s.noSpPc("lhnm").and(s.differ('l', 'h')));
        s.wide("umaal", "111110111110nnnn llllhhhh0110mmmm", s.noSpPc("lhnm").and(s.differ('l', 'h')));
        s.wide("smlalxy", "111110111100nnnn llllhhhh10xymmmm", s.noSpPc("lhnm").and(s.differ('l', 'h')));
        s.wide("smlald", "11111011110onnnn llllhhhh110xmmmm", s.noSpPc("lhnm").and(s.differ('l', 'h')));
        s.wide("div", "1111101110o1nnnn 1111dddd1111mmmm", s.noSpPc("dnm"));
        s.wide("extend", "111110100ooonnnn 1111dddd10rrmmmm", s.noSpPc("dm").and(s.notValue('o', 6, 7))
                .and(s.notValue('n', 13)));
        s.wideInIt("parallel", "111110101ooonnnn 1111dddd0pppmmmm", s.noSpPc("dnm").and(s.notValue('o', 3, 7))
                .and(s.notValue('p', 3, 7)));
        s.wide("qadd", "111110101000nnnn 1111dddd10oommmm", s.noSpPc("dnm"));
        s.wide("rev", "111110101001kkkk 1111dddd10oommmm", s.noSpPc("dm").and(s.same('k', 'm')));
        s.wide("sel", "111110101010nnnn 1111dddd1000mmmm", s.noSpPc("dnm"));
        s.wide("clz", "111110101011kkkk 1111dddd1000mmmm", s.noSpPc("dm").and(s.same('k', 'm')));
    }

    private static IntPredicate size(ThumbSamples s) {
        return w -> s.f(w, 'z') != 3 && !(s.f(w, 'S') == 1 && s.f(w, 'z') == 2);
    }

    /** P/U/W of the imm8 forms: offset, pre- or post-indexed with writeback (Rn != Rt), or unprivileged. */
    private static IntPredicate puw(ThumbSamples s) {
        return w -> {
            int p = s.f(w, 'p');
            int wb = s.f(w, 'w');
            return (p == 1 || wb == 1) && (wb == 0 || s.f(w, 'n') != s.f(w, 't'));
        };
    }

    private static void loadStore(ThumbSamples s) {
        s.wideInIt("ldr-imm12", "1111100S1zz1nnnn ttttiiiiiiiiiiii", size(s).and(s.noPc("nt")));
        s.wideInIt("ldr-imm8", "1111100S0zz1nnnn tttt1puwiiiiiiii", size(s).and(s.noPc("nt")).and(puw(s)));
        s.wide("ldr-reg", "1111100S0zz1nnnn tttt000000iimmmm", size(s).and(s.noPc("nt")).and(s.noSpPc("m")));
        // objdump reads a literal load whose offset bits 11:8 are 1110 as LDRT/LDRBT/... with Rn = PC.
        s.wide("ldr-lit", "1111100Suzz11111 ttttiiiiiiiiiiii", size(s).and(s.noPc("t"))
                .and(w -> (w >>> 8 & 15) != 14));
        s.wide("ldr-pc", "111110001101nnnn 1111iiiiiiiiiiii", s.noPc("n"));
        s.wideInIt("hint-imm12", "1111100S1z01nnnn 1111iiiiiiiiiiii", s.noPc("n").and(w -> s.f(w, 'S') == 0 || s.f(w, 'z') == 0));
        s.wide("hint-imm8", "1111100S0z01nnnn 11111100iiiiiiii", s.noPc("n").and(w -> s.f(w, 'S') == 0 || s.f(w, 'z') == 0));
        s.wide("hint-reg", "1111100S0z01nnnn 1111000000iimmmm", s.noPc("n").and(s.noSpPc("m"))
                .and(w -> s.f(w, 'S') == 0 || s.f(w, 'z') == 0));
        s.wide("hint-lit", "1111100Su0011111 1111iiiiiiiiiiii", w -> true);
        s.wideInIt("str-imm12", "111110001zz0nnnn ttttiiiiiiiiiiii", s.notValue('z', 3).and(s.noPc("nt")));
        s.wide("str-imm8", "111110000zz0nnnn tttt1puwiiiiiiii", s.notValue('z', 3).and(s.noPc("nt")).and(puw(s)));
        s.wide("str-reg", "111110000zz0nnnn tttt000000iimmmm", s.notValue('z', 3).and(s.noPc("nt")).and(s.noSpPc("m")));
        s.wide("ldrd/strd", "1110100pu1wLnnnn ttttTTTTiiiiiiii", s.noSpPc("tT").and(w -> {
            int n = s.f(w, 'n');
            boolean wb = s.f(w, 'w') == 1;
            boolean ok = (s.f(w, 'p') == 1 || wb) && !(wb && (n == 15 || n == s.f(w, 't') || n == s.f(w, 'T')));
            return ok && (s.f(w, 'L') == 0 || s.f(w, 't') != s.f(w, 'T')) && (n != 15 || s.f(w, 'L') == 1);
        }));
        s.wide("strex", "111010000100nnnn ttttddddiiiiiiii", s.noPc("n").and(s.noSpPc("dt")).and(s.differ('d', 'n'))
                .and(s.differ('d', 't')));
        s.wide("ldrex", "111010000101nnnn tttt1111iiiiiiii", s.noPc("n").and(s.noSpPc("t")));
        s.wide("strexb/h", "111010001100nnnn tttt1111010hdddd", s.noPc("n").and(s.noSpPc("dt"))
                .and(s.differ('d', 'n')).and(s.differ('d', 't')));
        s.wide("strexd", "111010001100nnnn ttttTTTT0111dddd", s.noPc("n").and(s.noSpPc("dtT")).and(s.differ('t', 'T'))
                .and(s.differ('d', 'n')).and(s.differ('d', 't')).and(s.differ('d', 'T')));
        s.wide("ldrexb/h", "111010001101nnnn tttt1111010h1111", s.noPc("n").and(s.noSpPc("t")));
        s.wide("ldrexd", "111010001101nnnn ttttTTTT01111111", s.noPc("n").and(s.noSpPc("tT")).and(s.differ('t', 'T')));
        s.wide("tbb/tbh", "111010001101nnnn 11110000000hmmmm", s.noSpPc("m").and(s.notValue('n', 13)));
        s.wide("ldm/stm", "1110100oo0wLnnnn llllllllllllllll", s.value('o', 1, 2).and(s.noPc("n")).and(w -> {
            int list = w & 0xffff;
            boolean load = s.f(w, 'L') == 1;
            boolean wb = s.f(w, 'w') == 1;
            return Integer.bitCount(list) >= 2 && (list & 0x2000) == 0 && !(wb && (list >>> s.f(w, 'n') & 1) != 0)
                    && (load ? (list & 0xc000) != 0xc000 : (list & 0x8000) == 0);
        }));
        s.wide("srs", "1110100oo0w01101 11000000000mmmmm", s.value('o', 0, 3).and(s.value('m', 16, 17, 18, 19, 22, 23,
                26, 27, 31)));
        s.wide("rfe", "1110100oo0w1nnnn 1100000000000000", s.value('o', 0, 3).and(s.noPc("n")));
    }

    private static void control(ThumbSamples s) {
        s.wide("b<c>.w", "11110Sccccjjjjjj 10J0Kiiiiiiiiiii", w -> s.f(w, 'c') < 14);
        s.wide("b.w", "11110Siiiiiiiiii 10J1Kiiiiiiiiiii", w -> true);
        s.wide("bl", "11110Siiiiiiiiii 11J1Kiiiiiiiiiii", w -> true);
        s.wide("blx", "11110Siiiiiiiiii 11J0Kiiiiiiiiii0", w -> true);
        s.wide("msr", "11110011100rnnnn 1000kkkk00000000", s.nonZero('k').and(s.noSpPc("n")));
        s.wide("msr-bank", "11110011100rnnnn 1000mmmm001M0000", s.noSpPc("n").and(w -> banked(s, w)));
        s.wide("mrs", "11110011111r1111 1000dddd00000000", s.noSpPc("d"));
        s.wide("mrs-bank", "11110011111rmmmm 1000dddd001M0000", s.noSpPc("d").and(w -> banked(s, w)));
        // objdump reads hints 0x0d, 0x0f, 0x10, 0x1d, 0x2d and 5 as PACBTI, BTI, ESB, PAC, AUT, SEVL.
        s.wide("hint.w", "1111001110101111 10000000hhhhhhhh", s.notValue('h', 5, 0x0d, 0x0f, 0x10, 0x1d, 0x2d));
        s.wide("cps", "1111001110101111 10000kkMaifooooo", w -> {
            int imod = s.f(w, 'k');
            int flags = s.f(w, 'a') << 2 | s.f(w, 'i') << 1 | s.f(w, 'f');
            boolean m = s.f(w, 'M') == 1;
            return imod == 0 ? m && flags == 0 : imod != 1 && flags != 0 && (m || s.f(w, 'o') == 0);
        });
        // DSB #0, #4 and #12 are SSBB, PSSBB and DFB for objdump.
        s.wide("dsb", "1111001110111111 100011110100oooo", s.notValue('o', 0, 4, 12));
        s.wide("dmb", "1111001110111111 100011110101oooo", w -> true);
        s.wide("isb", "1111001110111111 100011110110oooo", w -> true);
        s.wide("bxj", "111100111100mmmm 1000111100000000", s.noSpPc("m"));
        s.wide("subs-pc", "1111001111011110 10001111iiiiiiii", w -> true);
        s.wide("hvc", "111101111110iiii 1000iiiiiiiiiiii", w -> true);
        s.wide("smc", "111101111111iiii 1000000000000000", w -> true);
        s.wide("udf.w", "111101111111iiii 1010iiiiiiiiiiii", w -> true);
    }

    /** Banked register encodings allocated by ARM ARM B9.2.3 (SYSm = M:m). */
    private static boolean banked(ThumbSamples s, int w) {
        int sysm = s.f(w, 'M') << 4 | s.f(w, 'm');
        if (s.f(w, 'r') == 1) {
            return sysm == 14 || sysm == 16 || sysm == 18 || sysm == 20 || sysm == 22 || sysm == 28 || sysm == 30;
        }
        return sysm != 7 && sysm != 15 && (sysm < 24 || sysm >= 28);
    }

    /**
     * Coprocessors objdump shows generically (as for A32: no FPA/Maverick/VFP/NEON/v8 reinterpretation; and no
     * cp0, where objdump finds XScale's MIA/MAR/MRA).
     */
    private static IntPredicate coproc(ThumbSamples s) {
        return w -> {
            int k = s.f(w, 'k');
            boolean two = s.f(w, 'T') == 1;
            int[] allowed = two ? new int[] {2, 3, 7, 14, 15} : new int[] {3, 7, 12, 13, 14, 15};
            for (int a : allowed) {
                if (a == k) {
                    return true;
                }
            }
            return false;
        };
    }

    private static void coprocessor(ThumbSamples s) {
        s.wide("mcrr", "111T1100010Lttttaaaakkkkoooommmm", s.noPc("ta").and(s.differ('t', 'a')).and(coproc(s)));
        s.wide("ldc", "111T110PUDWLnnnnddddkkkkiiiiiiii", s.noPc("n").and(coproc(s)).and(w -> {
            boolean p = s.f(w, 'P') == 1;
            boolean u = s.f(w, 'U') == 1;
            boolean wb = s.f(w, 'W') == 1;
            // P=U=W=0 is not LDC/STC; writeback with offset 0 is printed by objdump without "!" / as "[rn]";
            // cp15 with an even CRd and offset bit 7 set is ARMv8.1-M's VLDR/VSTR (system register) for objdump.
            boolean vldrSysreg = s.f(w, 'T') == 0 && s.f(w, 'k') == 15 && (s.f(w, 'd') & 1) == 0
                    && (s.f(w, 'i') & 0x80) != 0;
            return (p || u || wb) && !(wb && s.f(w, 'i') == 0) && !vldrSysreg;
        }));
        s.wide("cdp", "111T1110oooonnnnddddkkkkOOO0mmmm", coproc(s));
        s.wideInIt("mcr", "111T1110ooo0nnnnttttkkkkOOO1mmmm", s.noPc("t").and(coproc(s)));
        s.wide("mrc", "111T1110ooo1nnnnttttkkkkOOO1mmmm", coproc(s).and(w -> s.f(w, 'T') == 0 || s.f(w, 't') != 15));
    }
}
