package io.mttcgj.codegen.runtime.fp;

/**
 * FPSCR fields and the cumulative exception bits, shared by the F32/F64 helpers. Exception flags
 * are accumulated with the FPSCR bit values themselves, so merging is one OR into cpu.fpscr.
 */
public final class Fp {
    public static final int IOC = 1;
    public static final int DZC = 1 << 1;
    public static final int OFC = 1 << 2;
    public static final int UFC = 1 << 3;
    public static final int IXC = 1 << 4;
    public static final int IDC = 1 << 7;
    public static final int FLAGS = IOC | DZC | OFC | UFC | IXC | IDC;

    public static final int RMODE_SHIFT = 22;
    public static final int RN = 0;
    public static final int RP = 1;
    public static final int RM = 2;
    public static final int RZ = 3;
    public static final int FZ = 1 << 24;
    public static final int DN = 1 << 25;
    public static final int AHP = 1 << 26;
    /** Advanced SIMD's "standard FPSCR value": round to nearest, flush-to-zero, default NaN. */
    public static final int STANDARD = FZ | DN;
    /** Rounding-mode bits; zero means round to nearest, which is what the fast paths handle. */
    public static final int RMODE_MASK = 3 << RMODE_SHIFT;

    /**
     * FPSCR bits that read back after VMSR on QEMU's Cortex-A15: NZCV, QC, AHP, DN, FZ, RMode,
     * Stride, Len and the cumulative flags; trap enables are RAZ/WI and FZ16 is RES0 without FP16.
     */
    public static final int FPSCR_WRITABLE = 0xfff70000 | FLAGS;

    private Fp() {
    }

    /** The mode word a helper runs with: the guest FPSCR, or the standard value. */
    static int mode(int fpscr, boolean standard) {
        return standard ? STANDARD : fpscr;
    }

    static int rmode(int mode) {
        return (mode >>> RMODE_SHIFT) & 3;
    }
}
