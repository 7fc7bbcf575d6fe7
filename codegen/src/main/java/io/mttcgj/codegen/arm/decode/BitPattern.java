package io.mttcgj.codegen.arm.decode;

import java.util.Arrays;

/**
 * A 32-bit instruction pattern written as text, most significant bit first, e.g.
 * {@code "cccc0000100Snnnnddddiiiiitt0mmmm"}.
 *
 * <ul>
 *   <li>{@code 0} / {@code 1}: the bit must have that value;</li>
 *   <li>{@code -}: the bit is ignored;</li>
 *   <li>a letter: the bit belongs to the field of that name (the bit itself is not constrained).</li>
 * </ul>
 * Spaces and underscores may be used as visual separators and are ignored. A field's bits need not be
 * contiguous: {@link #field} concatenates them in pattern order (leftmost bit becomes the field's MSB),
 * which is how split immediates such as BKPT's {@code iiiiiiiiiiii----iiii} read naturally.
 * Instances are immutable and thread-safe.
 */
public final class BitPattern {
    private static final int NO_FIELD = -1;

    private final String pattern;
    private final int mask;
    private final int value;
    /** Per ASCII letter: mask of the bits of that field, 0 if absent. */
    private final int[] fieldMasks = new int[128];
    /** Per ASCII letter: shift of a contiguous field, or {@link #NO_FIELD} if split (slow path). */
    private final int[] fieldShifts = new int[128];

    private BitPattern(String pattern) {
        String bits = pattern.replace(" ", "").replace("_", "");
        if (bits.length() != 32) {
            throw new IllegalArgumentException("bit pattern must have 32 bits (ignoring ' ' and '_'), got "
                    + bits.length() + ": \"" + pattern + "\"");
        }
        this.pattern = bits;
        int m = 0;
        int v = 0;
        for (int i = 0; i < 32; i++) {
            char ch = bits.charAt(i);
            int bit = 1 << (31 - i);
            if (ch == '0' || ch == '1') {
                m |= bit;
                if (ch == '1') {
                    v |= bit;
                }
            } else if (isFieldName(ch)) {
                fieldMasks[ch] |= bit;
            } else if (ch != '-') {
                throw new IllegalArgumentException("bad character '" + ch + "' at bit " + (31 - i)
                        + " of bit pattern \"" + pattern + "\" (use 0, 1, - or a letter)");
            }
        }
        this.mask = m;
        this.value = v;
        Arrays.fill(fieldShifts, NO_FIELD);
        for (int ch = 0; ch < 128; ch++) {
            int fm = fieldMasks[ch];
            if (fm != 0) {
                int shift = Integer.numberOfTrailingZeros(fm);
                int width = Integer.bitCount(fm);
                boolean contiguous = ((fm >>> shift) & ~lowBits(width)) == 0;
                fieldShifts[ch] = contiguous ? shift : NO_FIELD;
            }
        }
    }

    /** Parses {@code pattern}; throws {@link IllegalArgumentException} with the reason if it is malformed. */
    public static BitPattern of(String pattern) {
        if (pattern == null) {
            throw new IllegalArgumentException("bit pattern must not be null");
        }
        return new BitPattern(pattern);
    }

    /** True if every fixed bit of the pattern has the same value in {@code insn}. */
    public boolean matches(int insn) {
        return (insn & mask) == value;
    }

    /** The value of the field named {@code name} in {@code insn} (unsigned, bits concatenated MSB first). */
    public int field(int insn, char name) {
        int fm = name < 128 ? fieldMasks[name] : 0;
        if (fm == 0) {
            throw new IllegalArgumentException("bit pattern \"" + pattern + "\" has no field '" + name + "'");
        }
        int shift = fieldShifts[name];
        if (shift != NO_FIELD) {
            return (insn & fm) >>> shift;
        }
        int result = 0;
        for (int bit = 31; bit >= 0; bit--) {
            if ((fm >>> bit & 1) != 0) {
                result = (result << 1) | (insn >>> bit & 1);
            }
        }
        return result;
    }

    /** True if the pattern has a field named {@code name}. */
    public boolean hasField(char name) {
        return name < 128 && fieldMasks[name] != 0;
    }

    /** Number of bits in field {@code name} (0 if absent). */
    public int fieldWidth(char name) {
        return name < 128 ? Integer.bitCount(fieldMasks[name]) : 0;
    }

    /** Bits that the pattern fixes to 0 or 1. */
    public int mask() {
        return mask;
    }

    /** Required values of the fixed bits (bits outside {@link #mask()} are 0). */
    public int value() {
        return value;
    }

    /** The pattern with separators removed (exactly 32 characters). */
    public String pattern() {
        return pattern;
    }

    @Override
    public String toString() {
        return pattern;
    }

    private static boolean isFieldName(char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
    }

    private static int lowBits(int width) {
        return width >= 32 ? -1 : (1 << width) - 1;
    }

    /** True if some instruction with the bits {@code bits} under {@code probeMask} could match (decoder buckets). */
    public boolean compatible(int bits, int probeMask) {
        int common = mask() & probeMask;
        return (bits & common) == (value() & common);
    }
}
