package io.mttcgj.codegen.emit;

/** Emits the code for one decoded guest instruction. */
@FunctionalInterface
public interface InsnTranslator {
    void translate(Emitter e, int insn);
}
