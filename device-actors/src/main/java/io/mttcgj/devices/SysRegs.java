package io.mttcgj.devices;

import io.mttcgj.platform.BoardControl;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Versatile Express motherboard system registers (0x1c010000) with QEMU's vexpress-a15 values:
 * board/processor ids, the boot flags used to release secondary CPUs, the 24 MHz counter and the
 * SYS_CFG interface (oscillators, voltages, shutdown, reboot).
 */
public final class SysRegs implements ActorDevice {
    public static final int SYS_ID_VALUE = 0x1190f500;
    public static final int PROC_ID0_VALUE = 0x14000237;
    private static final int LOCK_VALUE = 0xa05f;

    static final int CFG_OSC = 1;
    static final int CFG_VOLT = 2;
    static final int CFG_SHUTDOWN = 8;
    static final int CFG_REBOOT = 9;
    static final int CFG_DVIMODE = 11;
    static final int CFG_MUXFPGA = 7;
    private static final int CFGCTRL_START = 1 << 31;
    private static final int CFGCTRL_WRITE = 1 << 30;

    /** Motherboard oscillators after reset, Hz. */
    private static final int[] MB_CLOCKS_RESET = {50_000_000, 23_750_000, 24_000_000, 24_000_000, 24_000_000, 24_000_000};
    /** CoreTile A15x2 oscillators (OSCCLK0..8), Hz, as QEMU's vexpress-a15 daughterboard. */
    private static final int[] DB_CLOCKS_RESET = {60_000_000, 0, 0, 0, 40_000_000, 23_750_000, 50_000_000, 60_000_000, 40_000_000};
    /** Daughterboard Vcore, microvolts. */
    private static final int DB_VCORE_UV = 900_000;
    private static final int MB_VIO_UV = 3_300_000;

    private final BoardControl board;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private final Consumer<String> log;

    private int leds;
    private int lockval;
    private int cfgdata1;
    private int cfgdata2;
    private int flags;
    private int nvflags;
    private int cfgdata;
    private int cfgctrl;
    private int cfgstat;
    private final int[] mbClocks = MB_CLOCKS_RESET.clone();
    private final int[] dbClocks = DB_CLOCKS_RESET.clone();

    /**
     * @param nanoClock host monotonic time (System::nanoTime); SYS_24MHZ counts from construction
     * @param log       receives guest errors and unimplemented SYS_CFG functions
     */
    public SysRegs(BoardControl board, LongSupplier nanoClock, Consumer<String> log) {
        this.board = board;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.log = log;
    }

    @Override
    public int read(int offset, int size) {
        return WordRegisters.lane(readWord(offset & ~3), offset, size);
    }

    private int readWord(int offset) {
        switch (offset) {
            case 0x00: return SYS_ID_VALUE;
            case 0x08: return leds;
            case 0x20: return lockval;
            case 0x28: return cfgdata1;
            case 0x2c: return cfgdata2;
            case 0x30: return flags;
            case 0x38: return nvflags;
            case 0x44: return 1; // PCICTL
            case 0x5c: return counter24MHz();
            case 0x84: return PROC_ID0_VALUE;
            case 0x88: return 0xff000000; // PROCID1: no second daughterboard
            case 0xa0: return cfgdata;
            case 0xa4: return cfgctrl;
            case 0xa8: return cfgstat;
            case 0x04, 0x0c, 0x10, 0x14, 0x18, 0x1c, 0x24, 0x40, 0x48, 0x4c, 0x50, 0x54, 0x58, 0x60,
                 0x64, 0x68, 0x6c, 0x70, 0x74, 0x80, 0x8c, 0x90, 0x94, 0x98, 0x9c,
                 0xc0, 0xc4, 0xc8, 0xcc, 0xd0:
                return 0; // unimplemented or RAZ on vexpress, as QEMU
            default:
                log.accept(String.format("sysregs: read of bad register offset 0x%x", offset));
                return 0;
        }
    }

    private int counter24MHz() {
        long elapsed = nanoClock.getAsLong() - startNanos;
        // 24 MHz = 3 ticks per 125 ns; split to avoid overflow for long runs
        long ticks = (elapsed / 125) * 3 + (elapsed % 125) * 3 / 125;
        return (int) ticks;
    }

    @Override
    public void write(int offset, int size, int value) {
        int v = WordRegisters.toWord(value, offset, size);
        switch (offset & ~3) {
            case 0x08 -> leds = v;
            case 0x20 -> lockval = v == LOCK_VALUE ? v : v & 0x7fff;
            case 0x28 -> cfgdata1 = v;
            case 0x2c -> cfgdata2 = v;
            case 0x30 -> flags |= v;
            case 0x34 -> flags &= ~v;
            case 0x38 -> nvflags |= v;
            case 0x3c -> nvflags &= ~v;
            case 0xa0 -> cfgdata = v;
            case 0xa4 -> writeCfgctrl(v);
            case 0xa8 -> cfgstat = v & 3;
            case 0x0c, 0x10, 0x14, 0x18, 0x1c, 0x40, 0x44, 0x4c, 0x50, 0x54, 0x64, 0x68, 0x6c, 0x70, 0x74,
                 0x80, 0x84, 0x88, 0x8c, 0x90, 0x94, 0x98, 0x9c -> { } // read-only or ignored, as QEMU
            default -> log.accept(String.format("sysregs: write of bad register offset 0x%x", offset));
        }
    }

    private void writeCfgctrl(int v) {
        // bits [19:18] are RAZ/WI and the start bit only triggers the transaction
        cfgctrl = v & ~((3 << 18) | CFGCTRL_START);
        if ((v & CFGCTRL_START) == 0) {
            return;
        }
        int dcc = (cfgctrl >>> 26) & 0xf;
        int function = (cfgctrl >>> 20) & 0x3f;
        int site = (cfgctrl >>> 16) & 0x3;
        int position = (cfgctrl >>> 12) & 0xf;
        int device = cfgctrl & 0xfff;
        cfgstat = 1; // complete
        boolean ok;
        if (dcc != 0 || position != 0 || site > 1) {
            ok = false;
        } else if ((cfgctrl & CFGCTRL_WRITE) != 0) {
            ok = cfgWrite(function, site, device, cfgdata);
        } else {
            ok = cfgRead(function, site, device);
        }
        if (!ok) {
            cfgstat |= 2; // error
            log.accept(String.format("sysregs: unimplemented SYS_CFGCTRL %s of function 0x%x dcc %d site %d position %d device %d",
                    (cfgctrl & CFGCTRL_WRITE) != 0 ? "write" : "read", function, dcc, site, position, device));
        }
    }

    private boolean cfgRead(int function, int site, int device) {
        boolean mb = site == 0;
        if (function == CFG_OSC) {
            int[] clocks = mb ? mbClocks : dbClocks;
            if (device < clocks.length) {
                cfgdata = clocks[device];
                return true;
            }
        } else if (function == CFG_VOLT && device == 0) {
            cfgdata = mb ? MB_VIO_UV : DB_VCORE_UV;
            return true;
        }
        return false;
    }

    private boolean cfgWrite(int function, int site, int device, int data) {
        boolean mb = site == 0;
        switch (function) {
            case CFG_OSC: {
                int[] clocks = mb ? mbClocks : dbClocks;
                if (device < clocks.length) {
                    clocks[device] = data;
                    return true;
                }
                return false;
            }
            case CFG_MUXFPGA:
            case CFG_DVIMODE:
                return mb && device == 0; // video routing: meaningless here, accepted
            case CFG_SHUTDOWN:
                if (mb && device == 0) {
                    board.shutdown(0);
                    return true;
                }
                return false;
            case CFG_REBOOT:
                if (mb && device == 0) {
                    board.reset();
                    return true;
                }
                return false;
            default:
                return false;
        }
    }
}
