package io.mttcgj.codegen.arm.state;

import static io.mttcgj.codegen.arm.state.CpuState.CPSR_A;
import static io.mttcgj.codegen.arm.state.CpuState.CPSR_E;
import static io.mttcgj.codegen.arm.state.CpuState.CPSR_F;
import static io.mttcgj.codegen.arm.state.CpuState.CPSR_I;
import static io.mttcgj.codegen.arm.state.CpuState.CPSR_IT;
import static io.mttcgj.codegen.arm.state.CpuState.CPSR_J;
import static io.mttcgj.codegen.arm.state.CpuState.CPSR_T;

/**
 * Exception entry and return (ARM ARM B1.8/B1.9), for the Secure PL1 modes QEMU's default
 * vexpress-a15 machine boots in, Monitor (SMC) and Hyp (HVC, and any exception taken in Hyp mode).
 */
public final class Exceptions {
    public enum Vector {
        RESET(0x00, Mode.SVC, 0), UNDEFINED(0x04, Mode.UND, 0), SVC(0x08, Mode.SVC, 0),
        PREFETCH_ABORT(0x0c, Mode.ABT, 4), DATA_ABORT(0x10, Mode.ABT, 8), HVC(0x08, Mode.HYP, 0),
        IRQ(0x18, Mode.IRQ, 4), FIQ(0x1c, Mode.FIQ, 4), SMC(0x08, Mode.MON, 0);

        public final int offset;
        public final int mode;
        /**
         * LR = (preferred return address) + this, for A32; the preferred return is the faulting
         * instruction for aborts, the next instruction for UND/SVC/HVC/SMC and the next instruction to
         * execute for IRQ/FIQ.
         */
        public final int lrOffset;

        Vector(int offset, int mode, int lrOffset) {
            this.offset = offset;
            this.mode = mode;
            this.lrOffset = lrOffset;
        }
    }

    private Exceptions() {
    }

    /**
     * Takes an exception. {@code preferredReturn} is the ARM ARM's preferred return address (see
     * {@link Vector#lrOffset}); for Thumb the LR offsets of aborts and interrupts are the same.
     */
    public static void take(CpuState cpu, Vector v, int preferredReturn) {
        SystemRegisters cp = cpu.cp15;
        int oldCpsr = cpu.cpsr();
        int oldMode = cpu.mode();
        cpu.clearExclusive();
        int lr = preferredReturn + v.lrOffset;
        if (oldMode == Mode.HYP || v == Vector.HVC) {
            // Exceptions taken to Hyp mode: ELR_hyp holds the preferred return address, HVBAR the vectors.
            // From Hyp mode each exception uses its own offset; from another mode every synchronous one,
            // HVC included, enters through the Hyp Trap vector (QEMU 7.2 measured: HVC from SVC -> +0x14).
            int off = v == Vector.IRQ ? 0x18 : v == Vector.FIQ ? 0x1c : oldMode == Mode.HYP ? v.offset : 0x14;
            cpu.switchMode(Mode.HYP);
            cpu.setSpsr(oldCpsr);
            cpu.elrHyp = preferredReturn;
            int ctl = cpu.cpsrCtl & ~(CPSR_IT | CPSR_J | CPSR_T | CPSR_E);
            ctl |= CPSR_A | CPSR_I | CPSR_F;
            if ((cp.hsctlr & SystemRegisters.SCTLR_TE) != 0) {
                ctl |= CPSR_T;
            }
            if ((cp.hsctlr & SystemRegisters.SCTLR_EE) != 0) {
                ctl |= CPSR_E;
            }
            cpu.cpsrCtl = ctl;
            cpu.r[15] = cp.hvbar + off;
            return;
        }
        int target = v.mode;
        cpu.switchMode(target);
        cpu.setSpsr(oldCpsr);
        cpu.r[14] = lr;
        int ctl = cpu.cpsrCtl & ~(CPSR_IT | CPSR_J | CPSR_T | CPSR_E);
        ctl |= CPSR_I;
        if (v == Vector.FIQ || v == Vector.SMC) {
            ctl |= CPSR_F;
        }
        if (v == Vector.DATA_ABORT || v == Vector.PREFETCH_ABORT || v == Vector.IRQ || v == Vector.FIQ
                || v == Vector.SMC) {
            ctl |= CPSR_A;
        }
        if ((cp.sctlr & SystemRegisters.SCTLR_TE) != 0) {
            ctl |= CPSR_T;
        }
        if ((cp.sctlr & SystemRegisters.SCTLR_EE) != 0) {
            ctl |= CPSR_E;
        }
        cpu.cpsrCtl = ctl;
        int base;
        if (target == Mode.MON) {
            base = cp.mvbar;
        } else if ((cp.sctlr & SystemRegisters.SCTLR_V) != 0) {
            base = 0xffff0000;
        } else {
            base = cp.vbar;
        }
        cpu.r[15] = base + v.offset;
    }

    /** Exception return: CPSR = SPSR of the current mode, PC = {@code newPc} (aligned per the new state). */
    public static void returnFromException(CpuState cpu, int newPc) {
        int mode = cpu.mode();
        if (!Mode.hasSpsr(mode)) {
            // UNPREDICTABLE in User/System mode; QEMU leaves CPSR alone and just branches.
            cpu.r[15] = newPc & ~1;
            return;
        }
        int spsr = cpu.spsr();
        cpu.clearExclusive();
        cpu.setCpsr(spsr);
        cpu.r[15] = (spsr & CPSR_T) != 0 ? newPc & ~1 : newPc & ~3;
    }
}
