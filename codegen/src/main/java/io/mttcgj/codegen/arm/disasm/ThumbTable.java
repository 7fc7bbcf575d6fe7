package io.mttcgj.codegen.arm.disasm;

import io.mttcgj.codegen.arm.decode.BitPattern;
import java.util.ArrayList;
import java.util.List;

/**
 * Builder of the Thumb decode tables and the operand helpers their formatters share. Rows are
 * {@link A32Table.Row}s: a {@link BitPattern} and a formatter that may decline a word (null) so that
 * matching goes on. 16-bit rows are written with 16 bits and matched in the low halfword; 32-bit rows are
 * written as "first halfword second halfword". Letters name fields as in {@link A32Table} (n=Rn, d=Rd,
 * t=Rt, m=Rm, a=Ra, S=set-flags, i=immediate; a split field such as T32's i:imm3:imm8 reads in pattern order).
 */
final class ThumbTable {
    private final List<A32Table.Row> rows = new ArrayList<>();

    /** The 16-bit table ({@link T16Rows}). */
    static List<A32Table.Row> t16() {
        ThumbTable t = new ThumbTable();
        T16Rows.register(t);
        return List.copyOf(t.rows);
    }

    /** The 32-bit table, coprocessor space excepted (it comes from {@link A32Table#coprocessor}). */
    static List<A32Table.Row> t32() {
        ThumbTable t = new ThumbTable();
        T32DataRows.register(t);
        T32MultiplyRows.register(t);
        T32MemoryRows.register(t);
        T32ControlRows.register(t);
        return List.copyOf(t.rows);
    }

    /** Adds a 16-bit row; {@code pattern} has 16 bits (spaces allowed). */
    void t16(String pattern, A32Table.Formatter formatter) {
        String bits = pattern.replace(" ", "");
        if (bits.length() != 16) {
            throw new IllegalArgumentException("T16 pattern must have 16 bits: '" + pattern + "'");
        }
        rows.add(new A32Table.Row(BitPattern.of("0000000000000000" + bits), formatter));
    }

    /** Adds a 32-bit row (first halfword in the upper 16 pattern bits). */
    void t32(String pattern, A32Table.Formatter formatter) {
        rows.add(new A32Table.Row(BitPattern.of(pattern), formatter));
    }

    // ---- helpers ----

    /**
     * objdump's %C of the 16-bit table: flag-setting {@code s} outside an IT block, the block's condition
     * inside one (where these encodings do not set the flags).
     */
    static String s16(Fields f, String name) {
        return f.m(name + (f.inItBlock() ? "" : "s"));
    }

    /** Mnemonic with condition and objdump's {@code .w} width qualifier, e.g. {@code addeq.w}. */
    static String w(Fields f, String name) {
        return f.m(name) + ".w";
    }

    /** Comma-separated register names of the named fields, e.g. {@code regs(f, "dnm")}. */
    static String regs(Fields f, String names) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.length(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(f.r(names.charAt(i)));
        }
        return sb.toString();
    }

    /** ThumbExpandImm of i:imm3:imm8 (ARM ARM A6.3.2), shown unsigned as objdump does: {@code #4278190080}. */
    static String modImm(int imm12) {
        int imm8 = imm12 & 0xff;
        int value;
        if ((imm12 >>> 10) == 0) {
            value = switch ((imm12 >>> 8) & 3) {
                case 0 -> imm8;
                case 1 -> imm8 << 16 | imm8;
                case 2 -> imm8 << 24 | imm8 << 8;
                default -> imm8 * 0x01010101;
            };
        } else {
            value = Integer.rotateRight(0x80 | (imm12 & 0x7f), imm12 >>> 7);
        }
        return "#" + Integer.toUnsignedString(value);
    }

    /** The trailing comment naming a PC-relative (literal) address, e.g. {@code " @ 0x80000034"}. */
    static String literal(int address) {
        return " @ " + Operands.hex(address);
    }

    /** Align(PC, 4) as a Thumb instruction reads it: the instruction's address + 4, word-aligned. */
    static int alignedPc(Fields f) {
        return (f.pc + 4) & ~3;
    }

    /** PSR field mask suffix, e.g. {@code CPSR_fc}. */
    static String psrFields(boolean spsr, int mask) {
        return (spsr ? "SPSR_" : "CPSR_") + ((mask & 8) != 0 ? "f" : "") + ((mask & 4) != 0 ? "s" : "")
                + ((mask & 2) != 0 ? "x" : "") + ((mask & 1) != 0 ? "c" : "");
    }
}
