package io.mttcgj.codegen.arm.disasm;

/** Operand rendering shared by the A32 formatters, following GNU objdump's conventions. */
final class Operands {
    private static final String[] REGS = {
        "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "sl", "fp", "ip", "sp", "lr", "pc"};
    private static final String[] CONDS = {
        "eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "", ""};
    private static final String[] SHIFTS = {"lsl", "lsr", "asr", "ror"};

    private Operands() {
    }

    static String reg(int r) {
        return REGS[r & 15];
    }

    static String condSuffix(int cond) {
        return CONDS[cond & 15];
    }

    static String shiftName(int type) {
        return SHIFTS[type & 3];
    }

    static String hex(int v) {
        return "0x" + Integer.toHexString(v);
    }

    /**
     * Modified immediate of data-processing instructions: imm8 rotated right by 2*rot, shown signed. When the
     * value has an encoding with a smaller rotation (the one an assembler picks), this encoding is
     * deliberate (the rotation decides the carry out), so it is shown raw as "#imm8, rotation" like objdump.
     */
    static String modImm(int rot, int imm8) {
        int value = Integer.rotateRight(imm8, 2 * rot);
        int canonical = 0;
        while (canonical < 32 && (Integer.rotateLeft(value, canonical) & ~0xff) != 0) {
            canonical += 2;
        }
        return canonical == 2 * rot ? "#" + value : "#" + imm8 + ", " + 2 * rot;
    }

    /**
     * ", shift #n" suffix for an immediate shift (DecodeImmShift): LSL #0 is no shift, LSR/ASR #0 mean 32,
     * ROR #0 is RRX.
     */
    static String immShift(int type, int amount) {
        if (type == 0 && amount == 0) {
            return "";
        }
        if (type == 3 && amount == 0) {
            return ", rrx";
        }
        return ", " + SHIFTS[type] + " #" + (amount == 0 ? 32 : amount);
    }

    /** Register shifted by immediate, e.g. "r2, lsl #3". */
    static String shiftedReg(int rm, int type, int amount) {
        return reg(rm) + immShift(type, amount);
    }

    /** Register shifted by register, e.g. "r2, lsl r3". */
    static String regShiftedReg(int rm, int type, int rs) {
        return reg(rm) + ", " + SHIFTS[type] + " " + reg(rs);
    }

    /** "{r0, r4, lr}" from a 16-bit register mask. */
    static String regList(int mask) {
        StringBuilder sb = new StringBuilder("{");
        for (int r = 0; r < 16; r++) {
            if ((mask >>> r & 1) != 0) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(reg(r));
            }
        }
        return sb.append('}').toString();
    }

    /**
     * Memory operand with an immediate offset: "[rn, #off]{!}" when pre-indexed, "[rn], #off" when
     * post-indexed. A zero offset is omitted only for the plain pre-indexed, added form "[rn]".
     */
    static String immAddress(int rn, boolean p, boolean u, boolean w, int offset) {
        String off = "#" + (u ? "" : "-") + offset;
        if (!p) {
            return "[" + reg(rn) + "], " + off;
        }
        if (offset == 0 && u && !w) {
            return "[" + reg(rn) + "]";
        }
        return "[" + reg(rn) + ", " + off + "]" + (w ? "!" : "");
    }

    /** Memory operand with a (shifted) register offset, e.g. "[rn, -rm, lsl #2]!" or "[rn], rm". */
    static String regAddress(int rn, boolean p, boolean u, boolean w, String offsetReg) {
        String off = (u ? "" : "-") + offsetReg;
        if (!p) {
            return "[" + reg(rn) + "], " + off;
        }
        return "[" + reg(rn) + ", " + off + "]" + (w ? "!" : "");
    }

    /** Sign-extends the low {@code bits} bits of {@code v}. */
    static int signExtend(int v, int bits) {
        return v << (32 - bits) >> (32 - bits);
    }
}
