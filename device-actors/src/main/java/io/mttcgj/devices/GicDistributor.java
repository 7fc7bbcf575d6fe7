package io.mttcgj.devices;

/**
 * Register decoding of the GICv2 distributor (GICD_*) of a {@link Gic}, byte by byte as QEMU does:
 * every distributor register except GICD_SGIR decomposes into bytes, so byte, halfword and word
 * accesses all work. The caller recomputes the outputs after a write.
 */
final class GicDistributor {
    private GicDistributor() {
    }

    /** Reads 8 one-bit-per-interrupt flags starting at {@code firstIrq}. */
    private static int bitsByte(Gic g, boolean[][] state, int cpu, int firstIrq) {
        int r = 0;
        for (int i = 0; i < 8; i++) {
            int irq = firstIrq + i;
            if (irq < g.numIrqs && state[g.bank(irq, cpu)][irq]) {
                r |= 1 << i;
            }
        }
        return r;
    }

    static int readByte(Gic g, int cpu, int o) {
        if (o < 0x4) {
            return (g.dCtlr >>> (8 * o)) & 0xff;
        }
        if (o < 0x8) {
            int typer = (g.numIrqs / 32 - 1) | ((g.numCpus - 1) << 5) | (1 << 10);
            return (typer >>> (8 * (o - 4))) & 0xff;
        }
        if (o < 0xc) {
            return (0x43b >>> (8 * (o - 8))) & 0xff;
        }
        if (o >= 0x80 && o < 0x100) {
            return bitsByte(g, g.group1, cpu, (o - 0x80) * 8);
        }
        if (o >= 0x100 && o < 0x200) {
            return bitsByte(g, g.enabled, cpu, ((o - 0x100) & 0x7f) * 8);
        }
        if (o >= 0x200 && o < 0x300) {
            int first = ((o - 0x200) & 0x7f) * 8;
            int r = 0;
            for (int i = 0; i < 8; i++) {
                if (first + i < g.numIrqs && g.isPending(first + i, cpu)) {
                    r |= 1 << i;
                }
            }
            return r;
        }
        if (o >= 0x300 && o < 0x400) {
            return bitsByte(g, g.active, cpu, ((o - 0x300) & 0x7f) * 8);
        }
        if (o >= 0x400 && o < 0x800) {
            int irq = o - 0x400;
            return irq < g.numIrqs ? g.priority[g.bank(irq, cpu)][irq] : 0;
        }
        if (o >= 0x800 && o < 0xc00) {
            int irq = o - 0x800;
            if (irq >= g.numIrqs) {
                return 0;
            }
            return irq < 32 || g.numCpus == 1 ? 1 << cpu : g.targets[irq];
        }
        if (o >= 0xc00 && o < 0xd00) {
            int first = (o - 0xc00) * 4;
            int r = 0;
            for (int i = 0; i < 4; i++) {
                int irq = first + i;
                if (irq < g.numIrqs && g.edge[g.bank(irq, cpu)][irq]) {
                    r |= 2 << (2 * i);
                }
            }
            return r;
        }
        if (o >= 0xf10 && o < 0xf30) {
            return g.sgiSources[cpu][(o - 0xf10) & 0xf];
        }
        if (o >= 0xfd0 && o < 0x1000) {
            return (o & 3) == 0 ? Gic.ID[(o - 0xfd0) >> 2] : 0;
        }
        return 0;
    }

    static void writeByte(Gic g, int cpu, int o, int v) {
        if (o == 0) {
            g.dCtlr = v & 3;
        } else if (o >= 0x80 && o < 0x100) {
            forBits(g, cpu, (o - 0x80) * 8, v, (b, irq) -> g.group1[b][irq] = true, (b, irq) -> g.group1[b][irq] = false);
        } else if (o >= 0x100 && o < 0x180) {
            forBits(g, cpu, (o - 0x100) * 8, v, (b, irq) -> { if (irq >= 16) g.enabled[b][irq] = true; }, null);
        } else if (o >= 0x180 && o < 0x200) {
            forBits(g, cpu, (o - 0x180) * 8, v, (b, irq) -> { if (irq >= 16) g.enabled[b][irq] = false; }, null);
        } else if (o >= 0x200 && o < 0x280) {
            // SGIs are made pending through SPENDSGIR only
            forBits(g, cpu, (o - 0x200) * 8, v, (b, irq) -> { if (irq >= 16) g.pendingLatch[b][irq] = true; }, null);
        } else if (o >= 0x280 && o < 0x300) {
            forBits(g, cpu, (o - 0x280) * 8, v, (b, irq) -> { if (irq >= 16) g.pendingLatch[b][irq] = false; }, null);
        } else if (o >= 0x300 && o < 0x380) {
            forBits(g, cpu, (o - 0x300) * 8, v, (b, irq) -> g.active[b][irq] = true, null);
        } else if (o >= 0x380 && o < 0x400) {
            forBits(g, cpu, (o - 0x380) * 8, v, (b, irq) -> g.active[b][irq] = false, null);
        } else if (o >= 0x400 && o < 0x800) {
            int irq = o - 0x400;
            if (irq < g.numIrqs) {
                g.priority[g.bank(irq, cpu)][irq] = v;
            }
        } else if (o >= 0x820 && o < 0xc00) {
            int irq = o - 0x800;
            if (irq < g.numIrqs) {
                g.targets[irq] = v & ((1 << g.numCpus) - 1);
            }
        } else if (o >= 0xc04 && o < 0xd00) { // ICFGR0 (SGIs) is read-only
            int first = (o - 0xc00) * 4;
            for (int i = 0; i < 4; i++) {
                int irq = first + i;
                if (irq < g.numIrqs) {
                    g.edge[g.bank(irq, cpu)][irq] = (v & (2 << (2 * i))) != 0;
                }
            }
        } else if (o >= 0xf10 && o < 0xf20) {
            g.sgiSources[cpu][o - 0xf10] &= ~v;
        } else if (o >= 0xf20 && o < 0xf30) {
            g.sgiSources[cpu][o - 0xf20] |= v & ((1 << g.numCpus) - 1);
        }
        // everything else is read-only or reserved
    }

    interface BitAction {
        void apply(int bank, int irq);
    }

    private static void forBits(Gic g, int cpu, int firstIrq, int v, BitAction onSet, BitAction onClear) {
        for (int i = 0; i < 8; i++) {
            int irq = firstIrq + i;
            if (irq >= g.numIrqs) {
                return;
            }
            if ((v & (1 << i)) != 0) {
                onSet.apply(g.bank(irq, cpu), irq);
            } else if (onClear != null) {
                onClear.apply(g.bank(irq, cpu), irq);
            }
        }
    }

    static void writeSgir(Gic g, int cpu, int value) {
        int sgi = value & 0xf;
        int filter = (value >>> 24) & 3;
        int all = (1 << g.numCpus) - 1;
        int targetList = switch (filter) {
            case 0 -> (value >>> 16) & all;
            case 1 -> all & ~(1 << cpu);
            case 2 -> 1 << cpu;
            default -> 0; // reserved
        };
        for (int t = 0; t < g.numCpus; t++) {
            if ((targetList & (1 << t)) != 0) {
                g.sgiSources[t][sgi] |= 1 << cpu;
            }
        }
    }

}
