package io.mttcgj.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.platform.CpuIrqSink;
import io.mttcgj.platform.MmioDevice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GicTest {
    static final int CTLR = 0x000, ISENABLER = 0x100, ICENABLER = 0x180, ISPENDR = 0x200,
            IPRIORITYR = 0x400, ITARGETSR = 0x800, ICFGR = 0xc00, SGIR = 0xf00;
    static final int GICC_CTLR = 0x00, PMR = 0x04, IAR = 0x0c, EOIR = 0x10, RPR = 0x14, HPPIR = 0x18;

    static final class Lines implements CpuIrqSink {
        volatile boolean irq;
        volatile boolean fiq;

        @Override
        public void setIrq(boolean level) {
            irq = level;
        }

        @Override
        public void setFiq(boolean level) {
            fiq = level;
        }
    }

    private Gic gic;
    private final Lines[] cpu = {new Lines(), new Lines()};
    private MmioDevice dist0;
    private MmioDevice dist1;
    private MmioDevice cpu0;
    private MmioDevice cpu1;

    @BeforeEach
    void setUp() {
        gic = new Gic(2, 160);
        gic.connect(0, cpu[0]);
        gic.connect(1, cpu[1]);
        dist0 = gic.distributor(0);
        dist1 = gic.distributor(1);
        cpu0 = gic.cpuInterface(0);
        cpu1 = gic.cpuInterface(1);
    }

    private void enableAll() {
        dist0.write(CTLR, 4, 1);
        cpu0.write(GICC_CTLR, 4, 1);
        cpu1.write(GICC_CTLR, 4, 1);
        cpu0.write(PMR, 4, 0xff);
        cpu1.write(PMR, 4, 0xff);
    }

    @Test
    void identificationMatchesBoardFacts() {
        assertEquals(0x424, dist0.read(0x004, 4), "GICD_TYPER with 2 CPUs and 160 IRQs");
        assertEquals(0x43b, dist0.read(0x008, 4));
        assertEquals(0x0002043b, cpu0.read(0xfc, 4));
        assertEquals(0x404, new Gic(1, 160).distributor(0).read(0x004, 4));
    }

    @Test
    void enabledPendingSpiRaisesIrqOnTargetAndIsAcknowledged() {
        enableAll();
        dist0.write(ITARGETSR + 37, 1, 0x2); // UART0 -> CPU1
        dist0.write(ISENABLER + 4, 4, 1 << (37 - 32));
        assertFalse(cpu[1].irq);
        gic.setSpi(37, true);
        assertTrue(cpu[1].irq);
        assertFalse(cpu[0].irq, "not targeted at CPU0");
        assertEquals(1023, cpu0.read(IAR, 4));
        assertEquals(37, cpu1.read(HPPIR, 4));
        assertEquals(37, cpu1.read(IAR, 4));
        assertFalse(cpu[1].irq, "active interrupt is not signalled again");
        assertEquals(1 << 5, dist0.read(0x300 + 4, 4), "ISACTIVER shows it active");
        gic.setSpi(37, false); // device deasserts while the handler runs
        cpu1.write(EOIR, 4, 37);
        assertEquals(0, dist0.read(0x300 + 4, 4));
        assertFalse(cpu[1].irq);
        assertEquals(1023, cpu1.read(IAR, 4));
    }

    @Test
    void levelInputStillHighAfterEoiIsSignalledAgain() {
        enableAll();
        dist0.write(ITARGETSR + 40, 1, 1);
        dist0.write(ISENABLER + 4, 4, 1 << 8);
        gic.setSpi(40, true);
        assertEquals(40, cpu0.read(IAR, 4));
        cpu0.write(EOIR, 4, 40);
        assertTrue(cpu[0].irq, "level still asserted");
    }

    @Test
    void softwarePendingAndDisabledInterrupts() {
        enableAll();
        dist0.write(ITARGETSR + 50, 1, 1);
        dist0.write(ISPENDR + 4, 4, 1 << (50 - 32));
        assertFalse(cpu[0].irq, "pending but disabled");
        assertEquals(1 << 18, dist0.read(ISPENDR + 4, 4));
        dist0.write(ISENABLER + 4, 4, 1 << 18);
        assertTrue(cpu[0].irq);
        dist0.write(ICENABLER + 4, 4, 1 << 18);
        assertFalse(cpu[0].irq);
    }

    @Test
    void priorityMaskingByPmr() {
        enableAll();
        dist0.write(ITARGETSR + 34, 1, 1);
        dist0.write(IPRIORITYR + 34, 1, 0xa0);
        assertEquals(0xa0 << 16, dist0.read(IPRIORITYR + 32, 4), "byte written, word read");
        dist0.write(ISENABLER + 4, 4, 1 << 2);
        cpu0.write(PMR, 4, 0xa0);
        gic.setSpi(34, true);
        assertFalse(cpu[0].irq, "priority 0xa0 is not higher than mask 0xa0");
        cpu0.write(PMR, 4, 0xa1);
        assertTrue(cpu[0].irq);
    }

    @Test
    void higherPriorityPreemptsAndRunningPriorityTracksActive() {
        enableAll();
        dist0.write(ITARGETSR + 34, 1, 1);
        dist0.write(ITARGETSR + 35, 1, 1);
        dist0.write(IPRIORITYR + 34, 1, 0x80);
        dist0.write(IPRIORITYR + 35, 1, 0x40);
        dist0.write(ISENABLER + 4, 4, 0b1100);
        gic.setSpi(34, true);
        assertEquals(34, cpu0.read(IAR, 4));
        assertEquals(0x80, cpu0.read(RPR, 4));
        gic.setSpi(35, true);
        assertTrue(cpu[0].irq, "0x40 preempts running 0x80");
        assertEquals(35, cpu0.read(IAR, 4));
        assertEquals(0x40, cpu0.read(RPR, 4));
        cpu0.write(EOIR, 4, 35);
        assertEquals(0x80, cpu0.read(RPR, 4));
        cpu0.write(EOIR, 4, 34);
        assertEquals(0xff, cpu0.read(RPR, 4));
    }

    @Test
    void sgiFromCpu0ToCpu1CarriesTheSourceId() {
        enableAll();
        dist0.write(SGIR, 4, (0b10 << 16) | 3); // target list: CPU1, SGI 3
        assertTrue(cpu[1].irq);
        assertFalse(cpu[0].irq);
        assertEquals(3, cpu1.read(IAR, 4), "source CPU0 in bits [12:10]");
        cpu1.write(EOIR, 4, 3);
        dist1.write(SGIR, 4, (1 << 24) | 5); // all but self, from CPU1
        assertTrue(cpu[0].irq);
        assertEquals(5 | (1 << 10), cpu0.read(IAR, 4));
        cpu0.write(EOIR, 4, 5 | (1 << 10));
        dist1.write(SGIR, 4, (2 << 24) | 1); // self
        assertEquals(1 | (1 << 10), cpu1.read(IAR, 4));
    }

    @Test
    void sgiPendingFromTwoSourcesIsAcknowledgedTwice() {
        enableAll();
        dist0.write(SGIR, 4, (0b11 << 16) | 2);
        dist1.write(SGIR, 4, (0b01 << 16) | 2);
        assertEquals(0b11, dist0.read(0xf12, 1), "CPENDSGIR byte of SGI 2 shows both sources");
        assertEquals(0b11 << 16, dist0.read(0xf10, 4));
        assertEquals(2, cpu0.read(IAR, 4));
        cpu0.write(EOIR, 4, 2);
        assertEquals(2 | (1 << 10), cpu0.read(IAR, 4));
    }

    @Test
    void ppiStateIsBankedPerCpu() {
        enableAll();
        dist0.write(ISENABLER, 4, 1 << 27);
        assertEquals(0xffff | (1 << 27), dist0.read(ISENABLER, 4), "SGIs always enabled, PPI 27 on CPU0");
        assertEquals(0xffff, dist1.read(ISENABLER, 4), "CPU1's PPI 27 untouched");
        dist1.write(IPRIORITYR + 27, 1, 0x10);
        assertEquals(0, dist0.read(IPRIORITYR + 27, 1));
        assertEquals(0x01, dist0.read(ITARGETSR + 27, 1), "banked target reads own CPU");
        assertEquals(0x02, dist1.read(ITARGETSR + 27, 1));
        gic.setPpi(1, 27, true);
        assertFalse(cpu[1].irq, "disabled on CPU1");
        assertFalse(cpu[0].irq, "CPU1's PPI never reaches CPU0");
        gic.setPpi(0, 27, true);
        assertTrue(cpu[0].irq);
        assertEquals(27, cpu0.read(IAR, 4));
    }

    @Test
    void sgiConfigReadsEdgeAndFiqEnRoutesGroup0ToFiq() {
        assertEquals(0xaaaaaaaa, dist0.read(ICFGR, 4));
        enableAll();
        cpu0.write(GICC_CTLR, 4, 1 | (1 << 3));
        dist0.write(SGIR, 4, (2 << 24));
        assertTrue(cpu[0].fiq);
        assertFalse(cpu[0].irq);
    }

    @Test
    void distributorDisabledSignalsNothing() {
        cpu0.write(GICC_CTLR, 4, 1);
        cpu0.write(PMR, 4, 0xff);
        dist0.write(SGIR, 4, (2 << 24));
        assertFalse(cpu[0].irq);
        assertEquals(1023, cpu0.read(IAR, 4));
        dist0.write(CTLR, 4, 1);
        assertTrue(cpu[0].irq);
    }
}
