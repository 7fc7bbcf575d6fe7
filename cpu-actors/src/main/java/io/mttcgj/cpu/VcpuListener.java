package io.mttcgj.cpu;

/** How the vCPU drivers report to the machine. */
public interface VcpuListener {
    /**
     * A vCPU stopped because of an emulator-detected condition (execution outside RAM, an emulator
     * bug). {@code report} holds the guest PC and register state. The machine shuts down.
     */
    void fatal(int cpu, String message, String report, Throwable cause);

    /** True once the machine is shutting down: drivers run no more guest code. */
    boolean stopping();
}
