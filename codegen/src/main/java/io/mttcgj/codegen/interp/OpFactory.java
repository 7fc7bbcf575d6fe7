package io.mttcgj.codegen.interp;

/**
 * Makes the tier-0 form of an instruction a decode-table row matched. Attached to the same rows that
 * give the translator its handler (DecodeTable#attach), so the two tiers decode through one table.
 */
@FunctionalInterface
public interface OpFactory {
    /**
     * Thumb: set in {@code cond} when the instruction is inside an IT block ({@code cond & 15} is then the
     * condition the block gives it; outside one {@code cond} is 14). T16 data processing sets the flags
     * only outside IT blocks, so the factory needs to know.
     */
    int IN_IT = 0x10;

    /**
     * The op for {@code insn} at {@code pc}, with condition {@code cond}; null when this encoding has no
     * tier-0 form (the block then ends before it, and the instruction is compiled).
     */
    Op make(int insn, int pc, int cond);
}
