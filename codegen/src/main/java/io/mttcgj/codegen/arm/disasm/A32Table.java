package io.mttcgj.codegen.arm.disasm;

import io.mttcgj.codegen.arm.decode.BitPattern;
import static io.mttcgj.codegen.arm.disasm.Operands.hex;
import static io.mttcgj.codegen.arm.disasm.Operands.immAddress;
import static io.mttcgj.codegen.arm.disasm.Operands.modImm;
import static io.mttcgj.codegen.arm.disasm.Operands.reg;
import static io.mttcgj.codegen.arm.disasm.Operands.regAddress;
import static io.mttcgj.codegen.arm.disasm.Operands.regList;
import static io.mttcgj.codegen.arm.disasm.Operands.regShiftedReg;
import static io.mttcgj.codegen.arm.disasm.Operands.shiftName;
import static io.mttcgj.codegen.arm.disasm.Operands.shiftedReg;
import static io.mttcgj.codegen.arm.disasm.Operands.signExtend;

import java.util.ArrayList;
import java.util.List;

/**
 * The A32 decode tables (ARM ARM A5): each row is a {@link BitPattern} and a formatter. Letters name fields;
 * the conventional ones are c=cond, n=Rn, d=Rd, t=Rt, m=Rm, s=Rs, a=Ra, S=set-flags, p/u/b/w/L = P/U/B/W/L bits.
 *
 * <p>Order matters only where patterns overlap; such rows are commented. A formatter may return null to
 * decline a word (e.g. an alias that needs more than its pattern can say), and matching goes on.
 * Media and coprocessor rows live in {@link A32MediaRows}.
 */
final class A32Table {
    /** Renders a matched word; returns null to let later rows try. */
    @FunctionalInterface
    interface Formatter {
        String format(Fields f);
    }

    record Row(BitPattern pattern, Formatter formatter) {
    }

    static final String[] DP_OPS = {
        "and", "eor", "sub", "rsb", "add", "adc", "sbc", "rsc", "tst", "teq", "cmp", "cmn", "orr", "mov", "bic", "mvn"};

    private final List<Row> rows = new ArrayList<>();

    void row(String pattern, Formatter formatter) {
        rows.add(new Row(BitPattern.of(pattern), formatter));
    }

    static List<Row> conditional() {
        A32Table t = new A32Table();
        t.row("1110_0001_1010_0000_0000_0000_0000_0000", f -> "nop"); // mov r0, r0: objdump's alias
        t.multiplies();
        t.synchronisation();
        t.extraLoadStore();
        t.miscellaneous();
        t.dataProcessing();
        t.loadStoreWordByte();
        A32MediaRows.media(t);
        t.blockTransferAndBranch();
        A32MediaRows.coprocessor(t, false);
        t.row("cccc_1111_iiii_iiii_iiii_iiii_iiii_iiii", f -> f.m("svc") + " " + String.format("0x%08x", f.f('i')));
        return List.copyOf(t.rows);
    }

    static List<Row> unconditional() {
        A32Table t = new A32Table();
        A32MediaRows.unconditional(t);
        A32MediaRows.coprocessor(t, true);
        return List.copyOf(t.rows);
    }

    /**
     * The coprocessor rows alone (A5.6; {@code two}: the *2 forms of the 1111 space), for the Thumb
     * disassembler, whose coprocessor words are these A32 words with 1110 or 1111 on top.
     */
    static List<Row> coprocessor(boolean two) {
        A32Table t = new A32Table();
        A32MediaRows.coprocessor(t, two);
        return List.copyOf(t.rows);
    }

    // ---- data processing (A5.2.1-A5.2.3) ----

    private void dataProcessing() {
        for (int op = 0; op < 16; op++) {
            String o = bits4(op);
            String name = DP_OPS[op];
            if (op >= 8 && op <= 11) {
                // Compares must have S=1: with S=0 this space holds MRS/MSR/BX/... and MOVW/MOVT/MSR-imm.
                row("cccc_001" + o + "1_nnnn_----_rrrr_iiiiiiii", f -> f.m(name) + " " + f.r('n') + ", "
                        + modImm(f.f('r'), f.f('i')));
                row("cccc_000" + o + "1_nnnn_----_iiiiitt0_mmmm", f -> f.m(name) + " " + f.r('n') + ", "
                        + shiftedReg(f.f('m'), f.f('t'), f.f('i')));
                row("cccc_000" + o + "1_nnnn_----_ssss0tt1_mmmm", f -> f.m(name) + " " + f.r('n') + ", "
                        + regShiftedReg(f.f('m'), f.f('t'), f.f('s')));
            } else if (op == 13) {
                row("cccc_0011101S_----_dddd_rrrr_iiiiiiii", f -> f.m("mov" + f.s()) + " " + f.r('d') + ", "
                        + modImm(f.f('r'), f.f('i')));
                row("cccc_0001101S_----_dddd_iiiiitt0_mmmm", A32Table::movShiftImm);
                row("cccc_0001101S_----_dddd_ssss0tt1_mmmm", f -> f.m(shiftName(f.f('t')) + f.s()) + " "
                        + f.r('d') + ", " + f.r('m') + ", " + f.r('s'));
            } else if (op == 15) {
                row("cccc_0011111S_----_dddd_rrrr_iiiiiiii", f -> f.m("mvn" + f.s()) + " " + f.r('d') + ", "
                        + modImm(f.f('r'), f.f('i')));
                row("cccc_0001111S_----_dddd_iiiiitt0_mmmm", f -> f.m("mvn" + f.s()) + " " + f.r('d') + ", "
                        + shiftedReg(f.f('m'), f.f('t'), f.f('i')));
                row("cccc_0001111S_----_dddd_ssss0tt1_mmmm", f -> f.m("mvn" + f.s()) + " " + f.r('d') + ", "
                        + regShiftedReg(f.f('m'), f.f('t'), f.f('s')));
            } else {
                row("cccc_001" + o + "S_nnnn_dddd_rrrr_iiiiiiii", f -> f.m(name + f.s()) + " " + f.r('d') + ", "
                        + f.r('n') + ", " + modImm(f.f('r'), f.f('i')));
                row("cccc_000" + o + "S_nnnn_dddd_iiiiitt0_mmmm", f -> f.m(name + f.s()) + " " + f.r('d') + ", "
                        + f.r('n') + ", " + shiftedReg(f.f('m'), f.f('t'), f.f('i')));
                row("cccc_000" + o + "S_nnnn_dddd_ssss0tt1_mmmm", f -> f.m(name + f.s()) + " " + f.r('d') + ", "
                        + f.r('n') + ", " + regShiftedReg(f.f('m'), f.f('t'), f.f('s')));
            }
        }
        row("cccc_0011_0000_iiii_dddd_iiii_iiii_iiii", f -> f.m("movw") + " " + f.r('d') + ", #" + f.f('i'));
        row("cccc_0011_0100_iiii_dddd_iiii_iiii_iiii", f -> f.m("movt") + " " + f.r('d') + ", #" + f.f('i'));
    }

    /** MOV with an immediate shift is shown as the shift itself (lsl/lsr/asr/ror/rrx), like objdump. */
    private static String movShiftImm(Fields f) {
        int type = f.f('t');
        int amount = f.f('i');
        String ops = " " + f.r('d') + ", " + f.r('m');
        if (type == 0 && amount == 0) {
            return f.m("mov" + f.s()) + ops;
        }
        if (type == 3 && amount == 0) {
            return f.m("rrx" + f.s()) + ops;
        }
        return f.m(shiftName(type) + f.s()) + ops + ", #" + (amount == 0 ? 32 : amount);
    }

    // ---- multiplies (A5.2.5, A5.2.7) ----

    private void multiplies() {
        row("cccc_0000000S_dddd_0000_mmmm_1001_nnnn", f -> f.m("mul" + f.s()) + " " + f.r('d') + ", " + f.r('n')
                + ", " + f.r('m'));
        row("cccc_0000001S_dddd_aaaa_mmmm_1001_nnnn", f -> f.m("mla" + f.s()) + " " + f.r('d') + ", " + f.r('n')
                + ", " + f.r('m') + ", " + f.r('a'));
        row("cccc_0000_0100_hhhh_llll_mmmm_1001_nnnn", f -> longMul(f, "umaal"));
        row("cccc_0000_0110_dddd_aaaa_mmmm_1001_nnnn", f -> f.m("mls") + " " + f.r('d') + ", " + f.r('n') + ", "
                + f.r('m') + ", " + f.r('a'));
        row("cccc_0000_100S_hhhh_llll_mmmm_1001_nnnn", f -> longMul(f, "umull" + f.s()));
        row("cccc_0000_101S_hhhh_llll_mmmm_1001_nnnn", f -> longMul(f, "umlal" + f.s()));
        row("cccc_0000_110S_hhhh_llll_mmmm_1001_nnnn", f -> longMul(f, "smull" + f.s()));
        row("cccc_0000_111S_hhhh_llll_mmmm_1001_nnnn", f -> longMul(f, "smlal" + f.s()));
        // Halfword multiplies (SMLAxy family), op1 in bits 22..21.
        row("cccc_0001_0000_dddd_aaaa_mmmm_1yx0_nnnn", f -> f.m("smla" + xy(f)) + " " + f.r('d') + ", "
                + f.r('n') + ", " + f.r('m') + ", " + f.r('a'));
        row("cccc_0001_0010_dddd_aaaa_mmmm_1y00_nnnn", f -> f.m("smlaw" + (f.b('y') ? "t" : "b")) + " "
                + f.r('d') + ", " + f.r('n') + ", " + f.r('m') + ", " + f.r('a'));
        row("cccc_0001_0010_dddd_0000_mmmm_1y10_nnnn", f -> f.m("smulw" + (f.b('y') ? "t" : "b")) + " "
                + f.r('d') + ", " + f.r('n') + ", " + f.r('m'));
        row("cccc_0001_0100_hhhh_llll_mmmm_1yx0_nnnn", f -> longMul(f, "smlal" + xy(f)));
        row("cccc_0001_0110_dddd_0000_mmmm_1yx0_nnnn", f -> f.m("smul" + xy(f)) + " " + f.r('d') + ", "
                + f.r('n') + ", " + f.r('m'));
    }

    private static String xy(Fields f) {
        return (f.b('x') ? "t" : "b") + (f.b('y') ? "t" : "b");
    }

    private static String longMul(Fields f, String name) {
        return f.m(name) + " " + f.r('l') + ", " + f.r('h') + ", " + f.r('n') + ", " + f.r('m');
    }

    // ---- SWP and exclusives (A5.2.10) ----

    private void synchronisation() {
        row("cccc_0001_0b00_nnnn_tttt_0000_1001_mmmm", f -> f.m(f.b('b') ? "swpb" : "swp") + " " + f.r('t') + ", "
                + f.r('m') + ", [" + f.r('n') + "]");
        String[] sizes = {"", "d", "b", "h"};
        row("cccc_0001_1zz1_nnnn_tttt_1111_1001_1111", f -> {
            int z = f.f('z');
            String pair = z == 1 ? ", " + reg(f.f('t') + 1) : "";
            return f.m("ldrex" + sizes[z]) + " " + f.r('t') + pair + ", [" + f.r('n') + "]";
        });
        row("cccc_0001_1zz0_nnnn_dddd_1111_1001_tttt", f -> {
            int z = f.f('z');
            String pair = z == 1 ? ", " + reg(f.f('t') + 1) : "";
            return f.m("strex" + sizes[z]) + " " + f.r('d') + ", " + f.r('t') + pair + ", [" + f.r('n') + "]";
        });
    }

    // ---- halfword, signed byte and doubleword transfers (A5.2.8) ----

    private void extraLoadStore() {
        row("cccc_000p_u1wL_nnnn_tttt_iiii_1oo1_iiii", f -> extra(f, immAddress(f.f('n'), f.b('p'), f.b('u'),
                f.b('w'), f.f('i'))));
        row("cccc_000p_u0wL_nnnn_tttt_0000_1oo1_mmmm", f -> extra(f, regAddress(f.f('n'), f.b('p'), f.b('u'),
                f.b('w'), f.r('m'))));
    }

    private static String extra(Fields f, String address) {
        boolean load = f.b('L');
        int op = f.f('o');
        // P=0, W=1 selects the unprivileged (T) forms, which exist only for halfword and signed byte.
        boolean unprivileged = !f.b('p') && f.b('w');
        String name;
        boolean pair = false;
        if (op == 1) {
            name = load ? "ldrh" : "strh";
        } else if (load) {
            name = op == 2 ? "ldrsb" : "ldrsh";
        } else {
            if (unprivileged) {
                return null;
            }
            name = op == 2 ? "ldrd" : "strd";
            pair = true;
        }
        if (unprivileged) {
            name += "t";
        }
        String t = f.r('t') + (pair ? ", " + reg(f.f('t') + 1) : "");
        return f.m(name) + " " + t + ", " + address;
    }

    // ---- miscellaneous (A5.2.12) ----

    private void miscellaneous() {
        row("cccc_0001_0r00_1111_dddd_0000_0000_0000", f -> f.m("mrs") + " " + f.r('d') + ", "
                + (f.b('r') ? "SPSR" : "CPSR"));
        row("cccc_0001_0r00_mmmm_dddd_001M_0000_0000", f -> banked(f) == null ? null
                : f.m("mrs") + " " + f.r('d') + ", " + banked(f));
        row("cccc_0001_0r10_mmmm_1111_001M_0000_nnnn", f -> banked(f) == null ? null
                : f.m("msr") + " " + banked(f) + ", " + f.r('n'));
        row("cccc_0001_0r10_kkkk_1111_0000_0000_nnnn", f -> f.f('k') == 0 ? null
                : f.m("msr") + " " + psrFields(f) + ", " + f.r('n'));
        row("cccc_0011_0r10_kkkk_1111_jjjj_iiii_iiii", f -> f.f('k') == 0 ? null
                : f.m("msr") + " " + psrFields(f) + ", " + modImm(f.f('j'), f.f('i')));
        row("cccc_0011_0010_0000_1111_0000_hhhh_hhhh", A32Table::hint);
        row("cccc_0001_0010_1111_1111_1111_0001_mmmm", f -> f.m("bx") + " " + f.r('m'));
        row("cccc_0001_0010_1111_1111_1111_0010_mmmm", f -> f.m("bxj") + " " + f.r('m'));
        row("cccc_0001_0010_1111_1111_1111_0011_mmmm", f -> f.m("blx") + " " + f.r('m'));
        row("cccc_0001_0110_1111_dddd_1111_0001_mmmm", f -> f.m("clz") + " " + f.r('d') + ", " + f.r('m'));
        String[] sat = {"qadd", "qsub", "qdadd", "qdsub"};
        row("cccc_0001_0oo0_nnnn_dddd_0000_0101_mmmm", f -> f.m(sat[f.f('o')]) + " " + f.r('d') + ", " + f.r('m')
                + ", " + f.r('n'));
        row("cccc_0001_0110_0000_0000_0000_0110_1110", f -> f.m("eret"));
        row("1110_0001_0010_iiii_iiii_iiii_0111_iiii", f -> "bkpt " + String.format("0x%04x", f.f('i')));
        row("1110_0001_0100_iiii_iiii_iiii_0111_iiii", f -> "hvc " + f.f('i'));
        row("cccc_0001_0110_0000_0000_0000_0111_iiii", f -> f.m("smc") + " " + f.f('i'));
    }

    private static String psrFields(Fields f) {
        int k = f.f('k');
        return (f.b('r') ? "SPSR_" : "CPSR_") + ((k & 8) != 0 ? "f" : "") + ((k & 4) != 0 ? "s" : "")
                + ((k & 2) != 0 ? "x" : "") + ((k & 1) != 0 ? "c" : "");
    }

    private static final String[] BANKED = {
        "R8_usr", "R9_usr", "R10_usr", "R11_usr", "R12_usr", "SP_usr", "LR_usr", null,
        "R8_fiq", "R9_fiq", "R10_fiq", "R11_fiq", "R12_fiq", "SP_fiq", "LR_fiq", null,
        "LR_irq", "SP_irq", "LR_svc", "SP_svc", "LR_abt", "SP_abt", "LR_und", "SP_und",
        null, null, null, null, "LR_mon", "SP_mon", "ELR_hyp", "SP_hyp"};

    /** Banked register named by R:M:m (ARM ARM B9.2.3), or null for an unallocated encoding. */
    private static String banked(Fields f) {
        return bankedName(f.b('r'), f.f('M') << 4 | f.f('m'));
    }

    /** Banked register named by R and SYSm = M:m (ARM ARM B9.2.3), or null (shared with the Thumb rows). */
    static String bankedName(boolean spsr, int sysm) {
        if (!spsr) {
            return BANKED[sysm];
        }
        return switch (sysm) {
            case 14 -> "SPSR_fiq";
            case 16 -> "SPSR_irq";
            case 18 -> "SPSR_svc";
            case 20 -> "SPSR_abt";
            case 22 -> "SPSR_und";
            case 28 -> "SPSR_mon";
            case 30 -> "SPSR_hyp";
            default -> null;
        };
    }

    private static String hint(Fields f) {
        int h = f.f('h');
        String name = switch (h) {
            case 0 -> "nop";
            case 1 -> "yield";
            case 2 -> "wfe";
            case 3 -> "wfi";
            case 4 -> "sev";
            case 0x14 -> "csdb";
            default -> h >= 0xf0 ? "dbg" : "nop";
        };
        if (h >= 0xf0) {
            return f.m(name) + " #" + (h & 15);
        }
        return f.m(name) + (h > 4 && h != 0x14 ? " {" + h + "}" : "");
    }

    // ---- LDR/STR/LDRB/STRB (A5.3) ----

    private void loadStoreWordByte() {
        // objdump shows single-register stack pushes/pops written as LDR/STR as push/pop.
        row("cccc_0101_0010_1101_tttt_0000_0000_0100", f -> f.m("push") + " {" + f.r('t') + "}");
        row("cccc_0100_1001_1101_tttt_0000_0000_0100", f -> f.m("pop") + " {" + f.r('t') + "}");
        row("cccc_010p_ubwL_nnnn_tttt_iiii_iiii_iiii", f -> wordByte(f, immAddress(f.f('n'), f.b('p'), f.b('u'),
                f.b('w'), f.f('i'))));
        row("cccc_011p_ubwL_nnnn_tttt_iiii_iyy0_mmmm", f -> wordByte(f, regAddress(f.f('n'), f.b('p'), f.b('u'),
                f.b('w'), shiftedReg(f.f('m'), f.f('y'), f.f('i')))));
    }

    private static String wordByte(Fields f, String address) {
        boolean unprivileged = !f.b('p') && f.b('w');
        String name = (f.b('L') ? "ldr" : "str") + (f.b('b') ? "b" : "") + (unprivileged ? "t" : "");
        if (unprivileged) {
            // The T forms are post-indexed and have no writeback marker.
            address = address.replace("]!", "]");
        }
        return f.m(name) + " " + f.r('t') + ", " + address;
    }

    // ---- LDM/STM, B/BL (A5.5) ----

    private void blockTransferAndBranch() {
        row("cccc_1001_0010_1101_llll_llll_llll_llll", f -> Integer.bitCount(f.f('l')) < 2 ? null
                : f.m("push") + " " + regList(f.f('l')));
        row("cccc_1000_1011_1101_llll_llll_llll_llll", f -> Integer.bitCount(f.f('l')) < 2 ? null
                : f.m("pop") + " " + regList(f.f('l')));
        row("cccc_1001_0010_1101_llll_llll_llll_llll", f -> f.m("stmfd") + " sp!, " + regList(f.f('l')));
        row("cccc_1000_1011_1101_llll_llll_llll_llll", f -> f.m("ldmfd") + " sp!, " + regList(f.f('l')));
        String[] modes = {"da", "ia", "db", "ib"};
        row("cccc_100p_uSwL_nnnn_llll_llll_llll_llll", f -> {
            int mode = f.f('p') << 1 | f.f('u');
            String suffix = modes[mode];
            // objdump drops "ia" from LDM always and from STM without writeback or ^.
            if (mode == 1 && (f.b('L') || (!f.b('w') && !f.b('S')))) {
                suffix = "";
            }
            return f.m((f.b('L') ? "ldm" : "stm") + suffix) + " " + f.r('n') + (f.b('w') ? "!" : "") + ", "
                    + regList(f.f('l')) + (f.b('S') ? "^" : "");
        });
        row("cccc_101L_iiii_iiii_iiii_iiii_iiii_iiii", f -> f.m(f.b('L') ? "bl" : "b") + " "
                + hex(f.pc + 8 + (signExtend(f.f('i'), 24) << 2)));
    }

    static String bits4(int v) {
        return String.format("%4s", Integer.toBinaryString(v)).replace(' ', '0');
    }
}
