package io.mttcgj.codegen.runtime.neon;

import io.mttcgj.codegen.arm.state.CpuState;

/**
 * Advanced SIMD "two registers, miscellaneous" (A7.4.5), VEXT, VTBL/VTBX, VDUP (scalar) and the one
 * register and modified immediate class (A7.4.6).
 */
public final class NeonMisc {
    private NeonMisc() {
    }

    static void twoRegMisc(long[] d, CpuState c, int insn) {
        int a = (insn >>> 16) & 3;
        int b = (insn >>> 6) & 31;
        int size = (insn >>> 18) & 3;
        int vd = NeonExec.vd(insn);
        int vm = NeonExec.vm(insn);
        boolean q = ((insn >>> 6) & 1) != 0;
        int regs = q ? 2 : 1;
        int n = regs * Lanes.perReg(size);
        if (a == 2) {
            permuteOrNarrow(d, c, insn, b, size, vd, vm, q);
            return;
        }
        if (a == 3 || (a == 1 && (b & 16) != 0)) {
            NeonFloat.twoRegMisc(d, c, insn);
            return;
        }
        long[] x = Lanes.read(d, vm, n, size, false);
        if (a == 0 && b >> 1 <= 2) { // VREV64/32/16: reverse lanes within 64/32/16-bit groups
            int group = (8 << (3 - (b >> 1))) >> (3 + size); // lanes per group
            long[] r = new long[n];
            for (int i = 0; i < n; i++) {
                int base = i - i % group;
                r[i] = x[base + group - 1 - i % group];
            }
            Lanes.write(d, vd, size, r);
            return;
        }
        if (a == 0 && ((b >> 2) == 2 || (b >> 2) == 6)) { // VPADDL / VPADAL
            boolean u = (b & 2) != 0;
            long[] y = Lanes.read(d, vm, n, size, u);
            long[] acc = Lanes.read(d, vd, n / 2, size + 1, false);
            long[] r = new long[n / 2];
            for (int i = 0; i < n / 2; i++) {
                r[i] = y[2 * i] + y[2 * i + 1] + ((b >> 2) == 6 ? acc[i] : 0);
            }
            Lanes.write(d, vd, size + 1, r);
            return;
        }
        int bits = 8 << size;
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
            long v = x[i];
            if (a == 0) {
                switch (b >> 1) {
                    case 8: r[i] = cls(v, bits); break;
                    case 9: r[i] = Long.numberOfLeadingZeros(v & Lanes.mask(size)) - (64 - bits); break;
                    case 10: r[i] = Long.bitCount(v & 0xff); break;
                    case 11: r[i] = ~v; break;
                    case 14: r[i] = Lanes.sat(c, Math.abs(v), size, false); break;
                    default: r[i] = Lanes.sat(c, -v, size, false); break; // 15: VQNEG
                }
            } else { // a == 1, integer compares with zero, VABS, VNEG
                switch ((b >> 1) & 7) {
                    case 0: r[i] = v > 0 ? -1 : 0; break;
                    case 1: r[i] = v >= 0 ? -1 : 0; break;
                    case 2: r[i] = v == 0 ? -1 : 0; break;
                    case 3: r[i] = v <= 0 ? -1 : 0; break;
                    case 4: r[i] = v < 0 ? -1 : 0; break;
                    case 6: r[i] = Math.abs(v); break;
                    default: r[i] = -v; break;
                }
            }
        }
        Lanes.write(d, vd, size, r);
    }

    private static long cls(long v, int bits) {
        long x = (v ^ (v >> 63)) & ((bits == 64 ? 0 : 1L << bits) - 1);
        return Long.numberOfLeadingZeros(x) - (64 - bits) - 1;
    }

    private static void permuteOrNarrow(long[] d, CpuState c, int insn, int b, int size, int vd, int vm,
            boolean q) {
        int regs = q ? 2 : 1;
        int n = regs * Lanes.perReg(size);
        switch (b >> 1) {
            case 0: { // VSWP
                for (int r = 0; r < regs; r++) {
                    long t = d[vd + r];
                    d[vd + r] = d[vm + r];
                    d[vm + r] = t;
                }
                return;
            }
            case 1: { // VTRN
                long[] x = Lanes.read(d, vd, n, size, false);
                long[] y = Lanes.read(d, vm, n, size, false);
                for (int i = 0; i < n; i += 2) {
                    long t = x[i + 1];
                    x[i + 1] = y[i];
                    y[i] = t;
                }
                Lanes.write(d, vd, size, x);
                Lanes.write(d, vm, size, y);
                return;
            }
            case 2:
            case 3: { // VUZP, VZIP over the concatenation Vd:Vm
                long[] x = Lanes.read(d, vd, n, size, false);
                long[] y = Lanes.read(d, vm, n, size, false);
                long[] all = new long[2 * n];
                long[] out = new long[2 * n];
                System.arraycopy(x, 0, all, 0, n);
                System.arraycopy(y, 0, all, n, n);
                for (int i = 0; i < n; i++) {
                    if ((b >> 1) == 2) {
                        out[i] = all[2 * i];
                        out[n + i] = all[2 * i + 1];
                    } else {
                        out[2 * i] = x[i];
                        out[2 * i + 1] = y[i];
                    }
                }
                Lanes.write(d, vd, size, java.util.Arrays.copyOfRange(out, 0, n));
                Lanes.write(d, vm, size, java.util.Arrays.copyOfRange(out, n, 2 * n));
                return;
            }
            case 4:
            case 5: { // VMOVN (b=01000), VQMOVUN (01001), VQMOVN (0101x, bit 6 = unsigned)
                int dn = Lanes.perReg(size);
                boolean unsignedSrc = b == 11;
                long[] x = Lanes.read(d, vm, dn, size + 1, unsignedSrc);
                long[] r = new long[dn];
                for (int i = 0; i < dn; i++) {
                    if (b == 8) {
                        r[i] = x[i];
                    } else if (b == 9) {
                        r[i] = NeonShift.satWide(c, x[i], size, false, true);
                    } else {
                        r[i] = NeonShift.satWide(c, x[i], size, unsignedSrc, unsignedSrc);
                    }
                }
                Lanes.write(d, vd, size, r);
                return;
            }
            case 6: { // VSHLL #esize
                int dn = Lanes.perReg(size);
                long[] x = Lanes.read(d, vm, dn, size, true);
                long[] r = new long[dn];
                for (int i = 0; i < dn; i++) {
                    r[i] = x[i] << (8 << size);
                }
                Lanes.write(d, vd, size + 1, r);
                return;
            }
            default:
                NeonFloat.halfConvert(d, c, insn);
        }
    }

    /** VEXT: bytes imm4.. of the concatenation Vm:Vn (Vn lowest). */
    static void ext(long[] d, int insn) {
        int vd = NeonExec.vd(insn);
        int vn = NeonExec.vn(insn);
        int vm = NeonExec.vm(insn);
        int regs = ((insn >>> 6) & 1) + 1;
        int imm = (insn >>> 8) & 15;
        int n = 8 * regs;
        long[] x = Lanes.read(d, vn, n, 0, false);
        long[] y = Lanes.read(d, vm, n, 0, false);
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
            int j = i + imm;
            r[i] = j < n ? x[j] : y[j - n];
        }
        Lanes.write(d, vd, 0, r);
    }

    /** VTBL/VTBX: a byte lookup in a table of len+1 D registers starting at Vn. */
    static void table(long[] d, int insn) {
        int vd = NeonExec.vd(insn);
        int vn = NeonExec.vn(insn);
        int vm = NeonExec.vm(insn);
        int len = ((insn >>> 8) & 3) + 1;
        boolean extension = ((insn >>> 6) & 1) != 0;
        long idx = d[vm];
        long dst = d[vd];
        long r = 0;
        for (int i = 0; i < 8; i++) {
            int k = (int) ((idx >>> (8 * i)) & 0xff);
            long v;
            if (k < 8 * len) {
                v = (d[(vn + k / 8) & 31] >>> (8 * (k % 8))) & 0xff;
            } else {
                v = extension ? (dst >>> (8 * i)) & 0xff : 0;
            }
            r |= v << (8 * i);
        }
        d[vd] = r;
    }

    /** VDUP (scalar): imm4 = xxx1 bytes, xx10 halfwords, x100 words. */
    static void dupScalar(long[] d, int insn) {
        int vd = NeonExec.vd(insn);
        int vm = NeonExec.vm(insn);
        int imm4 = (insn >>> 16) & 15;
        int size = Integer.numberOfTrailingZeros(imm4);
        long v = Lanes.get(d, vm, imm4 >>> (size + 1), size);
        int n = (((insn >>> 6) & 1) + 1) * Lanes.perReg(size);
        for (int i = 0; i < n; i++) {
            Lanes.set(d, vd, i, size, v);
        }
    }

    /** AdvSIMDExpandImm (the op/cmode/imm8 to 64 bits), for VMOV/VMVN/VORR/VBIC immediate. */
    public static long expandImm(int op, int cmode, int imm8) {
        long i = imm8 & 0xffL;
        switch (cmode >> 1) {
            case 0: return rep32(i);
            case 1: return rep32(i << 8);
            case 2: return rep32(i << 16);
            case 3: return rep32(i << 24);
            case 4: return rep16(i);
            case 5: return rep16(i << 8);
            case 6: return rep32((cmode & 1) == 0 ? (i << 8) | 0xff : (i << 16) | 0xffff);
            default:
                if ((cmode & 1) == 0) {
                    if (op == 0) {
                        return rep16(i | (i << 8));
                    }
                    long r = 0;
                    for (int k = 0; k < 8; k++) {
                        if (((i >>> k) & 1) != 0) {
                            r |= 0xffL << (8 * k);
                        }
                    }
                    return r;
                }
                long f = ((i & 0x80) << 24) | (((i & 0x40) != 0 ? 0x1fL : 0x20L) << 25) | ((i & 0x3f) << 19);
                return rep32(f);
        }
    }

    private static long rep32(long v) {
        v &= 0xffffffffL;
        return v | (v << 32);
    }

    private static long rep16(long v) {
        v &= 0xffff;
        return rep32(v | (v << 16));
    }

    static void modifiedImmediate(long[] d, int insn) {
        int vd = NeonExec.vd(insn);
        int regs = ((insn >>> 6) & 1) + 1;
        int cmode = (insn >>> 8) & 15;
        int op = (insn >>> 5) & 1;
        int imm8 = ((insn >>> 17) & 0x80) | ((insn >>> 12) & 0x70) | (insn & 15);
        long imm = expandImm(op, cmode, imm8);
        boolean logical = (cmode & 1) != 0 && cmode < 12;
        for (int r = 0; r < regs; r++) {
            if (!logical) {
                d[vd + r] = op == 1 && cmode != 14 ? ~imm : imm;
            } else if (op == 0) {
                d[vd + r] |= imm;
            } else {
                d[vd + r] &= ~imm;
            }
        }
    }
}
