package io.mttcgj.devices;

/** Register decoding of the GICv2 CPU interface (GICC_*) for one CPU of a {@link Gic}. */
final class GicCpuInterface {
    static final int GICC_IIDR = 0x0002043b;

    private GicCpuInterface() {
    }

    static int read(Gic gic, int cpu, int offset) {
        switch (offset) {
            case 0x00: return gic.cpuCtlr(cpu);
            case 0x04: return gic.pmr(cpu);
            case 0x08: return gic.bpr(cpu);
            case 0x0c: return gic.acknowledge(cpu);
            case 0x14: {
                int running = gic.runningPriority(cpu);
                return running > 0xff ? 0xff : running;
            }
            case 0x18: return gic.highestPendingId(cpu);
            case 0x1c: return gic.abpr(cpu);
            case 0xfc: return GICC_IIDR;
            default: return 0; // aliased group 1 registers and APRs: not modelled
        }
    }

    static void write(Gic gic, int cpu, int offset, int value) {
        switch (offset) {
            case 0x00 -> gic.setCpuCtlr(cpu, value);
            case 0x04 -> gic.setPmr(cpu, value);
            case 0x08 -> gic.setBpr(cpu, value);
            case 0x10 -> gic.endOfInterrupt(cpu, value);
            case 0x1c -> gic.setAbpr(cpu, value);
            case 0x1000 -> gic.deactivate(cpu, value);
            default -> { } // read-only or not modelled
        }
    }
}
