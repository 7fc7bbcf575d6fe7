package io.mttcgj.devices;

/**
 * Byte and halfword access to devices whose registers are 32 bits wide, as QEMU's memory core does
 * for a device with a 4-byte minimum access size: a narrow read returns the addressed lane of the
 * word, a narrow write writes the word with the value shifted into that lane.
 */
final class WordRegisters {
    private WordRegisters() {
    }

    static int lane(int word, int offset, int size) {
        if (size >= 4) {
            return word;
        }
        int shifted = word >>> ((offset & 3) * 8);
        return size == 1 ? shifted & 0xff : shifted & 0xffff;
    }

    static int toWord(int value, int offset, int size) {
        if (size >= 4) {
            return value;
        }
        int masked = size == 1 ? value & 0xff : value & 0xffff;
        return masked << ((offset & 3) * 8);
    }
}
