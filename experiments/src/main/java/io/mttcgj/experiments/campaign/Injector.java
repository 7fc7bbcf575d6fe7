package io.mttcgj.experiments.campaign;

import io.mttcgj.board.Machine;
import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.arm.state.SystemRegisters;
import io.mttcgj.cpu.SliceHook;
import io.mttcgj.cpu.Vcpu;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * Applies one injection to a running machine in deterministic mode: the driver's turn of the target vCPU
 * is cut so that it ends at the first block boundary at or after {@code atInsn}, and the fault is applied
 * right there. Also ends runs that hang: past {@code insnLimit} instructions in all, or every vCPU asleep
 * with no timer armed (both deterministic, unlike a wall-clock timeout).
 */
final class Injector implements SliceHook {
    /** The exit status a run stopped as hung gets (the launcher's timeout status). */
    static final int HANG_STATUS = 124;

    private final Injection injection;
    private final FaultModel model;
    private final Machine machine;
    private final UartFaults uart;
    private final long insnLimit;
    private volatile boolean injected;

    Injector(Injection injection, Machine machine, UartFaults uart, long insnLimit) {
        this.injection = injection;
        this.model = injection == null ? null : FaultModel.byId(injection.model());
        this.machine = machine;
        this.uart = uart;
        this.insnLimit = insnLimit;
    }

    boolean injected() {
        return injected;
    }

    private boolean pending(Vcpu v) {
        return injection != null && !injected && v.index() == injection.vcpu();
    }

    @Override
    public long budget(Vcpu v, long quantum) {
        return pending(v) ? Math.min(quantum, injection.atInsn() - v.state.insns) : quantum;
    }

    @Override
    public void afterTurn(Vcpu v) {
        if (pending(v) && v.state.insns >= injection.atInsn()) {
            injected = true;
            apply(v);
        }
        long total = 0;
        for (Vcpu x : machine.vcpus()) {
            total += x.state.insns;
        }
        if (total > insnLimit) {
            machine.shutdown(HANG_STATUS);
        }
    }

    @Override
    public void allHalted() {
        machine.shutdown(HANG_STATUS);
    }

    private void apply(Vcpu v) {
        Map<String, String> p = injection.params();
        CpuState s = v.state;
        switch (model) {
            case REG_BITFLIP -> s.r[num(p, "reg")] ^= 1 << num(p, "bit");
            case CPSR_BITFLIP -> s.setCpsr(s.cpsr() ^ (1 << num(p, "bit")));
            case SYSREG_BITFLIP -> {
                flipSysreg(s.cp15, p.get("reg"), num(p, "bit"));
                // The flipped register takes effect at once, as in hardware: nothing cached from it survives.
                s.systemStateChanged();
                s.flushTlb();
            }
            case RAM_BITFLIP -> {
                int addr = (int) Long.decode(p.get("addr")).longValue() & ~3;
                // Through the bus like a store: a word holding translated code invalidates its blocks.
                machine.bus(0).write(addr, 4, machine.bus(0).read(addr, 4) ^ (1 << num(p, "bit")));
            }
            case UART_DROP -> uart.dropNext();
            case UART_CORRUPT -> uart.corruptNext(num(p, "bit"));
            case IRQ_LOST -> machine.icount().loseNextIrq(v.index());
            case IRQ_SPURIOUS -> machine.icount().spuriousIrq(v.index());
            case TIMER_DELAY -> machine.icount().timers().delayPending(Long.decode(p.get("ns")));
            case VCPU_CRASH -> throw new IllegalStateException("injected vCPU crash at instruction " + s.insns);
            default -> throw new AssertionError(model);
        }
    }

    private static void flipSysreg(SystemRegisters r, String name, int bit) {
        int m = 1 << bit;
        switch (name) {
            case "sctlr" -> r.sctlr ^= m;
            case "vbar" -> r.vbar ^= m;
            case "dacr" -> r.dacr ^= m;
            case "ttbcr" -> r.ttbcr ^= m;
            case "scr" -> r.scr ^= m;
            case "contextidr" -> r.contextidr ^= m;
            default -> throw new AssertionError(name);
        }
    }

    private static int num(Map<String, String> p, String key) {
        return Long.decode(p.get(key)).intValue();
    }

    /**
     * Checks a model's parameters; returns null, or "PARAM what is wrong" for the config error message.
     */
    static String checkParams(FaultModel m, Map<String, String> p, long ramFrom, long ramTo) {
        for (String k : m.params()) {
            if (k.equals("reg") && m == FaultModel.SYSREG_BITFLIP) {
                if (!FaultModel.SYSREGS.contains(p.get(k))) {
                    return "reg '" + p.get(k) + "' is not one of " + String.join(", ", FaultModel.SYSREGS);
                }
                continue;
            }
            long v;
            try {
                v = Long.decode(p.get(k));
            } catch (NumberFormatException e) {
                return k + " '" + p.get(k) + "' is not a number";
            }
            long max = switch (k) {
                case "reg" -> 15;
                case "bit" -> m == FaultModel.UART_CORRUPT ? 7 : 31;
                case "addr" -> ramTo - 1;
                default -> Long.MAX_VALUE;
            };
            long min = k.equals("addr") ? ramFrom : 0;
            if (v < min || v > max) {
                return k + " " + p.get(k) + " is out of range " + (k.equals("addr")
                        ? String.format("0x%x..0x%x (ram-range)", min, max) : min + ".." + max);
            }
        }
        return null;
    }

    /** UART0's host side with the uart-drop / uart-corrupt faults: they hit the next byte written. */
    static final class UartFaults extends FilterOutputStream {
        private volatile boolean drop;
        private volatile int corruptMask;

        UartFaults(OutputStream out) {
            super(out);
        }

        void dropNext() {
            drop = true;
        }

        void corruptNext(int bit) {
            corruptMask = 1 << bit;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            if (drop) {
                drop = false;
                return;
            }
            if (corruptMask != 0) {
                b ^= corruptMask;
                corruptMask = 0;
            }
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = 0; i < len; i++) {
                write(b[off + i]);
            }
        }
    }
}
