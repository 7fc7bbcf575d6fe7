package io.mttcgj.devices;

import io.mttcgj.platform.BoardControl;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * All vexpress-a15 devices as actors, with the regions the board maps. Interrupt wiring follows
 * QEMU's vexpress.c: UART0-3 on SPI 5-8 (IDs 37-40), SP804s on SPI 2 and 3 (IDs 34, 35), PL031 on
 * SPI 4 (ID 36); generic timers on PPIs 26/27/29/30.
 */
public final class DeviceSystem implements AutoCloseable {
    public static final long SYSREGS_BASE = 0x1c010000L;
    public static final long UART0_BASE = 0x1c090000L;
    public static final long[] UART_BASES = {0x1c090000L, 0x1c0a0000L, 0x1c0b0000L, 0x1c0c0000L};
    public static final long TIMER01_BASE = 0x1c110000L;
    public static final long TIMER23_BASE = 0x1c120000L;
    public static final long RTC_BASE = 0x1c170000L;
    public static final long GIC_DIST_BASE = 0x2c001000L;
    public static final long GIC_CPU_BASE = 0x2c002000L;
    public static final int UART0_IRQ = 37;
    public static final int TIMER01_IRQ = 34;
    public static final int TIMER23_IRQ = 35;
    public static final int RTC_IRQ = 36;

    /** Options; {@code unimpLog} gets QEMU "-d unimp" style lines, {@code errorLog} device/guest errors. */
    public record Options(int numCpus, OutputStream uart0Out, BoardControl board, Consumer<String> unimpLog,
                          Consumer<String> errorLog, Duration readTimeout, VirtualTimers virtualTimers) {
        public Options {
            if (numCpus < 1 || numCpus > 8) {
                throw new IllegalArgumentException("vexpress-a15 supports 1 to 8 CPUs, not " + numCpus);
            }
        }

        /** Devices on host time. */
        public Options(int numCpus, OutputStream uart0Out, BoardControl board, Consumer<String> unimpLog,
                       Consumer<String> errorLog, Duration readTimeout) {
            this(numCpus, uart0Out, board, unimpLog, errorLog, readTimeout, null);
        }

        /** Deterministic mode: every device clock and timer runs on {@code virtualTimers}' time. */
        public Options withVirtualTime(VirtualTimers timers) {
            return new Options(numCpus, uart0Out, board, unimpLog, errorLog, readTimeout, timers);
        }

        public Options(int numCpus, OutputStream uart0Out, BoardControl board) {
            this(numCpus, uart0Out, board, s -> { }, System.err::println, ActorMmio.DEFAULT_TIMEOUT);
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger INSTANCES = new java.util.concurrent.atomic.AtomicInteger();

    private final int numCpus;
    private final List<ActorRef<DeviceActor.Command>> actors = new ArrayList<>();
    private final List<Region> sharedRegions = new ArrayList<>();
    private final ActorRef<DeviceActor.Command> uart0;
    private final GicRef gic;
    private final GenericTimer[] timers;
    private final ScheduledExecutorService timerWakeups;
    private final VirtualTimers virtualTimers;

    private DeviceSystem(BiFunction<Behavior<DeviceActor.Command>, String, ActorRef<DeviceActor.Command>> spawner,
                         Options o) {
        this.numCpus = o.numCpus();
        // actor names must be unique in their parent, and a machine reset may build a new DeviceSystem
        String suffix = "-" + INSTANCES.incrementAndGet();
        BiFunction<Behavior<DeviceActor.Command>, String, ActorRef<DeviceActor.Command>> spawn = (b, name) -> {
            ActorRef<DeviceActor.Command> ref = spawner.apply(b, name + suffix);
            actors.add(ref);
            return ref;
        };
        Duration timeout = o.readTimeout();
        Consumer<String> err = o.errorLog();
        VirtualTimers virtual = o.virtualTimers();
        this.virtualTimers = virtual;
        LongSupplier clock = virtual != null ? virtual::now : System::nanoTime;

        ActorRef<DeviceActor.Command> gicActor =
                spawn.apply(DeviceActor.create("gic", new Gic(numCpus, Gic.DEFAULT_NUM_IRQS), err), "gic");
        gic = new GicRef(gicActor, numCpus, timeout);

        SysRegs sysRegs = new SysRegs(o.board(), clock, err);
        addActorRegion(spawn, "sysregs", SYSREGS_BASE, 0x1000, sysRegs, timeout, err);

        ActorRef<DeviceActor.Command> firstUart = null;
        for (int i = 0; i < UART_BASES.length; i++) {
            // Only UART0 has a host side with -nographic; QEMU leaves the others unconnected.
            OutputStream out = i == 0 ? o.uart0Out() : OutputStream.nullOutputStream();
            String name = "uart" + i;
            Pl011 uart = new Pl011(name, out, gic.spiLine(UART0_IRQ + i), err);
            ActorRef<DeviceActor.Command> ref = addActorRegion(spawn, name, UART_BASES[i], 0x1000, uart, timeout, err);
            if (i == 0) {
                firstUart = ref;
            }
        }
        uart0 = firstUart;

        addActorRegion(spawn, "sp804-0", TIMER01_BASE, 0x1000,
                new Sp804(Sp804.DEFAULT_FREQ_HZ, gic.spiLine(TIMER01_IRQ), clock), timeout, err);
        addActorRegion(spawn, "sp804-1", TIMER23_BASE, 0x1000,
                new Sp804(Sp804.DEFAULT_FREQ_HZ, gic.spiLine(TIMER23_IRQ), clock), timeout, err);
        addActorRegion(spawn, "pl031", RTC_BASE, 0x1000,
                new Pl031(virtual != null ? virtualWallClock(virtual) : Clock.systemUTC(), gic.spiLine(RTC_IRQ)),
                timeout, err);

        addUnimplemented(o.unimpLog(), "lan9118", 0x1a000000L, 0x10000);
        addUnimplemented(o.unimpLog(), "pl041-aaci", 0x1c040000L, 0x1000);
        addUnimplemented(o.unimpLog(), "pl181-mmci", 0x1c050000L, 0x1000);
        addUnimplemented(o.unimpLog(), "pl050-kmi0", 0x1c060000L, 0x1000);
        addUnimplemented(o.unimpLog(), "pl050-kmi1", 0x1c070000L, 0x1000);
        addUnimplemented(o.unimpLog(), "virtio-mmio", 0x1c130000L, 0x800);
        addUnimplemented(o.unimpLog(), "sbcon-i2c", 0x1c160000L, 0x1000);
        addUnimplemented(o.unimpLog(), "pl111-clcd", 0x1c1f0000L, 0x1000);
        addUnimplemented(o.unimpLog(), "gic-virt", 0x2c004000L, 0x3000);

        // One daemon thread wakes the generic timers of all CPUs (see GenericTimer).
        timerWakeups = virtual != null ? virtual.asScheduler() : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "generic-timer-wakeups");
            t.setDaemon(true);
            return t;
        });
        long start = clock.getAsLong();
        timers = new GenericTimer[numCpus];
        for (int c = 0; c < numCpus; c++) {
            timers[c] = new GenericTimer(c, start, clock, timerWakeups, gic::setPpi);
        }
    }

    /** Deterministic mode: the RTC starts at the Unix epoch and advances with virtual time. */
    private static Clock virtualWallClock(VirtualTimers virtual) {
        return new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return java.time.Instant.ofEpochSecond(0, virtual.now());
            }
        };
    }

    /** Creates the devices as system actors of {@code system}. */
    public static DeviceSystem create(ActorSystem<?> system, Options options) {
        return new DeviceSystem((b, name) -> system.systemActorOf(b, name, Props.empty()), options);
    }

    /** Creates the devices as children of the actor owning {@code context} (call from inside it). */
    public static DeviceSystem create(ActorContext<?> context, Options options) {
        return new DeviceSystem(context::spawn, options);
    }

    private ActorRef<DeviceActor.Command> addActorRegion(
            BiFunction<Behavior<DeviceActor.Command>, String, ActorRef<DeviceActor.Command>> spawner,
            String name, long base, long size, ActorDevice device, Duration timeout, Consumer<String> err) {
        ActorRef<DeviceActor.Command> ref = spawner.apply(DeviceActor.create(name, device, err, virtualTimers), name);
        sharedRegions.add(new Region(name, base, size, new ActorMmio(ref, name, 0, timeout)));
        return ref;
    }

    private void addUnimplemented(Consumer<String> log, String name, long base, long size) {
        sharedRegions.add(new Region(name, base, size, new UnimplementedDevice(name, log)));
    }

    public int numCpus() {
        return numCpus;
    }

    /** Regions that are the same for every CPU. */
    public List<Region> sharedRegions() {
        return Collections.unmodifiableList(sharedRegions);
    }

    /** Regions banked per CPU: the GIC distributor and CPU interface as {@code cpu} sees them. */
    public List<Region> cpuRegions(int cpu) {
        return List.of(
                new Region("gic-dist", GIC_DIST_BASE, 0x1000, gic.distributor(cpu)),
                new Region("gic-cpu", GIC_CPU_BASE, 0x2000, gic.cpuInterface(cpu)));
    }

    /** Everything CPU {@code cpu}'s bus view maps: shared regions plus its GIC views. */
    public List<Region> regionsFor(int cpu) {
        List<Region> all = new ArrayList<>(sharedRegions);
        all.addAll(cpuRegions(cpu));
        return all;
    }

    /** Host input for UART0 (from the stdin reader thread). The array is not kept. */
    public void uart0Input(byte[] data) {
        uart0.tell(new DeviceActor.Input(new Pl011.Receive(data.clone())));
    }

    public GicRef gic() {
        return gic;
    }

    public GenericTimer timer(int cpu) {
        if (cpu < 0 || cpu >= numCpus) {
            throw new IllegalArgumentException("no CPU " + cpu + " (" + numCpus + " CPUs)");
        }
        return timers[cpu];
    }

    /** Stops the device actors and the timer wake-up thread. */
    @Override
    public void close() {
        for (GenericTimer t : timers) {
            t.stop();
        }
        timerWakeups.shutdownNow();
        for (ActorRef<DeviceActor.Command> ref : actors) {
            ref.tell(new DeviceActor.Stop());
        }
    }
}
