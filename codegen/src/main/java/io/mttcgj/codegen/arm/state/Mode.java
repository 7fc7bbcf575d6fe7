package io.mttcgj.codegen.arm.state;

/** ARMv7 processor modes (CPSR.M) and the register bank each one uses. */
public final class Mode {
    public static final int USR = 0x10;
    public static final int FIQ = 0x11;
    public static final int IRQ = 0x12;
    public static final int SVC = 0x13;
    public static final int MON = 0x16;
    public static final int ABT = 0x17;
    public static final int HYP = 0x1a;
    public static final int UND = 0x1b;
    public static final int SYS = 0x1f;

    /** Bank indices: USR and SYS share bank 0. */
    public static final int BANKS = 8;

    private Mode() {
    }

    /** The bank for SP/SPSR of a mode, or -1 if {@code mode} is not a valid ARMv7 mode. */
    public static int bank(int mode) {
        switch (mode & 0x1f) {
            case USR: case SYS: return 0;
            case FIQ: return 1;
            case IRQ: return 2;
            case SVC: return 3;
            case ABT: return 4;
            case UND: return 5;
            case MON: return 6;
            case HYP: return 7;
            default: return -1;
        }
    }

    public static boolean valid(int mode) {
        return bank(mode) >= 0;
    }

    /** Hyp mode has its own SP but shares LR with User mode (ELR_hyp holds its return address). */
    public static int lrBank(int mode) {
        int b = bank(mode);
        return b == 7 ? 0 : b;
    }

    public static boolean hasSpsr(int mode) {
        int b = bank(mode);
        return b > 0;
    }

    public static String name(int mode) {
        switch (mode & 0x1f) {
            case USR: return "usr";
            case FIQ: return "fiq";
            case IRQ: return "irq";
            case SVC: return "svc";
            case MON: return "mon";
            case ABT: return "abt";
            case HYP: return "hyp";
            case UND: return "und";
            case SYS: return "sys";
            default: return String.format("0x%02x", mode & 0x1f);
        }
    }
}
