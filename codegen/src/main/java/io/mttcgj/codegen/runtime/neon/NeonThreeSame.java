package io.mttcgj.codegen.runtime.neon;

import static io.mttcgj.codegen.runtime.neon.Lanes.mask;
import static io.mttcgj.codegen.runtime.neon.Lanes.qc;
import static io.mttcgj.codegen.runtime.neon.Lanes.sat;

import io.mttcgj.codegen.arm.state.CpuState;

/** Advanced SIMD "three registers of the same length", integer and bitwise ops (ARM ARM A7.4.1). */
public final class NeonThreeSame {
    private NeonThreeSame() {
    }

    static void exec(long[] d, CpuState c, int insn) {
        int a = (insn >>> 8) & 15;
        boolean b = ((insn >>> 4) & 1) != 0;
        boolean u = ((insn >>> 24) & 1) != 0;
        int size = (insn >>> 20) & 3;
        int vd = NeonExec.vd(insn);
        int vn = NeonExec.vn(insn);
        int vm = NeonExec.vm(insn);
        int regs = ((insn >>> 6) & 1) + 1;
        if (a >= 12) {
            NeonFloat.threeSame(d, c, insn);
            return;
        }
        if (a == 1 && b) {
            bitwise(d, (insn >>> 20) & 3 | (u ? 4 : 0), vd, vn, vm, regs);
            return;
        }
        if (a == 10 || (a == 11 && b)) {
            pairwise(d, a == 11 ? 2 : b ? 1 : 0, u, size, vd, vn, vm);
            return;
        }
        int n = regs * Lanes.perReg(size);
        boolean unsignedOperands = u && !(a == 8 || a == 9 || a == 11);
        long[] x = Lanes.read(d, vn, n, size, unsignedOperands);
        long[] y = Lanes.read(d, vm, n, size, unsignedOperands);
        long[] acc = Lanes.read(d, vd, n, size, unsignedOperands);
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
            r[i] = op(c, a, b, u, size, x[i], y[i], acc[i]);
        }
        Lanes.write(d, vd, size, r);
    }

    private static long op(CpuState c, int a, boolean b, boolean u, int size, long x, long y, long acc) {
        switch (a) {
            case 0:
                return b ? qadd(c, x, y, size, u) : (x + y) >> 1;
            case 1:
                return (x + y + 1) >> 1;
            case 2:
                return b ? qsub(c, x, y, size, u) : (x - y) >> 1;
            case 3:
                return (b ? x >= y : x > y) ? -1L : 0;
            case 4:
            case 5:
                return NeonShift.shiftByRegister(c, y, (byte) x, size, u, a == 5, b);
            case 6:
                return b ? Math.min(x, y) : Math.max(x, y);
            case 7:
                return (b ? acc : 0) + Math.abs(x - y);
            case 8:
                if (b) {
                    return u ? (x == y ? -1L : 0) : ((x & y & mask(size)) != 0 ? -1L : 0);
                }
                return u ? x - y : x + y;
            case 9:
                if (b) {
                    return u ? pmul8(x, y) : x * y;
                }
                return u ? acc - x * y : acc + x * y;
            case 11:
                return qdmulh(c, x, y, size, u);
            default:
                throw new IllegalStateException("not a three-same integer op: " + a);
        }
    }

    /** VQADD: 8-32 bit lanes exactly in a long, 64-bit lanes with overflow checks. */
    static long qadd(CpuState c, long x, long y, int size, boolean u) {
        return size == 3 ? Lanes.satAdd64(c, x, y, u) : sat(c, x + y, size, u);
    }

    static long qsub(CpuState c, long x, long y, int size, boolean u) {
        return size == 3 ? Lanes.satSub64(c, x, y, u) : sat(c, x - y, size, u);
    }

    /** Carry-less multiply of two bytes, low 8 bits (VMUL.P8). */
    static long pmul8(long x, long y) {
        long r = 0;
        for (int i = 0; i < 8; i++) {
            if (((y >>> i) & 1) != 0) {
                r ^= (x & 0xff) << i;
            }
        }
        return r & 0xff;
    }

    /** Carry-less multiply of two bytes, 16-bit result (VMULL.P8). */
    static long pmull8(long x, long y) {
        long r = 0;
        for (int i = 0; i < 8; i++) {
            if (((y >>> i) & 1) != 0) {
                r ^= (x & 0xff) << i;
            }
        }
        return r;
    }

    /** VQDMULH / VQRDMULH: (2*x*y [+ round]) >> esize, saturated; only min*min overflows. */
    static long qdmulh(CpuState c, long x, long y, int size, boolean round) {
        int bits = 8 << size;
        long min = -(1L << (bits - 1));
        if (x == min && y == min) {
            qc(c);
            return -min - 1;
        }
        long p = 2 * x * y + (round ? 1L << (bits - 1) : 0);
        return p >> bits;
    }

    private static void bitwise(long[] d, int op, int vd, int vn, int vm, int regs) {
        for (int r = 0; r < regs; r++) {
            long n = d[vn + r];
            long m = d[vm + r];
            long dd = d[vd + r];
            long v;
            switch (op) {
                case 0: v = n & m; break;
                case 1: v = n & ~m; break;
                case 2: v = n | m; break;
                case 3: v = n | ~m; break;
                case 4: v = n ^ m; break;
                case 5: v = (n & dd) | (m & ~dd); break;   // VBSL
                case 6: v = (n & m) | (dd & ~m); break;    // VBIT
                default: v = (dd & m) | (n & ~m); break;   // VBIF
            }
            d[vd + r] = v;
        }
    }

    /** VPMAX (op 0), VPMIN (1), VPADD (2) on D registers: pairs of Dn, then pairs of Dm. */
    private static void pairwise(long[] d, int op, boolean u, int size, int vd, int vn, int vm) {
        int n = Lanes.perReg(size);
        long[] r = new long[n];
        int h = n / 2;
        for (int i = 0; i < n; i++) {
            int src = i < h ? vn : vm;
            int j = 2 * (i % h);
            long x = Lanes.get(d, src, j, size, u && op != 2);
            long y = Lanes.get(d, src, j + 1, size, u && op != 2);
            r[i] = op == 2 ? x + y : op == 0 ? Math.max(x, y) : Math.min(x, y);
        }
        Lanes.write(d, vd, size, r);
    }
}
