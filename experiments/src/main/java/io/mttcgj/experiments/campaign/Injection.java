package io.mttcgj.experiments.campaign;

import java.util.Map;

/**
 * One injected run of a campaign: which fault, where, when. Immutable and self-contained so that it
 * can be sent to a worker on another node and run there in a fresh machine.
 *
 * @param id        position in the campaign (0-based); a resumed or redistributed campaign keys results by it
 * @param model     fault model name, e.g. "reg-bitflip", "ram-bitflip", "uart-drop", "vcpu-crash"
 * @param vcpu      the vCPU the fault targets (-1 when the model targets no vCPU)
 * @param atInsn    the guest instruction count (of that vCPU, or of the machine) at which it is injected
 * @param params    model-specific parameters (register, bit, address, ...), as strings
 */
public record Injection(int id, String model, int vcpu, long atInsn, Map<String, String> params) {
    public Injection {
        params = Map.copyOf(params);
    }
}
