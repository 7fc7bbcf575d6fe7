package io.mttcgj.codegen.interp;

import io.mttcgj.codegen.arm.state.CpuState;

/**
 * One pre-decoded guest instruction of an interpreted (tier-0) block: its operands are fields, decoded
 * once when the block is built, and {@link #exec} carries out the instruction on the CpuState directly
 * (an interpreted block keeps no registers of its own, so the state is precise at every instruction).
 *
 * <p>When {@link #exec} runs, {@code cpu.r[15]} holds the PC as the instruction reads it (its address
 * + 8 in A32, + 4 in Thumb), so a register operand of 15 needs no special case. An instruction that
 * branches sets {@code cpu.r[15]} to the target and returns {@link #EXIT_DIRECT} or
 * {@link #EXIT_INDIRECT}; one that needs the execution loop (SVC, WFI, ...) sets {@code cpu.exitKind}
 * and returns {@link #EXIT_SPECIAL} with {@code cpu.r[15]} as the loop expects it.
 */
public abstract class Op {
    /** Go on with the next instruction of the block. */
    public static final int NEXT = -1;
    /** Branched to a constant target (chainable when on the block's page). */
    public static final int EXIT_DIRECT = 0;
    /** Branched to a computed target. */
    public static final int EXIT_INDIRECT = 2;
    /** Left for the loop with cpu.exitKind set. */
    public static final int EXIT_SPECIAL = 3;

    /** Guest address of the instruction. */
    public final int pc;
    /** Its condition (14 = always); Thumb instructions inside an IT block get the IT condition. */
    public final int cond;
    /** Chain slot for {@link #EXIT_DIRECT} (0, or -1 for a target off the block's page); set by the builder. */
    int slot = -1;

    protected Op(int pc, int cond) {
        this.pc = pc;
        this.cond = cond;
    }

    /**
     * Carries out the instruction, whose condition has passed (the block checks it); returns {@link #NEXT}
     * or one of the exits.
     */
    public abstract int exec(CpuState c);

    /** True for stores: the block checks after them whether it overwrote its own code. */
    public boolean stores() {
        return false;
    }

    /** True if the instruction may write the PC (a branch, or a load or ALU op into the PC): when it always
     * executes, it ends the block. */
    public boolean branches() {
        return false;
    }

    /** The constant target of a direct branch, else -1 (the builder assigns chain slots with it). */
    public int directTarget() {
        return -1;
    }

    /** ConditionPassed (ARM ARM A8.3) on the QEMU-style flags of CpuState. */
    public static boolean passed(CpuState c, int cond) {
        switch (cond) {
            case 0: return c.zf == 0;
            case 1: return c.zf != 0;
            case 2: return c.cf != 0;
            case 3: return c.cf == 0;
            case 4: return c.nf < 0;
            case 5: return c.nf >= 0;
            case 6: return c.vf < 0;
            case 7: return c.vf >= 0;
            case 8: return c.cf != 0 && c.zf != 0;
            case 9: return c.cf == 0 || c.zf == 0;
            case 10: return (c.nf ^ c.vf) >= 0;
            case 11: return (c.nf ^ c.vf) < 0;
            case 12: return c.zf != 0 && (c.nf ^ c.vf) >= 0;
            case 13: return c.zf == 0 || (c.nf ^ c.vf) < 0;
            default: return true;
        }
    }
}
