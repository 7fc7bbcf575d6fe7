package io.mttcgj.it.diff;

import java.util.ArrayList;
import java.util.List;

/** A tiny A32 assembler for the differential tests' batch programs: word list, 32-bit moves, branches. */
public final class BatchAsm {
    public final int origin;
    public final List<Integer> words = new ArrayList<>();

    public BatchAsm(int origin) {
        this.origin = origin;
    }

    /** Address of the next word. */
    public int here() {
        return origin + 4 * words.size();
    }

    public void emit(int w) {
        words.add(w);
    }

    /** MOVW + MOVT. */
    public void mov32(int rd, int value) {
        emit(0xe3000000 | ((value >>> 12) & 0xf) << 16 | rd << 12 | (value & 0xfff));
        emit(0xe3400000 | (value >>> 28) << 16 | rd << 12 | ((value >>> 16) & 0xfff));
    }

    public void b(int cond, int target) {
        emit(branch(cond, 0x0a000000, here(), target));
    }

    public void bl(int target) {
        emit(branch(0xe, 0x0b000000, here(), target));
    }

    /** Rewrites the word at {@code at} as a B{cond} to {@code target} (a forward branch placed earlier). */
    public void patch(int at, int cond, int target) {
        words.set((at - origin) / 4, branch(cond, 0x0a000000, at, target));
    }

    private static int branch(int cond, int op, int at, int target) {
        return (cond << 28) | op | (((target - (at + 8)) >> 2) & 0xffffff);
    }
}
