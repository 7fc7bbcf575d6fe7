package io.mttcgj.codegen.arm.state;

/**
 * A synchronous guest exception raised while executing translated code or a runtime helper:
 * Undefined instruction, Data Abort, Prefetch Abort. Thrown through the translated block, whose
 * handler writes the guest registers back and records the faulting instruction's address; the
 * execution loop then takes the guest exception. No stack trace: this is guest control flow,
 * not an emulator error.
 */
public final class GuestException extends RuntimeException {
    public enum Kind { UNDEFINED, DATA_ABORT, PREFETCH_ABORT }

    public final Kind kind;
    /** Fault status (DFSR/IFSR value) for aborts. */
    public final int fsr;
    /** Fault address (DFAR/IFAR) for aborts. */
    public final int far;

    private GuestException(Kind kind, int fsr, int far, String why) {
        super(why, null, false, false);
        this.kind = kind;
        this.fsr = fsr;
        this.far = far;
    }

    public static GuestException undefined(String why) {
        return new GuestException(Kind.UNDEFINED, 0, 0, why);
    }

    public static GuestException dataAbort(int fsr, int far, String why) {
        return new GuestException(Kind.DATA_ABORT, fsr, far, why);
    }

    public static GuestException prefetchAbort(int fsr, int far, String why) {
        return new GuestException(Kind.PREFETCH_ABORT, fsr, far, why);
    }

    /** Short-descriptor fault status: alignment fault. */
    public static final int FSR_ALIGNMENT = 0x1;
    /** Short-descriptor fault status: debug event (BKPT). */
    public static final int FSR_DEBUG = 0x2;
    /** Bit 11 of DFSR: the access was a write. */
    public static final int FSR_WNR = 1 << 11;
}
