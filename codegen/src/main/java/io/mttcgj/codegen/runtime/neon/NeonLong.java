package io.mttcgj.codegen.runtime.neon;

import static io.mttcgj.codegen.runtime.neon.Lanes.qc;

import io.mttcgj.codegen.arm.state.CpuState;

/**
 * Advanced SIMD "three registers of different lengths" (A7.4.2) and "two registers and a scalar"
 * (A7.4.3).
 */
public final class NeonLong {
    private NeonLong() {
    }

    static void differentLengths(long[] d, CpuState c, int insn) {
        int a = (insn >>> 8) & 15;
        boolean u = ((insn >>> 24) & 1) != 0;
        int size = (insn >>> 20) & 3;
        int vd = NeonExec.vd(insn);
        int vn = NeonExec.vn(insn);
        int vm = NeonExec.vm(insn);
        int n = Lanes.perReg(size);
        int wide = size + 1;
        if (a == 4 || a == 6) { // VADDHN/VRADDHN/VSUBHN/VRSUBHN: Q+Q -> D, high halves
            int bits = 8 << size;
            long[] r = new long[n];
            for (int i = 0; i < n; i++) {
                long x = Lanes.get(d, vn, i, wide);
                long y = Lanes.get(d, vm, i, wide);
                long v = (a == 4 ? x + y : x - y) + (u ? 1L << (bits - 1) : 0);
                r[i] = v >>> bits;
            }
            Lanes.write(d, vd, size, r);
            return;
        }
        boolean wideN = a == 1 || a == 3;
        boolean poly = a == 14;
        long[] x = wideN ? Lanes.read(d, vn, n, wide, u) : Lanes.read(d, vn, n, size, u);
        long[] y = Lanes.read(d, vm, n, size, u);
        long[] acc = Lanes.read(d, vd, n, wide, false);
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
            long p = x[i];
            long q = y[i];
            switch (a) {
                case 0: case 1: r[i] = p + q; break;
                case 2: case 3: r[i] = p - q; break;
                case 5: r[i] = acc[i] + Math.abs(p - q); break;
                case 7: r[i] = Math.abs(p - q); break;
                case 8: r[i] = acc[i] + p * q; break;
                case 10: r[i] = acc[i] - p * q; break;
                case 9: case 11: r[i] = qdmlal(c, acc[i], p, q, size, a == 11); break;
                case 12: r[i] = p * q; break;
                case 13: r[i] = qdmull(c, p, q, size); break;
                default: r[i] = poly ? NeonThreeSame.pmull8(p, q) : 0; break;
            }
        }
        Lanes.write(d, vd, wide, r);
    }

    /** 2*x*y in a lane of 2*esize (esize 16 or 32), saturated: only min*min overflows. */
    static long qdmull(CpuState c, long x, long y, int size) {
        int bits = 8 << size;
        long min = -(1L << (bits - 1));
        if (x == min && y == min) {
            qc(c);
            return size == 2 ? Long.MAX_VALUE : (1L << 31) - 1;
        }
        return 2 * x * y;
    }

    static long qdmlal(CpuState c, long acc, long x, long y, int size, boolean subtract) {
        long p = qdmull(c, x, y, size);
        if (size == 2) {
            return subtract ? Lanes.satSub64(c, acc, p, false) : Lanes.satAdd64(c, acc, p, false);
        }
        return Lanes.sat(c, subtract ? acc - p : acc + p, 2, false);
    }

    /** The scalar operand: Dm[x] with m = Vm<2:0>, x = M:Vm<3> for 16-bit lanes, m = Vm, x = M for 32. */
    static long scalar(long[] d, int insn, int size, boolean unsigned) {
        int vm = insn & 15;
        int mbit = (insn >>> 5) & 1;
        if (size == 1) {
            return Lanes.get(d, vm & 7, (mbit << 1) | (vm >>> 3), 1, unsigned);
        }
        return Lanes.get(d, vm, mbit, 2, unsigned);
    }

    static void scalarOps(long[] d, CpuState c, int insn) {
        int a = (insn >>> 8) & 15;
        boolean u = ((insn >>> 24) & 1) != 0;
        int size = (insn >>> 20) & 3;
        int vd = NeonExec.vd(insn);
        int vn = NeonExec.vn(insn);
        if (a == 1 || a == 5 || a == 9) {
            NeonFloat.byScalar(d, c, insn);
            return;
        }
        boolean longForm = a == 2 || a == 6 || a == 3 || a == 7 || a == 10 || a == 11;
        if (longForm) {
            int n = Lanes.perReg(size);
            boolean unsigned = u && (a == 2 || a == 6 || a == 10);
            long s = scalar(d, insn, size, unsigned);
            long[] x = Lanes.read(d, vn, n, size, unsigned);
            long[] acc = Lanes.read(d, vd, n, size + 1, false);
            long[] r = new long[n];
            for (int i = 0; i < n; i++) {
                switch (a) {
                    case 2: r[i] = acc[i] + x[i] * s; break;
                    case 6: r[i] = acc[i] - x[i] * s; break;
                    case 10: r[i] = x[i] * s; break;
                    case 11: r[i] = qdmull(c, x[i], s, size); break;
                    default: r[i] = qdmlal(c, acc[i], x[i], s, size, a == 7); break;
                }
            }
            Lanes.write(d, vd, size + 1, r);
            return;
        }
        // VMLA/VMLS/VMUL/VQDMULH/VQRDMULH by scalar: Q is bit 24
        int n = (u ? 2 : 1) * Lanes.perReg(size);
        long s = scalar(d, insn, size, false);
        long[] x = Lanes.read(d, vn, n, size, false);
        long[] acc = Lanes.read(d, vd, n, size, false);
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
            switch (a) {
                case 0: r[i] = acc[i] + x[i] * s; break;
                case 4: r[i] = acc[i] - x[i] * s; break;
                case 8: r[i] = x[i] * s; break;
                default: r[i] = NeonThreeSame.qdmulh(c, x[i], s, size, a == 13); break;
            }
        }
        Lanes.write(d, vd, size, r);
    }
}
