package io.mttcgj.board.semihosting;

import io.mttcgj.memory.AddressSpace;

/**
 * Guest memory as semihosting sees it: the addresses in parameter blocks are the guest's own. Today that
 * is physical memory; once the MMU exists the board supplies a view that translates virtual addresses.
 */
public interface GuestMemory {
    int read8(int addr);

    int read32(int addr);

    void write8(int addr, int value);

    void write32(int addr, int value);

    /** Copies {@code len} bytes starting at {@code addr} into {@code dst[off...]}. */
    default void readBytes(int addr, byte[] dst, int off, int len) {
        for (int i = 0; i < len; i++) {
            dst[off + i] = (byte) read8(addr + i);
        }
    }

    /** Copies {@code src[off, off + len)} to guest memory at {@code addr}. */
    default void writeBytes(int addr, byte[] src, int off, int len) {
        for (int i = 0; i < len; i++) {
            write8(addr + i, src[off + i]);
        }
    }

    /** Physical access through the bus: MMIO works, unmapped memory reads as zero and ignores writes. */
    static GuestMemory physical(AddressSpace mem) {
        return new GuestMemory() {
            @Override
            public int read8(int addr) {
                return mem.read(addr, 1);
            }

            @Override
            public int read32(int addr) {
                return mem.read(addr, 4);
            }

            @Override
            public void write8(int addr, int value) {
                mem.write(addr, 1, value);
            }

            @Override
            public void write32(int addr, int value) {
                mem.write(addr, 4, value);
            }

            @Override
            public void writeBytes(int addr, byte[] src, int off, int len) {
                if (mem.isRam(addr, len)) {
                    mem.load(addr, src, off, len); // one range copy that also invalidates translated code
                } else {
                    GuestMemory.super.writeBytes(addr, src, off, len);
                }
            }
        };
    }
}
