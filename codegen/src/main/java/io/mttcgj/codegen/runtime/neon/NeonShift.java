package io.mttcgj.codegen.runtime.neon;

import static io.mttcgj.codegen.runtime.neon.Lanes.qc;
import static io.mttcgj.codegen.runtime.neon.Lanes.rshr;
import static io.mttcgj.codegen.runtime.neon.Lanes.sat;
import static io.mttcgj.codegen.runtime.neon.Lanes.shr;

import io.mttcgj.codegen.arm.state.CpuState;

/**
 * Advanced SIMD shifts: by a register (VSHL/VRSHL/VQSHL/VQRSHL) and the "two registers and a shift
 * amount" class (ARM ARM A7.4.4).
 */
public final class NeonShift {
    private NeonShift() {
    }

    /**
     * Shifts a lane value (sign- or zero-extended; 64-bit lanes as raw bits) left by a signed byte,
     * right when negative; {@code round} rounds right shifts, {@code saturate} saturates left shifts.
     */
    static long shiftByRegister(CpuState c, long v, int shift, int size, boolean u, boolean round,
            boolean saturate) {
        if (shift < 0) {
            int n = -shift;
            return round ? rshr(v, n, u) : shr(v, n, u);
        }
        if (!saturate) {
            return shift >= 64 ? 0 : v << shift;
        }
        return qshl(c, v, shift, size, u, u);
    }

    /**
     * Saturating left shift of a lane value; {@code srcUnsigned}/{@code dstUnsigned} as in VQSHL (both
     * equal) or VQSHLU (signed to unsigned).
     */
    static long qshl(CpuState c, long v, int shift, int size, boolean srcUnsigned, boolean dstUnsigned) {
        int bits = 8 << size;
        if (!srcUnsigned && dstUnsigned && v < 0) {
            qc(c);
            return 0;
        }
        if (v == 0) {
            return 0;
        }
        if (size < 3) {
            if (shift >= bits) {
                qc(c);
                return dstUnsigned ? Lanes.mask(size) : v < 0 ? -(1L << (bits - 1)) : (1L << (bits - 1)) - 1;
            }
            return sat(c, v << shift, size, dstUnsigned);
        }
        // 64-bit lanes: overflow when shifting back does not give the value
        if (srcUnsigned || dstUnsigned) {
            if (shift >= 64 || (v << shift) >>> shift != v || (!dstUnsigned && (v << shift) < 0)) {
                qc(c);
                return dstUnsigned ? -1L : Long.MAX_VALUE;
            }
            return v << shift;
        }
        if (shift >= 64 || (v << shift) >> shift != v) {
            qc(c);
            return v < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return v << shift;
    }

    /** The shift-amount class: VSHR ... VCVT fixed-point (decoded by NeonExec). */
    static void exec(long[] d, CpuState c, int insn) {
        int a = (insn >>> 8) & 15;
        boolean u = ((insn >>> 24) & 1) != 0;
        boolean l = ((insn >>> 7) & 1) != 0;
        boolean q = ((insn >>> 6) & 1) != 0;
        int imm6 = (insn >>> 16) & 63;
        int vd = NeonExec.vd(insn);
        int vm = NeonExec.vm(insn);
        if (a >= 14) {
            NeonFloat.convertFixed(d, c, insn);
            return;
        }
        int size = l ? 3 : imm6 >= 32 ? 2 : imm6 >= 16 ? 1 : 0;
        int bits = 8 << size;
        int right = 2 * bits - (l ? 64 + imm6 : imm6);
        int left = (l ? 64 + imm6 : imm6) - bits;
        if (a == 8 || a == 9) {
            narrow(d, c, a, u, q, size, vd, vm, right);
            return;
        }
        if (a == 10) {
            // VSHLL/VMOVL: widen then shift left
            long[] x = Lanes.read(d, vm, 8 >> size, size, u);
            long[] r = new long[x.length];
            for (int i = 0; i < x.length; i++) {
                r[i] = x[i] << left;
            }
            Lanes.write(d, vd, size + 1, r);
            return;
        }
        int n = (q ? 2 : 1) * Lanes.perReg(size);
        boolean unsigned = u && a != 5;
        long[] x = Lanes.read(d, vm, n, size, a == 4 || a == 5 ? true : u);
        long[] acc = Lanes.read(d, vd, n, size, true);
        long[] r = new long[n];
        long all = Lanes.mask(size);
        for (int i = 0; i < n; i++) {
            long v = x[i];
            switch (a) {
                case 0: r[i] = shr(v, right, u); break;
                case 1: r[i] = acc[i] + shr(v, right, u); break;
                case 2: r[i] = rshr(v, right, u); break;
                case 3: r[i] = acc[i] + rshr(v, right, u); break;
                case 4: { // VSRI
                    long m = right >= 64 ? 0 : all >>> right;
                    r[i] = (acc[i] & ~m) | (shr(v, right, true) & m);
                    break;
                }
                case 5: // VSHL / VSLI
                    if (u) {
                        long m = (all << left) & all;
                        r[i] = (acc[i] & ~m) | ((v << left) & m);
                    } else {
                        r[i] = v << left;
                    }
                    break;
                case 6: // VQSHLU (U=1)
                    r[i] = qshl(c, Lanes.getS(d, vm, i, size), left, size, false, true);
                    break;
                default: // 7: VQSHL
                    r[i] = qshl(c, v, left, size, unsigned, unsigned);
                    break;
            }
        }
        Lanes.write(d, vd, size, r);
    }

    /**
     * VSHRN/VRSHRN (a=8, U=0), VQSHRUN/VQRSHRUN (a=8, U=1), VQSHRN/VQRSHRN (a=9): a Q source of
     * 2*esize lanes narrowed into a D register; {@code q} (bit 6) selects rounding.
     */
    private static void narrow(long[] d, CpuState c, int a, boolean u, boolean round, int dsize, int vd, int vm,
            int shift) {
        int n = Lanes.perReg(dsize);
        boolean srcUnsigned = a == 9 && u;
        long[] x = Lanes.read(d, vm, n, dsize + 1, srcUnsigned);
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
            long v = round ? rshr(x[i], shift, srcUnsigned) : shr(x[i], shift, srcUnsigned);
            if (a == 8 && !u) {
                r[i] = v;
            } else if (a == 8) {
                r[i] = satWide(c, v, dsize, false, true);
            } else {
                r[i] = satWide(c, v, dsize, u, u);
            }
        }
        Lanes.write(d, vd, dsize, r);
    }

    /** Saturates a (possibly 64-bit unsigned) shifted value into a lane of {@code size} 0-2. */
    static long satWide(CpuState c, long v, int size, boolean srcUnsigned, boolean dstUnsigned) {
        if (srcUnsigned && v < 0) { // above 2^63: saturates any narrower lane
            qc(c);
            return Lanes.mask(size);
        }
        return sat(c, v, size, dstUnsigned);
    }
}
