package io.mttcgj.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.platform.BoardControl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class SysRegsTest {
    private static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    private final List<String> board = new ArrayList<>();
    private final BoardControl control = new BoardControl() {
        @Override
        public void shutdown(int status) {
            board.add("shutdown " + status);
        }

        @Override
        public void reset() {
            board.add("reset");
        }
    };
    private final long[] now = {1_000_000_000L};
    private final SysRegs regs = new SysRegs(control, () -> now[0], s -> { });

    @Test
    void identificationRegisters() {
        assertEquals(0x1190f500, regs.read(0x00, 4));
        assertEquals(0x14000237, regs.read(0x84, 4));
        assertEquals(0, regs.read(0x24, 4), "SYS_100HZ reads 0 on QEMU");
    }

    @Test
    void flagsSetAndClear() {
        regs.write(0x30, 4, 0x80010000);
        regs.write(0x30, 4, 0x0000000f);
        assertEquals(0x8001000f, regs.read(0x30, 4));
        regs.write(0x34, 4, 0x80000003);
        assertEquals(0x0001000c, regs.read(0x30, 4));
        regs.write(0x38, 4, 5);
        regs.write(0x3c, 4, 1);
        assertEquals(4, regs.read(0x38, 4));
    }

    @Test
    void counter24MHzFollowsTheClock() {
        int t0 = regs.read(0x5c, 4);
        assertEquals(0, t0);
        now[0] += 1_000_000; // 1 ms
        assertEquals(24_000, regs.read(0x5c, 4));
        now[0] += 125;
        assertEquals(24_003, regs.read(0x5c, 4));
    }

    @Test
    void counter24MHzOnHostTimeIsMonotonicAndAtRate() throws Exception {
        SysRegs real = new SysRegs(control, System::nanoTime, s -> { });
        long h0 = System.nanoTime();
        int c0 = real.read(0x5c, 4);
        long afterC0 = System.nanoTime();
        int prev = c0;
        for (int i = 0; i < 1000; i++) {
            int c = real.read(0x5c, 4);
            assertTrue(Integer.compareUnsigned(c, prev) >= 0, "counter went backwards");
            prev = c;
        }
        long beforeC1;
        while ((beforeC1 = System.nanoTime()) - afterC0 < 50_000_000L) { // at least 50 ms between the reads
            Thread.onSpinWait();
        }
        int c1 = real.read(0x5c, 4);
        long h1 = System.nanoTime();
        // The ticks counted lie between those of the host interval inside both reads and of the one
        // bracketing them, whatever the host's speed.
        double most = (h1 - h0) * 0.024;
        double least = (beforeC1 - afterC0) * 0.024;
        assertTrue(c1 - c0 <= most + 1, "too fast: " + (c1 - c0) + " vs at most " + most);
        assertTrue(c1 - c0 >= least - 1, "too slow: " + (c1 - c0) + " vs at least " + least);
    }

    @Test
    void cfgctrlShutdownAndReboot() {
        regs.write(0xa4, 4, 0xC0800000);
        assertEquals(List.of("shutdown 0"), board);
        assertEquals(1, regs.read(0xa8, 4), "complete, no error");
        assertEquals(0x40800000, regs.read(0xa4, 4), "start bit reads as zero");
        regs.write(0xa8, 4, 0);
        regs.write(0xa4, 4, 0xC0900000);
        assertEquals(List.of("shutdown 0", "reset"), board);
    }

    @Test
    void cfgctrlOscillatorReadsQemuDaughterboardClocks() {
        regs.write(0xa4, 4, 0x80110000); // read, OSC, site DB1, device 0
        assertEquals(60_000_000, regs.read(0xa0, 4));
        regs.write(0xa4, 4, 0x80100001); // motherboard OSC1: CLCD 23.75 MHz
        assertEquals(23_750_000, regs.read(0xa0, 4));
        assertEquals(1, regs.read(0xa8, 4));
        regs.write(0xa4, 4, 0x80f00000); // unknown function: error bit
        assertEquals(3, regs.read(0xa8, 4));
    }

    @Test
    void shutdownThroughTheActorReachesBoardControl() throws Exception {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        BoardControl bc = new BoardControl() {
            @Override
            public void shutdown(int s) {
                status.complete(s);
            }

            @Override
            public void reset() {
                status.completeExceptionally(new AssertionError("reset instead of shutdown"));
            }
        };
        var ref = testKit.spawn(DeviceActor.create("sysregs", new SysRegs(bc, System::nanoTime, s -> { }), s -> { }));
        ActorMmio mmio = new ActorMmio(ref, "sysregs", 0, Duration.ofSeconds(3));
        assertEquals(0x1190f500, mmio.read(0, 4));
        mmio.write(0xa4, 4, 0xC0800000);
        assertEquals(0, status.get(3, TimeUnit.SECONDS));
    }
}
