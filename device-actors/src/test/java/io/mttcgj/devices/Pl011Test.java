package io.mttcgj.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class Pl011Test {
    private static final ActorTestKit testKit = ActorTestKit.create();
    private static final int DR = 0x00, FR = 0x18, LCR_H = 0x2c, IMSC = 0x38, RIS = 0x3c, MIS = 0x40, ICR = 0x44;

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    private final List<Boolean> irq = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Pl011 uart = new Pl011("uart", out, irq::add, s -> { });

    @Test
    void resetFlagsAndIdentification() {
        // PL011 TRM: FR after reset has TXFE and RXFE set; IDs from the board facts
        assertEquals(0x90, uart.read(FR, 4));
        int periph = 0;
        int cell = 0;
        for (int i = 0; i < 4; i++) {
            periph |= uart.read(0xfe0 + 4 * i, 4) << (8 * i);
            cell |= uart.read(0xff0 + 4 * i, 4) << (8 * i);
        }
        assertEquals(0x00141011, periph);
        assertEquals(0xb105f00d, cell);
        assertEquals(0x300, uart.read(0x30, 4), "CR reset value (TXE|RXE)");
    }

    @Test
    void transmitWritesByteAndRaisesTxInterruptWhenUnmasked() {
        uart.write(DR, 1, 'A');
        uart.write(DR, 4, 'B' | 0x100); // only the data byte is sent
        assertEquals("AB", out.toString(StandardCharsets.ISO_8859_1));
        assertEquals(Pl011.INT_TX, uart.read(RIS, 4) & Pl011.INT_TX);
        assertEquals(0, uart.read(MIS, 4));
        assertTrue(irq.isEmpty(), "masked interrupt must not reach the line");
        uart.write(IMSC, 4, Pl011.INT_TX);
        assertEquals(List.of(true), irq);
        uart.write(ICR, 4, Pl011.INT_TX);
        assertEquals(List.of(true, false), irq);
        assertEquals(0, uart.read(RIS, 4) & Pl011.INT_TX);
    }

    @Test
    void receiveFifoWithoutFifosEnabledHoldsOneByteAndKeepsTheRest() {
        uart.write(IMSC, 4, Pl011.INT_RX);
        uart.receive("hi".getBytes(StandardCharsets.US_ASCII));
        assertEquals(0, uart.read(FR, 4) & Pl011.FR_RXFE);
        assertEquals(Pl011.FR_RXFF, uart.read(FR, 4) & Pl011.FR_RXFF, "one-entry holding register is full");
        assertEquals(List.of(true), irq);
        assertEquals('h', uart.read(DR, 4));
        assertEquals('i', uart.read(DR, 4));
        assertEquals(Pl011.FR_RXFE, uart.read(FR, 4) & Pl011.FR_RXFE);
        // the backlog refills the holding register at once, so the line stays high until both are read
        assertEquals(List.of(true, false), irq);
    }

    @Test
    void sixteenEntryFifoWhenEnabled() {
        uart.write(LCR_H, 4, 0x70); // 8 bits, FIFOs enabled
        byte[] data = new byte[20];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ('a' + i);
        }
        uart.receive(data);
        assertEquals(Pl011.FR_RXFF, uart.read(FR, 4) & Pl011.FR_RXFF);
        StringBuilder got = new StringBuilder();
        while ((uart.read(FR, 4) & Pl011.FR_RXFE) == 0) {
            got.append((char) uart.read(DR, 4));
        }
        assertEquals("abcdefghijklmnopqrst", got.toString());
        uart.receive(new byte[0]); // end of input is not an error
        assertEquals(Pl011.FR_RXFE, uart.read(FR, 4) & Pl011.FR_RXFE);
    }

    @Test
    void bytesFromTwoVcpuThreadsReachTheStreamInPerThreadOrder() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        ActorRef<DeviceActor.Command> ref = testKit.spawn(
                DeviceActor.create("uart", new Pl011("uart", sink, IrqLine.NONE, s -> { }), s -> { }));
        ActorMmio mmio = new ActorMmio(ref, "uart");
        int n = 500;
        Thread a = new Thread(() -> { for (int i = 0; i < n; i++) mmio.write(DR, 1, 'a' + i % 10); });
        Thread b = new Thread(() -> { for (int i = 0; i < n; i++) mmio.write(DR, 1, 'A' + i % 10); });
        a.start();
        b.start();
        a.join();
        b.join();
        mmio.read(FR, 4); // enqueued after both threads' writes: once answered they are all done
        String s;
        synchronized (sink) {
            s = sink.toString(StandardCharsets.ISO_8859_1);
        }
        assertEquals(2 * n, s.length());
        StringBuilder lower = new StringBuilder();
        StringBuilder upper = new StringBuilder();
        for (char c : s.toCharArray()) {
            (Character.isLowerCase(c) ? lower : upper).append(c);
        }
        for (int i = 0; i < n; i++) {
            assertEquals((char) ('a' + i % 10), lower.charAt(i), "thread A order at " + i);
            assertEquals((char) ('A' + i % 10), upper.charAt(i), "thread B order at " + i);
        }
    }

    @Test
    void receivedBytesThroughTheActorAreReadInOrder() {
        ActorRef<DeviceActor.Command> ref = testKit.spawn(
                DeviceActor.create("uart", new Pl011("uart", out, IrqLine.NONE, s -> { }), s -> { }));
        ActorMmio mmio = new ActorMmio(ref, "uart");
        mmio.write(LCR_H, 4, 0x70);
        ref.tell(new DeviceActor.Input(new Pl011.Receive("ok\n".getBytes(StandardCharsets.US_ASCII))));
        assertEquals('o', mmio.read(DR, 4));
        assertEquals('k', mmio.read(DR, 4));
        assertEquals('\n', mmio.read(DR, 4));
        assertEquals(Pl011.FR_RXFE | Pl011.FR_TXFE, mmio.read(FR, 4));
    }
}
