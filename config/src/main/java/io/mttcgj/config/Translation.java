package io.mttcgj.config;

/**
 * Translator limits and the execution tiers.
 *
 * @param maxBlockInsns most guest instructions in one translated block
 * @param cacheLimit    most translated blocks kept before a full TB flush
 * @param jumpCacheBits log2 of the entries in each vCPU's jump cache
 * @param tiers         which tiers run guest code
 * @param promoteAfter  runs of an interpreted block after which it is compiled (with {@link Tiers#MIXED})
 * @param compileThread compile hot blocks on a background thread while the vCPU goes on interpreting them
 *                      (false: on the vCPU's own thread; -icount always does that)
 */
public record Translation(int maxBlockInsns, int cacheLimit, int jumpCacheBits, Tiers tiers, int promoteAfter,
        boolean compileThread) {
    /** Which execution tiers run guest code. */
    public enum Tiers {
        /** New blocks are interpreted (tier 0) and compiled to bytecode (tier 1) once they prove hot. */
        MIXED,
        /** Blocks are interpreted and never promoted; instructions without a tier-0 form are still compiled. */
        INTERPRET,
        /** Every block is compiled at once (no tier 0). */
        COMPILE
    }

    /** The defaults' tiering with the given limits. */
    public Translation(int maxBlockInsns, int cacheLimit, int jumpCacheBits) {
        this(maxBlockInsns, cacheLimit, jumpCacheBits, Tiers.MIXED, DEFAULT_PROMOTE_AFTER, true);
    }

    public static final int DEFAULT_PROMOTE_AFTER = 5000;
}
