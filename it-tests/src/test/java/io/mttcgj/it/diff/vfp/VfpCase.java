package io.mttcgj.it.diff.vfp;

/**
 * One VFP differential case: initial D0-D7, FPSCR, APSR and r0-r3, and the A32 words to run. r0
 * usually points into the scratch area (load/store cases); sp points at a private stack.
 *
 * @param seed  the seed {@link VfpGen#generate(long)} made it from
 * @param d     initial D0-D7
 * @param fpscr initial FPSCR (written with VMSR)
 * @param apsr  initial NZCVQ/GE (MSR APSR_nzcvqg)
 * @param r     initial r0-r3
 * @param code  instruction words (A32; in Thumb the same encodings run as T32, cond = 1110)
 * @param thumb run the code in Thumb state
 * @param what  a short description for reports
 */
record VfpCase(long seed, long[] d, int fpscr, int apsr, int[] r, int[] code, boolean thumb, String what) {
    static final int D_COUNT = 8;
    static final int R_COUNT = 4;

    VfpCase {
        if (d.length != D_COUNT || r.length != R_COUNT || code.length == 0) {
            throw new IllegalArgumentException("a VFP case needs 8 D registers, 4 core registers and code");
        }
    }

    String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("  %s%s%n  code:", what, thumb ? " (T32)" : ""));
        for (int w : code) {
            sb.append(String.format(" %08x", w));
        }
        sb.append(String.format("%n  fpscr=%08x apsr=%08x r0-r3=%08x %08x %08x %08x%n", fpscr, apsr, r[0], r[1], r[2],
                r[3]));
        for (int i = 0; i < D_COUNT; i++) {
            sb.append(String.format("  d%d=%016x", i, d[i])).append(i % 4 == 3 ? "\n" : "");
        }
        return sb.toString();
    }
}
