package io.mttcgj.codegen.arm.neon;

import io.mttcgj.codegen.runtime.neon.NeonExec;

/**
 * Which Advanced SIMD words (A32 form) are UNDEFINED on a Cortex-A15 (ARMv7-A with VFPv4 and
 * NEONv2, no ARMv8 additions). The UNPREDICTABLE register lists past D31 UNDEF, as QEMU does.
 */
final class NeonDecode {
    private NeonDecode() {
    }

    private static int bits(int insn, int hi, int lo) {
        return (insn >>> lo) & ((1 << (hi - lo + 1)) - 1);
    }

    private static boolean bit(int insn, int n) {
        return ((insn >>> n) & 1) != 0;
    }

    /** Q (bit 6) set and any of the given register numbers odd. */
    private static boolean qOdd(int insn, int... regs) {
        if (!bit(insn, 6)) {
            return false;
        }
        for (int r : regs) {
            if ((r & 1) != 0) {
                return true;
            }
        }
        return false;
    }

    static boolean dataProcessingUndefined(int insn) {
        int vd = NeonExec.vd(insn);
        int vn = NeonExec.vn(insn);
        int vm = NeonExec.vm(insn);
        boolean u = bit(insn, 24);
        switch (NeonExec.classify(insn)) {
            case THREE_SAME: return threeSame(insn, u, vd, vn, vm);
            case IMMEDIATE: {
                int cmode = bits(insn, 11, 8);
                return qOdd(insn, vd) || (cmode == 15 && bit(insn, 5));
            }
            case SHIFT: return shift(insn, u, vd, vm);
            case DIFFERENT_LENGTHS: return differentLengths(insn, u, vd, vn, vm);
            case SCALAR: return scalar(insn, u, vd, vn);
            case EXT: return qOdd(insn, vd, vn, vm) || (!bit(insn, 6) && bit(insn, 11));
            case MISC: return misc(insn, vd, vm);
            case TABLE: return vn + bits(insn, 9, 8) + 1 > 32;
            case DUP: return bits(insn, 18, 16) == 0 || qOdd(insn, vd);
            default: return true;
        }
    }

    private static boolean threeSame(int insn, boolean u, int vd, int vn, int vm) {
        int a = bits(insn, 11, 8);
        boolean b = bit(insn, 4);
        int size = bits(insn, 21, 20);
        boolean q = bit(insn, 6);
        if (qOdd(insn, vd, vn, vm)) {
            return true;
        }
        switch (a) {
            case 0: case 2: return !b && size == 3;       // VHADD/VHSUB (VQADD/VQSUB take all sizes)
            case 1: return !b && size == 3;               // VRHADD; the bitwise ops take any "size"
            case 3: case 6: case 7: return size == 3;
            case 4: case 5: return false;
            case 8: return b && size == 3;
            case 9: return size == 3 || (b && u && size != 0);
            case 10: return size == 3 || q;
            case 11: return b ? (u || size == 3 || q) : (size == 0 || size == 3);
            case 12: return !b || u || bit(insn, 20);     // VFMA/VFMS .F32
            default: break;
        }
        if (bit(insn, 20)) {
            return true; // sz = 1: F16 or F64 vectors do not exist
        }
        switch (a) {
            case 13: return b ? (u && bit(insn, 21)) : (u && !bit(insn, 21) && q);
            case 14: return b ? !u : (!u && bit(insn, 21));
            default: return b ? u : (u && q);               // 15: VMAX/VMIN, VPMAX/VPMIN, VRECPS/VRSQRTS
        }
    }

    private static boolean shift(int insn, boolean u, int vd, int vm) {
        int a = bits(insn, 11, 8);
        boolean l = bit(insn, 7);
        boolean q = bit(insn, 6);
        int imm6 = bits(insn, 21, 16);
        if (a <= 7) {
            return qOdd(insn, vd, vm) || (a == 4 && !u) || (a == 6 && !u);
        }
        if (a == 8 || a == 9) {
            return l || (vm & 1) != 0;
        }
        if (a == 10) {
            return l || q || (vd & 1) != 0;
        }
        if (a >= 14) {
            return l || (imm6 & 32) == 0 || qOdd(insn, vd, vm);
        }
        return true;
    }

    private static boolean differentLengths(int insn, boolean u, int vd, int vn, int vm) {
        int a = bits(insn, 11, 8);
        int size = bits(insn, 21, 20);
        switch (a) {
            case 0: case 2: case 5: case 7: case 8: case 10: case 12:
                return (vd & 1) != 0;
            case 1: case 3:
                return (vd & 1) != 0 || (vn & 1) != 0;
            case 4: case 6:
                return (vn & 1) != 0 || (vm & 1) != 0;
            case 9: case 11: case 13:
                return u || size == 0 || (vd & 1) != 0;
            case 14:
                return u || size != 0 || (vd & 1) != 0;
            default:
                return true;
        }
    }

    private static boolean scalar(int insn, boolean u, int vd, int vn) {
        int a = bits(insn, 11, 8);
        int size = bits(insn, 21, 20);
        if (size == 0) {
            return true;
        }
        boolean f = a == 1 || a == 5 || a == 9;
        if (f && size != 2) {
            return true;
        }
        boolean longForm = a == 2 || a == 3 || a == 6 || a == 7 || a == 10 || a == 11;
        if (longForm) {
            return (vd & 1) != 0 || ((a == 3 || a == 7 || a == 11) && u);
        }
        if (a >= 14) {
            return true;
        }
        return u && (((vd | vn) & 1) != 0); // Q is bit 24 here
    }

    private static boolean misc(int insn, int vd, int vm) {
        int a = bits(insn, 17, 16);
        int b = bits(insn, 10, 6);
        int size = bits(insn, 19, 18);
        boolean q = bit(insn, 6);
        switch (a) {
            case 0: {
                int op = b >> 1;
                if (qOdd(insn, vd, vm)) {
                    return true;
                }
                if (op <= 2) {
                    return op + size >= 3;
                }
                if ((b >> 2) == 2 || (b >> 2) == 6) {
                    return size == 3;
                }
                switch (op) {
                    case 8: case 9: case 14: case 15: return size == 3;
                    case 10: case 11: return size != 0;
                    default: return true;
                }
            }
            case 1: {
                int op = (b >> 1) & 7;
                boolean f = (b & 16) != 0;
                if (qOdd(insn, vd, vm) || op == 5 || size == 3) {
                    return true;
                }
                return f && size != 2;
            }
            case 2: {
                int op = b >> 1;
                if (op <= 3) {
                    return qOdd(insn, vd, vm) || (op == 0 ? size != 0
                            : op == 1 ? size == 3 : size == 3 || (!q && size == 2));
                }
                if (op == 4 || op == 5) {
                    return size == 3 || (vm & 1) != 0;
                }
                if (b == 12) {
                    return size == 3 || (vd & 1) != 0;
                }
                if (b == 24) {
                    return size != 1 || (vm & 1) != 0;
                }
                if (b == 28) {
                    return size != 1 || (vd & 1) != 0;
                }
                return true;
            }
            default: {
                if (qOdd(insn, vd, vm) || size != 2) {
                    return true;
                }
                return (b & 0x10) == 0; // 10xxx VRECPE/VRSQRTE, 11xxx VCVT; 0xxxx is ARMv8
            }
        }
    }
}
