package io.mttcgj.codegen.runtime.neon;

import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.runtime.fp.F32;
import io.mttcgj.codegen.runtime.fp.Fp;

/**
 * Advanced SIMD single-precision operations, lane by lane through runtime/fp/F32 with the standard
 * FPSCR value (RN, FZ, DN); cumulative exception flags still go to cpu.fpscr.
 */
public final class NeonFloat {
    private static final boolean STD = true;
    private static final int TWO = 0x40000000;
    private static final int THREE = 0x40400000;
    private static final int ONE_POINT_FIVE = 0x3fc00000;

    private NeonFloat() {
    }

    private static int lanes(int insn) {
        return ((insn >>> 6) & 1) != 0 ? 4 : 2;
    }

    private static int[] read(long[] d, int reg, int n) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = (int) Lanes.get(d, reg, i, 2);
        }
        return v;
    }

    private static void write(long[] d, int reg, int[] v) {
        for (int i = 0; i < v.length; i++) {
            Lanes.set(d, reg, i, 2, v[i]);
        }
    }

    private static int mask(int bool) {
        return bool != 0 ? -1 : 0;
    }

    static void threeSame(long[] d, CpuState c, int insn) {
        int a = (insn >>> 8) & 15;
        boolean b = ((insn >>> 4) & 1) != 0;
        boolean u = ((insn >>> 24) & 1) != 0;
        boolean op = ((insn >>> 21) & 1) != 0;
        int vd = NeonExec.vd(insn);
        int n = lanes(insn);
        int[] x = read(d, NeonExec.vn(insn), n);
        int[] y = read(d, NeonExec.vm(insn), n);
        int[] acc = read(d, vd, n);
        int[] r = new int[n];
        if (u && !b && (a == 13 && !op || a == 15)) { // VPADD, VPMAX, VPMIN: pairs of Dn, then of Dm
            for (int i = 0; i < 2; i++) {
                int[] src = i == 0 ? x : y;
                r[i] = a == 13 ? F32.add(c, src[0], src[1], STD)
                        : op ? F32.min(c, src[0], src[1], STD) : F32.max(c, src[0], src[1], STD);
            }
            write(d, vd, r);
            return;
        }
        for (int i = 0; i < n; i++) {
            int p = x[i];
            int q = y[i];
            int v;
            switch (a) {
                case 12:
                    v = F32.mulAdd(c, acc[i], op ? F32.neg(p) : p, q, STD);
                    break;
                case 13:
                    if (!b) {
                        v = u ? F32.abs(F32.sub(c, p, q, STD)) : op ? F32.sub(c, p, q, STD) : F32.add(c, p, q, STD);
                    } else if (u) {
                        v = F32.mul(c, p, q, STD);
                    } else {
                        int prod = F32.mul(c, p, q, STD);
                        v = op ? F32.sub(c, acc[i], prod, STD) : F32.add(c, acc[i], prod, STD);
                    }
                    break;
                case 14:
                    if (b) {
                        p = F32.abs(p);
                        q = F32.abs(q);
                    }
                    if (!u) {
                        v = mask(F32.compareEq(c, p, q, STD));
                    } else {
                        v = mask(op ? F32.compareGt(c, p, q, STD) : F32.compareGe(c, p, q, STD));
                    }
                    break;
                default: // 15
                    if (!b) {
                        v = op ? F32.min(c, p, q, STD) : F32.max(c, p, q, STD);
                    } else {
                        v = op ? rsqrtStep(c, p, q) : recipStep(c, p, q);
                    }
                    break;
            }
            r[i] = v;
        }
        write(d, vd, r);
    }

    private static boolean zeroOrDenormal(int a) {
        return (a & 0x7f800000) == 0;
    }

    private static boolean infinity(int a) {
        return (a & 0x7fffffff) == 0x7f800000;
    }

    /** Inf times zero (or a denormal, flushed) is the exact step value; a denormal flags Input Denormal. */
    private static boolean infTimesZero(CpuState c, int a, int b) {
        if (infinity(a) && zeroOrDenormal(b) || infinity(b) && zeroOrDenormal(a)) {
            if ((a & 0x7fffffff) != 0 && (b & 0x7fffffff) != 0) {
                c.fpscr |= Fp.IDC;
            }
            return true;
        }
        return false;
    }

    /** VRECPS: 2 - a*b (two roundings, as QEMU). */
    static int recipStep(CpuState c, int a, int b) {
        if (infTimesZero(c, a, b)) {
            return TWO;
        }
        return F32.sub(c, TWO, F32.mul(c, a, b, STD), STD);
    }

    /** VRSQRTS: (3 - a*b) / 2. */
    static int rsqrtStep(CpuState c, int a, int b) {
        if (infTimesZero(c, a, b)) {
            return ONE_POINT_FIVE;
        }
        return F32.div(c, F32.sub(c, THREE, F32.mul(c, a, b, STD), STD), TWO, STD);
    }

    /** VMLA/VMLS/VMUL .F32 by scalar (Q in bit 24). */
    static void byScalar(long[] d, CpuState c, int insn) {
        int a = (insn >>> 8) & 15;
        int vd = NeonExec.vd(insn);
        int n = ((insn >>> 24) & 1) != 0 ? 4 : 2;
        int s = (int) NeonLong.scalar(d, insn, 2, true);
        int[] x = read(d, NeonExec.vn(insn), n);
        int[] acc = read(d, vd, n);
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            int prod = F32.mul(c, x[i], s, STD);
            r[i] = a == 9 ? prod : a == 1 ? F32.add(c, acc[i], prod, STD) : F32.sub(c, acc[i], prod, STD);
        }
        write(d, vd, r);
    }

    /** Two registers misc, float forms: compares with #0, VABS/VNEG .F32 (A=01), A=11. */
    static void twoRegMisc(long[] d, CpuState c, int insn) {
        int a = (insn >>> 16) & 3;
        int b = (insn >>> 6) & 31;
        int vd = NeonExec.vd(insn);
        int n = lanes(insn);
        int[] x = read(d, NeonExec.vm(insn), n);
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            int v = x[i];
            if (a == 1) {
                switch ((b >> 1) & 7) {
                    case 0: r[i] = mask(F32.compareGt(c, v, 0, STD)); break;
                    case 1: r[i] = mask(F32.compareGe(c, v, 0, STD)); break;
                    case 2: r[i] = mask(F32.compareEq(c, v, 0, STD)); break;
                    case 3: r[i] = mask(F32.compareGe(c, 0, v, STD)); break;
                    case 4: r[i] = mask(F32.compareGt(c, 0, v, STD)); break;
                    case 6: r[i] = F32.abs(v); break;
                    default: r[i] = F32.neg(v); break;
                }
            } else if ((b & 0x18) == 0x10) {
                boolean f = (b & 4) != 0;
                boolean rsqrt = (b & 2) != 0;
                r[i] = f ? (rsqrt ? NeonEstimate.rsqrteF32(c, v) : NeonEstimate.recpeF32(c, v))
                        : (rsqrt ? NeonEstimate.rsqrteU32(v) : NeonEstimate.recpeU32(v));
            } else {
                int op = (b >> 1) & 3;
                r[i] = op < 2 ? F32.fromInt32(c, v, op == 1, 0, STD) : F32.toInt32(c, v, op == 3, 0, true, STD);
            }
        }
        write(d, vd, r);
    }

    /** VCVT between F32 and fixed point (shift-amount class, A=111x): op (bit 8) = 1 to fixed. */
    static void convertFixed(long[] d, CpuState c, int insn) {
        boolean toFixed = ((insn >>> 8) & 1) != 0;
        boolean unsigned = ((insn >>> 24) & 1) != 0;
        int frac = 64 - ((insn >>> 16) & 63);
        int vd = NeonExec.vd(insn);
        int n = lanes(insn);
        int[] x = read(d, NeonExec.vm(insn), n);
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = toFixed ? F32.toInt32(c, x[i], unsigned, frac, true, STD)
                    : F32.fromInt32(c, x[i], unsigned, frac, STD);
        }
        write(d, vd, r);
    }

    /** VCVT.F16.F32 (Qm to Dd) and VCVT.F32.F16 (Dm to Qd); AHP comes from the FPSCR. */
    static void halfConvert(long[] d, CpuState c, int insn) {
        boolean toSingle = ((insn >>> 8) & 1) != 0;
        boolean ahp = (c.fpscr & Fp.AHP) != 0;
        int vd = NeonExec.vd(insn);
        int vm = NeonExec.vm(insn);
        if (toSingle) {
            long[] h = Lanes.read(d, vm, 4, 1, true);
            int[] r = new int[4];
            for (int i = 0; i < 4; i++) {
                r[i] = F32.fromHalf(c, (int) h[i], ahp, true);
            }
            write(d, vd, r);
        } else {
            int[] x = read(d, vm, 4);
            long[] r = new long[4];
            for (int i = 0; i < 4; i++) {
                r[i] = F32.toHalf(c, x[i], ahp, true) & 0xffff;
            }
            Lanes.write(d, vd, 1, r);
        }
    }
}
