package io.mttcgj.board.semihosting;

import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.arm.state.Mode;
import io.mttcgj.platform.BoardControl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * ARM semihosting (the "Semihosting for AArch32 and AArch64" specification, v2), with QEMU 7.2's
 * behaviour where the specification leaves room: r0 holds the operation, r1 the parameter block address
 * (or the value itself for a few calls), and the result goes to r0.
 *
 * <p>One instance serves every vCPU of a machine; calls from several vCPUs may run at the same time.
 * Console output is flushed before the call returns, so it interleaves with UART output as it happens.
 * SYS_EXIT and SYS_EXIT_EXTENDED shut the machine down through {@link BoardControl#shutdown} and stop
 * the calling vCPU ({@link CpuState#exitRequest}); {@link #exitRequested()} then stays true so the board
 * runs no further guest code on any vCPU.
 */
public final class Semihosting {
    public static final int SYS_OPEN = 0x01;
    public static final int SYS_CLOSE = 0x02;
    public static final int SYS_WRITEC = 0x03;
    public static final int SYS_WRITE0 = 0x04;
    public static final int SYS_WRITE = 0x05;
    public static final int SYS_READ = 0x06;
    public static final int SYS_READC = 0x07;
    public static final int SYS_ISERROR = 0x08;
    public static final int SYS_ISTTY = 0x09;
    public static final int SYS_SEEK = 0x0a;
    public static final int SYS_FLEN = 0x0c;
    public static final int SYS_TMPNAM = 0x0d;
    public static final int SYS_REMOVE = 0x0e;
    public static final int SYS_RENAME = 0x0f;
    public static final int SYS_CLOCK = 0x10;
    public static final int SYS_TIME = 0x11;
    public static final int SYS_SYSTEM = 0x12;
    public static final int SYS_ERRNO = 0x13;
    public static final int SYS_GET_CMDLINE = 0x15;
    public static final int SYS_HEAPINFO = 0x16;
    public static final int SYS_EXIT = 0x18;
    public static final int SYS_EXIT_EXTENDED = 0x20;
    public static final int SYS_ELAPSED = 0x30;
    public static final int SYS_TICKFREQ = 0x31;

    /** ADP_Stopped_ApplicationExit: the only exit reason that means success. */
    public static final int ADP_STOPPED_APPLICATION_EXIT = 0x20026;
    /** The specification says r0 is corrupted by SYS_WRITEC/SYS_WRITE0; QEMU writes this marker. */
    static final int CORRUPTED = 0xdeadbeef;
    /** Longest file name or SYS_WRITE0 string accepted (guards against an unterminated string). */
    static final int MAX_NAME = 4096;
    static final int MAX_STRING = 1 << 24;
    private static final int CHUNK = 64 * 1024;

    private final SemihostingSettings settings;
    private final InputStream stdin;
    private final OutputStream console;
    private final BoardControl board;
    private final Consumer<String> unimpLog;
    private final Function<CpuState, GuestMemory> memoryView;
    private final GuestFiles files;
    private LongSupplier elapsedNanos = System::nanoTime;
    private long startNanos = System.nanoTime();
    private LongSupplier cpuTimeNanos = Semihosting::processCpuNanos;
    private volatile int errno;
    private volatile boolean exitRequested;

    /** Semihosting on physical memory. */
    public Semihosting(SemihostingSettings settings, InputStream stdin, OutputStream stdout, OutputStream stderr,
                       BoardControl board, Consumer<String> unimpLog) {
        this(settings, stdin, stdout, stderr, board, unimpLog, cpu -> GuestMemory.physical(cpu.mem));
    }

    /**
     * @param memoryView the guest memory a vCPU's parameter blocks and buffers are read from (physical until
     *                   the MMU provides a virtual view)
     * @param unimpLog   receives a line for each unsupported call (QEMU's {@code -d unimp})
     */
    public Semihosting(SemihostingSettings settings, InputStream stdin, OutputStream stdout, OutputStream stderr,
                       BoardControl board, Consumer<String> unimpLog, Function<CpuState, GuestMemory> memoryView) {
        this.settings = settings;
        this.stdin = stdin;
        this.console = settings.consoleToStdout() ? stdout : stderr;
        this.board = board;
        this.unimpLog = unimpLog;
        this.memoryView = memoryView;
        this.files = new GuestFiles(settings.root(), stdin, stdout, stderr, settings.consoleIsTty());
    }

    /** Deterministic mode: SYS_ELAPSED and SYS_CLOCK read virtual time (ns since the machine started). */
    public void useVirtualClock(LongSupplier virtualNanos) {
        elapsedNanos = virtualNanos;
        startNanos = 0;
        cpuTimeNanos = virtualNanos;
    }

    /** For tests: where SYS_CLOCK gets the process CPU time from. */
    void setCpuTimeSource(LongSupplier nanos) {
        cpuTimeNanos = nanos;
    }

    /** True once the guest asked to exit; the board must run no further guest instruction. */
    public boolean exitRequested() {
        return exitRequested;
    }

    /** Closes the guest's open host files (call at shutdown). */
    public void close() {
        files.closeAll();
    }

    /** True if this trap is a semihosting call in the current instruction set. */
    public static boolean isSemihostingTrap(int kind, int imm, boolean thumb) {
        return switch (kind) {
            case CpuState.EXIT_SVC -> imm == (thumb ? 0xab : 0x123456);
            case CpuState.EXIT_BKPT -> thumb && imm == 0xab;
            case CpuState.EXIT_HLT -> imm == (thumb ? 0x3c : 0xf000);
            default -> false;
        };
    }

    /**
     * Serves a trap if it is a semihosting call: returns true when handled (the loop steps over the
     * instruction, no exception is taken); false when semihosting is off, the trap is not a semihosting
     * one, or it came from User mode (QEMU refuses those unless {@code userspace=on}).
     */
    public boolean handle(CpuState cpu, int kind, int imm) {
        if (!settings.enabled() || !isSemihostingTrap(kind, imm, cpu.thumb())) {
            return false;
        }
        if (cpu.mode() == Mode.USR && !settings.allowUserMode()) {
            return false;
        }
        if (exitRequested) {
            cpu.exitRequest = true; // the machine is going down: run nothing more
            return true;
        }
        GuestMemory m = memoryView.apply(cpu);
        int op = cpu.r[0];
        int arg = cpu.r[1];
        try {
            Integer result = call(cpu, m, op, arg);
            if (result != null) {
                cpu.r[0] = result;
            }
        } catch (Errno e) {
            errno = e.code;
            cpu.r[0] = -1;
        }
        return true;
    }

    /** Runs one call; returns the value for r0, or null to leave r0 alone. */
    private Integer call(CpuState cpu, GuestMemory m, int op, int arg) throws Errno {
        switch (op) {
            case SYS_OPEN: {
                String name = readName(m, m.read32(arg), m.read32(arg + 8));
                return files.open(name, m.read32(arg + 4));
            }
            case SYS_CLOSE:
                files.close(m.read32(arg));
                return 0;
            case SYS_WRITEC:
                writeConsole(new byte[] {(byte) m.read8(arg)}, 1);
                return CORRUPTED;
            case SYS_WRITE0: {
                byte[] s = readCString(m, arg, MAX_STRING);
                writeConsole(s, s.length);
                return CORRUPTED;
            }
            case SYS_WRITE:
                return write(m, m.read32(arg), m.read32(arg + 4), m.read32(arg + 8));
            case SYS_READ:
                return read(m, m.read32(arg), m.read32(arg + 4), m.read32(arg + 8));
            case SYS_READC:
                return readConsoleChar();
            case SYS_ISERROR:
                return m.read32(arg) < 0 ? 1 : 0;
            case SYS_ISTTY: {
                if (files.get(m.read32(arg)).isTty()) {
                    return 1;
                }
                errno = Errno.ENOTTY;
                return 0;
            }
            case SYS_SEEK:
                files.get(m.read32(arg)).seek(Integer.toUnsignedLong(m.read32(arg + 4)));
                return 0;
            case SYS_FLEN:
                return (int) files.get(m.read32(arg)).length();
            case SYS_TMPNAM:
                return tmpName(m, m.read32(arg), m.read32(arg + 4), m.read32(arg + 8));
            case SYS_REMOVE:
                files.remove(readName(m, m.read32(arg), m.read32(arg + 4)));
                return 0;
            case SYS_RENAME:
                files.rename(readName(m, m.read32(arg), m.read32(arg + 4)),
                        readName(m, m.read32(arg + 8), m.read32(arg + 12)));
                return 0;
            case SYS_CLOCK:
                return (int) (cpuTimeNanos.getAsLong() / 10_000_000L);
            case SYS_TIME:
                return (int) (System.currentTimeMillis() / 1000);
            case SYS_SYSTEM:
                // Running host commands for the guest is not something an emulator should do.
                throw new Errno(Errno.EPERM);
            case SYS_ERRNO:
                return errno;
            case SYS_GET_CMDLINE:
                return getCmdline(m, arg);
            case SYS_HEAPINFO: {
                int block = m.read32(arg);
                m.write32(block, settings.heapBase());
                m.write32(block + 4, settings.heapLimit());
                m.write32(block + 8, settings.heapLimit()); // stack base: the stack grows down from the RAM end
                m.write32(block + 12, settings.heapBase()); // stack limit: QEMU 7.2 reports the heap base
                return 0;
            }
            case SYS_EXIT:
                // A32/T32 form: r1 is the reason itself, and only "application exit" is success.
                exit(cpu, arg == ADP_STOPPED_APPLICATION_EXIT ? 0 : 1);
                return null;
            case SYS_EXIT_EXTENDED: {
                int reason = m.read32(arg);
                int code = m.read32(arg + 4);
                exit(cpu, reason == ADP_STOPPED_APPLICATION_EXIT ? code & 0xff : 1);
                return null;
            }
            case SYS_ELAPSED: {
                long ticks = elapsedNanos.getAsLong() - startNanos;
                m.write32(arg, (int) ticks);
                m.write32(arg + 4, (int) (ticks >>> 32));
                return 0;
            }
            case SYS_TICKFREQ:
                return 1_000_000_000;
            default:
                unimpLog.accept(String.format("semihosting: unsupported call 0x%x (r1=0x%08x) on CPU %d, returning -1",
                        op, arg, cpu.index));
                return -1;
        }
    }

    private void exit(CpuState cpu, int status) {
        exitRequested = true;
        cpu.exitRequest = true;
        files.closeAll();
        board.shutdown(status);
    }

    /** SYS_WRITE: returns the number of bytes NOT written (0 = all; {@code len} on error, errno set). */
    private int write(GuestMemory m, int handle, int buf, int len) throws Errno {
        GuestFiles.GuestFile f;
        try {
            f = files.get(handle);
        } catch (Errno e) {
            errno = e.code;
            return len;
        }
        byte[] chunk = new byte[(int) Math.min(CHUNK, Integer.toUnsignedLong(len))];
        long left = Integer.toUnsignedLong(len);
        try {
            while (left > 0) {
                int n = (int) Math.min(chunk.length, left);
                m.readBytes(buf + (int) (Integer.toUnsignedLong(len) - left), chunk, 0, n);
                f.write(chunk, n);
                left -= n;
            }
        } catch (Errno e) {
            errno = e.code;
        }
        return (int) left;
    }

    /** SYS_READ: returns the number of bytes NOT read (0 = buffer filled, {@code len} = end of file or error). */
    private int read(GuestMemory m, int handle, int buf, int len) throws Errno {
        GuestFiles.GuestFile f;
        try {
            f = files.get(handle);
        } catch (Errno e) {
            errno = e.code;
            return len;
        }
        long total = Integer.toUnsignedLong(len);
        byte[] chunk = new byte[(int) Math.min(CHUNK, total)];
        long done = 0;
        try {
            while (done < total) {
                int want = (int) Math.min(chunk.length, total - done);
                int n = f.read(chunk, want);
                m.writeBytes(buf + (int) done, chunk, 0, n);
                done += n;
                if (n < want || f.interactive()) {
                    break; // end of file, or a console read that returned what was typed so far
                }
            }
        } catch (Errno e) {
            errno = e.code;
        }
        return (int) (total - done);
    }

    private int readConsoleChar() throws Errno {
        try {
            return stdin.read(); // -1 at end of input
        } catch (IOException e) {
            throw new Errno(Errno.EIO);
        }
    }

    private void writeConsole(byte[] b, int len) {
        try {
            synchronized (console) {
                console.write(b, 0, len);
                console.flush();
            }
        } catch (IOException e) {
            // The console went away (closed pipe): the guest cannot do anything about it.
        }
    }

    /** SYS_GET_CMDLINE: {buffer, size} in, {buffer, length} out. */
    private int getCmdline(GuestMemory m, int block) throws Errno {
        byte[] s = settings.cmdline().getBytes(StandardCharsets.UTF_8);
        int buf = m.read32(block);
        long size = Integer.toUnsignedLong(m.read32(block + 4));
        if (s.length + 1 > size) {
            throw new Errno(Errno.ENOSPC);
        }
        m.write32(block + 4, s.length);
        m.writeBytes(buf, s, 0, s.length);
        m.write8(buf + s.length, 0);
        return 0;
    }

    /** SYS_TMPNAM: {buffer, id 0-255, buffer size}. */
    private int tmpName(GuestMemory m, int buf, int id, int size) throws Errno {
        byte[] s = files.tmpName(id).getBytes(StandardCharsets.UTF_8);
        if (s.length + 1 > Integer.toUnsignedLong(size)) {
            throw new Errno(Errno.ERANGE);
        }
        m.writeBytes(buf, s, 0, s.length);
        m.write8(buf + s.length, 0);
        return 0;
    }

    /** A file name given as (address, length without the NUL); a NUL inside ends it early. */
    private static String readName(GuestMemory m, int addr, int len) throws Errno {
        if (Integer.toUnsignedLong(len) > MAX_NAME) {
            throw new Errno(Errno.ENAMETOOLONG);
        }
        byte[] b = new byte[len];
        m.readBytes(addr, b, 0, len);
        int n = 0;
        while (n < len && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    private static byte[] readCString(GuestMemory m, int addr, int max) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < max; i++) {
            int c = m.read8(addr + i);
            if (c == 0) {
                break;
            }
            out.write(c);
        }
        return out.toByteArray();
    }

    /** CPU time of the whole emulator process, as C's clock() measures it for QEMU. */
    static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            long t = sun.getProcessCpuTime();
            if (t >= 0) {
                return t;
            }
        }
        return ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L; // no CPU clock: wall time
    }
}
