package io.mttcgj.codegen.arm.disasm;

import io.mttcgj.codegen.arm.decode.BitPattern;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Thumb instructions for the objdump comparison, in program order: hand-picked ones per class, then
 * instructions drawn from a fixed seed inside each class's encoding ({@link ThumbSampleClasses}),
 * restricted to encodings that are neither UNDEFINED nor UNPREDICTABLE as a whole and that objdump 2.40
 * does not read as an ARMv8 / M-profile instruction, then IT blocks filled with random instructions.
 */
final class ThumbSamples {
    /** One instruction: {@code insn} as {@link ThumbDisassembler} takes it. */
    record Sample(int insn, boolean wide, String label) {
    }

    static final int PER_CLASS = 24;

    private final List<Sample> samples = new ArrayList<>();
    private final Set<Long> seen = new HashSet<>();
    private final Random random = new Random(0x7b1_3b5L);
    private final List<Sample> itFillers = new ArrayList<>();
    private BitPattern current;

    private ThumbSamples() {
    }

    static List<Sample> all() {
        ThumbSamples s = new ThumbSamples();
        s.handPicked();
        ThumbSampleClasses.t16(s);
        ThumbSampleClasses.t32(s);
        s.itBlocks();
        return s.samples;
    }

    private void handPicked() {
        int[] narrow = {
            0x0000, 0x0008, 0x0808, 0x1008, 0x1888, 0x1c88, 0x2001, 0x2801, 0x3001, 0x3801, 0x4008, 0x4248,
            0x4348, 0x4468, 0x4568, 0x4668, 0x4778, 0x4780, 0x4708, 0x46c0, 0x4600, 0x5088, 0x5488, 0x5688,
            0x5e88, 0x6808, 0x7008, 0x8808, 0x9801, 0x4800, 0xa001, 0xa801, 0xb001, 0xb081, 0xb510, 0xbd10,
            0xb5ff, 0xbdff, 0xc003, 0xc803, 0xc802, 0xb220, 0xba08, 0xba48, 0xbac8, 0xb673, 0xb661, 0xb658,
            0xb650, 0xbe01, 0xbeff, 0xb101, 0xbbff, 0xbf00, 0xbf10, 0xbf20, 0xbf30, 0xbf40, 0xbf60, 0xbff0,
            0xd0fe, 0xd180, 0xdd7f, 0xe7fe, 0xe400, 0xe3ff, 0xde00, 0xdeff, 0xdf01, 0xdfff, 0xba80, 0xbabf,
            // undefined: both sides must say so
            0xb600, 0xb668, 0xb700, 0xb800,
        };
        for (int hw : narrow) {
            add(hw & 0xffff, false, "hand");
        }
        int[] wide = {
            0xf1000001, 0xf1100f01, 0xf0100f01, 0xf0900f01, 0xf1b00f01, 0xf04f30ff, 0xf06f0000, 0xf45f4080,
            0xea4f0181, 0xea4f0111, 0xea5f0131, 0xea4f0030, 0xea4f0001, 0xea6f0101, 0xeb010002, 0xebb00f01,
            0xea100f41, 0xea900f41, 0xeb100f41, 0xea610202, 0xebc10202, 0xf1c10000, 0xf0610000, 0xeac10002,
            0xeac10082, 0xeac10022, 0xfa01f002, 0xfa31f002, 0xfa51f002, 0xfa71f002, 0xf20f0004, 0xf2af0004,
            0xf2010fff, 0xf6a10fff, 0xf2401234, 0xf6cf70ff, 0xf3010005, 0xf3210005, 0xf3810005, 0xf3a10005,
            0xf3214005, 0xf3010045, 0xf3610105, 0xf36f0105, 0xf3410105, 0xf3c16005, 0xfb00f102, 0xfb013102,
            0xfb013112, 0xfb11f002, 0xfb113032, 0xfb21f012, 0xfb31f012, 0xfb513012, 0xfb613002, 0xfb71f002,
            0xfb813002, 0xfb91f0f2, 0xfba13002, 0xfbb1f0f2, 0xfbc13002, 0xfbc130b2, 0xfbc130d2, 0xfbd130c2,
            0xfbe13002, 0xfbe13062, 0xfa0ff091, 0xfa01f091, 0xfa2ff081, 0xfa3ff0b1, 0xfa5ff081, 0xfa1ff0a1,
            0xfa81f002, 0xfa91f012, 0xfaa1f022, 0xfac1f042, 0xfad1f052, 0xfae1f062, 0xfa81f082, 0xfa82f0b1,
            0xfa91f081, 0xfa91f091, 0xfa91f0a1, 0xfa91f0b1, 0xfaa1f082, 0xfab1f081, 0xf8d10004, 0xf8d10000,
            0xf8510c04, 0xf8510c00, 0xf8510d04, 0xf8510b04, 0xf8510904, 0xf8510f00, 0xf8510e04, 0xf8110e04,
            0xf9110e04, 0xf8310e04, 0xf9310e04, 0xf8410e04, 0xf8510022, 0xf8910000, 0xf9b10004, 0xf8110c00,
            0xf811f00c, 0xf811fc04, 0xf891f004, 0xf81ff004, 0xf89ff004, 0xf831f00c, 0xf8b1f004, 0xf991f004,
            0xf911fc04, 0xf91ff004, 0xf8df0004, 0xf85f0004, 0xf81f0004, 0xf91f0004, 0xf8dff000, 0xf85df004,
            0xf84d4d04, 0xf85d4b04, 0xf8c10fff, 0xf8210012, 0xe9c10100, 0xe9410100, 0xe8e10100, 0xe8610100,
            0xe9df0101, 0xe95f0101, 0xe9d12301, 0xe8512301, 0xe8510f01, 0xe8510f00, 0xe8410201, 0xe8d10f4f,
            0xe8d10f5f, 0xe8d1017f, 0xe8c10f42, 0xe8c10f52, 0xe8c12373, 0xe8d1f002, 0xe8d1f012, 0xe891000c,
            0xe910000c, 0xe8a1000c, 0xe921000c, 0xe92d4010, 0xe8bd8010, 0xe811c000, 0xe9b1c000, 0xe80dc013,
            0xe9adc013, 0xf000b800, 0xf7ffbffe, 0xf43faffe, 0xf47f8000, 0xf000f800, 0xf7fff800, 0xf000e800,
            0xf7ffeffe, 0xf3808c00, 0xf3908300, 0xf3808120, 0xf39e8e30, 0xf3ef8000, 0xf3ff8000, 0xf3e08020,
            0xf3f08030, 0xf3af8000, 0xf3af8001, 0xf3af8002, 0xf3af8003, 0xf3af8004, 0xf3af8006, 0xf3af8014,
            0xf3af80f3, 0xf3af84e0, 0xf3af8620, 0xf3af8520, 0xf3af8113, 0xf3af87c0, 0xf3bf8f2f, 0xf3bf8f4f,
            0xf3bf8f5b, 0xf3bf8f6f, 0xf3bf8f57, 0xf3bf8f56, 0xf3bf8f61, 0xf3c08f00, 0xf3de8f00, 0xf3de8f04,
            0xf7e08000, 0xf7ef8fff, 0xf7f08000, 0xf7f0a000, 0xf7ffafff, 0xee100f10, 0xee010f10, 0xec510f20,
            0xec410f20, 0xed912305, 0xec912305, 0xed312305, 0xfe100fb0, 0xfd912305, 0xee1f0f10,
            // undefined or unallocated: both sides must say so
            0xe8002001, 0xf3c08000, 0xfa01f0c2, 0xfb90f002, 0xea108001,
        };
        for (int w : wide) {
            add(w, true, "hand");
        }
    }

    private void add(int insn, boolean wide, String label) {
        if (seen.add(((long) insn << 1) | (wide ? 1 : 0))) {
            samples.add(new Sample(insn, wide, label));
        }
    }

    // ---- generation ----

    /** Adds up to PER_CLASS distinct 16-bit instructions matching {@code pattern16} that satisfy {@code ok}. */
    void narrow(String label, String pattern16, IntPredicate ok) {
        generate(label, "0000000000000000" + pattern16.replace(" ", ""), false, ok, false);
    }

    /** Adds up to PER_CLASS distinct 32-bit instructions matching {@code pattern} that satisfy {@code ok}. */
    void wide(String label, String pattern, IntPredicate ok) {
        generate(label, pattern, true, ok, false);
    }

    /** As {@link #narrow}, and the class may also fill IT blocks. */
    void narrowInIt(String label, String pattern16, IntPredicate ok) {
        generate(label, "0000000000000000" + pattern16.replace(" ", ""), false, ok, true);
    }

    /** As {@link #wide}, and the class may also fill IT blocks. */
    void wideInIt(String label, String pattern, IntPredicate ok) {
        generate(label, pattern, true, ok, true);
    }

    private void generate(String label, String pattern, boolean wide, IntPredicate ok, boolean itFiller) {
        BitPattern p = BitPattern.of(pattern);
        current = p;
        int added = 0;
        boolean valid = false;
        for (int tries = 0; added < PER_CLASS && tries < 20_000; tries++) {
            int w = (random.nextInt() & ~p.mask()) | p.value();
            if (!wide) {
                w &= 0xffff;
            }
            if (ok.test(w)) {
                valid = true;
                if (seen.add(((long) w << 1) | (wide ? 1 : 0))) {
                    samples.add(new Sample(w, wide, label));
                    if (itFiller) {
                        itFillers.add(new Sample(w, wide, label + "/it"));
                    }
                    added++;
                }
            }
        }
        if (!valid) {
            throw new IllegalStateException("could not draw samples for " + label);
        }
    }

    /** Field of the class being drawn; predicates run inside generate(), so they see its pattern. */
    int f(int w, char name) {
        return current.field(w, name);
    }

    /** None of the named register fields is the PC. */
    IntPredicate noPc(String names) {
        return w -> names.chars().noneMatch(c -> f(w, (char) c) == 15);
    }

    /** None of the named register fields is SP or PC (the T32 rule for most operands). */
    IntPredicate noSpPc(String names) {
        return w -> names.chars().noneMatch(c -> f(w, (char) c) == 15 || f(w, (char) c) == 13);
    }

    IntPredicate differ(char a, char b) {
        return w -> f(w, a) != f(w, b);
    }

    IntPredicate same(char a, char b) {
        return w -> f(w, a) == f(w, b);
    }

    IntPredicate nonZero(char a) {
        return w -> f(w, a) != 0;
    }

    IntPredicate value(char a, int... allowed) {
        return w -> {
            for (int v : allowed) {
                if (f(w, a) == v) {
                    return true;
                }
            }
            return false;
        };
    }

    IntPredicate notValue(char a, int... excluded) {
        return value(a, excluded).negate();
    }

    // ---- IT blocks ----

    /** Valid IT instructions (not AL with an "else"), each followed by as many instructions as it covers. */
    private void itBlocks() {
        for (int i = 0; i < 160; i++) {
            int cond = random.nextInt(15);
            int mask;
            do {
                mask = 1 + random.nextInt(15);
            } while (cond == 14 && Integer.bitCount(mask) != 1);
            samples.add(new Sample(0xbf00 | cond << 4 | mask, false, "it"));
            int count = 4 - Integer.numberOfTrailingZeros(mask);
            for (int k = 0; k < count; k++) {
                samples.add(itFillers.get(random.nextInt(itFillers.size())));
            }
        }
    }
}
