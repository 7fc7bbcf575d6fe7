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
    /** Condition suffix given by an IT block (Thumb; "" outside one), or null: bits 31..28 (A32). */
    private final String cond;

    Fields(int word, int pc, BitPattern pattern) {
        this(word, pc, pattern, null);
    }

    Fields(int word, int pc, BitPattern pattern, String cond) {
        this.word = word;
        this.pc = pc;
        this.pattern = pattern;
        this.cond = cond;
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

    /**
     * Mnemonic with the condition suffix appended: for A32 that of bits 31..28 (nothing for AL or the 1111
     * space), for Thumb that of the enclosing IT block (nothing outside one).
     */
    String m(String mnemonic) {
        return mnemonic + (cond != null ? cond : Operands.condSuffix(word >>> 28));
    }

    /** True for a Thumb instruction inside an IT block. */
    boolean inItBlock() {
        return cond != null && !cond.isEmpty();
    }

    /** "s" if the S bit (field 'S') is set. */
    String s() {
        return b('S') ? "s" : "";
    }
}
