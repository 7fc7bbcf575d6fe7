package io.mttcgj.board.loader;

import io.mttcgj.memory.AddressSpace;
import io.mttcgj.memory.RamRegion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a 32-bit little-endian ARM ELF executable into guest RAM, as QEMU's {@code -kernel} does for ELF
 * files: each PT_LOAD segment goes to its physical address ({@code p_paddr}), {@code p_filesz} bytes from
 * the file and zeros up to {@code p_memsz}.
 *
 * <p>Unlike QEMU, which silently "loads" a segment into flash or unmapped space and then lets the guest
 * hang, every segment must lie inside one RAM region; the whole file is checked before anything is
 * written, so a refused image leaves memory untouched.
 */
public final class ElfLoader {
    private ElfLoader() {
    }

    static final int EHDR_SIZE = 52;
    static final int PHDR_SIZE = 32;
    static final int SHDR_SIZE = 40;
    static final int SYM_SIZE = 16;
    static final int EM_ARM = 40;
    static final int ET_EXEC = 2;
    static final int PT_LOAD = 1;
    static final int SHT_SYMTAB = 2;
    static final int STT_FUNC = 2;

    /** True if {@code data} starts with the ELF magic: such a file is loaded as ELF or refused, never as raw. */
    public static boolean isElf(byte[] data) {
        return data.length >= 4 && data[0] == 0x7f && data[1] == 'E' && data[2] == 'L' && data[3] == 'F';
    }

    /** Reads {@code file} and loads it; {@code displayName} (the path as the user typed it) names it in messages. */
    public static LoadedImage load(Path file, String displayName, AddressSpace mem) throws ImageException {
        return load(displayName, readFile(file, displayName, "kernel"), mem);
    }

    /** Reads a whole image file, turning I/O failures into one-line messages. */
    static byte[] readFile(Path file, String displayName, String what) throws ImageException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ImageException("cannot read " + what + " '" + displayName + "': no such file");
        } catch (IOException | OutOfMemoryError e) {
            throw new ImageException("cannot read " + what + " '" + displayName + "': " + e.getMessage());
        }
    }

    private record Segment(int index, long paddr, int offset, long filesz, long memsz) {
    }

    public static LoadedImage load(String name, byte[] f, AddressSpace mem) throws ImageException {
        if (!isElf(f)) {
            throw new ImageException(name + " is not an ELF file (no \\x7fELF magic)");
        }
        if (f.length < 6) {
            throw new ImageException(name + ": truncated ELF header (" + f.length + " bytes)");
        }
        if (f[4] == 2) {
            throw new ImageException(name + " is a 64-bit ELF; vexpress-a15 needs a 32-bit ARM executable");
        }
        if (f[4] != 1) {
            throw new ImageException(name + ": bad ELF header: unknown class " + (f[4] & 0xff)
                    + " (expected 1 = 32-bit)");
        }
        if (f[5] == 2) {
            throw new ImageException(name + " is a big-endian ELF; vexpress-a15 runs little-endian code"
                    + " (build with -mlittle-endian)");
        }
        if (f[5] != 1) {
            throw new ImageException(name + ": bad ELF header: unknown data encoding " + (f[5] & 0xff)
                    + " (expected 1 = little-endian)");
        }
        if (f.length < EHDR_SIZE) {
            throw new ImageException(name + ": truncated ELF header (" + f.length + " bytes; an ELF32 header is "
                    + EHDR_SIZE + ")");
        }
        int machine = u16(f, 18);
        if (machine != EM_ARM) {
            throw new ImageException(name + " is an ELF for machine " + machine + " (" + machineName(machine)
                    + "), not ARM");
        }
        int type = u16(f, 16);
        if (type != ET_EXEC) {
            throw new ImageException(name + " is an ELF " + typeName(type) + ", not an executable (ET_EXEC)"
                    + (type == 3 ? ": link it as a static, non-PIE executable (-static -no-pie)" : ": link it first"));
        }
        long phoff = u32(f, 28);
        int phentsize = u16(f, 42);
        int phnum = u16(f, 44);
        if (phnum == 0) {
            throw new ImageException(name + " has no loadable segment (no program headers)");
        }
        if (phentsize != PHDR_SIZE) {
            throw new ImageException(name + ": bad ELF header: program header size " + phentsize + " (expected "
                    + PHDR_SIZE + ")");
        }
        if (phoff + (long) phnum * PHDR_SIZE > f.length) {
            throw new ImageException(name + ": truncated ELF file: its " + phnum + " program headers end at byte "
                    + (phoff + (long) phnum * PHDR_SIZE) + " but the file has " + f.length);
        }

        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int ph = (int) phoff + i * PHDR_SIZE;
            if (u32(f, ph) != PT_LOAD) {
                continue;
            }
            long offset = u32(f, ph + 4);
            long paddr = u32(f, ph + 12);
            long filesz = u32(f, ph + 16);
            long memsz = u32(f, ph + 20);
            if (memsz == 0) {
                continue;
            }
            if (filesz > memsz) {
                throw new ImageException(String.format("%s: bad segment %d: file size 0x%x exceeds memory size 0x%x",
                        name, i, filesz, memsz));
            }
            if (offset + filesz > f.length) {
                throw new ImageException(name + ": truncated ELF file: segment " + i + " needs bytes up to "
                        + (offset + filesz) + " but the file has " + f.length);
            }
            if (paddr + memsz > 0x1_0000_0000L || !mem.isRam((int) paddr, (int) memsz)) {
                throw new ImageException(notInRam(name, i, paddr, memsz, mem));
            }
            segments.add(new Segment(i, paddr, (int) offset, filesz, memsz));
        }
        if (segments.isEmpty()) {
            throw new ImageException(name + " has no loadable segment (no PT_LOAD program header with a non-zero size)");
        }

        long low = Long.MAX_VALUE;
        long high = 0;
        byte[] zeros = new byte[(int) Math.min(64 * Sizes.KIB, maxBss(segments))];
        for (Segment s : segments) {
            mem.load((int) s.paddr, f, s.offset, (int) s.filesz);
            for (long done = s.filesz; done < s.memsz; ) {
                int n = (int) Math.min(zeros.length, s.memsz - done);
                mem.load((int) (s.paddr + done), zeros, 0, n);
                done += n;
            }
            low = Math.min(low, s.paddr);
            high = Math.max(high, s.paddr + s.memsz);
        }

        int entry = (int) u32(f, 24);
        boolean thumb = (entry & 1) != 0 || entryIsThumbFunction(f, entry);
        return new LoadedImage(entry & ~1, true, low, high, name, thumb);
    }

    private static long maxBss(List<Segment> segments) {
        long max = 1;
        for (Segment s : segments) {
            max = Math.max(max, s.memsz - s.filesz);
        }
        return max;
    }

    private static String notInRam(String name, int index, long paddr, long memsz, AddressSpace mem) {
        String where = paddr + memsz > 0x1_0000_0000L
                ? "it runs past the end of the 32-bit address space"
                : mem.isRam((int) paddr, 1)
                        ? "it starts in '" + mem.regionName((int) paddr) + "' but does not fit inside it"
                        : "it falls in '" + mem.regionName((int) paddr) + "'";
        String ramText = "";
        RamRegion ram = mem.mainRam();
        if (ram != null) {
            ramText = "; vexpress-a15 RAM is at " + Sizes.range(Integer.toUnsignedLong(ram.base),
                    Integer.toUnsignedLong(ram.size));
        }
        return String.format("%s: segment %d (%s, %s) is not in RAM (%s)%s — link the program there"
                        + " (e.g. -Ttext=0x%08x)", name, index, Sizes.range(paddr, memsz), Sizes.size(memsz),
                where, ramText, ram == null ? 0x80000000 : ram.base);
    }

    /**
     * True if the symbol table has a function symbol for {@code entry} with the Thumb bit set (an ELF whose
     * e_entry was given as a plain address, e.g. with {@code -e 0x80000000}). A missing or malformed
     * section table just means "no": symbols are optional.
     */
    static boolean entryIsThumbFunction(byte[] f, int entry) {
        long shoff = u32(f, 32);
        int shentsize = u16(f, 46);
        int shnum = u16(f, 48);
        if (shoff == 0 || shentsize != SHDR_SIZE || shoff + (long) shnum * SHDR_SIZE > f.length) {
            return false;
        }
        for (int i = 0; i < shnum; i++) {
            int sh = (int) shoff + i * SHDR_SIZE;
            if (u32(f, sh + 4) != SHT_SYMTAB) {
                continue;
            }
            long off = u32(f, sh + 16);
            long size = u32(f, sh + 20);
            if (off + size > f.length) {
                return false;
            }
            for (long p = off; p + SYM_SIZE <= off + size; p += SYM_SIZE) {
                int value = (int) u32(f, (int) p + 4);
                int info = f[(int) p + 12] & 0xff;
                if ((info & 0xf) == STT_FUNC && value == (entry | 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    static String machineName(int m) {
        return switch (m) {
            case 2 -> "SPARC";
            case 3 -> "x86";
            case 8 -> "MIPS";
            case 20 -> "PowerPC";
            case 21 -> "PowerPC64";
            case 22 -> "S/390";
            case 40 -> "ARM";
            case 42 -> "SuperH";
            case 43 -> "SPARC V9";
            case 50 -> "IA-64";
            case 62 -> "x86-64";
            case 183 -> "AArch64";
            case 243 -> "RISC-V";
            case 258 -> "LoongArch";
            default -> "unknown";
        };
    }

    private static String typeName(int t) {
        return switch (t) {
            case 0 -> "of type 0 (no file type)";
            case 1 -> "relocatable object (ET_REL)";
            case 3 -> "shared object or PIE (ET_DYN)";
            case 4 -> "core dump (ET_CORE)";
            default -> "of type " + t;
        };
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    static long u32(byte[] b, int off) {
        return Integer.toUnsignedLong((b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16
                | (b[off + 3] & 0xff) << 24);
    }
}
