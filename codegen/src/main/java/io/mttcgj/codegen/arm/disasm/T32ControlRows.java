package io.mttcgj.codegen.arm.disasm;

import static io.mttcgj.codegen.arm.disasm.Operands.hex;
import static io.mttcgj.codegen.arm.disasm.Operands.signExtend;
import static io.mttcgj.codegen.arm.disasm.ThumbTable.psrFields;
import static io.mttcgj.codegen.arm.disasm.ThumbTable.w;

/**
 * 32-bit Thumb branches and miscellaneous control (ARM ARM A6.3.4): B/B&lt;c&gt;.W, BL, BLX, MSR/MRS (incl.
 * banked registers), CPS, the hints, CLREX/DSB/DMB/ISB, BXJ, SUBS PC, LR, HVC, SMC, UDF.W. Bits marked (0)
 * or (1) must have that value (objdump, too, gives the other words other meanings or none).
 */
final class T32ControlRows {
    private static final String[] HINTS = {"nop", "yield", "wfe", "wfi", "sev"};

    private T32ControlRows() {
    }

    static void register(ThumbTable t) {
        // B<c> with condition 111x is the miscellaneous control space: those rows decline nothing else.
        t.t32("11110Sccccjjjjjj 10J0Kiiiiiiiiiii", f -> f.f('c') >= 14 ? null
                : "b" + Operands.condSuffix(f.f('c')) + ".w " + hex(f.pc + 4 + conditionalOffset(f.word)));
        t.t32("11110S---------- 10-1------------", f -> f.m("b") + ".w " + hex(f.pc + 4 + offset24(f.word)));
        t.t32("11110S---------- 11-1------------", f -> f.m("bl") + " " + hex(f.pc + 4 + offset24(f.word)));
        // BLX's H bit (bit 0) must be 0; the target is word-aligned.
        t.t32("11110S---------- 11-0-----------0", f -> f.m("blx") + " "
                + hex(((f.pc + 4) & ~3) + offset24(f.word)));
        psrAccess(t);
        t.t32("1111001110101111 10000000hhhhhhhh", T32ControlRows::hint);
        t.t32("1111001110101111 10000kkMaifooooo", T32ControlRows::cps);
        t.t32("1111001110111111 100011110010oooo", f -> f.f('o') == 15 ? f.m("clrex") : null);
        t.t32("1111001110111111 100011110100oooo", f -> f.m("dsb") + " " + A32MediaRows.barrier(f.f('o')));
        t.t32("1111001110111111 100011110101oooo", f -> f.m("dmb") + " " + A32MediaRows.barrier(f.f('o')));
        t.t32("1111001110111111 100011110110oooo", f -> f.m("isb") + " "
                + (f.f('o') == 15 ? "sy" : "#" + f.f('o')));
        t.t32("111100111100mmmm 1000111100000000", f -> f.m("bxj") + " " + f.r('m'));
        t.t32("1111001111011110 10001111iiiiiiii", f -> f.m("subs") + " pc, lr, #" + f.f('i'));
        t.t32("111101111110iiii 1000iiiiiiiiiiii", f -> f.m("hvc") + " #" + f.f('i'));
        t.t32("111101111111iiii 1000000000000000", f -> f.m("smc") + " #" + f.f('i'));
        t.t32("111101111111iiii 1010iiiiiiiiiiii", f -> w(f, "udf") + " #" + f.f('i'));
    }

    /** B&lt;c&gt;.W (T3): SignExtend(S:J2:J1:imm6:imm11:'0'). */
    private static int conditionalOffset(int w) {
        int s = w >>> 26 & 1;
        int j1 = w >>> 13 & 1;
        int j2 = w >>> 11 & 1;
        int imm = s << 20 | j2 << 19 | j1 << 18 | (w >>> 16 & 0x3f) << 12 | (w & 0x7ff) << 1;
        return signExtend(imm, 21);
    }

    /** B.W/BL/BLX (T4, T1, T2): SignExtend(S:I1:I2:imm10:imm11:'0'), In = NOT(Jn XOR S). */
    private static int offset24(int w) {
        int s = w >>> 26 & 1;
        int i1 = ~(w >>> 13 ^ s) & 1;
        int i2 = ~(w >>> 11 ^ s) & 1;
        int imm = s << 24 | i1 << 23 | i2 << 22 | (w >>> 16 & 0x3ff) << 12 | (w & 0x7ff) << 1;
        return signExtend(imm, 25);
    }

    private static void psrAccess(ThumbTable t) {
        t.t32("11110011100rnnnn 1000kkkk00000000", f -> f.f('k') == 0 ? null
                : f.m("msr") + " " + psrFields(f.b('r'), f.f('k')) + ", " + f.r('n'));
        t.t32("11110011100rnnnn 1000mmmm001M0000", f -> banked(f) == null ? null
                : f.m("msr") + " " + banked(f) + ", " + f.r('n'));
        t.t32("11110011111r1111 1000dddd00000000", f -> f.m("mrs") + " " + f.r('d') + ", "
                + (f.b('r') ? "SPSR" : "CPSR"));
        t.t32("11110011111rmmmm 1000dddd001M0000", f -> banked(f) == null ? null
                : f.m("mrs") + " " + f.r('d') + ", " + banked(f));
    }

    private static String banked(Fields f) {
        return A32Table.bankedName(f.b('r'), f.f('M') << 4 | f.f('m'));
    }

    /** NOP/YIELD/WFE/WFI/SEV.W, CSDB, DBG #n; the other hint numbers print as {@code nop.w {n}}. */
    private static String hint(Fields f) {
        int h = f.f('h');
        if (h < HINTS.length) {
            return w(f, HINTS[h]);
        }
        if (h == 0x14) {
            return "csdb";
        }
        if (h >= 0xf0) {
            return f.m("dbg") + " #" + (h & 15);
        }
        return w(f, "nop") + " {" + h + "}";
    }

    /**
     * CPS (T2): imod 10/11 = enable/disable A/I/F, M = change mode. imod = 00 with M = 0 is the hint space;
     * imod 01, flags without imod (or imod without flags) and a mode without M are UNPREDICTABLE: declined.
     */
    private static String cps(Fields f) {
        int imod = f.f('k');
        boolean changeMode = f.b('M');
        int flags = f.f('a') << 2 | f.f('i') << 1 | f.f('f');
        String mode = "#" + f.f('o');
        if (imod == 0) {
            return changeMode && flags == 0 ? "cps " + mode : null;
        }
        if (imod == 1 || flags == 0 || (!changeMode && f.f('o') != 0)) {
            return null;
        }
        String name = imod == 2 ? "cpsie" : "cpsid";
        String aif = ((flags & 4) != 0 ? "a" : "") + ((flags & 2) != 0 ? "i" : "") + ((flags & 1) != 0 ? "f" : "");
        return changeMode ? name + " " + aif + ", " + mode : name + ".w " + aif;
    }
}
