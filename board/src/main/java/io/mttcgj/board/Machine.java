package io.mttcgj.board;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.mttcgj.codegen.arm.a32.A32;
import io.mttcgj.codegen.arm.disasm.A32Disassembler;
import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.arm.state.Mode;
import io.mttcgj.codegen.arm.state.SystemRegisters;
import io.mttcgj.codegen.emit.BlockCompiler;
import io.mttcgj.codegen.emit.Decoder;
import io.mttcgj.codegen.exec.CpuExec;
import io.mttcgj.codegen.exec.ExecHooks;
import io.mttcgj.codegen.tb.JumpCache;
import io.mttcgj.codegen.tb.TbCache;
import io.mttcgj.config.MachineConfig;
import io.mttcgj.config.ThreadMode;
import io.mttcgj.cpu.IcountDriver;
import io.mttcgj.cpu.SafeWork;
import io.mttcgj.cpu.SliceHook;
import io.mttcgj.cpu.SafeWorkStats;
import io.mttcgj.cpu.Supervisor;
import io.mttcgj.cpu.Vcpu;
import io.mttcgj.cpu.VcpuActor;
import io.mttcgj.cpu.VcpuListener;
import io.mttcgj.devices.DeviceSystem;
import io.mttcgj.devices.Region;
import io.mttcgj.memory.AddressSpace;
import io.mttcgj.memory.RamRegion;
import io.mttcgj.memory.VexpressMemoryMap;
import io.mttcgj.platform.BoardControl;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The vexpress-a15 board: memory map, devices, vCPUs and their drivers, wired from a
 * {@link MachineConfig}. Each vCPU has its own view of the bus (the A15 private peripherals are
 * banked per core) over the shared RAM; all vCPUs share one translation cache.
 */
public final class Machine implements BoardControl, VcpuListener {
    private final MachineConfig cfg;
    private final PrintStream stdout;
    private final PrintStream stderr;
    private final DebugLog debug;
    private final ActorSystem<Void> system;
    private final DeviceSystem devices;
    private final TbCache cache;
    /** Compiles hot blocks off the vCPU threads (null: they compile their own). */
    private io.mttcgj.codegen.exec.Tier1Compiler tier1;
    private final List<Vcpu> vcpus = new ArrayList<>();
    private final List<AddressSpace> busViews = new ArrayList<>();
    private final List<ActorRef<VcpuActor.Command>> drivers = new ArrayList<>();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private long startNanos;
    /** Set in {@link #start}: inline with thread=single, the supervisor actor with thread=multi. */
    private volatile SafeWork safeWork = SafeWork.inline();
    /** Deterministic mode (-icount), or null. */
    private final IcountSupport icount;
    private SliceHook sliceHook = SliceHook.NONE;
    private IcountDriver.CrashStrategy crashStrategy = IcountDriver.CrashStrategy.STOP;
    private final List<int[]> bootState = new ArrayList<>();

    public Machine(MachineConfig cfg, PrintStream stdout, PrintStream stderr, DebugLog debug) {
        this.cfg = cfg;
        this.stdout = stdout;
        this.stderr = stderr;
        this.debug = debug;
        this.system = ActorSystem.create(Behaviors.empty(), "mttcg", pekkoConfig(cfg));
        this.cache = new TbCache(cfg.translation().cacheLimit());
        this.icount = cfg.icount() ? new IcountSupport(this, cfg.icountShift(), cfg.cpus()) : null;
        DeviceSystem.Options options = new DeviceSystem.Options(cfg.cpus(), stdout, this,
                s -> debug.log("unimp", s), s -> debug.log("guest_errors", s), Duration.ofSeconds(10));
        this.devices = DeviceSystem.create(system, icount != null ? options.withVirtualTime(icount.timers()) : options);
        buildBus();
        buildCpus();
    }

    /**
     * The machine's actor system configuration. Pekko logs through SLF4J to Logback (stderr: the guest owns
     * stdout) at the level of {@code mttcg.logging.level}, unless a config file sets {@code pekko.loglevel}
     * itself; the rest of the user's pekko keys apply as given, except those the machine depends on
     * (daemon threads, no shutdown hook, nothing printed on stdout, no dead-letter reports).
     */
    static Config pekkoConfig(MachineConfig cfg) {
        Config fixed = ConfigFactory.parseString(
                "pekko.daemonic = on\n"
                + "pekko.stdout-loglevel = OFF\n"
                + "pekko.log-dead-letters = off\n"
                + "pekko.log-dead-letters-during-shutdown = off\n"
                + "pekko.loggers = [\"org.apache.pekko.event.slf4j.Slf4jLogger\"]\n"
                + "pekko.logging-filter = \"org.apache.pekko.event.slf4j.Slf4jLoggingFilter\"\n"
                + "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off\n");
        Config merged = fixed.withFallback(cfg.raw());
        if (!setOutsideReferenceConf(cfg.raw(), "pekko.loglevel")) {
            merged = ConfigFactory.parseString("pekko.loglevel = " + pekkoLevel(cfg.logLevel())).withFallback(merged);
        }
        return merged.withFallback(ConfigFactory.load());
    }

    /** Pekko's name for an SLF4J level name (Pekko has no TRACE, and says WARNING). */
    static String pekkoLevel(String slf4jLevel) {
        return switch (slf4jLevel) {
            case "OFF", "ERROR", "INFO", "DEBUG" -> slf4jLevel;
            case "TRACE" -> "DEBUG";
            default -> "WARNING";
        };
    }

    /** True when {@code path} has a value that no library's reference.conf gave it (a user's file or flag). */
    private static boolean setOutsideReferenceConf(Config config, String path) {
        if (!config.hasPath(path)) {
            return false;
        }
        String resource = config.getValue(path).origin().resource();
        return resource == null || !resource.endsWith("reference.conf");
    }

    private void buildBus() {
        AddressSpace first = null;
        for (int c = 0; c < cfg.cpus(); c++) {
            AddressSpace as = new AddressSpace();
            if (first == null) {
                as.mapRam("ram", VexpressMemoryMap.RAM_BASE, (int) cfg.memoryBytes());
                as.mapRam("sram", VexpressMemoryMap.SRAM, VexpressMemoryMap.SRAM_SIZE);
                as.mapRam("vram", VexpressMemoryMap.VRAM, VexpressMemoryMap.VRAM_SIZE);
                as.mapRam("a15-sram", VexpressMemoryMap.A15_SRAM, VexpressMemoryMap.A15_SRAM_SIZE);
                first = as;
            } else {
                for (String name : List.of("ram", "sram", "vram", "a15-sram")) {
                    as.mapSharedRam(first.ramAt(baseOf(first, name)));
                }
            }
            as.mapZero("flash-alias", 0x00000000, 0x04000000);
            as.mapZero("flash0", VexpressMemoryMap.FLASH0, 0x04000000);
            as.mapZero("flash1", VexpressMemoryMap.FLASH1, 0x04000000);
            for (Region r : devices.regionsFor(c)) {
                as.mapMmio(r.name(), (int) r.base(), (int) r.size(), r.device());
            }
            as.setGuestErrorLog(s -> debug.log("guest_errors", s));
            as.setCodeWriteListener((addr, len) -> codeWritten(addr, len));
            busViews.add(as);
        }
    }

    private static int baseOf(AddressSpace as, String name) {
        switch (name) {
            case "ram": return VexpressMemoryMap.RAM_BASE;
            case "sram": return VexpressMemoryMap.SRAM;
            case "vram": return VexpressMemoryMap.VRAM;
            default: return VexpressMemoryMap.A15_SRAM;
        }
    }

    /**
     * A store hit translated code: drop the blocks made from those bytes, and make every vCPU leave the
     * block it runs (a loop inside a block must not keep running the old code).
     */
    private void codeWritten(int addr, int len) {
        synchronized (cache) { // see CpuExec#lookup: insert+mark and invalidate+unmark must not interleave
            invalidateCode(addr, len);
        }
    }

    private void invalidateCode(int addr, int len) {
        if (!cache.invalidateRange(addr, len).isEmpty()) {
            for (Vcpu v : vcpus) {
                v.state.exitRequest = true;
            }
        }
        int granule = 1 << RamRegion.CODE_SHIFT;
        int first = addr & -granule;
        for (long g = first & 0xffffffffL; g < (addr & 0xffffffffL) + len; g += granule) {
            if (!cache.hasCode((int) g, granule)) {
                busViews.get(0).unmarkCode((int) g);
            }
        }
    }

    private void buildCpus() {
        io.mttcgj.codegen.arm.decode.DecodeTable a32 = A32.decoder();
        io.mttcgj.codegen.arm.decode.DecodeTable t16 = io.mttcgj.codegen.arm.thumb.Thumb.t16();
        io.mttcgj.codegen.arm.decode.DecodeTable t32 = io.mttcgj.codegen.arm.thumb.Thumb.t32();
        io.mttcgj.codegen.interp.Tier0Ops.attach(a32, t16, t32);
        for (int c = 0; c < cfg.cpus(); c++) {
            AddressSpace as = busViews.get(c);
            SystemRegisters cp15 = new SystemRegisters(c, cfg.cpus(), devices.timer(c));
            cp15.unimplemented = s -> debug.log("unimp", s);
            CpuState st = new CpuState(c, as, cp15);
            BlockCompiler compiler = new BlockCompiler(as, a32, t16, t32, cfg.translation().maxBlockInsns());
            if (debug.enabled("in_asm")) {
                compiler.setInAsmLog(s -> debug.log("in_asm", s), A32Disassembler::disassemble,
                        io.mttcgj.codegen.arm.disasm.ThumbDisassembler::disassemble);
            }
            CpuExec exec = new CpuExec(st, cache, new JumpCache(cfg.translation().jumpCacheBits()), compiler,
                    hooksFor(c));
            var tiers = cfg.translation().tiers();
            if (tiers != io.mttcgj.config.Translation.Tiers.COMPILE) {
                boolean mixed = tiers == io.mttcgj.config.Translation.Tiers.MIXED;
                if (mixed && tier1 == null && cfg.translation().compileThread() && icount == null) {
                    // One compile thread for the machine, with its own compiler (BlockCompiler is single-threaded).
                    BlockCompiler background = new BlockCompiler(as, a32, t16, t32, cfg.translation().maxBlockInsns());
                    if (debug.enabled("in_asm")) {
                        background.setInAsmLog(s -> debug.log("in_asm", s), A32Disassembler::disassemble,
                                io.mttcgj.codegen.arm.disasm.ThumbDisassembler::disassemble);
                    }
                    tier1 = new io.mttcgj.codegen.exec.Tier1Compiler(background, cache, as, "mttcg-tier1");
                }
                var builder = new io.mttcgj.codegen.interp.Tier0Builder(as, a32, t16, t32,
                        cfg.translation().maxBlockInsns(), cfg.translation().promoteAfter());
                if (debug.enabled("in_asm") || debug.enabled("op")) {
                    builder.setLogs(debug.enabled("in_asm") ? s -> debug.log("in_asm", s) : null,
                            debug.enabled("op") ? s -> debug.log("op", s) : null,
                            (insn, pc, thumb, wide, it) -> thumb
                                    ? io.mttcgj.codegen.arm.disasm.ThumbDisassembler.disassemble(insn, wide, pc, it)
                                    : A32Disassembler.disassemble(insn, pc));
                }
                exec.setTier0(builder, mixed, tier1);
            }
            Vcpu v = new Vcpu(st, exec);
            devices.gic().connect(c, icount != null ? icount.latch(c) : v);
            vcpus.add(v);
        }
        for (Vcpu v : vcpus) {
            v.state.sev = this::sendEvent;
            int c = v.index();
            v.exec.flushAction = () -> {
                long gen = cache.generation();
                // Merged: if another vCPU flushed while this request waited, there is nothing left to do.
                safeWork.runSync(c, "tb-flush", () -> {
                    if (cache.generation() == gen) {
                        cache.flush();
                    }
                });
            };
            v.state.cp15.maintenance = new SystemRegisters.Maintenance() {
                @Override
                public void tlb(int op, int value, boolean broadcast) {
                    // Any TLBI drops the whole soft TLB (and with it the jump cache, keyed by virtual PC): by MVA
                    // or ASID would be finer, but a full flush is always correct and cheap to refill. The
                    // issuer's own TLB was flushed by SystemRegisters.
                    if (broadcast && vcpus.size() > 1) {
                        // TLBI*IS: every vCPU drops its translation state before the issuer goes on.
                        boolean byAddress = SystemRegisters.isTlbiByAddress(op & 0xf);
                        safeWork.runSync(c, "tlb-flush-all", () -> vcpus.forEach(x -> {
                            if (byAddress) {
                                x.state.flushTlbPage(value);
                            } else {
                                x.state.flushTlb();
                            }
                        }));
                    }
                }

                @Override
                public void icache(int op, int value, boolean broadcast) {
                    // Stores into translated code are caught as they happen; nothing to do here.
                }
            };
        }
    }

    /** Semihosting and -d logging for one vCPU; replaced by {@link #setHooks} before start. */
    private ExecHooks hooksFor(int cpu) {
        return new ExecHooks() {
            @Override
            public boolean semihosting(CpuState c, int kind, int imm) {
                return semihost != null && semihost.handle(c, kind, imm);
            }

            @Override
            public void log(String item, String message) {
                debug.log(item, message);
            }

            @Override
            public boolean logging(String item) {
                return debug.enabled(item);
            }
        };
    }

    /** The semihosting implementation, set by the launcher once the image is loaded. */
    public interface SemihostingHandler {
        boolean handle(CpuState cpu, int kind, int imm);
    }

    private volatile SemihostingHandler semihost;

    public void setSemihosting(SemihostingHandler h) {
        this.semihost = h;
    }

    /** SEV: every vCPU's event register is set and any vCPU sleeping in WFE wakes. */
    private void sendEvent() {
        for (Vcpu v : vcpus) {
            v.sendEvent();
        }
    }

    public AddressSpace bus(int cpu) {
        return busViews.get(cpu);
    }

    public List<Vcpu> vcpus() {
        return vcpus;
    }

    public DeviceSystem devices() {
        return devices;
    }

    public SafeWorkStats safeWorkStats() {
        return safeWork.stats();
    }

    public TbCache cache() {
        return cache;
    }

    /** The background compile thread (null when blocks are compiled on the vCPU threads). */
    public io.mttcgj.codegen.exec.Tier1Compiler tier1() {
        return tier1;
    }

    public MachineConfig config() {
        return cfg;
    }

    /** Sets every vCPU's reset state as QEMU's vexpress-a15 does for a bare-metal ELF. */
    public void resetCpu(int c, int pc, boolean thumb, int r0, int r1, int r2) {
        CpuState s = vcpus.get(c).state;
        int mode;
        if (cfg.secure()) {
            mode = Mode.SVC;
        } else if (cfg.virtualization()) {
            mode = Mode.HYP;
        } else {
            mode = Mode.SVC;
            s.cp15.scr = 1; // Non-secure
        }
        s.setCpsr(mode | CpuState.CPSR_A | CpuState.CPSR_I | CpuState.CPSR_F | (thumb ? CpuState.CPSR_T : 0));
        s.r[0] = r0;
        s.r[1] = r1;
        s.r[2] = r2;
        s.r[15] = pc;
        while (bootState.size() <= c) {
            bootState.add(null);
        }
        bootState.set(c, new int[] {pc, thumb ? 1 : 0, r0, r1, r2});
    }

    /** Deterministic mode: puts vCPU {@code c} back into its boot state (a crashed vCPU restarted); RAM is kept. */
    void restartCpu(int c) {
        int[] b = bootState.get(c);
        java.util.Arrays.fill(vcpus.get(c).state.r, 0);
        resetCpu(c, b[0], b[1] != 0, b[2], b[3], b[4]);
    }

    void vcpuRestarted(int c, Throwable cause) {
        debug.log("int", "CPU#" + c + ": crashed (" + cause + "), restarted from reset");
    }

    /** Deterministic mode: called on the driver thread around each vCPU turn (fault injection). Before start. */
    public void setSliceHook(SliceHook hook) {
        this.sliceHook = hook;
    }

    /** Deterministic mode: what the supervisor does when a vCPU crashes. Before start. */
    public void setCrashStrategy(IcountDriver.CrashStrategy strategy) {
        this.crashStrategy = strategy;
    }

    /** Deterministic mode: virtual time in ns (0 when off). */
    public long virtualNanos() {
        return icount != null ? icount.nanos() : 0;
    }

    /** Deterministic mode: the board-side clock, timers and interrupt latches (null when off). */
    public IcountSupport icount() {
        return icount;
    }

    /** Starts the vCPU drivers: one pinned actor per vCPU (thread=multi) or one for all (thread=single). */
    public void start() {
        startNanos = System.nanoTime();
        DispatcherSelector pinned = DispatcherSelector.fromConfig("mttcg-vcpu-dispatcher");
        if (icount != null) {
            ActorRef<VcpuActor.Command> d = system.systemActorOf(IcountDriver.create(vcpus, icount,
                    cfg.icountQuantum(), sliceHook, crashStrategy), "vcpus-icount", pinned);
            drivers.add(d);
            d.tell(new VcpuActor.Start());
        } else if (cfg.threadMode() == ThreadMode.MULTI) {
            List<Supervisor.Driver> ds = new ArrayList<>();
            for (Vcpu v : vcpus) {
                ActorRef<VcpuActor.Command> ref = system.systemActorOf(
                        VcpuActor.create(List.of(v), this, VcpuActor.DEFAULT_SLICE, true), "vcpu-" + v.index(),
                        pinned);
                drivers.add(ref);
                ds.add(new Supervisor.Driver(ref, List.of(v)));
            }
            SafeWorkStats stats = new SafeWorkStats();
            ActorRef<Supervisor.Command> sup = system.systemActorOf(
                    Supervisor.create(ds, stats, msg -> debug.log("int", msg)), "supervisor",
                    org.apache.pekko.actor.typed.Props.empty());
            safeWork = SafeWork.via(sup, stats, vcpus);
            // Only now may guest code run: a TB flush or TLBI*IS must find the supervisor in place.
            drivers.forEach(d -> d.tell(new VcpuActor.Start()));
        } else {
            drivers.add(system.systemActorOf(VcpuActor.create(vcpus, this, VcpuActor.DEFAULT_SLICE / 4),
                    "vcpus-rr", pinned));
        }
    }

    private volatile boolean stopping;

    @Override
    public boolean stopping() {
        return stopping;
    }

    @Override
    public void shutdown(int status) {
        stopping = true;
        for (Vcpu v : vcpus) {
            v.state.exitRequest = true;
        }
        exit.complete(status);
    }

    @Override
    public void reset() {
        // A guest reset request: without a reset model, end the run as QEMU -no-reboot does.
        shutdown(0);
    }

    @Override
    public void fatal(int cpu, String message, String report, Throwable cause) {
        boolean bug = cause != null;
        StringBuilder sb = new StringBuilder();
        sb.append("mttcg: vCPU ").append(cpu).append(": ").append(message).append('\n').append(report);
        if (bug) {
            java.io.StringWriter w = new java.io.StringWriter();
            cause.printStackTrace(new java.io.PrintWriter(w));
            sb.append("\nemulator stack trace (please report):\n").append(w);
        }
        synchronized (stderr) {
            stderr.println(sb);
        }
        shutdown(bug ? ExitStatus.INTERNAL_ERROR : ExitStatus.GUEST_FATAL);
    }

    /** Waits for the guest to finish; on timeout dumps every vCPU and returns {@link ExitStatus#TIMEOUT}. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        try {
            if (timeout.isZero()) {
                return exit.get();
            }
            return exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stderr.println("mttcg: timeout after " + timeout.toSeconds() + " s; vCPU state:");
            stderr.println(dumpCpus());
            return ExitStatus.TIMEOUT;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public String dumpCpus() {
        StringBuilder sb = new StringBuilder();
        for (Vcpu v : vcpus) {
            sb.append(v.state.describe()).append(v.halted() ? "\n  (halted)" : "").append('\n');
        }
        return sb.toString();
    }

    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    /** Returns once UART0 has processed every write sent to it before by the calling thread. */
    public void drainConsole() {
        busViews.get(0).read(0x1c090018, 4);
    }

    /** Stops vCPUs and devices; output the devices still hold is written first. */
    public void stop() {
        stopping = true; // a driver still running (timeout) runs no more guest code
        for (ActorRef<VcpuActor.Command> d : drivers) {
            d.tell(new VcpuActor.Stop());
        }
        try {
            // A read through UART0 is ordered after every write sent to it before: it drains pending output.
            drainConsole();
        } catch (RuntimeException ignored) {
            // the device system may already be gone
        }
        devices.close();
        if (tier1 != null) {
            tier1.close();
        }
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // exiting anyway
        }
        stdout.flush();
    }
}
