package io.mttcgj.codegen.arm.decode;

import io.mttcgj.codegen.emit.Decoder;
import io.mttcgj.codegen.emit.InsnTranslator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A decoder built from bit-pattern rows (Dynarmic style). Rows are tried in priority order (lower
 * first), then in the order they were added; the first match wins. For speed the rows are bucketed
 * by the bits most A32 patterns fix (27:20 and 7:4), so a lookup scans only the rows that can match.
 */
public final class DecodeTable implements Decoder {
    /**
     * A row: its pattern, a name (disassembly fallback, statistics), the translator that emits bytecode
     * for it and, when the interpreter has one, the factory of its tier-0 form ({@link #attach}).
     */
    public record Row(BitPattern pattern, String name, int priority, boolean conditional, InsnTranslator translator,
            io.mttcgj.codegen.interp.OpFactory tier0) {
        boolean matches(int insn) {
            return pattern.matches(insn) && (!conditional || (insn >>> 28) != 0xf);
        }
    }

    private static final int PROBE = 0x0ff000f0;
    private final List<Row> rows = new ArrayList<>();
    private Row[][] buckets;
    private final InsnTranslator undefined;

    /** {@code undefined} handles encodings no row matches. */
    public DecodeTable(InsnTranslator undefined) {
        this.undefined = undefined;
    }

    /**
     * Adds a row. A pattern starting with "cccc" is a conditional instruction and never matches the
     * unconditional (cond = 1111) space.
     */
    public DecodeTable add(int priority, String pattern, String name, InsnTranslator t) {
        BitPattern p = BitPattern.of(pattern);
        rows.add(new Row(p, name, priority, p.pattern().startsWith("cccc"), t, null));
        buckets = null;
        return this;
    }

    /**
     * Gives every row added with exactly {@code pattern} its tier-0 form, so that the translator and the
     * interpreter decode through this one table.
     *
     * @throws IllegalArgumentException if no row has that pattern (the interpreter's table went stale)
     */
    public DecodeTable attach(String pattern, io.mttcgj.codegen.interp.OpFactory tier0) {
        String canonical = BitPattern.of(pattern).pattern();
        boolean found = false;
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (r.pattern().pattern().equals(canonical)) {
                rows.set(i, new Row(r.pattern(), r.name(), r.priority(), r.conditional(), r.translator(), tier0));
                found = true;
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no decode row has the pattern " + pattern);
        }
        buckets = null;
        return this;
    }

    private void build() {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingInt(Row::priority)); // stable: keeps insertion order within a priority
        Row[][] b = new Row[4096][];
        for (int k = 0; k < 4096; k++) {
            int bits = ((k >>> 4) << 20) | ((k & 15) << 4);
            List<Row> list = new ArrayList<>();
            for (Row r : sorted) {
                if (r.pattern().compatible(bits, PROBE)) {
                    list.add(r);
                }
            }
            b[k] = list.toArray(new Row[0]);
        }
        buckets = b;
    }

    public Row find(int insn) {
        if (buckets == null) {
            build();
        }
        for (Row r : buckets[((insn >>> 16) & 0xff0) | ((insn >>> 4) & 0xf)]) {
            if (r.matches(insn)) {
                return r;
            }
        }
        return null;
    }

    @Override
    public InsnTranslator decode(int insn) {
        Row r = find(insn);
        return r == null ? undefined : r.translator();
    }

    @Override
    public String name(int insn) {
        Row r = find(insn);
        return r == null ? "undefined" : r.name();
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }
}
