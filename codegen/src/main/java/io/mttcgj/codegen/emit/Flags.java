package io.mttcgj.codegen.emit;

/** Bit masks for the NZCV flags in liveness sets. */
public final class Flags {
    public static final int N = 1;
    public static final int Z = 2;
    public static final int C = 4;
    public static final int V = 8;
    public static final int NZ = N | Z;
    public static final int NZC = N | Z | C;
    public static final int ALL = N | Z | C | V;

    private Flags() {
    }

    /** Flags read by an A32/T32 condition code. */
    public static int readBy(int cond) {
        switch (cond >>> 1) {
            case 0: return Z;          // EQ NE
            case 1: return C;          // CS CC
            case 2: return N;          // MI PL
            case 3: return V;          // VS VC
            case 4: return C | Z;      // HI LS
            case 5: return N | V;      // GE LT
            case 6: return N | Z | V;  // GT LE
            default: return 0;         // AL
        }
    }
}
