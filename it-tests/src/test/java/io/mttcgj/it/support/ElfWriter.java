package io.mttcgj.it.support;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes a minimal ELF32 little-endian ARM executable: the ELF header, one program header and one
 * PT_LOAD segment (read/write/execute) holding the whole image. Enough for {@code -kernel} on QEMU
 * and on our board; no sections, no symbols.
 */
public final class ElfWriter {
    public static final int EM_ARM = 40;
    static final int EF_ARM_EABI5_SOFT = 0x05000200;
    private static final int EHDR_SIZE = 52;
    private static final int PHDR_SIZE = 32;
    /** File offset of the segment: page aligned so {@code p_offset % p_align == p_vaddr % p_align}. */
    private static final int SEGMENT_OFFSET = 0x1000;

    private ElfWriter() {
    }

    /** An ELF image that loads {@code image} at {@code loadAddress} and starts at {@code entry}. */
    public static byte[] write(byte[] image, int loadAddress, int entry) {
        if ((loadAddress & 0xfff) != 0) {
            throw new IllegalArgumentException(
                    "load address must be page aligned: 0x" + Integer.toHexString(loadAddress));
        }
        ByteBuffer b = ByteBuffer.allocate(SEGMENT_OFFSET + image.length).order(ByteOrder.LITTLE_ENDIAN);
        // e_ident: magic, ELFCLASS32, ELFDATA2LSB, EV_CURRENT, OS ABI none
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        b.putShort((short) 2);              // e_type ET_EXEC
        b.putShort((short) EM_ARM);         // e_machine
        b.putInt(1);                        // e_version
        b.putInt(entry);                    // e_entry
        b.putInt(EHDR_SIZE);                // e_phoff
        b.putInt(0);                        // e_shoff: no section headers
        b.putInt(EF_ARM_EABI5_SOFT);        // e_flags
        b.putShort((short) EHDR_SIZE);      // e_ehsize
        b.putShort((short) PHDR_SIZE);      // e_phentsize
        b.putShort((short) 1);              // e_phnum
        b.putShort((short) 40);             // e_shentsize (unused, the conventional value)
        b.putShort((short) 0);              // e_shnum
        b.putShort((short) 0);              // e_shstrndx
        // program header: PT_LOAD, flags R|W|X
        b.putInt(1);
        b.putInt(SEGMENT_OFFSET);
        b.putInt(loadAddress);              // p_vaddr
        b.putInt(loadAddress);              // p_paddr
        b.putInt(image.length);             // p_filesz
        b.putInt(image.length);             // p_memsz
        b.putInt(7);
        b.putInt(0x1000);                   // p_align
        b.position(SEGMENT_OFFSET);
        b.put(image);
        return b.array();
    }
}
