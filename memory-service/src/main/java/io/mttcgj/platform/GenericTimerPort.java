package io.mttcgj.platform;

/**
 * The CP15 generic timer of one vCPU (ARMv7 Generic Timer, CNTFRQ 62.5 MHz as QEMU's vexpress-a15).
 * The CPU core reaches it through MRC/MCR/MRRC/MCRR; the implementation raises the timer PPIs
 * (physical 30, virtual 27, hyp 26, secure physical 29) on the interrupt controller.
 */
public interface GenericTimerPort {
    int CNTFRQ = 0;
    int CNTKCTL = 1;
    int CNTP_CTL = 2;
    int CNTP_TVAL = 3;
    int CNTV_CTL = 4;
    int CNTV_TVAL = 5;
    int CNTHCTL = 6;
    int CNTHP_CTL = 7;
    int CNTHP_TVAL = 8;
    /** Secure physical timer: what CNTP_* reach from Secure state (QEMU's GTIMER_SEC, PPI 29). */
    int CNTPS_CTL = 9;
    int CNTPS_TVAL = 10;

    // 64-bit registers (MRRC/MCRR)
    int CNTPCT = 16;
    int CNTVCT = 17;
    int CNTP_CVAL = 18;
    int CNTV_CVAL = 19;
    int CNTVOFF = 20;
    int CNTHP_CVAL = 21;
    int CNTPS_CVAL = 22;

    int read32(int reg);

    void write32(int reg, int value);

    long read64(int reg);

    void write64(int reg, long value);
}
