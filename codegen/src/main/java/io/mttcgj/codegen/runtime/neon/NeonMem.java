package io.mttcgj.codegen.runtime.neon;

import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.arm.state.SystemRegisters;
import io.mttcgj.codegen.runtime.Mem;

/**
 * Advanced SIMD element and structure loads/stores (ARM ARM A7.7): VLD1-4/VST1-4, multiple
 * structures, single lane and all lanes. Loads fill a copy of the register file and commit it only
 * after the last access, so a Data Abort leaves every register as it was; stores write in the
 * architectural order (a fault part-way leaves the earlier elements stored, as on hardware and QEMU).
 */
public final class NeonMem {
    /** Lane value for "all lanes" (VLDn to all lanes) and "multiple structures". */
    static final int ALL_LANES = -2;
    static final int MULTIPLE = -1;

    /**
     * One decoded access. {@code k} structure elements (VLD1..VLD4), each in {@code regs} registers
     * (VLD1 multiple: 1-4; VLD1 to all lanes: 1-2; otherwise 1) spaced {@code inc} apart; {@code lane}
     * is a lane index or MULTIPLE / ALL_LANES.
     */
    public record Layout(boolean load, int d, int ebytes, int k, int regs, int inc, int lane, int alignment,
            int bytes) {
    }

    private NeonMem() {
    }

    /** Decodes an A32-form word 11110100 A D L 0 ...; null when UNDEFINED (incl. lists past D31). */
    public static Layout layout(int insn) {
        boolean load = ((insn >>> 21) & 1) != 0;
        int d = NeonExec.vd(insn);
        Layout l = ((insn >>> 23) & 1) == 0 ? multiple(insn, load, d)
                : ((insn >>> 10) & 3) == 3 ? allLanes(insn, load, d) : single(insn, load, d);
        if (l == null || l.d + (l.k - 1) * l.inc + l.regs - 1 > 31) {
            return null;
        }
        return l;
    }

    private static Layout multiple(int insn, boolean load, int d) {
        int type = (insn >>> 8) & 15;
        int size = (insn >>> 6) & 3;
        int align = (insn >>> 4) & 3;
        int k;
        int regs = 1;
        int inc = 1;
        switch (type) {
            case 7: k = 1; if ((align & 2) != 0) return null; break;
            case 10: k = 1; regs = 2; if (align == 3) return null; break;
            case 6: k = 1; regs = 3; if ((align & 2) != 0) return null; break;
            case 2: k = 1; regs = 4; break;
            case 8: case 9: k = 2; inc = type - 7; if (align == 3) return null; break;
            case 3: k = 2; regs = 2; inc = 2; break;
            case 4: case 5: k = 3; inc = type - 3; if ((align & 2) != 0) return null; break;
            case 0: case 1: k = 4; inc = type + 1; break;
            default: return null;
        }
        if (k > 1 && size == 3) {
            return null;
        }
        // :256 checks 16-byte alignment only: QEMU 7.2 (the reference) never checks more than 16
        int alignment = align == 0 ? 1 : Math.min(16, 4 << align);
        return new Layout(load, d, 1 << size, k, regs, inc, MULTIPLE, alignment, 8 * regs * k);
    }

    private static Layout single(int insn, boolean load, int d) {
        int size = (insn >>> 10) & 3;
        int k = ((insn >>> 8) & 3) + 1;
        int ia = (insn >>> 4) & 15;
        int ebytes = 1 << size;
        int lane = ia >>> (size + 1);
        int inc = 1;
        int alignment = 1;
        if (size == 1 && k > 1) {
            inc = (ia & 2) != 0 ? 2 : 1;
        } else if (size == 2 && k > 1) {
            inc = (ia & 4) != 0 ? 2 : 1;
        }
        switch (k) {
            case 1:
                if (size == 0 && (ia & 1) != 0 || size == 1 && (ia & 2) != 0
                        || size == 2 && ((ia & 4) != 0 || (ia & 3) == 1 || (ia & 3) == 2)) {
                    return null;
                }
                alignment = (ia & 1) == 0 ? 1 : ebytes;
                break;
            case 2:
                if (size == 2 && (ia & 2) != 0) {
                    return null;
                }
                alignment = (ia & 1) == 0 ? 1 : 2 * ebytes;
                break;
            case 3:
                if ((ia & 1) != 0 || size == 2 && (ia & 2) != 0) {
                    return null;
                }
                break;
            default:
                if (size == 2 && (ia & 3) == 3) {
                    return null;
                }
                alignment = size == 2 ? ((ia & 3) == 0 ? 1 : 4 << (ia & 3)) : (ia & 1) == 0 ? 1 : 4 * ebytes;
                break;
        }
        return new Layout(load, d, ebytes, k, 1, inc, lane, alignment, k * ebytes);
    }

    private static Layout allLanes(int insn, boolean load, int d) {
        int k = ((insn >>> 8) & 3) + 1;
        int size = (insn >>> 6) & 3;
        boolean t = ((insn >>> 5) & 1) != 0;
        boolean a = ((insn >>> 4) & 1) != 0;
        if (!load) {
            return null;
        }
        int ebytes = 1 << size;
        int alignment = 1;
        int regs = 1;
        int inc = t ? 2 : 1;
        switch (k) {
            case 1:
                if (size == 3 || size == 0 && a) {
                    return null;
                }
                regs = t ? 2 : 1;
                inc = 1;
                alignment = a ? ebytes : 1;
                break;
            case 2:
                if (size == 3) {
                    return null;
                }
                alignment = a ? 2 * ebytes : 1;
                break;
            case 3:
                if (size == 3 || a) {
                    return null;
                }
                break;
            default:
                if (size == 3) {
                    if (!a) {
                        return null;
                    }
                    ebytes = 4;
                    alignment = 16;
                } else {
                    alignment = !a ? 1 : size == 2 ? 8 : 4 * ebytes;
                }
                break;
        }
        return new Layout(load, d, ebytes, k, regs, inc, ALL_LANES, alignment, k * ebytes);
    }

    /**
     * Entry point from translated code: runs the access at {@code base} and returns the written-back
     * base: base + {@code rm} (the value of Rm) or, for Rm = 13, base + the bytes transferred. The
     * translator stores it only when Rm != 15.
     */
    public static int exec(CpuState c, int insn, int base, int rm) {
        Layout l = layout(insn);
        if ((base & (l.alignment - 1)) != 0) {
            throw Mem.alignment(c, base, !l.load);
        }
        int size = Integer.numberOfTrailingZeros(l.ebytes);
        int addr = base;
        if (l.lane == MULTIPLE) {
            int elements = 8 / l.ebytes;
            long[] d = l.load ? c.d.clone() : c.d;
            for (int r = 0; r < l.regs; r++) {
                for (int e = 0; e < elements; e++) {
                    for (int i = 0; i < l.k; i++) {
                        int reg = l.d + r + i * l.inc;
                        if (l.load) {
                            Lanes.set(d, reg, e, size, load(c, addr, l.ebytes));
                        } else {
                            store(c, addr, l.ebytes, Lanes.get(d, reg, e, size));
                        }
                        addr += l.ebytes;
                    }
                }
            }
            if (l.load) {
                System.arraycopy(d, 0, c.d, 0, 32);
            }
        } else if (l.lane == ALL_LANES) {
            long[] v = new long[l.k];
            for (int i = 0; i < l.k; i++) {
                v[i] = load(c, addr, l.ebytes);
                addr += l.ebytes;
            }
            for (int i = 0; i < l.k; i++) {
                for (int r = 0; r < l.regs; r++) {
                    int reg = (l.d + i * l.inc + r) & 31;
                    for (int e = 0; e < 8 / l.ebytes; e++) {
                        Lanes.set(c.d, reg, e, size, v[i]);
                    }
                }
            }
        } else {
            long[] v = new long[l.k];
            for (int i = 0; i < l.k; i++) {
                int reg = l.d + i * l.inc;
                if (l.load) {
                    v[i] = load(c, addr, l.ebytes);
                } else {
                    store(c, addr, l.ebytes, Lanes.get(c.d, reg, l.lane, size));
                }
                addr += l.ebytes;
            }
            if (l.load) {
                for (int i = 0; i < l.k; i++) {
                    Lanes.set(c.d, l.d + i * l.inc, l.lane, size, v[i]);
                }
            }
        }
        return base + ((insn & 15) == 13 ? l.bytes : rm);
    }

    private static long load(CpuState c, int a, int ebytes) {
        switch (ebytes) {
            case 1: return Mem.ld8(c, a);
            case 2: return Mem.ld16(c, a);
            case 4: return Mem.ld32(c, a) & 0xffffffffL;
            default:
                checkAligned8(c, a, false);
                long lo = Mem.ld32(c, a) & 0xffffffffL;
                return lo | ((long) Mem.ld32(c, a + 4) << 32);
        }
    }

    private static void store(CpuState c, int a, int ebytes, long v) {
        switch (ebytes) {
            case 1: Mem.st8(c, a, (int) v); break;
            case 2: Mem.st16(c, a, (int) v); break;
            case 4: Mem.st32(c, a, (int) v); break;
            default:
                checkAligned8(c, a, true);
                Mem.st32(c, a, (int) v);
                Mem.st32(c, a + 4, (int) (v >>> 32));
                break;
        }
    }

    /** A 64-bit element needs 8-byte alignment when SCTLR.A is set (two word accesses would check 4). */
    private static void checkAligned8(CpuState c, int a, boolean write) {
        if ((a & 7) != 0 && (c.cp15.sctlr & SystemRegisters.SCTLR_A) != 0) {
            throw Mem.alignment(c, a, write);
        }
    }
}
