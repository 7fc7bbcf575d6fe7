package io.mttcgj.platform;

/**
 * The IRQ and FIQ input lines of one vCPU, driven by the interrupt controller. Level-sensitive.
 * Called from any thread; the implementation must make the vCPU notice the change within one
 * translated block and wake it if it is halted.
 */
public interface CpuIrqSink {
    void setIrq(boolean level);

    void setFiq(boolean level);
}
