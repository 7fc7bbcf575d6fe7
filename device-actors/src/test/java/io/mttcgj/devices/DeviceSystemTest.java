package io.mttcgj.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.platform.BoardControl;
import io.mttcgj.platform.CpuIrqSink;
import io.mttcgj.platform.GenericTimerPort;
import io.mttcgj.platform.MmioDevice;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class DeviceSystemTest {
    private static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    private record Line(int cpu, String line, boolean level) {
    }

    private static final BoardControl NO_BOARD = new BoardControl() {
        @Override
        public void shutdown(int status) {
        }

        @Override
        public void reset() {
        }
    };

    private static CpuIrqSink sink(TestProbe<Line> probe, int cpu) {
        return new CpuIrqSink() {
            @Override
            public void setIrq(boolean level) {
                probe.ref().tell(new Line(cpu, "irq", level));
            }

            @Override
            public void setFiq(boolean level) {
                probe.ref().tell(new Line(cpu, "fiq", level));
            }
        };
    }

    private static Map<Long, MmioDevice> byBase(List<Region> regions) {
        return regions.stream().collect(Collectors.toMap(Region::base, Region::device, (a, b) -> a));
    }

    @Test
    void uartTimerAndGicWorkTogether() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        TestProbe<Line> lines = testKit.createTestProbe();
        try (DeviceSystem devices = DeviceSystem.create(testKit.system(),
                new DeviceSystem.Options(2, console, NO_BOARD))) {
            devices.gic().connect(0, sink(lines, 0));
            devices.gic().connect(1, sink(lines, 1));
            // connecting drives the current (low) levels
            for (int i = 0; i < 4; i++) {
                assertEquals(false, lines.receiveMessage(Duration.ofSeconds(3)).level());
            }
            Map<Long, MmioDevice> cpu1 = byBase(devices.regionsFor(1));
            MmioDevice uart = cpu1.get(DeviceSystem.UART0_BASE);
            for (char c : "hello\n".toCharArray()) {
                uart.write(0, 1, c);
            }
            assertEquals(0x90, uart.read(0x18, 4));
            assertEquals("hello\n", console.toString(StandardCharsets.US_ASCII));

            devices.uart0Input(new byte[] {'x'});
            assertEquals('x', uart.read(0, 4));

            // SP804 timer 0 (SPI 2 = ID 34) routed to CPU1 through the GIC
            MmioDevice dist = cpu1.get(DeviceSystem.GIC_DIST_BASE);
            MmioDevice cpuIf = cpu1.get(DeviceSystem.GIC_CPU_BASE);
            dist.write(0x000, 4, 1);
            dist.write(0x800 + 34, 1, 0x2);
            dist.write(0x104, 4, 1 << 2);
            cpuIf.write(0x04, 4, 0xff);
            cpuIf.write(0x00, 4, 1);
            MmioDevice timer = cpu1.get(DeviceSystem.TIMER01_BASE);
            timer.write(0x00, 4, 1000);
            timer.write(0x08, 4, 0x80 | 0x20 | 0x02 | 0x01);
            assertEquals(new Line(1, "irq", true), lines.receiveMessage(Duration.ofSeconds(3)));
            assertEquals(34, cpuIf.read(0x0c, 4));
            timer.write(0x0c, 4, 1);
            cpuIf.write(0x10, 4, 34);
            assertEquals(new Line(1, "irq", false), lines.receiveMessage(Duration.ofSeconds(3)));
        }
    }

    @Test
    void genericTimerRaisesPpiThroughTheGicActor() {
        TestProbe<Line> lines = testKit.createTestProbe();
        try (DeviceSystem devices = DeviceSystem.create(testKit.system(),
                new DeviceSystem.Options(2, ByteArrayOutputStream.nullOutputStream(), NO_BOARD))) {
            devices.gic().connect(1, sink(lines, 1));
            lines.receiveMessage(Duration.ofSeconds(3));
            lines.receiveMessage(Duration.ofSeconds(3));
            MmioDevice dist1 = devices.gic().distributor(1);
            MmioDevice cpuIf1 = devices.gic().cpuInterface(1);
            dist1.write(0x000, 4, 1);
            dist1.write(0x100, 4, 1 << 27);
            cpuIf1.write(0x04, 4, 0xff);
            cpuIf1.write(0x00, 4, 1);
            GenericTimerPort t1 = devices.timer(1);
            t1.write32(GenericTimerPort.CNTV_TVAL, 62_500); // 1 ms
            t1.write32(GenericTimerPort.CNTV_CTL, 1);
            assertEquals(new Line(1, "irq", true), lines.receiveMessage(Duration.ofSeconds(3)));
            assertEquals(27, cpuIf1.read(0x0c, 4));
        }
    }

    @Test
    void regionsCoverTheBoardMap() {
        try (DeviceSystem devices = DeviceSystem.create(testKit.system(),
                new DeviceSystem.Options(1, ByteArrayOutputStream.nullOutputStream(), NO_BOARD))) {
            Map<String, Region> named = devices.regionsFor(0).stream()
                    .collect(Collectors.toMap(Region::name, Function.identity()));
            assertEquals(0x1c010000L, named.get("sysregs").base());
            assertEquals(0x1c170000L, named.get("pl031").base());
            assertEquals(0x2c002000L, named.get("gic-cpu").base());
            assertEquals(0x1190f500, named.get("sysregs").device().read(0, 4));
            int rtc = named.get("pl031").device().read(0, 4);
            long host = System.currentTimeMillis() / 1000;
            assertTrue(Math.abs(host - (rtc & 0xffffffffL)) <= 2, "RTC_DR is host Unix time");
            assertEquals(0, named.get("pl111-clcd").device().read(0, 4));
            assertThrows(IllegalArgumentException.class, () -> devices.timer(1));
        }
    }

    @Test
    void stoppedDeviceGivesADiagnosisNotAHang() {
        var ref = testKit.spawn(DeviceActor.create("dead", new UnimplementedDeviceAdapter(), s -> { }));
        testKit.stop(ref);
        ActorMmio mmio = new ActorMmio(ref, "dead", 0, Duration.ofMillis(200));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> mmio.read(0x24, 4));
        assertTrue(e.getMessage().contains("dead") && e.getMessage().contains("0x24"), e.getMessage());
    }

    /** Minimal device for the timeout test. */
    private static final class UnimplementedDeviceAdapter implements ActorDevice {
        @Override
        public int read(int offset, int size) {
            return 0;
        }

        @Override
        public void write(int offset, int size, int value) {
        }
    }
}
