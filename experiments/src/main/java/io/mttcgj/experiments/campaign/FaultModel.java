package io.mttcgj.experiments.campaign;

import java.util.Arrays;
import java.util.List;

/** The fault models a campaign can inject, with the parameters each takes (see reference.conf). */
public enum FaultModel {
    /** Flip bit {@code bit} of general register {@code reg} (0-15; 15 is the PC). */
    REG_BITFLIP("reg-bitflip", "reg", "bit"),
    /** Flip bit {@code bit} of the CPSR. */
    CPSR_BITFLIP("cpsr-bitflip", "bit"),
    /** Flip bit {@code bit} of the CP15 system register {@code reg} (see {@link #SYSREGS}). */
    SYSREG_BITFLIP("sysreg-bitflip", "reg", "bit"),
    /** Flip bit {@code bit} (0-31) of the RAM word at {@code addr}; code there is retranslated. */
    RAM_BITFLIP("ram-bitflip", "addr", "bit"),
    /** The next byte the guest writes to UART0 is lost. */
    UART_DROP("uart-drop"),
    /** The next byte the guest writes to UART0 has bit {@code bit} flipped. */
    UART_CORRUPT("uart-corrupt", "bit"),
    /** The next rising edge of the vCPU's IRQ line is lost. */
    IRQ_LOST("irq-lost"),
    /** The vCPU's IRQ line is raised for one turn with no interrupt behind it. */
    IRQ_SPURIOUS("irq-spurious"),
    /** Every running device timer expires {@code ns} nanoseconds (virtual) later. */
    TIMER_DELAY("timer-delay", "ns"),
    /** An exception inside the vCPU's execution loop, handled by the supervisor (on-vcpu-crash). */
    VCPU_CRASH("vcpu-crash");

    /** System registers sysreg-bitflip can target. */
    public static final List<String> SYSREGS = List.of("sctlr", "vbar", "dacr", "ttbcr", "scr", "contextidr");

    private final String id;
    private final List<String> params;

    FaultModel(String id, String... params) {
        this.id = id;
        this.params = List.of(params);
    }

    public String id() {
        return id;
    }

    public List<String> params() {
        return params;
    }

    /** The model named {@code id}, or null. */
    public static FaultModel byId(String id) {
        for (FaultModel m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        return null;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(FaultModel::id).toList();
    }
}
