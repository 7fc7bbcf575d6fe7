package io.mttcgj.codegen.arm.disasm;

import static io.mttcgj.codegen.arm.disasm.ThumbTable.regs;
import static io.mttcgj.codegen.arm.disasm.ThumbTable.w;

/**
 * 32-bit Thumb multiplies and divides (ARM ARM A6.3.16, A6.3.17) and the register-only media operations of
 * A6.3.12-A6.3.15: extends with rotation, parallel add/subtract, QADD family, REV family, RBIT, SEL, CLZ.
 * Where a 16-bit form exists objdump writes {@code .w} ({@code mul.w}, {@code sxth.w}, {@code rev.w}).
 */
final class T32MultiplyRows {
    private static final String[] PAR_OP = {"add8", "add16", "asx", null, "sub8", "sub16", "sax", null};
    private static final String[] PAR_PREFIX = {"s", "q", "sh", null, "u", "uq", "uh", null};
    private static final String[] SAT = {"qadd", "qdadd", "qsub", "qdsub"};
    private static final String[] REV = {"rev.w", "rev16.w", "rbit", "revsh.w"};
    private static final String[] EXTEND = {"sxth", "uxth", "sxtb16", "uxtb16", "sxtb", "uxtb", null, null};

    private T32MultiplyRows() {
    }

    static void register(ThumbTable t) {
        multiplies(t);
        longMultiplies(t);
        media(t);
    }

    // ---- A6.3.16: Ra = 1111 selects the non-accumulating form ----

    private static void multiplies(ThumbTable t) {
        t.t32("111110110000nnnn aaaadddd0000mmmm", f -> f.f('a') == 15 ? w(f, "mul") + " " + regs(f, "dnm")
                : f.m("mla") + " " + regs(f, "dnma"));
        t.t32("111110110000nnnn aaaadddd0001mmmm", f -> f.m("mls") + " " + regs(f, "dnma"));
        t.t32("111110110001nnnn aaaadddd00xymmmm", f -> accumulate(f, "smla" + half(f, 'x') + half(f, 'y'),
                "smul" + half(f, 'x') + half(f, 'y')));
        t.t32("111110110010nnnn aaaadddd000xmmmm", f -> accumulate(f, "smlad" + x(f), "smuad" + x(f)));
        t.t32("111110110011nnnn aaaadddd000ymmmm", f -> accumulate(f, "smlaw" + half(f, 'y'), "smulw" + half(f, 'y')));
        t.t32("111110110100nnnn aaaadddd000xmmmm", f -> accumulate(f, "smlsd" + x(f), "smusd" + x(f)));
        t.t32("111110110101nnnn aaaadddd000rmmmm", f -> accumulate(f, "smmla" + r(f), "smmul" + r(f)));
        t.t32("111110110110nnnn aaaadddd000rmmmm", f -> f.m("smmls" + r(f)) + " " + regs(f, "dnma"));
        t.t32("111110110111nnnn aaaadddd0000mmmm", f -> accumulate(f, "usada8", "usad8"));
    }

    private static String accumulate(Fields f, String accumulating, String plain) {
        return f.f('a') == 15 ? f.m(plain) + " " + regs(f, "dnm") : f.m(accumulating) + " " + regs(f, "dnma");
    }

    private static String half(Fields f, char field) {
        return f.b(field) ? "t" : "b";
    }

    private static String x(Fields f) {
        return f.b('x') ? "x" : "";
    }

    private static String r(Fields f) {
        return f.b('r') ? "r" : "";
    }

    // ---- A6.3.17: RdLo = l, RdHi = h ----

    private static void longMultiplies(ThumbTable t) {
        t.t32("111110111000nnnn llllhhhh0000mmmm", f -> f.m("smull") + " " + regs(f, "lhnm"));
        t.t32("111110111001nnnn 1111dddd1111mmmm", f -> f.m("sdiv") + " " + regs(f, "dnm"));
        t.t32("111110111010nnnn llllhhhh0000mmmm", f -> f.m("umull") + " " + regs(f, "lhnm"));
        t.t32("111110111011nnnn 1111dddd1111mmmm", f -> f.m("udiv") + " " + regs(f, "dnm"));
        t.t32("111110111100nnnn llllhhhh0000mmmm", f -> f.m("smlal") + " " + regs(f, "lhnm"));
        t.t32("111110111100nnnn llllhhhh10xymmmm", f -> f.m("smlal" + half(f, 'x') + half(f, 'y')) + " "
                + regs(f, "lhnm"));
        t.t32("111110111100nnnn llllhhhh110xmmmm", f -> f.m("smlald" + x(f)) + " " + regs(f, "lhnm"));
        t.t32("111110111101nnnn llllhhhh110xmmmm", f -> f.m("smlsld" + x(f)) + " " + regs(f, "lhnm"));
        t.t32("111110111110nnnn llllhhhh0000mmmm", f -> f.m("umlal") + " " + regs(f, "lhnm"));
        t.t32("111110111110nnnn llllhhhh0110mmmm", f -> f.m("umaal") + " " + regs(f, "lhnm"));
    }

    // ---- A6.3.12-A6.3.15 ----

    private static void media(ThumbTable t) {
        // Extends: Rn = 1111 is the plain form; bit 6 of the second halfword is (0).
        t.t32("111110100ooonnnn 1111dddd10rrmmmm", f -> {
            String name = EXTEND[f.f('o')];
            if (name == null) {
                return null;
            }
            String rot = f.f('r') == 0 ? "" : ", ror #" + 8 * f.f('r');
            if (f.f('n') == 15) {
                String m = name.endsWith("16") ? f.m(name) : w(f, name);
                return m + " " + regs(f, "dm") + rot;
            }
            return f.m(name.substring(0, 3) + "a" + name.substring(3)) + " " + regs(f, "dnm") + rot;
        });
        t.t32("111110101ooonnnn 1111dddd0pppmmmm", f -> {
            String op = PAR_OP[f.f('o')];
            String prefix = PAR_PREFIX[f.f('p')];
            return op == null || prefix == null ? null : f.m(prefix + op) + " " + regs(f, "dnm");
        });
        t.t32("111110101000nnnn 1111dddd10oommmm", f -> f.m(SAT[f.f('o')]) + " " + regs(f, "dmn"));
        // REV family and CLZ name Rm twice; differing copies are UNPREDICTABLE: declined.
        t.t32("111110101001kkkk 1111dddd10oommmm", f -> f.f('k') != f.f('m') ? null
                : mnemonicWidth(f, REV[f.f('o')]) + " " + regs(f, "dm"));
        t.t32("111110101010nnnn 1111dddd1000mmmm", f -> f.m("sel") + " " + regs(f, "dnm"));
        t.t32("111110101011kkkk 1111dddd1000mmmm", f -> f.f('k') != f.f('m') ? null
                : f.m("clz") + " " + regs(f, "dm"));
    }

    /** "rev.w" becomes "rev" + condition + ".w". */
    private static String mnemonicWidth(Fields f, String name) {
        return name.endsWith(".w") ? w(f, name.substring(0, name.length() - 2)) : f.m(name);
    }
}
