package io.mttcgj.codegen.arm.disasm;

import io.mttcgj.codegen.arm.decode.BitPattern;

/**
 * One instruction word seen through the {@link BitPattern} of the row that matched it: the formatter
 * reads fields by letter and gets small rendering helpers (register names, condition suffix).
 */
final class Fields {
    final int word;
    final int pc;
    private final BitPattern pattern;

    Fields(int word, int pc, BitPattern pattern) {
        this.word = word;
        this.pc = pc;
        this.pattern = pattern;
    }

    /** Field value (unsigned). */
    int f(char name) {
        return pattern.field(word, name);
    }

    /** Single-bit (or any) field is non-zero. */
    boolean b(char name) {
        return pattern.field(word, name) != 0;
    }

    /** Field rendered as a core register name. */
    String r(char name) {
        return Operands.reg(pattern.field(word, name));
    }

    /** Mnemonic with the condition suffix of bits 31..28 appended (nothing for AL or the 1111 space). */
    String m(String mnemonic) {
        return mnemonic + Operands.condSuffix(word >>> 28);
    }

    /** "s" if the S bit (field 'S') is set. */
    String s() {
        return b('S') ? "s" : "";
    }
}
