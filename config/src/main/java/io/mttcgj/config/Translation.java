package io.mttcgj.config;

/**
 * Translator limits.
 *
 * @param maxBlockInsns most guest instructions in one translated block
 * @param cacheLimit    most translated blocks kept before a full TB flush
 * @param jumpCacheBits log2 of the entries in each vCPU's jump cache
 */
public record Translation(int maxBlockInsns, int cacheLimit, int jumpCacheBits) {
}
