package io.mttcgj.memory;

/**
 * Told about stores that hit a RAM page holding translated code, so the translation cache can
 * invalidate the blocks made from it. Called on the storing vCPU's thread, after the store.
 */
@FunctionalInterface
public interface CodeWriteListener {
    /** A store of {@code len} bytes at guest physical address {@code paddr} touched a code page. */
    void codeWritten(int paddr, int len);
}
