package io.mttcgj.codegen.arm.decode;

/**
 * A 32-character instruction pattern, most significant bit first: '0' and '1' are fixed bits, any
 * other character (a field letter such as 'n' or 'd', or '-') matches either value.
 * {@code "cccc0010100Snnnnddddrrrrvvvvvvvv"} matches A32 ADD (immediate).
 */
public final class BitPattern {
    public final String text;
    public final int mask;
    public final int value;

    public BitPattern(String text) {
        String t = text.replace(" ", "");
        if (t.length() != 32) {
            throw new IllegalArgumentException("pattern must have 32 bits: '" + text + "'");
        }
        int m = 0;
        int v = 0;
        for (int i = 0; i < 32; i++) {
            char ch = t.charAt(i);
            int bit = 31 - i;
            if (ch == '0' || ch == '1') {
                m |= 1 << bit;
                if (ch == '1') {
                    v |= 1 << bit;
                }
            }
        }
        this.text = t;
        this.mask = m;
        this.value = v;
    }

    public boolean matches(int insn) {
        return (insn & mask) == value;
    }

    /** True if some instruction with the bits {@code bits} under {@code probeMask} could match. */
    public boolean compatible(int bits, int probeMask) {
        int common = mask & probeMask;
        return (bits & common) == (value & common);
    }

    @Override
    public String toString() {
        return text;
    }
}
