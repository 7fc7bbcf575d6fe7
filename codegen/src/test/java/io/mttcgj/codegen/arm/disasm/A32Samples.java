package io.mttcgj.codegen.arm.disasm;

import io.mttcgj.codegen.arm.decode.BitPattern;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.IntPredicate;

/**
 * Instruction words for the objdump comparison: hand-picked words per class, then words drawn from a fixed
 * seed inside each class's encoding, restricted (by the ARM ARM's rules) to encodings that are neither
 * UNPREDICTABLE nor UNDEFINED, so that objdump prints them plainly.
 */
final class A32Samples {
    private static final int PER_CLASS = 16;

    private final Map<Integer, String> words = new LinkedHashMap<>();
    private final Random random = new Random(0x5eed_a32L);

    private A32Samples() {
    }

    static Map<Integer, String> all() {
        A32Samples s = new A32Samples();
        s.handPicked();
        s.randomClasses();
        return s.words;
    }

    private void handPicked() {
        int[] fixed = {
            0xe0810182, 0xe5310004, 0x1a000002, 0xe92d4010, 0xee100fb0, 0xe7f000f0, 0xe12fff1e, 0xe8bd8010,
            0xe3a00000, 0xe1a00000, 0xe320f000, 0xf57ff05f, 0xe59f0004, 0xe1b00001, 0xe1a00061, 0xe0000000,
            0xe3a004ff, 0xe52d4004, 0xe49d4004, 0xe92d0010, 0xe8bd0010, 0xe8d00006, 0xe8f08000, 0xe1c120d4,
            0xe1c120f4, 0xe0b100b4, 0xe4b10004, 0xe320f001, 0xe320f002, 0xe320f003, 0xe320f004, 0xe320f0f0,
            0xe320f014, 0xe10f0000, 0xe14f0000, 0xe129f000, 0xe36ff0ff, 0xe12fff31, 0xe12fff21, 0xef000001,
            0xe1200070, 0xe1600070, 0xe1400070, 0xe14fff7f, 0xe160006e, 0xf1080080, 0xf1020013, 0xf1010200,
            0xf1010000, 0xf10c01c0, 0xf10a01d3, 0xf10e0040, 0xf57ff01f, 0xf57ff04f, 0xf57ff06f, 0xf57ff05e,
            0xf57ff05b, 0xf57ff05a, 0xf57ff057, 0xf57ff056, 0xf57ff053, 0xf57ff052, 0xf57ff04f,
            0xe1a0f00e, 0xe1b0f00e, 0xeb000000, 0xfa000000, 0xfbffffff, 0xeafffffe, 0xe24f0004, 0xe28f0fff,
            0xe51f0004, 0xe1df00b4, 0xe5bd0004, 0xe5b10000, 0xe4910000, 0xe4110000, 0xe1f100b0, 0xe0d100b0,
            0xe1a00021, 0xe1a00041, 0xe1b00101, 0xe1b00061, 0xe7ffffff, 0xe7f123f4, 0xe6bf0f32, 0xe6ff0f32,
            0xe7c00012, 0xe3010234, 0xe3410234, 0xe1000200, 0xe120f201, 0xe12df300, 0xe10f0300,
            0xee010f10, 0xec510f20, 0xec410f20, 0xed912305, 0xec912305, 0xed312305, 0xe1900f9f, 0xe1810f92,
            0xe1b00f9f, 0xe1a10f92, 0xf8cd0513, 0xf96d0513, 0xf8900a00, 0xf9300a00, 0xf5d1f004, 0xf4d1f004,
            0xf591f004, 0xf7d1f002, 0xf755f102, 0xee1f0f10, 0xfe100fb0, 0x5e100f10,
            0x0320f003, 0x112fff1e, 0x18bd8010, 0x03a00001, 0xc1a00101, 0xf10e00d3, 0x4320f0f5, 0x0160007a,
            // undefined or unallocated: both sides must say so
            0xe7101211, 0xe71012d1, 0x07f000f0, 0xf7f000f0, 0xf8000000, 0xe1920f9a,
        };
        for (int w : fixed) {
            words.putIfAbsent(w, "hand");
        }
    }

    private void randomClasses() {
        for (int op = 0; op < 16; op++) {
            String o = A32Table.bits4(op);
            IntPredicate shape = dpShape(op);
            gen("dp-imm", "cccc001" + o + "Snnnnddddrrrriiiiiiii", shape);
            gen("dp-shift", "cccc000" + o + "Snnnnddddiiiiitt0mmmm", shape);
            gen("dp-regsh", "cccc000" + o + "Snnnnddddssss0tt1mmmm", shape.and(noPc("dnms")));
        }
        gen("movw/t", "cccc00110o00iiiiddddiiiiiiiiiiii", noPc("d"));
        gen("mul", "cccc0000000Sdddd0000mmmm1001nnnn", noPc("dmn"));
        gen("mla", "cccc0000001Sddddaaaammmm1001nnnn", noPc("dmna"));
        gen("mls", "cccc00000110ddddaaaammmm1001nnnn", noPc("dmna"));
        gen("umaal", "cccc00000100hhhhllllmmmm1001nnnn", noPc("hlmn").and(differ('h', 'l')));
        gen("mull", "cccc00001ooShhhhllllmmmm1001nnnn", noPc("hlmn").and(differ('h', 'l')));
        gen("smlaxy", "cccc00010000ddddaaaammmm1yx0nnnn", noPc("dmna"));
        gen("smlawy", "cccc00010010ddddaaaammmm1y00nnnn", noPc("dmna"));
        gen("smulwy", "cccc00010010dddd0000mmmm1y10nnnn", noPc("dmn"));
        gen("smlalxy", "cccc00010100hhhhllllmmmm1yx0nnnn", noPc("hlmn").and(differ('h', 'l')));
        gen("smulxy", "cccc00010110dddd0000mmmm1yx0nnnn", noPc("dmn"));
        gen("swp", "cccc00010b00nnnntttt00001001mmmm", noPc("ntm").and(differ('n', 't')).and(differ('n', 'm')));
        gen("ldrex", "cccc00011zz1nnnntttt111110011111", noPc("nt").and(pairOk('z', 't')));
        gen("strex", "cccc00011zz0nnnndddd11111001tttt", noPc("ndt").and(pairOk('z', 't'))
                .and(differ('d', 'n')).and(differ('d', 't')).and(w -> f(w, 'z') != 1 || f(w, 'd') != f(w, 't') + 1));
        gen("ldrh-imm", "cccc000pu1wLnnnnttttiiii1oo1iiii", extraOk(false));
        gen("ldrh-reg", "cccc000pu0wLnnnntttt00001oo1mmmm", extraOk(true));
        gen("mrs", "cccc00010r001111dddd000000000000", noPc("d"));
        gen("mrs-bank", "cccc00010r00mmmmdddd001M00000000", noPc("d").and(this::bankedOk));
        gen("msr-bank", "cccc00010r10mmmm1111001M0000dddd", noPc("d").and(this::bankedOk));
        gen("msr-reg", "cccc00010r10kkkk111100000000nnnn", noPc("n").and(nonZero('k')));
        gen("msr-imm", "cccc00110r10kkkk1111jjjjiiiiiiii", nonZero('k'));
        gen("bx", "cccc000100101111111111110001mmmm", w -> true);
        gen("bxj", "cccc000100101111111111110010mmmm", w -> true);
        gen("blx", "cccc000100101111111111110011mmmm", noPc("m"));
        gen("clz", "cccc000101101111dddd11110001mmmm", noPc("dm"));
        gen("qadd", "cccc00010oo0nnnndddd00000101mmmm", noPc("dnm"));
        gen("bkpt", "111000010010iiiiiiiiiiii0111iiii", w -> true);
        gen("hvc", "111000010100iiiiiiiiiiii0111iiii", w -> true);
        gen("smc", "cccc000101100000000000000111iiii", w -> true);
        gen("ldr-imm", "cccc010pubwLnnnnttttiiiiiiiiiiii", wordByteOk(false));
        gen("ldr-reg", "cccc011pubwLnnnnttttiiiiiyy0mmmm", wordByteOk(true));
        gen("parallel", "cccc01100ooonnnndddd1111ppp1mmmm", noPc("ndm").and(w -> {
            int o = f(w, 'o');
            int op = f(w, 'p');
            return o != 0 && o != 4 && op != 5 && op != 6;
        }));
        gen("pkh", "cccc01101000nnnnddddiiiiix01mmmm", noPc("ndm"));
        gen("sel", "cccc01101000nnnndddd11111011mmmm", noPc("ndm"));
        gen("sat", "cccc0110101sssssddddiiiiih01nnnn", noPc("dn").and(w -> {
            return f(w, 'h') == 0 || f(w, 'i') != 0; // objdump prints ASR #32 as "asr #0"
        }));
        gen("usat", "cccc0110111sssssddddiiiii001nnnn", noPc("dn"));
        gen("sat16", "cccc01101u10ssssdddd11110011nnnn", noPc("dn"));
        gen("rev", "cccc01101r111111dddd1111x011mmmm", noPc("dm"));
        gen("extend", "cccc01101ooonnnnddddrr000111mmmm", noPc("dm").and(w -> {
            int o = f(w, 'o');
            return o != 1 && o != 5;
        }));
        gen("smuad", "cccc01110000dddd1111mmmm00x1nnnn", noPc("dmn"));
        gen("smusd", "cccc01110000dddd1111mmmm01x1nnnn", noPc("dmn"));
        gen("smlad", "cccc01110000ddddaaaammmm0sx1nnnn", noPc("dmna"));
        gen("smlald", "cccc01110100hhhhllllmmmm0sx1nnnn", noPc("hlmn").and(differ('h', 'l')));
        gen("div", "cccc01110o01dddd1111mmmm0001nnnn", noPc("dmn"));
        gen("smmul", "cccc01110101dddd1111mmmm00r1nnnn", noPc("dmn"));
        gen("smmla", "cccc01110101ddddaaaammmm00r1nnnn", noPc("dmna"));
        gen("smmls", "cccc01110101ddddaaaammmm11r1nnnn", noPc("dmna"));
        gen("usad8", "cccc01111000dddd1111mmmm0001nnnn", noPc("dmn"));
        gen("usada8", "cccc01111000ddddaaaammmm0001nnnn", noPc("dmna"));
        gen("bfx", "cccc0111101wwwwwddddlllll101nnnn", noPc("dn").and(w -> {
            return f(w, 'l') + f(w, 'w') + 1 <= 32;
        }));
        gen("ubfx", "cccc0111111wwwwwddddlllll101nnnn", noPc("dn").and(w -> {
            return f(w, 'l') + f(w, 'w') + 1 <= 32;
        }));
        gen("bfc", "cccc0111110wwwwwddddlllll0011111", noPc("d").and(msbGeLsb()));
        gen("bfi", "cccc0111110wwwwwddddlllll001nnnn", noPc("dn").and(msbGeLsb()));
        gen("udf", "111001111111iiiiiiiiiiii1111iiii", w -> true);
        gen("ldm/stm", "cccc100puSwLnnnnllllllllllllllll", this::blockOk);
        gen("b/bl", "cccc101Liiiiiiiiiiiiiiiiiiiiiiii", w -> true);
        gen("svc", "cccc1111iiiiiiiiiiiiiiiiiiiiiiii", w -> true);
        gen("mcrr", "cccc1100010Lttttaaaakkkkoooommmm", noPc("ta").and(differ('t', 'a')).and(coproc(false)));
        gen("ldc", "cccc110PUDWLnnnnddddkkkkiiiiiiii", noPc("n").and(coproc(false)).and(this::ldcOk));
        gen("cdp", "cccc1110oooonnnnddddkkkkOOO0mmmm", coproc(false));
        gen("mcr", "cccc1110ooo0nnnnttttkkkkOOO1mmmm", noPc("t").and(coproc(false)));
        gen("mrc", "cccc1110ooo1nnnnttttkkkkOOO1mmmm", coproc(false));
        gen("mcrr2", "11111100010Lttttaaaakkkkoooommmm", noPc("ta").and(differ('t', 'a')).and(coproc(true)));
        gen("ldc2", "1111110PUDWLnnnnddddkkkkiiiiiiii", noPc("n").and(coproc(true)).and(this::ldcOk));
        gen("cdp2", "11111110oooonnnnddddkkkkOOO0mmmm", coproc(true));
        gen("mcr2", "11111110ooo0nnnnttttkkkkOOO1mmmm", noPc("t").and(coproc(true)));
        gen("mrc2", "11111110ooo1nnnnttttkkkkOOO1mmmm", noPc("t").and(coproc(true)));
        gen("setend", "1111000100000001000000e000000000", w -> true);
        gen("pli", "11110100u101nnnn1111iiiiiiiiiiii", noPc("n"));
        gen("pld", "11110101ur01nnnn1111iiiiiiiiiiii", noPc("n"));
        gen("pli-reg", "11110110u101nnnn1111iiiiitt0mmmm", noPc("nm"));
        gen("pld-reg", "11110111ur01nnnn1111iiiiitt0mmmm", noPc("nm"));
        gen("barrier", "1111010101111111111100000ooo1111", w -> {
            int o = f(w, 'o');
            return o >= 4 && o <= 6;
        });
        gen("srs", "1111100pu1w0110100000101000mmmmm", w -> isMode(f(w, 'm')));
        gen("rfe", "1111100pu0w1nnnn0000101000000000", noPc("n"));
        gen("blx-imm", "1111101hiiiiiiiiiiiiiiiiiiiiiiii", w -> true);
    }

    // ---- generation ----

    private BitPattern current;

    /** Adds up to PER_CLASS distinct random words matching {@code pattern} (cond never 1111) that satisfy {@code ok}. */
    private void gen(String label, String pattern, IntPredicate ok) {
        BitPattern p = BitPattern.of(pattern);
        current = p;
        int added = 0;
        boolean valid = false;
        for (int tries = 0; added < PER_CLASS && tries < 10_000; tries++) {
            int w = (random.nextInt() & ~p.mask()) | p.value();
            if (p.hasField('c') && p.field(w, 'c') == 15) {
                continue;
            }
            if (ok.test(w)) {
                valid = true;
                if (words.putIfAbsent(w, label) == null) {
                    added++;
                }
            }
        }
        if (!valid) {
            throw new IllegalStateException("could not draw samples for " + label);
        }
    }

    /** Field of the class being drawn; predicates run inside gen(), so they see its pattern. */
    private int f(int w, char name) {
        return current.field(w, name);
    }

    private IntPredicate noPc(String names) {
        return w -> names.chars().noneMatch(c -> f(w, (char) c) == 15);
    }

    private IntPredicate differ(char a, char b) {
        return w -> f(w, a) != f(w, b);
    }

    private IntPredicate nonZero(char a) {
        return w -> f(w, a) != 0;
    }

    /** Doubleword exclusives need an even first register other than r14. */
    private IntPredicate pairOk(char size, char reg) {
        return w -> f(w, size) != 1 || (f(w, reg) % 2 == 0 && f(w, reg) != 14);
    }

    private IntPredicate msbGeLsb() {
        return w -> f(w, 'w') >= f(w, 'l');
    }

    private IntPredicate dpShape(int op) {
        return w -> {
            if (op >= 8 && op <= 11) {
                return f(w, 'S') == 1 && f(w, 'd') == 0;
            }
            if (op == 13 || op == 15) {
                return f(w, 'n') == 0;
            }
            return true;
        };
    }

    private IntPredicate extraOk(boolean register) {
        return w -> {
            int t = f(w, 't');
            int n = f(w, 'n');
            int op = f(w, 'o');
            boolean p = f(w, 'p') == 1;
            boolean wb = f(w, 'w') == 1 || !p;
            boolean pair = f(w, 'L') == 0 && op >= 2;
            if (op == 0 || t == 15 || n == 15 || (wb && (n == t || (pair && n == t + 1)))) {
                return false;
            }
            if (pair && (t % 2 != 0 || t == 14 || (!p && f(w, 'w') == 1))) {
                return false;
            }
            if (register) {
                int m = f(w, 'm');
                return m != 15 && !(pair && (m == t || m == t + 1)) && !(wb && m == n);
            }
            return true;
        };
    }

    private IntPredicate wordByteOk(boolean register) {
        return w -> {
            int t = f(w, 't');
            int n = f(w, 'n');
            boolean wb = f(w, 'w') == 1 || f(w, 'p') == 0;
            if (t == 15 || n == 15 || (wb && n == t)) {
                return false;
            }
            return !register || (f(w, 'm') != 15 && !(wb && f(w, 'm') == n));
        };
    }

    private boolean blockOk(int w) {
        int n = f(w, 'n');
        int list = f(w, 'l');
        boolean wb = f(w, 'w') == 1;
        return n != 15 && Integer.bitCount(list) >= 1 && !(wb && (list >>> n & 1) != 0)
                && !(f(w, 'S') == 1 && wb);
    }

    private boolean ldcOk(int w) {
        boolean p = f(w, 'P') == 1;
        boolean u = f(w, 'U') == 1;
        boolean wb = f(w, 'W') == 1;
        // P=U=W=0 is not LDC/STC; post-indexed #0 is printed by objdump as "[rn]", a known objdump quirk.
        return (p || u || wb) && !(!p && wb && f(w, 'i') == 0) && !(!p && !u && !wb);
    }

    /** Coprocessors that objdump shows generically (no FPA/Maverick/VFP/NEON/v8 reinterpretation). */
    private IntPredicate coproc(boolean unconditional) {
        int[] allowed = unconditional ? new int[] {0, 2, 3, 7, 14, 15} : new int[] {0, 3, 7, 12, 13, 14, 15};
        return w -> {
            int k = f(w, 'k');
            for (int a : allowed) {
                if (a == k) {
                    return true;
                }
            }
            return false;
        };
    }

    /** Banked register encodings allocated by ARM ARM B9.2.3 (SYSm = M:m). */
    private boolean bankedOk(int w) {
        int sysm = f(w, 'M') << 4 | f(w, 'm');
        if (f(w, 'r') == 1) {
            return sysm == 14 || sysm == 16 || sysm == 18 || sysm == 20 || sysm == 22 || sysm == 28 || sysm == 30;
        }
        return sysm != 7 && sysm != 15 && (sysm < 24 || sysm >= 28);
    }

    private static boolean isMode(int m) {
        return m == 16 || m == 17 || m == 18 || m == 19 || m == 22 || m == 23 || m == 26 || m == 27 || m == 31;
    }
}
