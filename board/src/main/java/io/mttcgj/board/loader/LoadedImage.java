package io.mttcgj.board.loader;

/**
 * Where an image went in guest memory.
 *
 * @param entry      first instruction address (bit 0 cleared; see {@code thumbEntry})
 * @param elf        true for an ELF executable (bare metal boot), false for a raw image (Linux boot)
 * @param lowAddr    lowest loaded address
 * @param highAddr   end (exclusive) of the loaded bytes, including zero-filled .bss: the semihosting heap
 *                   starts here
 * @param path       the file name as the user gave it
 * @param thumbEntry the CPU starts in Thumb state (the entry address had bit 0 set, or the entry is a
 *                   Thumb function symbol)
 */
public record LoadedImage(int entry, boolean elf, long lowAddr, long highAddr, String path, boolean thumbEntry) {
}
