package io.mttcgj.codegen.arm.disasm;

import static io.mttcgj.codegen.arm.disasm.Operands.immAddress;
import static io.mttcgj.codegen.arm.disasm.Operands.reg;
import static io.mttcgj.codegen.arm.disasm.Operands.regList;
import static io.mttcgj.codegen.arm.disasm.ThumbTable.alignedPc;
import static io.mttcgj.codegen.arm.disasm.ThumbTable.literal;
import static io.mttcgj.codegen.arm.disasm.ThumbTable.regs;
import static io.mttcgj.codegen.arm.disasm.ThumbTable.w;

/**
 * 32-bit Thumb loads and stores: single (ARM ARM A6.3.7-A6.3.10, incl. the unprivileged T forms and the
 * PLD/PLDW/PLI hints), dual, exclusive and table branch (A6.3.6), multiple and SRS/RFE (A6.3.5). Spelling
 * follows objdump: {@code ldr.w}/{@code ldrsb.w}/{@code str.w}, {@code ldmia.w}/{@code stmia.w} but
 * {@code ldmdb}/{@code stmdb} (no PUSH.W/POP.W aliases), a zero offset is left out ({@code [r1]}) and a
 * PC-relative address is named in a comment.
 */
final class T32MemoryRows {
    /** Size suffix by bits 22:21 and the sign bit 24; null: no such access (UNDEFINED). */
    private static final String[] SIZES = {"b", "h", "", null, "sb", "sh", null, null};

    private T32MemoryRows() {
    }

    static void register(ThumbTable t) {
        exclusives(t);
        t.t32("1110100pu1wLnnnn ttttTTTTiiiiiiii", T32MemoryRows::dual);
        multiple(t);
        t.t32("1111100SuzzLnnnn tttt------------", T32MemoryRows::single);
    }

    // ---- A6.3.6 load/store dual, exclusive, table branch (the P = W = 0 part comes first) ----

    private static void exclusives(ThumbTable t) {
        t.t32("111010000100nnnn ttttddddiiiiiiii", f -> f.m("strex") + " " + regs(f, "dt") + ", "
                + offset4(f));
        t.t32("111010000101nnnn tttt1111iiiiiiii", f -> f.m("ldrex") + " " + f.r('t') + ", " + offset4(f));
        t.t32("111010001100nnnn tttt1111010hdddd", f -> f.m(f.b('h') ? "strexh" : "strexb") + " "
                + regs(f, "dt") + ", [" + f.r('n') + "]");
        t.t32("111010001100nnnn ttttTTTT0111dddd", f -> f.m("strexd") + " " + regs(f, "dtT") + ", ["
                + f.r('n') + "]");
        t.t32("111010001101nnnn 11110000000hmmmm", f -> f.b('h')
                ? f.m("tbh") + " [" + regs(f, "nm") + ", lsl #1]"
                : f.m("tbb") + " [" + regs(f, "nm") + "]");
        t.t32("111010001101nnnn tttt1111010h1111", f -> f.m(f.b('h') ? "ldrexh" : "ldrexb") + " " + f.r('t')
                + ", [" + f.r('n') + "]");
        t.t32("111010001101nnnn ttttTTTT01111111", f -> f.m("ldrexd") + " " + regs(f, "tT") + ", ["
                + f.r('n') + "]");
    }

    /** [Rn, #imm8*4] of LDREX/STREX, "[Rn]" for 0. */
    private static String offset4(Fields f) {
        int offset = 4 * f.f('i');
        return "[" + f.r('n') + (offset == 0 ? "" : ", #" + offset) + "]";
    }

    /** LDRD/STRD (immediate, literal): P = W = 0 is the exclusive space above. */
    private static String dual(Fields f) {
        boolean p = f.b('p');
        boolean u = f.b('u');
        boolean wb = f.b('w');
        if (!p && !wb) {
            return null;
        }
        int offset = 4 * f.f('i');
        String text = f.m(f.b('L') ? "ldrd" : "strd") + " " + regs(f, "tT") + ", "
                + immAddress(f.f('n'), p, u, wb, offset);
        if (f.f('n') == 15) {
            text += literal(alignedPc(f) + (u ? offset : -offset));
        }
        return text;
    }

    // ---- A6.3.5 load/store multiple, SRS, RFE ----

    private static void multiple(ThumbTable t) {
        t.t32("1110100010w0nnnn llllllllllllllll", f -> w(f, "stmia") + " " + base(f) + regList(f.f('l')));
        t.t32("1110100010w1nnnn llllllllllllllll", f -> w(f, "ldmia") + " " + base(f) + regList(f.f('l')));
        t.t32("1110100100w0nnnn llllllllllllllll", f -> f.m("stmdb") + " " + base(f) + regList(f.f('l')));
        t.t32("1110100100w1nnnn llllllllllllllll", f -> f.m("ldmdb") + " " + base(f) + regList(f.f('l')));
        t.t32("1110100000w01101 11000000000mmmmm", f -> f.m("srsdb") + " sp" + (f.b('w') ? "!" : "") + ", #"
                + f.f('m'));
        t.t32("1110100110w01101 11000000000mmmmm", f -> f.m("srsia") + " sp" + (f.b('w') ? "!" : "") + ", #"
                + f.f('m'));
        t.t32("1110100000w1nnnn 1100000000000000", f -> f.m("rfedb") + " " + f.r('n') + (f.b('w') ? "!" : ""));
        t.t32("1110100110w1nnnn 1100000000000000", f -> f.m("rfeia") + " " + f.r('n') + (f.b('w') ? "!" : ""));
    }

    private static String base(Fields f) {
        return f.r('n') + (f.b('w') ? "!" : "") + ", ";
    }

    // ---- A6.3.7-A6.3.10 single loads and stores, memory hints ----

    /**
     * One row for all of them, as objdump's %w/%a: size and sign from bits 24, 22:21; the addressing mode
     * from U (imm12), Rn = PC (literal) or bits 11:6 of the second halfword (register, imm8 with P/U/W).
     */
    private static String single(Fields f) {
        boolean load = f.b('L');
        boolean signed = f.b('S');
        int size = f.f('z');
        String suffix = SIZES[(signed ? 4 : 0) | size];
        int rn = f.f('n');
        int rt = f.f('t');
        int op = (f.word >>> 8) & 15;
        boolean unprivileged = rn != 15 && !f.b('u') && op == 0b1110;
        if (suffix == null || (!load && (signed || rn == 15))) {
            return null;
        }
        String address = address(f);
        if (address == null) {
            return null;
        }
        if (load && rt == 15 && size != 2) {
            return hint(f, signed, size, op, address);
        }
        String name = (load ? "ldr" : "str") + suffix;
        if (unprivileged) {
            return f.m(name + "t") + " " + reg(rt) + ", " + address;
        }
        return w(f, name) + " " + reg(rt) + ", " + address;
    }

    /**
     * PLD/PLDW/PLI: byte and halfword loads to the PC with an offset, register or literal address; the
     * other addressing modes, PLDW (literal) and the signed-halfword hints are UNPREDICTABLE or unallocated.
     */
    private static String hint(Fields f, boolean signed, int size, int op, String address) {
        boolean literal = f.f('n') == 15;
        boolean register = ((f.word >>> 6) & 0x3f) == 0;
        if (!(literal || f.b('u') || register || op == 0b1100)) {
            return null;
        }
        if (size == 0) {
            return f.m(signed ? "pli" : "pld") + " " + address;
        }
        return signed || literal ? null : f.m("pldw") + " " + address;
    }

    /** The address operand (objdump's %a), with the literal comment for Rn = PC; null if undefined. */
    private static String address(Fields f) {
        int rn = f.f('n');
        int imm12 = f.word & 0xfff;
        int imm8 = f.word & 0xff;
        if (rn == 15) {
            int offset = f.b('u') ? imm12 : -imm12;
            return "[pc" + (offset == 0 ? "" : ", #" + offset) + "]" + literal(alignedPc(f) + offset);
        }
        String base = "[" + reg(rn);
        if (f.b('u')) {
            return base + (imm12 == 0 ? "" : ", #" + imm12) + "]";
        }
        if (((f.word >>> 6) & 0x3f) == 0) {
            int shift = (f.word >>> 4) & 3;
            return base + ", " + reg(f.word & 15) + (shift == 0 ? "" : ", lsl #" + shift) + "]";
        }
        int op = (f.word >>> 8) & 15;
        int offset = (op & 2) != 0 ? imm8 : -imm8;
        return switch (op) {
            case 0b1110, 0b1100 -> base + (offset == 0 ? "" : ", #" + offset) + "]";
            case 0b1111, 0b1101 -> base + (offset == 0 ? "" : ", #" + offset) + "]!";
            case 0b1011, 0b1001 -> base + "], #" + offset;
            default -> null;
        };
    }
}
