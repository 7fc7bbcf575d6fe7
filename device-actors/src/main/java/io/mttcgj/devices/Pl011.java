package io.mttcgj.devices;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * ARM PrimeCell PL011 UART as QEMU models it: transmission is immediate (the TX FIFO is always
 * empty, never busy), received bytes enter a 16-entry FIFO (1 entry with FIFOs disabled) and the
 * RX interrupt is raised as soon as one byte is there (QEMU's trigger level is always 1).
 */
public final class Pl011 implements ActorDevice {
    /** Input message: bytes from the host side (stdin reader thread). */
    public record Receive(byte[] data) {
    }

    static final int FR_RXFE = 0x10;
    static final int FR_TXFF = 0x20;
    static final int FR_RXFF = 0x40;
    static final int FR_TXFE = 0x80;
    static final int INT_RX = 1 << 4;
    static final int INT_TX = 1 << 5;
    private static final int LCR_FEN = 1 << 4;
    private static final int FIFO_DEPTH = 16;
    private static final int[] ID = {0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};
    /** A partial line is flushed this long after its last byte, so prompts appear without a newline. */
    private static final long FLUSH_DELAY_NANOS = 5_000_000;
    private static final Object FLUSH_KEY = "pl011-flush";

    private final String name;
    private final OutputStream out;
    private final IrqLine irq;
    private final Consumer<String> log;
    private DeviceTimers timers = DeviceTimers.NONE;

    private final int[] rxFifo = new int[FIFO_DEPTH];
    private int rxPos;
    private int rxCount;
    /** Host input not yet in the FIFO: QEMU holds it back until the guest makes room. */
    private final ArrayDeque<Byte> hostBacklog = new ArrayDeque<>();
    private int rsr;
    private int ilpr;
    private int ibrd;
    private int fbrd;
    private int lcr;
    private int cr = 0x300;
    private int ifls = 0x12;
    private int imsc;
    private int ris;
    private int dmacr;
    private boolean irqLevel;
    private boolean unflushed;
    private boolean outputBroken;

    /**
     * @param out where transmitted bytes go; flushed at each newline and shortly after any other byte
     * @param log receives device diagnostics (host output failures)
     */
    public Pl011(String name, OutputStream out, IrqLine irq, Consumer<String> log) {
        this.name = name;
        this.out = out;
        this.irq = irq;
        this.log = log;
    }

    @Override
    public void attach(DeviceTimers timers) {
        this.timers = timers;
    }

    @Override
    public int read(int offset, int size) {
        return WordRegisters.lane(readWord(offset & ~3), offset, size);
    }

    private int readWord(int offset) {
        switch (offset) {
            case 0x00: return readData();
            case 0x04: return rsr;
            case 0x18: return flags();
            case 0x20: return ilpr;
            case 0x24: return ibrd;
            case 0x28: return fbrd;
            case 0x2c: return lcr;
            case 0x30: return cr;
            case 0x34: return ifls;
            case 0x38: return imsc;
            case 0x3c: return ris;
            case 0x40: return ris & imsc;
            case 0x48: return dmacr;
            default:
                if (offset >= 0xfe0 && offset < 0x1000) {
                    return ID[(offset - 0xfe0) >> 2];
                }
                return 0;
        }
    }

    @Override
    public void write(int offset, int size, int value) {
        int v = WordRegisters.toWord(value, offset, size);
        switch (offset & ~3) {
            case 0x00 -> transmit(v & 0xff);
            case 0x04 -> rsr = 0;
            case 0x20 -> ilpr = v;
            case 0x24 -> ibrd = v & 0xffff;
            case 0x28 -> fbrd = v & 0x3f;
            case 0x2c -> writeLcr(v);
            case 0x30 -> cr = v;
            case 0x34 -> ifls = v;
            case 0x38 -> {
                imsc = v & 0x7ff;
                updateIrq();
            }
            case 0x44 -> {
                ris &= ~v;
                updateIrq();
            }
            case 0x48 -> dmacr = v & 7;
            default -> { } // FR, RIS, MIS and IDs are read-only
        }
    }

    @Override
    public void onInput(Object input) {
        if (!(input instanceof Receive r)) {
            ActorDevice.super.onInput(input);
            return;
        }
        for (byte b : r.data()) {
            hostBacklog.add(b);
        }
        refillFifo();
    }

    @Override
    public void onTimer(Object key) {
        if (FLUSH_KEY.equals(key)) {
            flushOutput();
        }
    }

    /** Direct entry for synchronous use (tests); actors receive {@link Receive} messages instead. */
    public void receive(byte[] data) {
        onInput(new Receive(data));
    }

    private int fifoDepth() {
        return (lcr & LCR_FEN) != 0 ? FIFO_DEPTH : 1;
    }

    private int flags() {
        int fr = FR_TXFE; // transmission is instantaneous: never full, never busy
        if (rxCount == 0) {
            fr |= FR_RXFE;
        }
        if (rxCount == fifoDepth()) {
            fr |= FR_RXFF;
        }
        return fr;
    }

    private int readData() {
        if (rxCount == 0) {
            return 0;
        }
        int c = rxFifo[rxPos];
        rxPos = (rxPos + 1) % FIFO_DEPTH;
        rxCount--;
        rsr = (c >> 8) & 0xf;
        if (rxCount == 0) {
            ris &= ~INT_RX;
        }
        refillFifo();
        updateIrq();
        return c;
    }

    private void refillFifo() {
        boolean added = false;
        while (rxCount < fifoDepth() && !hostBacklog.isEmpty()) {
            rxFifo[(rxPos + rxCount) % FIFO_DEPTH] = hostBacklog.poll() & 0xff;
            rxCount++;
            added = true;
        }
        if (added) {
            ris |= INT_RX;
            updateIrq();
        }
    }

    private void writeLcr(int v) {
        if (((lcr ^ v) & LCR_FEN) != 0) {
            // QEMU empties the receive FIFO when FIFOs are switched on or off
            rxCount = 0;
            rxPos = 0;
        }
        lcr = v & 0xff;
        refillFifo();
    }

    private void transmit(int ch) {
        if (!outputBroken) {
            try {
                out.write(ch);
                if (ch == '\n') {
                    flushOutput();
                } else if (!unflushed) {
                    unflushed = true;
                    timers.startSingle(FLUSH_KEY, FLUSH_DELAY_NANOS);
                }
            } catch (IOException e) {
                // The guest cannot observe a broken host console; report once and discard output.
                outputBroken = true;
                log.accept(name + ": output failed, further output discarded: " + e.getMessage());
            }
        }
        ris |= INT_TX;
        updateIrq();
    }

    private void flushOutput() {
        unflushed = false;
        timers.cancel(FLUSH_KEY);
        if (outputBroken) {
            return;
        }
        try {
            out.flush();
        } catch (IOException e) {
            outputBroken = true;
            log.accept(name + ": output failed, further output discarded: " + e.getMessage());
        }
    }

    private void updateIrq() {
        boolean level = (ris & imsc) != 0;
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }
}
