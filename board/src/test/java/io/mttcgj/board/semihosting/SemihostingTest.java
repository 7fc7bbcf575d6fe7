package io.mttcgj.board.semihosting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.arm.state.Mode;
import io.mttcgj.codegen.arm.state.SystemRegisters;
import io.mttcgj.memory.AddressSpace;
import io.mttcgj.platform.BoardControl;
import io.mttcgj.platform.GenericTimerPort;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Semihosting calls against real guest memory and CPU state. Values marked "QEMU" were measured with
 * qemu-system-arm 7.2 running a probe program ({@code -semihosting-config enable=on,target=native}).
 */
class SemihostingTest {
    static final int RAM = 0x80000000;
    static final int DATA = 0x80080000;
    static final int EBADF = 9;
    static final int EACCES = 13;
    static final int ENOTTY = 25;
    static final int ENOSPC = 28;

    @TempDir
    Path root;

    final AddressSpace mem = new AddressSpace();
    final CpuState cpu;
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    final List<Integer> shutdowns = new ArrayList<>();
    final List<String> unimp = new ArrayList<>();
    byte[] stdinBytes = "typed\nmore".getBytes(StandardCharsets.US_ASCII);
    private int next = DATA;

    SemihostingTest() {
        mem.mapRam("ram", RAM, 1 << 20);
        cpu = new CpuState(0, mem, new SystemRegisters(0, 1, new NullTimer()));
    }

    Semihosting sh(boolean enabled, boolean chardev) {
        SemihostingSettings s = new SemihostingSettings(enabled, chardev, false, root, "p.elf a b c", 0x800021a8,
                0x88000000, false);
        BoardControl board = new BoardControl() {
            @Override
            public void shutdown(int status) {
                shutdowns.add(status);
            }

            @Override
            public void reset() {
            }
        };
        return new Semihosting(s, new ByteArrayInputStream(stdinBytes), stdout, stderr, board, unimp::add);
    }

    Semihosting sh() {
        return sh(true, false);
    }

    /** One call through the A32 trap {@code SVC 0x123456}; returns r0. */
    int call(Semihosting s, int op, int r1) {
        cpu.r[0] = op;
        cpu.r[1] = r1;
        assertTrue(s.handle(cpu, CpuState.EXIT_SVC, 0x123456));
        return cpu.r[0];
    }

    int block(int... words) {
        int at = next;
        for (int w : words) {
            mem.write(next, 4, w);
            next += 4;
        }
        next += 16;
        return at;
    }

    int str(String s) {
        int at = next;
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (byte c : b) {
            mem.write(next++, 1, c);
        }
        mem.write(next++, 1, 0);
        next = (next + 19) & ~3;
        return at;
    }

    int open(Semihosting s, String name, int mode) {
        return call(s, Semihosting.SYS_OPEN, block(str(name), mode, name.length()));
    }

    String guestString(int addr, int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) mem.read(addr + i, 1);
        }
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    // ------------------------------------------------------------------ which traps

    @Test
    void recognisesTheSemihostingTrapsOfEachInstructionSet() {
        assertTrue(Semihosting.isSemihostingTrap(CpuState.EXIT_SVC, 0x123456, false));
        assertFalse(Semihosting.isSemihostingTrap(CpuState.EXIT_SVC, 0xab, false));
        assertTrue(Semihosting.isSemihostingTrap(CpuState.EXIT_SVC, 0xab, true));
        assertFalse(Semihosting.isSemihostingTrap(CpuState.EXIT_SVC, 0x123456, true));
        assertTrue(Semihosting.isSemihostingTrap(CpuState.EXIT_BKPT, 0xab, true));
        assertFalse(Semihosting.isSemihostingTrap(CpuState.EXIT_BKPT, 0xab, false));
        assertTrue(Semihosting.isSemihostingTrap(CpuState.EXIT_HLT, 0xf000, false));
        assertTrue(Semihosting.isSemihostingTrap(CpuState.EXIT_HLT, 0x3c, true));
        assertFalse(Semihosting.isSemihostingTrap(CpuState.EXIT_HLT, 0x3c, false));
        assertFalse(Semihosting.isSemihostingTrap(CpuState.EXIT_UDF, 0xab, true));
    }

    @Test
    void thumbCallsWork() {
        Semihosting s = sh();
        cpu.cpsrCtl |= CpuState.CPSR_T;
        cpu.r[0] = Semihosting.SYS_TICKFREQ;
        assertTrue(s.handle(cpu, CpuState.EXIT_SVC, 0xab));
        assertEquals(1_000_000_000, cpu.r[0]);
        assertFalse(s.handle(cpu, CpuState.EXIT_SVC, 0x123456), "the A32 number is an ordinary SVC in Thumb");
    }

    @Test
    void disabledOrUserModeLeavesTheTrapAlone() {
        cpu.r[0] = Semihosting.SYS_TICKFREQ;
        assertFalse(sh(false, false).handle(cpu, CpuState.EXIT_SVC, 0x123456));
        cpu.switchMode(Mode.USR);
        assertFalse(sh().handle(cpu, CpuState.EXIT_SVC, 0x123456));
        assertEquals(Semihosting.SYS_TICKFREQ, cpu.r[0]);
    }

    // ------------------------------------------------------------------ console

    @Test
    void consoleOutputGoesToStderrByDefault() {
        Semihosting s = sh();
        int r = call(s, Semihosting.SYS_WRITEC, str("X"));
        assertEquals(0xdeadbeef, r, "QEMU: r0 after SYS_WRITEC");
        call(s, Semihosting.SYS_WRITE0, str("hello\n"));
        assertEquals("Xhello\n", stderr.toString(StandardCharsets.US_ASCII));
        assertEquals("", stdout.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void consoleOutputGoesToStdoutWithChardevSerial0() {
        Semihosting s = sh(true, true);
        call(s, Semihosting.SYS_WRITE0, str("out"));
        assertEquals("out", stdout.toString(StandardCharsets.US_ASCII));
        assertEquals("", stderr.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void ttyHandlesByOpenMode() {
        Semihosting s = sh();
        int in = open(s, ":tt", 0);
        int out = open(s, ":tt", 4);
        int err = open(s, ":tt", 8);
        assertEquals(List.of(1, 2, 3), List.of(in, out, err), "QEMU: first handle is 1");

        assertEquals(0, call(s, Semihosting.SYS_WRITE, block(out, str("to stdout"), 9)));
        assertEquals(0, call(s, Semihosting.SYS_WRITE, block(err, str("to stderr"), 9)));
        assertEquals("to stdout", stdout.toString(StandardCharsets.US_ASCII));
        assertEquals("to stderr", stderr.toString(StandardCharsets.US_ASCII));

        int buf = block(0, 0, 0, 0);
        assertEquals(16 - 10, call(s, Semihosting.SYS_READ, block(in, buf, 16)), "returns bytes NOT read");
        assertEquals("typed\nmore", guestString(buf, 10));
        assertEquals(16, call(s, Semihosting.SYS_READ, block(in, buf, 16)), "end of input: nothing read");

        assertEquals(0, call(s, Semihosting.SYS_ISTTY, block(out)), "QEMU with stdout redirected: not a tty");
        assertEquals(ENOTTY, call(s, Semihosting.SYS_ERRNO, 0), "QEMU: errno after SYS_ISTTY");
        assertEquals(0, call(s, Semihosting.SYS_CLOSE, block(err)));
        assertEquals(3, open(s, ":tt", 9), "a closed handle is reused");
    }

    @Test
    void readcReadsStdin() {
        stdinBytes = new byte[] {'q'};
        Semihosting s = sh();
        assertEquals('q', call(s, Semihosting.SYS_READC, 0));
        assertEquals(-1, call(s, Semihosting.SYS_READC, 0));
    }

    @Test
    void badHandles() {
        Semihosting s = sh();
        assertEquals(5, call(s, Semihosting.SYS_WRITE, block(7, str("abcde"), 5)), "nothing written");
        assertEquals(EBADF, call(s, Semihosting.SYS_ERRNO, 0));
        assertEquals(-1, call(s, Semihosting.SYS_CLOSE, block(0)));
        assertEquals(-1, call(s, Semihosting.SYS_FLEN, block(42)));
        int in = open(s, ":tt", 0);
        assertEquals(3, call(s, Semihosting.SYS_WRITE, block(in, str("abc"), 3)), "stdin is not writable");
        assertEquals(-1, open(s, ":tt", 12), "mode out of range");
    }

    // ------------------------------------------------------------------ files

    @Test
    void featuresFile() {
        Semihosting s = sh();
        int h = open(s, ":semihosting-features", 0);
        assertTrue(h > 0);
        assertEquals(5, call(s, Semihosting.SYS_FLEN, block(h)));
        int buf = block(0, 0, 0);
        assertEquals(3, call(s, Semihosting.SYS_READ, block(h, buf, 8)), "5 of 8 bytes read");
        assertArrayEquals(new int[] {'S', 'H', 'F', 'B', 3}, new int[] {mem.read(buf, 1), mem.read(buf + 1, 1),
            mem.read(buf + 2, 1), mem.read(buf + 3, 1), mem.read(buf + 4, 1)});
        assertEquals(0, call(s, Semihosting.SYS_SEEK, block(h, 4)));
        assertEquals(0, call(s, Semihosting.SYS_READ, block(h, buf + 8, 1)));
        assertEquals(3, mem.read(buf + 8, 1));
        assertEquals(-1, open(s, ":semihosting-features", 4), "read only");
    }

    @Test
    void hostFileRoundTrip() throws IOException {
        Semihosting s = sh();
        int w = open(s, "sub/../out.txt", 4);
        assertTrue(w > 0);
        assertEquals(0, call(s, Semihosting.SYS_WRITE, block(w, str("hello world"), 11)));
        assertEquals(0, call(s, Semihosting.SYS_CLOSE, block(w)));
        assertEquals("hello world", Files.readString(root.resolve("out.txt")));

        int a = open(s, "out.txt", 10); // a+: reads from the start, writes at the end
        assertEquals(0, call(s, Semihosting.SYS_WRITE, block(a, str("!"), 1)));
        assertEquals(12, call(s, Semihosting.SYS_FLEN, block(a)));
        assertEquals(0, call(s, Semihosting.SYS_CLOSE, block(a)));

        int r = open(s, root.resolve("out.txt").toString(), 1); // an absolute path inside the root is fine
        assertTrue(r > 0);
        assertEquals(0, call(s, Semihosting.SYS_SEEK, block(r, 6)));
        int buf = block(0, 0);
        assertEquals(0, call(s, Semihosting.SYS_READ, block(r, buf, 6)));
        assertEquals("world!", guestString(buf, 6));
        assertEquals(0, call(s, Semihosting.SYS_ISTTY, block(r)));
        assertEquals(0, call(s, Semihosting.SYS_CLOSE, block(r)));

        assertEquals(0, call(s, Semihosting.SYS_RENAME, block(str("out.txt"), 7, str("moved.txt"), 9)));
        assertTrue(Files.exists(root.resolve("moved.txt")));
        assertEquals(0, call(s, Semihosting.SYS_REMOVE, block(str("moved.txt"), 9)));
        assertFalse(Files.exists(root.resolve("moved.txt")));
        assertEquals(-1, call(s, Semihosting.SYS_REMOVE, block(str("moved.txt"), 9)));
        assertEquals(2, call(s, Semihosting.SYS_ERRNO, 0), "ENOENT");
        assertEquals(-1, open(s, "missing.txt", 0));
    }

    @Test
    void hostFilesAreConfinedToTheRoot() throws IOException {
        Path outside = Files.createTempFile("mttcgj-outside", ".txt");
        try {
            Semihosting s = sh();
            assertEquals(-1, open(s, "../" + outside.getFileName(), 0));
            assertEquals(EACCES, call(s, Semihosting.SYS_ERRNO, 0));
            assertEquals(-1, open(s, outside.toString(), 0));
            assertEquals(-1, open(s, "/etc/passwd", 0));
            // a name nobody else uses: the root's parent is the shared temp directory
            String escape = "mttcgj-escape-" + System.nanoTime();
            assertEquals(-1, open(s, "a/../../" + escape, 4));
            assertFalse(Files.exists(root.getParent().resolve(escape)));

            Files.createSymbolicLink(root.resolve("link"), outside.getParent());
            assertEquals(-1, open(s, "link/" + outside.getFileName(), 0), "a symlink out of the root");

            Files.writeString(root.resolve("in.txt"), "x");
            assertEquals(-1, call(s, Semihosting.SYS_RENAME, block(str("in.txt"), 6, str("../in.txt"), 9)));
            assertTrue(Files.exists(root.resolve("in.txt")));
            assertEquals(-1, call(s, Semihosting.SYS_REMOVE, block(str(outside.toString()), outside.toString().length())));
            assertTrue(Files.exists(outside));
        } finally {
            Files.deleteIfExists(root.resolve("link"));
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void tmpnamNamesAFileInTheRoot() {
        Semihosting s = sh();
        int buf = block(new int[64]);
        assertEquals(0, call(s, Semihosting.SYS_TMPNAM, block(buf, 7, 256)));
        String name = guestString(buf, 256);
        name = name.substring(0, name.indexOf('\0'));
        assertTrue(Path.of(name).startsWith(root), name);
        assertTrue(open(s, name, 4) > 0, "the guest may create it");
        assertEquals(-1, call(s, Semihosting.SYS_TMPNAM, block(buf, 7, 4)), "buffer too small");
    }

    // ------------------------------------------------------------------ machine

    @Test
    void exitReasons() {
        Semihosting s = sh();
        cpu.r[0] = Semihosting.SYS_EXIT;
        cpu.r[1] = 0x20026;
        assertTrue(s.handle(cpu, CpuState.EXIT_SVC, 0x123456));
        assertEquals(List.of(0), shutdowns);
        assertTrue(cpu.exitRequest);
        assertTrue(s.exitRequested());

        // The machine is going down: later calls (any vCPU) only stop their CPU.
        cpu.exitRequest = false;
        cpu.r[0] = Semihosting.SYS_WRITE0;
        cpu.r[1] = str("late");
        assertTrue(s.handle(cpu, CpuState.EXIT_SVC, 0x123456));
        assertTrue(cpu.exitRequest);
        assertEquals("", stderr.toString(StandardCharsets.US_ASCII));
        assertEquals(List.of(0), shutdowns);
    }

    int exitStatus(int op, int r1) {
        shutdowns.clear();
        Semihosting s = sh();
        cpu.r[0] = op;
        cpu.r[1] = r1;
        assertTrue(s.handle(cpu, CpuState.EXIT_SVC, 0x123456));
        assertEquals(1, shutdowns.size());
        return shutdowns.get(0);
    }

    @Test
    void exitStatuses() {
        assertEquals(1, exitStatus(Semihosting.SYS_EXIT, 0x20023), "ADP_Stopped_RunTimeErrorUnknown");
        assertEquals(1, exitStatus(Semihosting.SYS_EXIT, 0));
        assertEquals(0, exitStatus(Semihosting.SYS_EXIT_EXTENDED, block(0x20026, 0)));
        assertEquals(7, exitStatus(Semihosting.SYS_EXIT_EXTENDED, block(0x20026, 7)));
        assertEquals(44, exitStatus(Semihosting.SYS_EXIT_EXTENDED, block(0x20026, 300)), "QEMU: 300 exits 44");
        assertEquals(1, exitStatus(Semihosting.SYS_EXIT_EXTENDED, block(0x20023, 0)));
    }

    @Test
    void commandLine() {
        Semihosting s = sh();
        int buf = block(new int[8]);
        int blk = block(buf, 64);
        assertEquals(0, call(s, Semihosting.SYS_GET_CMDLINE, blk));
        assertEquals(11, mem.read(blk + 4, 4));
        assertEquals("p.elf a b c\0", guestString(buf, 12));

        int exact = block(buf, 12);
        assertEquals(0, call(s, Semihosting.SYS_GET_CMDLINE, exact), "room for the string and its NUL");
        assertEquals(-1, call(s, Semihosting.SYS_GET_CMDLINE, block(buf, 11)));
        assertEquals(ENOSPC, call(s, Semihosting.SYS_ERRNO, 0));
    }

    @Test
    void qemuCommandLineFallback() {
        assertEquals("p.elf a b c", SemihostingSettings.commandLine("p.elf", "a  b c"), "QEMU: -append \"a  b c\"");
        assertEquals("dir/k.elf", SemihostingSettings.commandLine("dir/k.elf", ""));
    }

    @Test
    void heapInfo() {
        Semihosting s = sh();
        int info = block(0, 0, 0, 0);
        assertEquals(0, call(s, Semihosting.SYS_HEAPINFO, block(info)));
        // QEMU, for an ELF ending at 0x800021a8 on 128 MiB: heap base, heap limit, stack base, stack limit.
        assertArrayEquals(new int[] {0x800021a8, 0x88000000, 0x88000000, 0x800021a8},
                new int[] {mem.read(info, 4), mem.read(info + 4, 4), mem.read(info + 8, 4), mem.read(info + 12, 4)});
    }

    @Test
    void clocks() {
        Semihosting s = sh();
        s.setCpuTimeSource(() -> 1_234_567_890L);
        assertEquals(123, call(s, Semihosting.SYS_CLOCK, 0), "centiseconds of CPU time");
        assertTrue(Semihosting.processCpuNanos() > 0);

        long now = System.currentTimeMillis() / 1000;
        int t = call(s, Semihosting.SYS_TIME, 0);
        assertTrue(Math.abs(t - now) <= 2, t + " vs " + now);

        int blk = block(0, 0);
        assertEquals(0, call(s, Semihosting.SYS_ELAPSED, blk));
        long first = Integer.toUnsignedLong(mem.read(blk, 4)) | (long) mem.read(blk + 4, 4) << 32;
        long before = System.nanoTime();
        while (System.nanoTime() - before < 2_000_000) {
            Thread.onSpinWait();
        }
        assertEquals(0, call(s, Semihosting.SYS_ELAPSED, blk));
        long second = Integer.toUnsignedLong(mem.read(blk, 4)) | (long) mem.read(blk + 4, 4) << 32;
        assertTrue(second - first >= 2_000_000, "ticks are nanoseconds: " + (second - first));
        assertEquals(1_000_000_000, call(s, Semihosting.SYS_TICKFREQ, 0));
    }

    @Test
    void refusedAndUnknownCalls() {
        Semihosting s = sh();
        assertEquals(-1, call(s, Semihosting.SYS_SYSTEM, block(str("rm -rf /"), 8)));
        assertEquals(1, call(s, Semihosting.SYS_ISERROR, block(-1)));
        assertEquals(0, call(s, Semihosting.SYS_ISERROR, block(5)));
        assertEquals(-1, call(s, 0x99, 0x1234));
        assertEquals(1, unimp.size());
        assertTrue(unimp.get(0).contains("0x99"), unimp.get(0));
    }

    /** A generic timer nobody reads: semihosting never touches it. */
    static final class NullTimer implements GenericTimerPort {
        @Override
        public int read32(int reg) {
            return 0;
        }

        @Override
        public void write32(int reg, int value) {
        }

        @Override
        public long read64(int reg) {
            return 0;
        }

        @Override
        public void write64(int reg, long value) {
        }
    }
}
