package io.mttcgj.codegen.arm.thumb;

/** ITSTATE arithmetic shared by the block compiler and the tier-0 builder (ARM ARM A2.5.2). */
public final class ItState {
    private ItState() {
    }

    /** ITAdvance: the ITSTATE after an instruction that ran (or was skipped) with ITSTATE {@code it}. */
    public static int advance(int it) {
        if ((it & 7) == 0) {
            return 0;
        }
        return (it & 0xe0) | ((it << 1) & 0x1f);
    }
}
