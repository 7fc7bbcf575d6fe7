package io.mttcgj.cpu;

/**
 * What a tool (fault injection) may do around the turns of the deterministic driver ({@link IcountDriver}).
 * Both methods run on the driver thread, between blocks, with every other vCPU stopped.
 */
public interface SliceHook {
    /**
     * The instruction budget of vCPU {@code v}'s next turn, at most {@code quantum}: a hook that wants to
     * act at instruction N of {@code v} returns {@code N - v.state.insns} so the turn ends at the first
     * block boundary at or after N.
     */
    default long budget(Vcpu v, long quantum) {
        return quantum;
    }

    /** After each turn of {@code v}. An exception thrown here counts as a crash of that vCPU. */
    default void afterTurn(Vcpu v) {
    }

    /**
     * Every vCPU sleeps (WFI/WFE) and no timer is armed: in deterministic mode nothing but host input can
     * wake them. A campaign treats this as a hang.
     */
    default void allHalted() {
    }

    SliceHook NONE = new SliceHook() {
    };
}
