package io.mttcgj.board.loader;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Builds small ELF32 files byte by byte, following the ELF specification's header layouts. */
final class ElfBuilder {
    int elfClass = 1;
    int data = 1;
    int type = 2;
    int machine = 40;
    int entry = 0x80000000;
    /** Extra program headers with p_type != PT_LOAD are ignored by the loader; used to test that. */
    final List<int[]> segments = new ArrayList<>(); // {type, paddr, memsz, dataIndex}
    final List<byte[]> contents = new ArrayList<>();
    /** Function symbols (st_value) to put in a .symtab section, or null for no section table. */
    int[] funcSymbols;

    ElfBuilder load(int paddr, byte[] bytes, int memsz) {
        return segment(1, paddr, bytes, memsz);
    }

    ElfBuilder segment(int ptype, int paddr, byte[] bytes, int memsz) {
        segments.add(new int[] {ptype, paddr, memsz, contents.size()});
        contents.add(bytes);
        return this;
    }

    byte[] build() {
        int phoff = 52;
        int dataOff = phoff + 32 * segments.size();
        int size = dataOff;
        for (byte[] c : contents) {
            size += c.length;
        }
        int symOff = size;
        int shoff = 0;
        if (funcSymbols != null) {
            size += 16 * (funcSymbols.length + 1);
            shoff = size;
            size += 40 * 2; // null section + .symtab
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) elfClass, (byte) data, 1, 0});
        b.position(16);
        b.putShort((short) type).putShort((short) machine).putInt(1).putInt(entry).putInt(phoff).putInt(shoff)
                .putInt(0x05000200).putShort((short) 52).putShort((short) 32).putShort((short) segments.size())
                .putShort((short) 40).putShort((short) (funcSymbols == null ? 0 : 2)).putShort((short) 0);
        int off = dataOff;
        for (int[] s : segments) {
            byte[] c = contents.get(s[3]);
            b.putInt(s[0]).putInt(off).putInt(s[1]).putInt(s[1]).putInt(c.length).putInt(s[2]).putInt(5).putInt(4);
            off += c.length;
        }
        for (byte[] c : contents) {
            b.put(c);
        }
        if (funcSymbols != null) {
            b.position(symOff + 16); // symbol 0 is the null symbol
            for (int v : funcSymbols) {
                b.putInt(0).putInt(v).putInt(4).put((byte) 0x12).put((byte) 0).putShort((short) 1); // GLOBAL FUNC
            }
            b.position(shoff + 40);
            b.putInt(0).putInt(2).putInt(0).putInt(0).putInt(symOff).putInt(16 * (funcSymbols.length + 1))
                    .putInt(0).putInt(1).putInt(4).putInt(16);
        }
        return b.array();
    }
}
