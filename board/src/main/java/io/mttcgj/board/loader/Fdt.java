package io.mttcgj.board.loader;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A flattened device tree (the DTB format of the Devicetree Specification, chapter 5) read into a mutable
 * tree and written back. Versions 16 and 17 are read; version 17 is written, compactly (header, memory
 * reservation block, structure block, strings block, with the reservations and boot CPU kept). NOP tokens
 * are dropped on reading.
 *
 * <p>Property and node order are kept, and new ones go first in their node, as libfdt (which QEMU uses)
 * inserts them, so that a tree patched here lists like QEMU's.
 */
public final class Fdt {
    static final int MAGIC = 0xd00dfeed;
    static final int HEADER_SIZE = 40;
    private static final int BEGIN_NODE = 1;
    private static final int END_NODE = 2;
    private static final int PROP = 3;
    private static final int NOP = 4;
    private static final int END = 9;

    /** A node: its name (with any {@code @unit-address}; "" for the root), properties and children in order. */
    public static final class Node {
        private final String name;
        private final List<Property> properties = new ArrayList<>();
        private final List<Node> children = new ArrayList<>();

        public Node(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        public List<Property> properties() {
            return properties;
        }

        public List<Node> children() {
            return children;
        }

        public Property property(String propName) {
            for (Property p : properties) {
                if (p.name().equals(propName)) {
                    return p;
                }
            }
            return null;
        }

        public Node child(String childName) {
            for (Node c : children) {
                if (c.name.equals(childName)) {
                    return c;
                }
            }
            return null;
        }

        /** Sets a property: in place if it exists, else as the node's first property (libfdt's order). */
        public void set(String propName, byte[] value) {
            for (int i = 0; i < properties.size(); i++) {
                if (properties.get(i).name().equals(propName)) {
                    properties.set(i, new Property(propName, value));
                    return;
                }
            }
            properties.add(0, new Property(propName, value));
        }

        /** Adds a child before the existing ones (libfdt's order) and returns it. */
        public Node addFirstChild(String childName) {
            Node n = new Node(childName);
            children.add(0, n);
            return n;
        }
    }

    /** A property; {@code value} is raw big-endian bytes. */
    public record Property(String name, byte[] value) {
        /** The value as one 32-bit cell, or null if it is not 4 bytes long. */
        public Long cell() {
            return value.length == 4 ? Integer.toUnsignedLong(be32(value, 0)) : null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Property p && p.name.equals(name) && Arrays.equals(p.value, value);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return name + " = [" + HexFormat.of().formatHex(value) + "]";
        }
    }

    /** A /memreserve/ entry. */
    public record Reservation(long address, long size) {
    }

    private final Node root;
    private final List<Reservation> reservations;
    private final int bootCpu;

    public Fdt(Node root, List<Reservation> reservations, int bootCpu) {
        this.root = root;
        this.reservations = new ArrayList<>(reservations);
        this.bootCpu = bootCpu;
    }

    public Node root() {
        return root;
    }

    public List<Reservation> reservations() {
        return reservations;
    }

    /** The node at an absolute path such as {@code /chosen} or {@code /cpus/cpu@0}, or null. */
    public Node find(String path) {
        Node n = root;
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                n = n.child(part);
                if (n == null) {
                    return null;
                }
            }
        }
        return n;
    }

    /**
     * Reads a DTB. {@code displayName} (the file name as the user gave it) starts every error message.
     *
     * @throws ImageException for anything that is not a complete, well-formed version 16/17 blob
     */
    public static Fdt parse(String displayName, byte[] d) throws ImageException {
        String what = "dtb '" + displayName + "'";
        if (d.length < 8 || be32(d, 0) != MAGIC) {
            throw new ImageException(what + " is not a flattened device tree blob (no 0xd00dfeed magic);"
                    + " compile .dts sources with dtc");
        }
        long total = Integer.toUnsignedLong(be32(d, 4));
        if (d.length < HEADER_SIZE || total > d.length) {
            throw new ImageException(what + " is truncated: its header says " + total + " bytes but the file has "
                    + d.length);
        }
        if (total < HEADER_SIZE) {
            throw new ImageException(what + " is corrupt: its header gives a total size of " + total + " bytes");
        }
        int version = be32(d, 20);
        int lastCompatible = be32(d, 24);
        if (version < 16 || lastCompatible > 17) {
            throw new ImageException(what + " has device tree format version " + version + " (compatible with "
                    + lastCompatible + "); versions 16 and 17 are supported: recompile it with a current dtc");
        }
        long structOff = Integer.toUnsignedLong(be32(d, 8));
        long stringsOff = Integer.toUnsignedLong(be32(d, 12));
        long rsvOff = Integer.toUnsignedLong(be32(d, 16));
        long stringsSize = Integer.toUnsignedLong(be32(d, 32));
        long structSize = version >= 17 ? Integer.toUnsignedLong(be32(d, 36)) : total - structOff;
        if (structOff + structSize > total || stringsOff + stringsSize > total || rsvOff + 16 > total) {
            throw new ImageException(what + " is corrupt: its blocks lie outside its " + total + " bytes");
        }
        Reader r = new Reader(what, d, (int) structOff, (int) (structOff + structSize), (int) stringsOff,
                (int) (stringsOff + stringsSize));
        List<Reservation> rsv = new ArrayList<>();
        for (int p = (int) rsvOff; ; p += 16) {
            if (p + 16 > total) {
                throw new ImageException(what + " is corrupt: its memory reservation list has no end");
            }
            long addr = be64(d, p);
            long size = be64(d, p + 8);
            if (addr == 0 && size == 0) {
                break;
            }
            rsv.add(new Reservation(addr, size));
        }
        Node root = r.readTree();
        return new Fdt(root, rsv, be32(d, 28));
    }

    /** Walks the structure block. */
    private static final class Reader {
        private final String what;
        private final byte[] d;
        private int pos;
        private final int end;
        private final int stringsStart;
        private final int stringsEnd;

        Reader(String what, byte[] d, int start, int end, int stringsStart, int stringsEnd) {
            this.what = what;
            this.d = d;
            this.pos = start;
            this.end = end;
            this.stringsStart = stringsStart;
            this.stringsEnd = stringsEnd;
        }

        private ImageException corrupt(String why) {
            return new ImageException(what + " is corrupt: " + why);
        }

        private int token() throws ImageException {
            while (true) {
                if (pos + 4 > end) {
                    throw corrupt("its structure block ends without an END token");
                }
                int t = be32(d, pos);
                pos += 4;
                if (t != NOP) {
                    return t;
                }
            }
        }

        Node readTree() throws ImageException {
            if (token() != BEGIN_NODE) {
                throw corrupt("its structure block does not start with the root node");
            }
            Node root = readNode();
            if (token() != END) {
                throw corrupt("data follows the root node");
            }
            return root;
        }

        /** After BEGIN_NODE: the name, then properties and children up to the matching END_NODE. */
        private Node readNode() throws ImageException {
            String name = string(pos, end, "a node name");
            pos = align4(pos + name.getBytes(StandardCharsets.UTF_8).length + 1);
            Node node = new Node(name);
            while (true) {
                int t = token();
                switch (t) {
                    case PROP -> {
                        if (pos + 8 > end) {
                            throw corrupt("a property of node '" + name + "' is cut off");
                        }
                        int len = be32(d, pos);
                        int nameOff = be32(d, pos + 4);
                        pos += 8;
                        if (len < 0 || pos + (long) len > end) {
                            throw corrupt("a property of node '" + name + "' runs past the structure block");
                        }
                        if (nameOff < 0 || stringsStart + (long) nameOff >= stringsEnd) {
                            throw corrupt("a property name of node '" + name + "' lies outside the strings block");
                        }
                        String propName = string(stringsStart + nameOff, stringsEnd, "a property name");
                        node.properties.add(new Property(propName, Arrays.copyOfRange(d, pos, pos + len)));
                        pos = align4(pos + len);
                    }
                    case BEGIN_NODE -> node.children.add(readNode());
                    case END_NODE -> {
                        return node;
                    }
                    default -> throw corrupt(String.format("bad token 0x%x at offset 0x%x", t, pos - 4));
                }
            }
        }

        private String string(int from, int limit, String kind) throws ImageException {
            int z = from;
            while (z < limit && d[z] != 0) {
                z++;
            }
            if (z >= limit) {
                throw corrupt(kind + " has no terminating NUL");
            }
            return new String(d, from, z - from, StandardCharsets.UTF_8);
        }
    }

    /** The blob: header, reservations, structure block, strings block (property names shared). */
    public byte[] toBytes() {
        ByteArrayOutputStream struct = new ByteArrayOutputStream();
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        Map<String, Integer> stringOffsets = new HashMap<>();
        writeNode(root, struct, strings, stringOffsets);
        put32(struct, END);

        int rsvOff = HEADER_SIZE; // 8-aligned, as the format asks of the reservation block
        int rsvSize = (reservations.size() + 1) * 16;
        int structOff = rsvOff + rsvSize;
        int stringsOff = structOff + struct.size();
        int total = stringsOff + strings.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream(total);
        for (int v : new int[] {MAGIC, total, structOff, stringsOff, rsvOff, 17, 16, bootCpu, strings.size(),
                struct.size()}) {
            put32(out, v);
        }
        for (Reservation r : reservations) {
            put64(out, r.address());
            put64(out, r.size());
        }
        put64(out, 0);
        put64(out, 0);
        out.writeBytes(struct.toByteArray());
        out.writeBytes(strings.toByteArray());
        return out.toByteArray();
    }

    private static void writeNode(Node n, ByteArrayOutputStream s, ByteArrayOutputStream strings,
                                  Map<String, Integer> offsets) {
        put32(s, BEGIN_NODE);
        putPadded(s, (n.name + "\0").getBytes(StandardCharsets.UTF_8));
        for (Property p : n.properties) {
            Integer off = offsets.get(p.name());
            if (off == null) {
                off = strings.size();
                offsets.put(p.name(), off);
                strings.writeBytes((p.name() + "\0").getBytes(StandardCharsets.UTF_8));
            }
            put32(s, PROP);
            put32(s, p.value().length);
            put32(s, off);
            putPadded(s, p.value());
        }
        for (Node c : n.children) {
            writeNode(c, s, strings, offsets);
        }
        put32(s, END_NODE);
    }

    /** {@code cells} 32-bit big-endian cells holding {@code value} (QEMU's "sized cells"), or null if it does not fit. */
    public static byte[] cells(int cells, long value) {
        if (cells < 2 && (value >>> 32) != 0) {
            return null;
        }
        byte[] b = new byte[4 * cells];
        for (int i = 0; i < cells && i < 2; i++) {
            long word = value >>> (32 * i);
            int at = 4 * (cells - 1 - i);
            b[at] = (byte) (word >>> 24);
            b[at + 1] = (byte) (word >>> 16);
            b[at + 2] = (byte) (word >>> 8);
            b[at + 3] = (byte) word;
        }
        return b;
    }

    /** A NUL-terminated string property value. */
    public static byte[] string(String s) {
        return (s + "\0").getBytes(StandardCharsets.UTF_8);
    }

    private static void putPadded(ByteArrayOutputStream s, byte[] b) {
        s.writeBytes(b);
        for (int i = b.length; (i & 3) != 0; i++) {
            s.write(0);
        }
    }

    private static void put32(ByteArrayOutputStream s, int v) {
        s.write(v >>> 24);
        s.write(v >>> 16);
        s.write(v >>> 8);
        s.write(v);
    }

    private static void put64(ByteArrayOutputStream s, long v) {
        put32(s, (int) (v >>> 32));
        put32(s, (int) v);
    }

    private static int align4(int v) {
        return (v + 3) & ~3;
    }

    static int be32(byte[] b, int off) {
        return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }

    private static long be64(byte[] b, int off) {
        return (long) be32(b, off) << 32 | Integer.toUnsignedLong(be32(b, off + 4));
    }
}
