package io.mttcgj.memory;

import io.mttcgj.platform.MmioDevice;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The guest physical address space: RAM regions, MMIO regions and read-as-zero regions.
 *
 * <p>Map everything (and call the setters) while building the board, before vCPU threads start;
 * after that the address space is used concurrently by all vCPUs and is not re-mapped.
 *
 * <p>Accesses of any size (1, 2, 4) and alignment are accepted by {@link #read}/{@link #write};
 * unaligned ones are split into naturally aligned pieces, combined little-endian. Unmapped
 * addresses read as zero and ignore writes, as on QEMU's vexpress-a15, with a line on the
 * guest-error log (QEMU's {@code -d guest_errors}).
 *
 * <p>Region sizes and bases are unsigned 32-bit values; a region must be 4-byte aligned and a
 * multiple of 4 bytes long (RAM: of 4 KiB), so an aligned access never straddles two regions.
 */
public final class AddressSpace {
    private static final Consumer<String> DISCARD = s -> { };

    /** Sorted by base address (unsigned); replaced, never modified, when a region is added. */
    private volatile Mapping[] maps = new Mapping[0];
    /** The region mapped as "ram": checked before the region search on every generic access. */
    private RamRegion mainRam;
    private volatile CodeWriteListener codeWriteListener;
    private volatile Consumer<String> guestErrorLog = DISCARD;
    public AddressSpace() {
    }

    // ---------------------------------------------------------------- mapping

    public RamRegion mapRam(String name, int base, int size) {
        RamRegion ram = new RamRegion(name, base, size);
        add(new Mapping(name, base, size, ram, null));
        if ("ram".equals(name)) {
            mainRam = ram;
        }
        return ram;
    }

    /**
     * Maps a RAM region that another address space already owns: vCPUs each have their own address
     * space (the A15 private peripherals are banked per core) but share the RAM behind it.
     */
    public RamRegion mapSharedRam(RamRegion ram) {
        add(new Mapping(ram.name, ram.base, ram.size, ram, null));
        if ("ram".equals(ram.name)) {
            mainRam = ram;
        }
        return ram;
    }

    public void mapMmio(String name, int base, int size, MmioDevice dev) {
        Objects.requireNonNull(dev, "device for MMIO region " + name);
        add(new Mapping(name, base, size, null, dev));
    }

    /** A region that reads as zero and ignores writes (logged as guest errors), e.g. empty flash. */
    public void mapZero(String name, int base, int size) {
        add(new Mapping(name, base, size, null, null));
    }

    private synchronized void add(Mapping m) {
        if (m.size() == 0 || (m.size() & 3) != 0 || (m.base() & 3) != 0) {
            throw new IllegalArgumentException(String.format(
                    "region '%s': base 0x%08x and size 0x%x must be non-zero multiples of 4",
                    m.name(), m.base(), Integer.toUnsignedLong(m.size())));
        }
        if (m.end() > 0x1_0000_0000L) {
            throw new IllegalArgumentException(String.format(
                    "region '%s' at 0x%08x, size 0x%x runs past the end of the 32-bit address space",
                    m.name(), m.base(), Integer.toUnsignedLong(m.size())));
        }
        for (Mapping o : maps) {
            if (m.start() < o.end() && o.start() < m.end()) {
                throw new IllegalArgumentException(String.format(
                        "region '%s' [0x%08x, 0x%09x) overlaps region '%s' [0x%08x, 0x%09x)",
                        m.name(), m.start(), m.end(), o.name(), o.start(), o.end()));
            }
        }
        Mapping[] next = Arrays.copyOf(maps, maps.length + 1);
        next[next.length - 1] = m;
        Arrays.sort(next, (a, b) -> Long.compare(a.start(), b.start()));
        maps = next;
    }

    /** The region containing {@code paddr}, or null. */
    private Mapping find(int paddr) {
        Mapping[] ms = maps;
        int lo = 0;
        int hi = ms.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Mapping m = ms[mid];
            if (Integer.compareUnsigned(paddr, m.base()) < 0) {
                hi = mid - 1;
            } else if (m.contains(paddr)) {
                return m;
            } else {
                lo = mid + 1;
            }
        }
        return null;
    }

    public RamRegion mainRam() {
        return mainRam;
    }

    public RamRegion ramAt(int paddr) {
        RamRegion r = mainRam;
        if (r != null && r.contains(paddr)) {
            return r;
        }
        Mapping m = find(paddr);
        return m == null ? null : m.ram();
    }

    public String regionName(int paddr) {
        Mapping m = find(paddr);
        return m == null ? "unmapped" : m.name();
    }

    // ---------------------------------------------------------------- configuration

    public void setCodeWriteListener(CodeWriteListener l) {
        codeWriteListener = l;
    }

    public void setGuestErrorLog(Consumer<String> log) {
        guestErrorLog = log == null ? DISCARD : log;
    }


    // ---------------------------------------------------------------- generic access

    /** Reads 1, 2 or 4 bytes, zero-extended, at any address and alignment. */
    public int read(int paddr, int size) {
        RamRegion r = mainRam;
        if (r != null && (paddr & (size - 1)) == 0) {
            int off = paddr - r.base;
            if (Integer.compareUnsigned(off, r.size) < 0) {
                return ramRead(r, off, size);
            }
        }
        return readAny(paddr, size);
    }

    /** Writes the low 1, 2 or 4 bytes of {@code value} at any address and alignment. */
    public void write(int paddr, int size, int value) {
        RamRegion r = mainRam;
        if (r != null && (paddr & (size - 1)) == 0) {
            int off = paddr - r.base;
            if (Integer.compareUnsigned(off, r.size) < 0) {
                ramWrite(r, off, size, value);
                if (r.codePages[off >>> RamRegion.CODE_SHIFT] != 0) {
                    notifyCode(paddr, size);
                }
                return;
            }
        }
        if (writeAny(paddr, size, value)) {
            notifyCode(paddr, size);
        }
    }

    /** Two 32-bit reads, low word first (ARMv7 LDRD is not single-copy atomic as a whole). */
    public long read64(int paddr) {
        long lo = Integer.toUnsignedLong(readAny(paddr, 4));
        long hi = Integer.toUnsignedLong(readAny(paddr + 4, 4));
        return (hi << 32) | lo;
    }

    /** Two 32-bit writes, low word first; one code-write notification covering all 8 bytes. */
    public void write64(int paddr, long value) {
        boolean code = writeAny(paddr, 4, (int) value);
        code |= writeAny(paddr + 4, 4, (int) (value >>> 32));
        if (code) {
            notifyCode(paddr, 8);
        }
    }

    private static int ramRead(RamRegion r, int off, int size) {
        switch (size) {
            case 4: return r.read32(off);
            case 2: return r.read16(off);
            case 1: return r.read8(off);
            default: throw badSize(size);
        }
    }

    private static void ramWrite(RamRegion r, int off, int size, int value) {
        switch (size) {
            case 4: r.write32(off, value); break;
            case 2: r.write16(off, value); break;
            case 1: r.write8(off, value); break;
            default: throw badSize(size);
        }
    }

    private static IllegalArgumentException badSize(int size) {
        return new IllegalArgumentException("memory access size must be 1, 2 or 4 bytes, not " + size);
    }

    private static int sizeMask(int size) {
        switch (size) {
            case 4: return -1;
            case 2: return 0xffff;
            case 1: return 0xff;
            default: throw badSize(size);
        }
    }

    /** Largest naturally aligned access (4, 2, 1) that starts at {@code addr} and fits in {@code remaining}. */
    private static int pieceSize(int addr, int remaining) {
        if ((addr & 3) == 0 && remaining >= 4) {
            return 4;
        }
        if ((addr & 1) == 0 && remaining >= 2) {
            return 2;
        }
        return 1;
    }

    private int readAny(int paddr, int size) {
        sizeMask(size);
        if ((paddr & (size - 1)) == 0) {
            return readAligned(paddr, size);
        }
        int result = 0;
        for (int done = 0; done < size; ) {
            int piece = pieceSize(paddr + done, size - done);
            result |= readAligned(paddr + done, piece) << (8 * done);
            done += piece;
        }
        return result;
    }

    /** Returns true if the store touched a RAM page marked as code. */
    private boolean writeAny(int paddr, int size, int value) {
        sizeMask(size);
        if ((paddr & (size - 1)) == 0) {
            return writeAligned(paddr, size, value);
        }
        boolean code = false;
        for (int done = 0; done < size; ) {
            int piece = pieceSize(paddr + done, size - done);
            code |= writeAligned(paddr + done, piece, value >>> (8 * done));
            done += piece;
        }
        return code;
    }

    private int readAligned(int paddr, int size) {
        Mapping m = find(paddr);
        if (m == null) {
            guestError("Invalid read at addr 0x%08X, size %d, region '(null)': unmapped, reads as 0",
                    paddr, size);
            return 0;
        }
        int off = paddr - m.base();
        if (m.ram() != null) {
            return ramRead(m.ram(), off, size);
        }
        if (m.device() != null) {
            return m.device().read(off, size) & sizeMask(size);
        }
        return 0;
    }

    private boolean writeAligned(int paddr, int size, int value) {
        Mapping m = find(paddr);
        if (m == null) {
            guestError("Invalid write at addr 0x%08X, size %d, value 0x%X, region '(null)': unmapped, ignored",
                    paddr, size, value & sizeMask(size));
            return false;
        }
        int off = paddr - m.base();
        RamRegion r = m.ram();
        if (r != null) {
            ramWrite(r, off, size, value);
            return r.codePages[off >>> RamRegion.CODE_SHIFT] != 0;
        }
        if (m.device() != null) {
            m.device().write(off, size, value & sizeMask(size));
        } else {
            guestError("Write to read-as-zero region '%s' at addr 0x%08X, size %d, value 0x%X ignored",
                    m.name(), paddr, size, value & sizeMask(size));
        }
        return false;
    }

    private void notifyCode(int paddr, int len) {
        CodeWriteListener l = codeWriteListener;
        if (l != null) {
            l.codeWritten(paddr, len);
        }
    }

    private void guestError(String format, Object... args) {
        Consumer<String> log = guestErrorLog;
        if (log != DISCARD) {
            log.accept(String.format(format, args));
        }
    }

    // ---------------------------------------------------------------- exclusives

    /**
     * Compare-and-exchange for STREX/STREXH/STREXB: if the naturally aligned 1, 2 or 4 bytes at
     * {@code paddr} still hold {@code expected} (the value LDREX saw), store {@code update}.
     * Returns the value found (the witness); the store happened exactly when it equals
     * {@code expected} (masked to the access size). Atomic for RAM, including against
     * concurrent sub-word stores to the same word. Outside RAM (MMIO, flash, unmapped) it is a
     * plain read, compare and write: there is nothing to be atomic with.
     *
     * @throws IllegalArgumentException if {@code paddr} is unaligned (ARM raises an alignment
     *     fault for unaligned exclusives: the CPU must check before calling)
     */
    public int cas(int paddr, int size, int expected, int update) {
        int mask = sizeMask(size);
        if ((paddr & (size - 1)) != 0) {
            throw new IllegalArgumentException(String.format(
                    "unaligned exclusive access of %d bytes at 0x%08X", size, paddr));
        }
        expected &= mask;
        update &= mask;
        RamRegion r = ramAt(paddr);
        if (r == null) {
            int found = readAny(paddr, size);
            if (found == expected) {
                writeAny(paddr, size, update);
            }
            return found;
        }
        int off = paddr - r.base;
        int witness;
        if (size == 4) {
            witness = r.cas32(off, expected, update);
        } else {
            int shift = (off & 3) << 3;
            witness = r.casSubword(off, shift, mask << shift, expected, update);
        }
        if (witness == expected && r.codePages[off >>> RamRegion.CODE_SHIFT] != 0) {
            notifyCode(paddr, size);
        }
        return witness;
    }

    /**
     * A 64-bit read that is atomic with respect to {@link #cas64} (LDREXD: Linux's atomic64_read relies
     * on it). Outside RAM, two 32-bit reads.
     */
    public long read64Atomic(int paddr) {
        RamRegion r = ramAt(paddr);
        if (r == null || (paddr & 7) != 0) {
            return read64(paddr);
        }
        return r.read64Atomic(paddr - r.base);
    }

    /**
     * 64-bit compare-and-exchange for STREXD on the 8-aligned doubleword at {@code paddr} (low word
     * first): a host 64-bit CAS, so atomic with respect to every other access to the doubleword.
     * Returns the doubleword found; the store happened exactly when it equals {@code expected}.
     *
     * @throws IllegalArgumentException if {@code paddr} is not 8-aligned (an alignment fault on ARM)
     */
    public long cas64(int paddr, long expected, long update) {
        if ((paddr & 7) != 0) {
            throw new IllegalArgumentException(String.format(
                    "unaligned 64-bit exclusive access at 0x%08X", paddr));
        }
        RamRegion r = ramAt(paddr);
        if (r == null) {
            long found = read64(paddr);
            if (found == expected) {
                write64(paddr, update);
            }
            return found;
        }
        long witness = r.cas64(paddr - r.base, expected, update);
        if (witness == expected && r.codePages[(paddr - r.base) >>> RamRegion.CODE_SHIFT] != 0) {
            notifyCode(paddr, 8);
        }
        return witness;
    }

    // ---------------------------------------------------------------- loader and code pages

    /** True if the whole range [paddr, paddr + len) lies inside one RAM region. */
    public boolean isRam(int paddr, int len) {
        if (len < 0) {
            return false;
        }
        RamRegion r = ramAt(paddr);
        if (r == null) {
            return false;
        }
        long off = Integer.toUnsignedLong(paddr - r.base);
        return off + len <= Integer.toUnsignedLong(r.size);
    }

    /**
     * Copies {@code data[off, off + len)} into RAM at {@code paddr} (image loading, semihosting reads).
     *
     * @throws IllegalArgumentException naming the range if it is not inside one RAM region
     */
    public void load(int paddr, byte[] data, int off, int len) {
        Objects.checkFromIndexSize(off, len, data.length);
        if (!isRam(paddr, len)) {
            throw new IllegalArgumentException(String.format(
                    "cannot load %d bytes at 0x%08X-0x%08X: not inside one RAM region (start is in '%s')",
                    len, paddr, paddr + len - 1, regionName(paddr)));
        }
        if (len == 0) {
            return;
        }
        RamRegion r = ramAt(paddr);
        int ro = paddr - r.base;
        int i = 0;
        for (; i < len && ((ro + i) & 3) != 0; i++) {
            r.write8(ro + i, data[off + i]);
        }
        for (; i + 4 <= len; i += 4) {
            int p = off + i;
            r.write32(ro + i, (data[p] & 0xff) | (data[p + 1] & 0xff) << 8
                    | (data[p + 2] & 0xff) << 16 | (data[p + 3] & 0xff) << 24);
        }
        for (; i < len; i++) {
            r.write8(ro + i, data[off + i]);
        }
        if (r.isCode(ro, len)) {
            notifyCode(paddr, len);
        }
    }

    /** Records that translated code was made from the page holding {@code paddr}; ignored outside RAM. */
    public void markCode(int paddr) {
        RamRegion r = ramAt(paddr);
        if (r != null) {
            r.markCodePage(paddr - r.base);
        }
    }

    /** Clears the page's code mark once no translated code from it remains; ignored outside RAM. */
    public void unmarkCode(int paddr) {
        RamRegion r = ramAt(paddr);
        if (r != null) {
            r.clearCodePage(paddr - r.base);
        }
    }

    /** True if the page holding {@code paddr} is RAM marked as code. */
    public boolean isCodePage(int paddr) {
        RamRegion r = ramAt(paddr);
        return r != null && r.isCode(paddr - r.base, 1);
    }

    /** One line per region, in address order, like QEMU's {@code info mtree}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Mapping m : maps) {
            sb.append(String.format("%08x-%08x %-4s %s%n", m.start(), m.end() - 1, m.kind(), m.name()));
        }
        return sb.toString();
    }
}
